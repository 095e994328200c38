package features

import (
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

// Featurizing must do work linear in the text: a long clause with many
// target mentions (no punctuation, no clause words) must not cost
// mentions × clause length. Work is counted (feature additions), not timed.
func TestFeaturizeLinearInLongClauses(t *testing.T) {
	f, err := New(labels.Default(), BaseConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	workOf := func(n int) int {
		f.Featurize(&labels.Article{ID: "x", Text: strings.Repeat("Iran talks ", n)})
		return f.work
	}
	small, big := workOf(2500), workOf(10000)
	// Linear is about 4×; the old clause scans made it about 16×.
	if ratio := float64(big) / float64(small); ratio > 4.5 {
		t.Errorf("4× the text took %.1f× the work (%d for 2,500 repeats, %d for 10,000)", ratio, small, big)
	}
}
