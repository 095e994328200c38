package features

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stance-project/stance/labels"
)

// Featurizing must take time linear in the text: a long clause with many
// target mentions (no punctuation, no clause words) must not cost
// mentions × clause length.
func TestFeaturizeLinearInLongClauses(t *testing.T) {
	if os.Getenv("STANCE_KNOWN_BUGS") == "" {
		t.Skip("known bug: headFeatures scans each mention's whole clause, quadratic in a long clause; set STANCE_KNOWN_BUGS=1 to run")
	}
	f, err := New(labels.Default(), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	timeOf := func(n int) time.Duration {
		a := &labels.Article{ID: "x", Text: strings.Repeat("Iran talks ", n)}
		start := time.Now()
		f.Featurize(a)
		return time.Since(start)
	}
	timeOf(1000) // warm up
	small, big := timeOf(2500), timeOf(10000)
	// Linear would be about 4×; quadratic about 16×.
	if ratio := float64(big) / float64(small); ratio > 8 {
		t.Errorf("4× the text took %.1f× the time (%v for 2,500 repeats, %v for 10,000)", ratio, small, big)
	}
}
