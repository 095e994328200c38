package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// eval --learning-curve: one row per size (25, 50, 100, then all), one
// column per head, figures in [0, 1], in a table and in JSON; with
// --cv-group the folds keep groups whole. (Few iterations: the test checks
// the plumbing, not the figures.)
func TestLearningCurve(t *testing.T) {
	lab := subsetLabels(t, "wire/", "israel/") // 125 labelled articles
	args := []string{"eval", "--learning-curve", "--corpus", corpusDir, "--labels", lab, "--features", "base", "--buckets", "16384", "--max-iter", "15"}
	out, errs, code := cli(t, "", append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var lc struct {
		Method string   `json:"method"`
		Heads  []string `json:"heads"`
		Points []struct {
			N       int       `json:"n"`
			MacroF1 []float64 `json:"macro_f1"`
		} `json:"points"`
	}
	if err := json.Unmarshal([]byte(out), &lc); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, p := range lc.Points {
		sizes = append(sizes, p.N)
		if len(p.MacroF1) != 4 {
			t.Fatalf("n=%d: %d figures for 4 heads", p.N, len(p.MacroF1))
		}
		for h, f := range p.MacroF1 {
			if f < 0 || f > 1 {
				t.Errorf("n=%d head %s: macro-F1 %v", p.N, lc.Heads[h], f)
			}
		}
	}
	if want := []int{25, 50, 100, 125}; len(sizes) != len(want) || sizes[0] != 25 || sizes[3] != 125 {
		t.Errorf("sizes %v, want %v", sizes, want)
	}
	if !strings.Contains(lc.Method, "5-fold stratified cross-validation") {
		t.Errorf("method: %s", lc.Method)
	}
	table, errs, code := cli(t, "", append(args, "--cv-group", "dir", "--cv", "2")...)
	if code != 0 {
		t.Fatalf("--cv-group dir: exit %d: %s", code, errs)
	}
	for _, want := range []string{"2-fold cross-validation grouped by dir", "  labels        israel          iran    azerbaijan        frames", "\n     125  "} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	if _, errs, code := cli(t, "", "eval", "--learning-curve", "--model", "x.stance", "--corpus", corpusDir, "--labels", lab); code != 2 || !strings.Contains(errs, "takes no --model") {
		t.Errorf("--learning-curve --model: exit %d: %s", code, errs)
	}
}
