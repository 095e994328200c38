package classifier

import (
	"errors"
	"math"
)

// NaiveBayes is a multinomial naive Bayes baseline over the sparse
// features (negative values count as zero; the dense block is ignored),
// with additive (Lidstone) smoothing Alpha.
type NaiveBayes struct {
	Alpha float64
}

// Fit trains on X with labels y in [0, k) and optional row weights w.
func (nb *NaiveBayes) Fit(X *Matrix, y []int, w []float64, k int) (*Linear, error) {
	n := X.Rows()
	if n == 0 {
		return nil, errors.New("classifier: no training rows")
	}
	alpha := nb.Alpha
	if alpha <= 0 {
		alpha = 1
	}
	cols, colIdx := compact(X)
	nc := len(cols)
	counts := make([]float64, nc*k)
	prior := make([]float64, k)
	for i := 0; i < n; i++ {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		prior[y[i]] += wi
		idx, val, _ := X.Row(i)
		for p, b := range idx {
			if v := float64(val[p]); v > 0 {
				counts[int(colIdx[b])*k+y[i]] += wi * v
			}
		}
	}
	total := make([]float64, k)
	for j := 0; j < nc; j++ {
		for c := 0; c < k; c++ {
			total[c] += counts[j*k+c]
		}
	}
	m := &Linear{K: k, Cols: cols, W: make([]float32, nc*k), Default: make([]float32, k), Bias: make([]float32, k)}
	sumPrior := 0.0
	for _, p := range prior {
		sumPrior += p
	}
	// Unseen buckets get the smoothed probability of a zero count. The
	// vocabulary size is the number of seen buckets plus one for "unseen".
	v := float64(nc + 1)
	for c := 0; c < k; c++ {
		den := total[c] + alpha*v
		m.Bias[c] = float32(math.Log((prior[c] + 1) / (sumPrior + float64(k))))
		m.Default[c] = float32(math.Log(alpha / den))
		for j := 0; j < nc; j++ {
			m.W[j*k+c] = float32(math.Log((counts[j*k+c] + alpha) / den))
		}
	}
	m.round()
	return m, nil
}
