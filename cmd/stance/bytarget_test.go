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

// pooledExamples writes n stance examples of two targets pooled in one
// file, where no text names its target and the same words carry opposite
// stances for the two targets: "orchards" and "harbours" are praised by
// the writers of alpha's examples and condemned by beta's, and the other
// way round. Only a model that conditions on the target can tell.
func pooledExamples(t *testing.T, path string, n, offset int) string {
	t.Helper()
	topics := []string{"orchards", "harbours"}
	fill := []string{"The council met on Tuesday.", "Officials spoke to reporters.", "The plan was debated at length.", "A vote is due next month."}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		k := i + offset
		target := []string{"alpha", "beta"}[k%2]
		topic := topics[(k/2)%2]
		label := "pro"
		if (target == "alpha") != (topic == "orchards") {
			label = "anti"
		}
		text := fmt.Sprintf("%s The new %s were the talk of the town. %s", fill[(k/4)%4], topic, fill[(k/16)%4])
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprint("ex", k), "text": text, "target": target, "label": label})
		b.Write(append(line, '\n'))
	}
	return write(t, path, b.Bytes())
}

func TestByTargetLearnsPerTargetVocabulary(t *testing.T) {
	dir := t.TempDir()
	train := pooledExamples(t, filepath.Join(dir, "train.jsonl"), 200, 0)
	dev := pooledExamples(t, filepath.Join(dir, "dev.jsonl"), 40, 1000)
	macro := func(features string) (float64, []byte) {
		t.Helper()
		model := filepath.Join(dir, strings.NewReplacer(",", "_", "+", "", "-", "").Replace(features)+".stance")
		if _, errs, code := cli(t, "", "train", "--examples", train, "--features", features, "-o", model); code != 0 {
			t.Fatalf("train %s: %s", features, errs)
		}
		out, errs, code := cli(t, "", "eval", "--model", model, "--examples", dev, "--json")
		if code != 0 {
			t.Fatalf("eval %s: %s", features, errs)
		}
		var r struct {
			Heads []struct {
				Macro struct{ F1 float64 } `json:"macro_avg"`
			}
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Heads) != 1 {
			t.Fatalf("eval --json: %v\n%s", err, out)
		}
		b, err := os.ReadFile(model)
		if err != nil {
			t.Fatal(err)
		}
		return r.Heads[0].Macro.F1, b
	}
	shared, _ := macro("-vectors")
	cond, m1 := macro("-vectors,+bytarget")
	if cond < 0.95 || shared > 0.7 {
		t.Errorf("macro-F1 with bytarget %.2f (want >= 0.95), without %.2f (want <= 0.7)", cond, shared)
	}
	// Retraining gives the same bytes.
	_, m2 := macro("-vectors,+bytarget")
	if !bytes.Equal(m1, m2) {
		t.Error("retraining with bytarget changed the model file")
	}
	// explain names the per-target features that drove the decision.
	one := write(t, filepath.Join(dir, "one.jsonl"), []byte(`{"id":"x","text":"The new orchards were the talk of the town.","target":"beta"}`+"\n"))
	out, errs, code := cli(t, "", "explain", "--model", filepath.Join(dir, "vectors_bytarget.stance"), one)
	if code != 0 || !strings.Contains(out, "@beta:") {
		t.Errorf("explain: %d %s\n%s", code, errs, out)
	}
}
