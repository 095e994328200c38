package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

// Label Studio round trip: export pre-annotated tasks, accept every
// pre-annotation as an annotator would (the predictions become the
// annotations, in the export shape), read the export back as labels, and
// evaluate the same model on them: every head must agree perfectly, which
// fails if a head, a value or an article id is lost or renamed on the way.
func TestLabelStudioRoundTrip(t *testing.T) {
	dir := t.TempDir()
	tasksPath, cfgPath := filepath.Join(dir, "tasks.json"), filepath.Join(dir, "config.xml")
	in := filepath.Join(corpusDir, "wire")
	_, errs, code := cli(t, "", "export", "--label-studio", "-o", tasksPath, "--config", cfgPath, in)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	cfg := readFile(t, cfgPath)
	for _, want := range []string{`<Choices name="israel" toName="text" choice="single-radio"`, `<Choices name="frames" toName="text" choice="multiple"`, `<Choice value="iran-aligned"/>`, `<Text name="text" value="$text"/>`} {
		if !strings.Contains(cfg, want) {
			t.Errorf("config lacks %s", want)
		}
	}
	var tasks []labels.LSTask
	if err := json.Unmarshal([]byte(readFile(t, tasksPath)), &tasks); err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 65 {
		t.Fatalf("%d tasks, want the 65 wire articles", len(tasks))
	}
	for i := range tasks {
		tk := &tasks[i]
		if len(tk.Predictions) != 1 || tk.Data["text"] == "" || tk.Data["id"] == "" {
			t.Fatalf("task %d: %+v", i, tk)
		}
		p := tk.Predictions[0]
		if p.Score <= 0 || p.Score > 1 || p.ModelVersion == "" {
			t.Errorf("task %v: prediction score %v, version %q", tk.Data["id"], p.Score, p.ModelVersion)
		}
		for _, r := range p.Result {
			if r.Type != "choices" || r.ToName != "text" || !strings.Contains(cfg, `name="`+r.FromName+`"`) || r.Score == nil {
				t.Errorf("task %v: result %+v does not match the config", tk.Data["id"], r)
			}
		}
		tk.Annotations = []labels.LSAnnotation{{Result: p.Result, CreatedAt: "2026-11-30T00:00:00Z", UpdatedAt: "2026-11-30T00:00:00Z"}}
	}
	b, _ := json.Marshal(tasks)
	exp := filepath.Join(dir, "export.json")
	os.WriteFile(exp, b, 0o644)
	out, errs, code := cli(t, "", "eval", "--json", "--corpus", in, "--labels", exp)
	if code != 0 {
		t.Fatalf("eval --labels export.json: exit %d: %s", code, errs)
	}
	var rep struct {
		Heads []struct {
			Head     string  `json:"head"`
			N        int     `json:"n"`
			Accuracy float64 `json:"accuracy"`
			Micro    *struct {
				F1 float64 `json:"f1"`
			} `json:"micro_avg"`
		} `json:"heads"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, h := range rep.Heads {
		ok := h.Accuracy == 1
		if h.Micro != nil {
			ok = h.Micro.F1 == 1
		}
		if h.N != 65 || !ok {
			t.Errorf("head %s: n %d, accuracy %v, micro %+v; the model should agree with its own pre-annotations", h.Head, h.N, h.Accuracy, h.Micro)
		}
	}
	if code := func() int { _, _, c := cli(t, "", "export", "-o", tasksPath, in); return c }(); code != 2 {
		t.Errorf("export without --label-studio: exit %d, want 2", code)
	}
}
