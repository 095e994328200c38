package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The embedded default model is what `make model` trains from the corpus:
// retraining with the same command reproduces it byte for byte.
func TestDefaultModelReproduces(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("retraining the default model takes about a minute (several under -race)")
	}
	out := filepath.Join(t.TempDir(), "default.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", corpusLab, "-o", out); code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, defaultModel) {
		t.Fatalf("retrained model (%d bytes) differs from the embedded one (%d bytes); run make model and commit default.stance (the module root)", len(got), len(defaultModel))
	}
}
