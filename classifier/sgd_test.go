package classifier

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// TestSGDMatchesLogReg: on random data with a planted linear rule, SGD
// reaches about the objective L-BFGS reaches, predicts the same classes
// for nearly every row, and gives the same weights on a second run.
func TestSGDMatchesLogReg(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	X, _ := randomMatrix(rng, 600, 40, 6, 4)
	k := 3
	// The planted rule: the class is the argmax of three fixed random
	// linear functions of the row.
	truth := make([][]float64, k)
	for c := range truth {
		truth[c] = make([]float64, 40+X.DenseDim)
		for j := range truth[c] {
			truth[c][j] = rng.NormFloat64()
		}
	}
	y := make([]int, X.Rows())
	for i := range y {
		best := math.Inf(-1)
		for c := range truth {
			s := 0.0
			for p := X.Ptr[i]; p < X.Ptr[i+1]; p++ {
				s += float64(X.Val[p]) * truth[c][X.Idx[p]]
			}
			for j := 0; j < X.DenseDim; j++ {
				s += float64(X.Dense[i*X.DenseDim+j]) * truth[c][40+j]
			}
			if s > best {
				best, y[i] = s, c
			}
		}
	}
	sgd := &SGD{L2: 1e-3, Epochs: 30, Rate: 0.2, Seed: 1}
	a, err := sgd.Fit(X, y, nil, k)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := sgd.Fit(X, y, nil, k)
	if !slices.Equal(a.W, b.W) || !slices.Equal(a.Dense, b.Dense) || !slices.Equal(a.Bias, b.Bias) {
		t.Error("two SGD fits differ")
	}
	l, err := (&LogReg{L2: 1e-3, MaxIter: 300}).Fit(X, y, nil, k)
	if err != nil {
		t.Fatal(err)
	}
	agree, right := 0, 0
	z1, z2 := make([]float64, k), make([]float64, k)
	for i := range y {
		row := X.Idx[X.Ptr[i]:X.Ptr[i+1]]
		vals := X.Val[X.Ptr[i]:X.Ptr[i+1]]
		d := X.Dense[i*X.DenseDim : (i+1)*X.DenseDim]
		scoresOf(a, row, vals, d, z1)
		scoresOf(l, row, vals, d, z2)
		if argmax(z1) == argmax(z2) {
			agree++
		}
		if argmax(z1) == y[i] {
			right++
		}
	}
	if n := len(y); agree < n*9/10 || right < n*9/10 {
		t.Errorf("SGD agrees with L-BFGS on %d of %d rows and is right on %d", agree, n, right)
	}
}

// TestFormatVersionByTarget: a model with the bytarget group is written as
// format version 3 (older programs refuse it as newer than they read);
// any other stays version 2; both read back.
func TestFormatVersionByTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	X, y := randomMatrix(rng, 40, 16, 0, 2)
	l, err := (&SGD{L2: 1e-3, Seed: 1}).Fit(X, y, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		groups []string
		want   byte
	}{{[]string{features.GroupNgrams}, 2}, {[]string{features.GroupNgrams, features.GroupByTarget}, 3}} {
		cfg := features.BaseConfig()
		cfg.Groups = tt.groups
		m := &Model{Schema: labels.ExampleSchema([]string{"pro", "anti"}), Features: cfg, Train: DefaultTrainConfig(),
			Heads: []HeadModel{{Trained: true, Models: []*Linear{l}, Counts: []int{20, 20}, N: 40}}}
		var b bytes.Buffer
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		if v := b.Bytes()[8]; v != tt.want {
			t.Errorf("groups %v: format version %d, want %d", tt.groups, v, tt.want)
		}
		if _, err := Decode(b.Bytes(), "m"); err != nil {
			t.Errorf("groups %v: %v", tt.groups, err)
		}
	}
}
