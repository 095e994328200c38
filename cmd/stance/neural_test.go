package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// spanExamples writes n stance examples about "Smith", with the mention's
// span, whose label is the verb right after the mention; a verb of praise
// or blame drawn apart from the label stands further on.
func spanExamples(t *testing.T, path string, n, offset int) string {
	t.Helper()
	verbs := [][]string{{"praised", "admired", "applauded"}, {"blamed", "condemned", "attacked"}, {"met", "visited", "called"}}
	values := []string{"positive", "negative", "neutral"}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		k := i + offset
		label := k % 3
		lead := []string{"", "On Tuesday ", "In the city "}[(k/3)%3]
		text := fmt.Sprintf("%sSmith %s the council and the report of the city, which others %s.", lead, verbs[label][(k/9)%3], verbs[(k/27)%2][(k/7)%3])
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprint("ex", k), "text": text, "target": "Smith", "span": []int{len(lead), len(lead) + 5}, "label": values[label]})
		b.Write(append(line, '\n'))
	}
	return write(t, path, b.Bytes())
}

// The attention network through the command line: train --algo ensemble
// twice gives the same bytes in format version 4, info names the
// network, eval reads the model, and explain shows the attention.
func TestTrainEnsembleExamples(t *testing.T) {
	dir := t.TempDir()
	train := spanExamples(t, filepath.Join(dir, "train.jsonl"), 240, 0)
	model := filepath.Join(dir, "m.stance")
	trainOnce := func() []byte {
		t.Helper()
		if _, errs, code := cli(t, "", "train", "--examples", train, "--algo", "ensemble", "--features", "ngrams,target", "--net-epochs", "8", "-o", model); code != 0 {
			t.Fatalf("train: %s", errs)
		}
		b, err := os.ReadFile(model)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	m1 := trainOnce()
	if !bytes.Equal(m1, trainOnce()) {
		t.Error("retraining --algo ensemble changed the model file")
	}
	if m1[8] != 4 {
		t.Errorf("format version %d, want 4", m1[8])
	}
	// info gives each file's own format version.
	if out, _, _ := cli(t, "", "info"); !strings.Contains(out, "(format 3,") {
		t.Errorf("info on the default model (format 3):\n%s", out)
	}
	out, errs, code := cli(t, "", "info", model)
	if code != 0 || !strings.Contains(out, "attention network:") || !strings.Contains(out, "format 4") {
		t.Errorf("info: %d %s\n%s", code, errs, out)
	}
	dev := spanExamples(t, filepath.Join(dir, "dev.jsonl"), 60, 1000)
	out, errs, code = cli(t, "", "eval", "--model", model, "--examples", dev, "--json")
	if code != 0 {
		t.Fatalf("eval: %s", errs)
	}
	var r struct {
		Heads []struct {
			Macro struct{ F1 float64 } `json:"macro_avg"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Heads) != 1 {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	if r.Heads[0].Macro.F1 < 0.9 {
		t.Errorf("macro-F1 %.2f on held-out examples, want at least 0.9", r.Heads[0].Macro.F1)
	}
	one := write(t, filepath.Join(dir, "one.jsonl"), []byte(`{"id":"x","text":"Smith praised the council and the report of the city, which others condemned.","target":"Smith","span":[0,5]}`+"\n"))
	out, errs, code = cli(t, "", "explain", "--model", model, one)
	if code != 0 || !strings.Contains(out, "stance: positive") || !strings.Contains(out, "attention network (weight 0.50") || !strings.Contains(out, "Smith   (the mention)") {
		t.Errorf("explain: %d %s\n%s", code, errs, out)
	}
	// "Why not negative?" shows the network's part too.
	out, errs, code = cli(t, "", "explain", "--model", model, "--class", "stance=negative", one)
	if code != 0 || !strings.Contains(out, "attention network (weight 0.50 in the mix with the evidence above): P(negative)") || !strings.Contains(out, "against P(positive)") || !strings.Contains(out, "(the mention)") {
		t.Errorf("explain --class: %d %s\n%s", code, errs, out)
	}
}

// Bad network settings, and the network without stance examples, are
// usage errors.
func TestTrainNeuralUsage(t *testing.T) {
	dir := t.TempDir()
	train := spanExamples(t, filepath.Join(dir, "train.jsonl"), 30, 0)
	if _, errs, code := cli(t, "", "train", "--examples", train, "--algo", "ensemble", "--net-weight", "2", "-o", filepath.Join(dir, "m.stance")); code != 2 || !strings.Contains(errs, "network weight 2") {
		t.Errorf("--net-weight 2: exit %d, %s", code, errs)
	}
	if _, errs, code := cli(t, "", "train", "--examples", train, "--algo", "neural", "--net-heads", "0", "-o", filepath.Join(dir, "m.stance")); code != 2 || !strings.Contains(errs, "network heads 0") {
		t.Errorf("--net-heads 0: exit %d, %s", code, errs)
	}
	// Not-a-number and infinite settings are usage errors too, before any
	// training.
	for _, bad := range [][2]string{{"--net-rate", "NaN"}, {"--net-rate", "Inf"}, {"--net-dropout", "NaN"}} {
		if _, errs, code := cli(t, "", "train", "--examples", train, "--algo", "neural", bad[0], bad[1], "-o", filepath.Join(dir, "m.stance")); code != 2 || !strings.Contains(errs, "network ") {
			t.Errorf("%s %s: exit %d, %s", bad[0], bad[1], code, errs)
		}
	}
	if _, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", corpusLab, "--algo", "ensemble", "-o", filepath.Join(dir, "m.stance")); code != 2 || !strings.Contains(errs, "--algo ensemble reads stance examples") {
		t.Errorf("--algo ensemble on a corpus: exit %d, %s", code, errs)
	}
}

// A network-only model says an example whose target it cannot find in
// the text is not scored, instead of giving every class the same
// probability; one whose target it finds is scored.
func TestNeuralUnscoredWithoutMention(t *testing.T) {
	dir := t.TempDir()
	train := spanExamples(t, filepath.Join(dir, "train.jsonl"), 90, 0)
	model := filepath.Join(dir, "m.stance")
	if _, errs, code := cli(t, "", "train", "--examples", train, "--algo", "neural", "--net-epochs", "2", "-o", model); code != 0 {
		t.Fatalf("train: %s", errs)
	}
	in := write(t, filepath.Join(dir, "in.jsonl"), []byte(
		`{"id":"found","text":"Smith praised the council.","target":"Smith"}`+"\n"+
			`{"id":"absent","text":"The council met on Tuesday.","target":"Smith"}`+"\n"))
	out, errs, code := cli(t, "", "score", "--model", model, in)
	if code != 0 {
		t.Fatalf("score: %d %s", code, errs)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		recs = append(recs, r)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records:\n%s", len(recs), out)
	}
	cov := func(r map[string]any) map[string]any { c, _ := r["coverage"].(map[string]any); return c }
	if c := cov(recs[0]); c["scored"] != true || recs[0]["stance"] == nil {
		t.Errorf("the example naming its target: %v", recs[0])
	}
	if c := cov(recs[1]); c["scored"] != false || !strings.Contains(fmt.Sprint(c["reason"]), "not found in its text") || recs[1]["stance"] != nil {
		t.Errorf("the example not naming its target: %v", recs[1])
	}
	// explain says so (it used to index the values with -1), explain
	// --class refuses, and eval leaves the example out and says so.
	out, errs, code = cli(t, "", "explain", "--model", model, "--id", "absent", in)
	if code != 0 || !strings.Contains(out, "not scored: the example's target is not found") {
		t.Errorf("explain: %d %s\n%s", code, errs, out)
	}
	if _, errs, code = cli(t, "", "explain", "--model", model, "--class", "stance=positive", "--id", "absent", in); code != 1 || !strings.Contains(errs, "no label") {
		t.Errorf("explain --class: %d %s", code, errs)
	}
	labelled := write(t, filepath.Join(dir, "labelled.jsonl"), []byte(
		`{"id":"found","text":"Smith praised the council.","target":"Smith","label":"positive"}`+"\n"+
			`{"id":"absent","text":"The council met on Tuesday.","target":"Smith","label":"neutral"}`+"\n"))
	out, errs, code = cli(t, "", "eval", "--model", model, "--examples", labelled)
	if code != 0 || !strings.Contains(out, "(n=1)") || !strings.Contains(out, "1 labelled articles not scored") {
		t.Errorf("eval: %d %s\n%s", code, errs, out)
	}
	// Training says how many examples the network could not read.
	mixed := write(t, filepath.Join(dir, "mixed.jsonl"), append(must(os.ReadFile(train)), []byte(`{"id":"nameless","text":"The council met on Tuesday.","target":"Smith","label":"neutral"}`+"\n")...))
	if _, errs, code := cli(t, "", "train", "--examples", mixed, "--algo", "neural", "--net-epochs", "1", "-o", model); code != 0 || !strings.Contains(errs, "1 of 91 examples do not name their target") {
		t.Errorf("train: %d %s", code, errs)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
