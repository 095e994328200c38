// Package realdata is what the measurement tools share about the real
// set: where its cache of third-party texts lives, and reading a corpus
// with its labels.
package realdata

import (
	"os"
	"path/filepath"

	"github.com/stance-project/stance/labels"
)

// Cache is the real set's cache directory: $STANCE_REAL_CACHE, else
// $HOME/.cache/stance/real (testdata/real/README.md).
func Cache() string {
	if d := os.Getenv("STANCE_REAL_CACHE"); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ".cache/stance/real"
	}
	return filepath.Join(home, ".cache", "stance", "real")
}

// Load reads the articles at path and the labels file labelsPath by
// schema s, and returns the articles with, parallel to them, each one's
// labels (nil when it has none).
func Load(path, labelsPath string, s *labels.Schema) ([]*labels.Article, []*labels.LabelSet, error) {
	arts, err := labels.ReadAll([]string{path}, labels.Options{})
	if err != nil {
		return nil, nil, err
	}
	ls, err := labels.ReadLabels(labelsPath, s)
	if err != nil {
		return nil, nil, err
	}
	sets, err := labels.Join(arts, ls)
	if err != nil {
		return nil, nil, err
	}
	return arts, sets, nil
}
