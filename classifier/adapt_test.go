package classifier

import (
	"bytes"
	"math"
	"testing"

	"github.com/stance-project/stance/features"
)

// adaptRows is a two-class problem on buckets 1 (class 0) and 2 (class 1),
// with bucket 3 in every row.
func adaptRows(n int, flip bool) (*Matrix, []int) {
	X := NewMatrix(0)
	var y []int
	for i := 0; i < n; i++ {
		c := i % 2
		b := uint32(1 + c)
		if flip {
			c = 1 - c
		}
		X.Append(nil, features.Sparse{Idx: []uint32{b, 3}, Val: []float32{1, 0.5}})
		y = append(y, c)
	}
	return X, y
}

// The penalty toward a prior: a strong one keeps the prior's weights
// (within float16 rounding) even on data that contradicts them, a weak one
// lets the data win, and a bucket only the prior knows keeps its weight.
func TestLogRegPrior(t *testing.T) {
	X, y := adaptRows(40, false)
	prior, err := (&LogReg{L2: 1e-3, MaxIter: 200}).Fit(X, y, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	// A bucket the new data never touches.
	prior.Cols = append(prior.Cols, 9)
	prior.W = append(prior.W, 0.25, -0.25)
	flipped, fy := adaptRows(40, true)
	margin := func(l *Linear) float64 { w := l.Weight(1); return float64(w[0] - w[1]) }
	strong, err := (&LogReg{L2: 1e4, MaxIter: 200, Prior: prior}).Fit(flipped, fy, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	weak, err := (&LogReg{L2: 1e-4, MaxIter: 200, Prior: prior}).Fit(flipped, fy, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(margin(strong) - margin(prior)); d > 0.01 {
		t.Errorf("strong penalty: bucket 1 margin %.3f, the prior's %.3f", margin(strong), margin(prior))
	}
	if margin(prior) <= 0 || margin(weak) >= 0 {
		t.Errorf("bucket 1 margin: prior %.3f (want > 0), weak penalty on flipped data %.3f (want < 0)", margin(prior), margin(weak))
	}
	for _, l := range []*Linear{strong, weak} {
		if w := l.Weight(9); w[0] != 0.25 || w[1] != -0.25 {
			t.Errorf("bucket 9 (prior only): %v, want the prior's [0.25 -0.25]", w)
		}
	}
}

// An adapted model is written as format version 3 with its base recorded,
// and reads back; a model without a base stays version 2.
func TestAdaptedModelFormat(t *testing.T) {
	m, err := Decode(smallModel(t, smallConfigs()[0]), "small")
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	if err := m.Encode(&plain); err != nil {
		t.Fatal(err)
	}
	if v := plain.Bytes()[8]; v != 2 || !bytes.Equal(plain.Bytes(), smallModel(t, smallConfigs()[0])) {
		t.Errorf("model without a base written as version %d, want 2", v)
	}
	m.Data = &TrainingData{Sources: []string{"new.jsonl"}, Base: &BaseModel{Name: "default", SHA256: "ab", L2: 3, Kept: "temperatures"}}
	var adapted bytes.Buffer
	if err := m.Encode(&adapted); err != nil {
		t.Fatal(err)
	}
	if v := adapted.Bytes()[8]; v != 3 {
		t.Errorf("adapted model written as version %d, want 3", v)
	}
	got, err := Decode(adapted.Bytes(), "a.stance")
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Data.Base; b == nil || b.Name != "default" || b.L2 != 3 || b.Kept != "temperatures" {
		t.Errorf("base read back: %+v", got.Data.Base)
	}
}
