package stance

import (
	"math"
	"testing"
)

// TestCompareAddsUp: with every feature listed, the evidence for a value
// minus the evidence against it, plus the prior, is the difference of the
// two classes' scores, which the probabilities give back: for a
// single-label head log(P(value)/P(versus))·T (T its temperature), for a
// multi-label value log(P/(1−P)).
func TestCompareAddsUp(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a := &Article{ID: "x", Text: "Israeli strikes on Iran drew condemnation in Tehran.\n\nBaku called for restraint and said its territory would not be used against any neighbour. Officials in Israel praised the partnership."}
	for _, tc := range []struct{ head, value string }{
		{"israel", "pro"}, {"israel", "anti"}, {"iran", "neutral"}, {"azerbaijan", "balanced"}, {"frames", "legal"}, {"frames", "diplomacy"},
	} {
		c, err := m.Compare(a, tc.head, tc.value, 1<<30)
		if err != nil {
			t.Fatal(err)
		}
		sum := c.Prior
		for _, f := range c.For {
			sum += f.Effect
		}
		for _, f := range c.Against {
			sum -= f.Effect
		}
		want := math.Log(c.PValue / c.PVersus)
		if h := headIndex(m.m.Schema, tc.head); !m.m.Schema.Heads[h].Multi {
			if temp := m.m.Heads[h].Temperature; temp > 0 {
				want *= temp
			}
		}
		// The predictor reads the weights rounded to bfloat16 (8 bits of
		// mantissa), the explanation the float32 weights: they differ by
		// up to about 1%.
		if math.Abs(sum-want) > 1e-2*math.Max(1, math.Abs(want)) {
			t.Errorf("%s=%s vs %s: evidence adds up to %.4f, the probabilities say %.4f", tc.head, tc.value, c.Versus, sum, want)
		}
		if len(c.For)+len(c.Against) == 0 {
			t.Errorf("%s=%s: no evidence at all", tc.head, tc.value)
		}
	}
	if _, err := m.Compare(a, "israel", "friendly", 5); err == nil {
		t.Error("Compare with an unknown value: no error")
	}
}
