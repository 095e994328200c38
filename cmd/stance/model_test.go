package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stance-project/stance/internal/realdata"
)

// realCache is the real set's cache of third-party texts
// (testdata/real/README.md): $STANCE_REAL_CACHE, or
// $HOME/.cache/stance/real.
func realCache() string { return realdata.Cache() }

// defaultModelArgs are `make model`'s training arguments, with paths
// relative to this package's directory.
func defaultModelArgs(out string) []string {
	const ml = "../../testdata/corpus-ml/articles"
	return []string{"train",
		"--corpus", corpusDir, "--labels", corpusLab,
		"--corpus", ml, "--labels", "../../testdata/corpus-ml/labels.jsonl",
		"--corpus", filepath.Join(realCache(), "articles.jsonl"), "--labels", "../../testdata/real/labels.jsonl",
		"--corpus", filepath.Join(realCache(), "other.jsonl"), "--labels", "../../testdata/real/ml/labels.jsonl",
		"--train-only", corpusDir, "--train-only", ml,
		"--weight", corpusDir + "=0.5", "--weight", ml + "=0.5",
		"--languages", "en,ru,fa,tr,az,ar,he", "--calibrate", "meta:outlet", "--features", "default", "-o", out}
}

// The embedded default model is what `make model` trains from the
// synthetic corpus and the real set: retraining with the same command
// reproduces it byte for byte. The real set's texts are third-party and
// live outside the repository; without them the test says so and skips.
func TestDefaultModelReproduces(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("retraining the default model takes minutes (more under -race)")
	}
	if _, err := os.Stat(filepath.Join(realCache(), "other.jsonl")); err != nil {
		t.Skipf("the real-set cache is absent at %s (third-party text, never committed; testdata/real/README.md says how to rebuild it): cannot retrain the default model", realCache())
	}
	out := filepath.Join(t.TempDir(), "default.stance")
	if _, errs, code := cli(t, "", defaultModelArgs(out)...); code != 0 {
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
