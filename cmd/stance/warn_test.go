package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// train and eval --cv warn about classes with fewer than a handful of
// labelled examples, and about more folds than there are examples.
func TestWarnFewExamples(t *testing.T) {
	lab := filepath.Join(t.TempDir(), "l.jsonl")
	os.WriteFile(lab, []byte(`{"id":"wire/001","israel":"pro","iran":"neutral"}
{"id":"wire/002","israel":"anti","iran":"neutral"}
{"id":"wire/003","israel":"neutral","iran":"anti"}
`), 0o644)
	out := filepath.Join(t.TempDir(), "m.stance")
	_, errs, _ := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "--features", "base", "--buckets", "1024", "--max-iter", "5", "--calibrate", "dir", "--calibrate-folds", "5", "-o", out)
	// Whether training then succeeds on so little data does not matter:
	// the warnings come first.
	for _, want := range []string{
		"stance: warning: 5 folds for 3 labelled articles: some folds would be empty",
		"stance: warning: head israel: fewer than 5 labelled examples of pro 1, anti 1, neutral 1; the model can hardly learn them, and 5-fold cross-validation leaves some folds without them",
		"stance: warning: head iran: fewer than 5 labelled examples of pro 0, anti 1, neutral 2",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("train: stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "head azerbaijan") {
		t.Errorf("a head with no labels is not warned about:\n%s", errs)
	}
}
