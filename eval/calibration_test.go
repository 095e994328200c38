package eval

import (
	"math"
	"testing"
)

// Worked by hand: bins of width 0.5. Bin [0,0.5): conf 0.3, 0.4, one right
// → |0.5 − 0.35| = 0.15, weight 2/4. Bin [0.5,1]: conf 0.9, 1.0 (the top
// edge falls in the last bin), both right → |1 − 0.95| = 0.05, weight 2/4.
// ECE = 0.5·0.15 + 0.5·0.05 = 0.10.
func TestECEWorked(t *testing.T) {
	conf := []float64{0.3, 0.4, 0.9, 1.0}
	ok := []bool{true, false, true, true}
	if got := ECE(conf, ok, 2); math.Abs(got-0.10) > 1e-12 {
		t.Fatalf("ECE = %v, want 0.10", got)
	}
	rb := ReliabilityBins(conf, ok, 2)
	if rb[0].Count != 2 || math.Abs(rb[0].Accuracy-0.5) > 1e-12 || math.Abs(rb[1].Confidence-0.95) > 1e-12 {
		t.Fatalf("bins %+v", rb)
	}
}

func TestECEPerfect(t *testing.T) {
	if got := ECE([]float64{1, 1, 1}, []bool{true, true, true}, 15); got != 0 {
		t.Fatalf("ECE of always-right certain predictions = %v", got)
	}
	if got := ECE(nil, nil, 15); got != 0 {
		t.Fatalf("ECE of nothing = %v", got)
	}
}
