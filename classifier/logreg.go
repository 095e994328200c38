package classifier

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// Linear is a linear multi-class model over hashed sparse features and a
// dense block: score_k = Bias[k] + Σ x_j W[col(j)][k] + Σ d_i Dense[i][k],
// where buckets never seen in training score Default[k].
type Linear struct {
	K       int
	Cols    []uint32  // hash buckets with learned weights, ascending
	W       []float32 // len(Cols)×K
	Default []float32 // K, the weight of a bucket not in Cols
	Dense   []float32 // DenseDim×K
	Bias    []float32 // K
}

// LogReg is L2-regularised multinomial logistic regression, minimising
//
//	(1/Σw) Σ_i w_i · −log p(y_i | x_i) + (L2/2)·||W||²
//
// by L-BFGS (gonum/optimize) with an analytic sparse gradient. The bias is
// not regularised.
type LogReg struct {
	L2      float64 // regularisation strength λ
	MaxIter int     // L-BFGS major iterations
	// Workers splits the gradient over goroutines. The split of the rows is
	// fixed (gradChunks parts) whatever Workers is, so results do not depend
	// on it.
	Workers int
	// Prior, when set, is a model to stay close to: the penalty becomes
	// (L2/2)·(||W−W₀||² + ||b−b₀||²) toward its weights, bias included,
	// instead of (L2/2)·||W||² toward zero (adaptation: a base model learns
	// new labels without forgetting what it knew). It must have k classes
	// and the same dense width. Buckets the prior knows and the rows never
	// touch keep the prior's weights.
	Prior *Linear
}

const gradChunks = 8

// Fit trains on X with labels y in [0, k) and optional per-row weights w
// (nil means 1).
func (lr *LogReg) Fit(X *Matrix, y []int, w []float64, k int) (*Linear, error) {
	n, err := checkFit(X, y, w, k)
	if err != nil {
		return nil, err
	}
	cols, colIdx := compact(X)
	nc := len(cols)
	dd := X.DenseDim
	nw := (nc + dd) * k
	np := nw + k
	// Rows with their buckets replaced by compact columns.
	rowCols := make([]int32, len(X.Idx))
	for i, b := range X.Idx {
		rowCols[i] = colIdx[b]
	}
	// The dense block as float64, for the vectorised dot products.
	dense64 := make([]float64, len(X.Dense))
	for i, v := range X.Dense {
		dense64[i] = float64(v)
	}
	sumW := 0.0
	for i := 0; i < n; i++ {
		if w == nil {
			sumW++
		} else {
			sumW += w[i]
		}
	}
	if sumW <= 0 {
		return nil, errors.New("classifier: sample weights sum to zero")
	}
	workers := max(1, min(lr.Workers, gradChunks))
	parts := make([][]float64, gradChunks)
	loss := make([]float64, gradChunks)
	for c := range parts {
		parts[c] = make([]float64, np)
	}
	var x0 []float64 // the prior's parameters, nil without one
	if lr.Prior != nil {
		x0 = lr.Prior.params(cols, dd)
	}
	var lastX []float64
	var lastF float64
	lastG := make([]float64, np)
	eval := func(x []float64) {
		if lastX != nil && floats.Equal(lastX, x) {
			return
		}
		var wg sync.WaitGroup
		sem := make(chan struct{}, workers)
		for c := 0; c < gradChunks; c++ {
			lo, hi := c*n/gradChunks, (c+1)*n/gradChunks
			wg.Add(1)
			sem <- struct{}{}
			go func(c, lo, hi int) {
				defer wg.Done()
				defer func() { <-sem }()
				loss[c] = lr.chunk(X, rowCols, dense64, y, w, k, nc, x, parts[c], lo, hi)
			}(c, lo, hi)
		}
		wg.Wait()
		f := 0.0
		clear(lastG)
		for c := 0; c < gradChunks; c++ {
			f += loss[c]
			floats.Add(lastG, parts[c])
		}
		f /= sumW
		floats.Scale(1/sumW, lastG)
		if x0 != nil {
			f += lr.priorPenalty(x, x0, lastG)
		} else {
			// L2 on weights only.
			reg := 0.0
			for j := 0; j < nw; j++ {
				reg += x[j] * x[j]
				lastG[j] += lr.L2 * x[j]
			}
			f += 0.5 * lr.L2 * reg
		}
		lastF = f
		lastX = append(lastX[:0], x...)
	}
	p := optimize.Problem{
		Func: func(x []float64) float64 { eval(x); return lastF },
		Grad: func(g, x []float64) { eval(x); copy(g, lastG) },
	}
	iters := lr.MaxIter
	if iters <= 0 {
		iters = 300
	}
	settings := &optimize.Settings{
		GradientThreshold: 1e-6,
		MajorIterations:   iters,
		Converger:         &optimize.FunctionConverge{Relative: 1e-7, Iterations: 10},
		Concurrent:        1,
	}
	start := make([]float64, np)
	if x0 != nil {
		copy(start, x0)
	}
	res, err := optimize.Minimize(p, start, settings, &optimize.LBFGS{Store: 10})
	if err != nil && res == nil {
		return nil, fmt.Errorf("classifier: L-BFGS: %v", err)
	}
	// IterationLimit and similar statuses still leave a usable minimiser.
	x := res.X
	m := &Linear{K: k, Cols: cols, Default: make([]float32, k)}
	m.W = make([]float32, nc*k)
	for i := range m.W {
		m.W[i] = float32(x[i])
	}
	// Parameters hold the dense weights class-major; models store them
	// row-major (dd×k) like the bucket weights.
	m.Dense = make([]float32, dd*k)
	for j := 0; j < dd; j++ {
		for c := 0; c < k; c++ {
			m.Dense[j*k+c] = float32(x[nc*k+c*dd+j])
		}
	}
	m.Bias = make([]float32, k)
	for i := range m.Bias {
		m.Bias[i] = float32(x[nw+i])
	}
	if lr.Prior != nil {
		m = lr.Prior.merge(m)
	}
	m.round()
	return m, nil
}

// chunk accumulates the weighted loss and gradient of rows [lo, hi) into g.
// Parameter layout: W (nc×k, row-major), the dense weights (k×dd,
// class-major, so each class's weights are one contiguous vector), Bias (k).
func (lr *LogReg) chunk(X *Matrix, rowCols []int32, dense64 []float64, y []int, w []float64, k, nc int, x, g []float64, lo, hi int) float64 {
	clear(g)
	dd := X.DenseDim
	nw := (nc + dd) * k
	db := nc * k // start of the dense weights
	z := make([]float64, k)
	loss := 0.0
	for i := lo; i < hi; i++ {
		a, b := X.Ptr[i], X.Ptr[i+1]
		copy(z, x[nw:nw+k])
		for p := a; p < b; p++ {
			v := float64(X.Val[p])
			off := int(rowCols[p]) * k
			for c := 0; c < k; c++ {
				z[c] += v * x[off+c]
			}
		}
		var dr []float64
		if dd > 0 {
			dr = dense64[i*dd : (i+1)*dd]
			for c := 0; c < k; c++ {
				z[c] += floats.Dot(dr, x[db+c*dd:db+(c+1)*dd])
			}
		}
		lse := logSumExp(z)
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		loss += wi * (lse - z[y[i]])
		for c := 0; c < k; c++ {
			z[c] = math.Exp(z[c]-lse) * wi
		}
		z[y[i]] -= wi
		for p := a; p < b; p++ {
			v := float64(X.Val[p])
			off := int(rowCols[p]) * k
			for c := 0; c < k; c++ {
				g[off+c] += v * z[c]
			}
		}
		if dd > 0 {
			for c := 0; c < k; c++ {
				floats.AddScaled(g[db+c*dd:db+(c+1)*dd], z[c], dr)
			}
		}
		for c := 0; c < k; c++ {
			g[nw+c] += z[c]
		}
	}
	return loss
}

func logSumExp(z []float64) float64 {
	m := z[0]
	for _, v := range z[1:] {
		m = max(m, v)
	}
	s := 0.0
	for _, v := range z {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// compact returns the distinct buckets of X in ascending order and a map
// from bucket to column.
func compact(X *Matrix) ([]uint32, map[uint32]int32) {
	seen := make(map[uint32]int32, len(X.Idx)/4)
	for _, b := range X.Idx {
		seen[b] = 0
	}
	cols := make([]uint32, 0, len(seen))
	for b := range seen {
		cols = append(cols, b)
	}
	slices.Sort(cols)
	for i, b := range cols {
		seen[b] = int32(i)
	}
	return cols, seen
}

func (m *Linear) round() {
	roundHalf(m.W)
	roundHalf(m.Dense)
	roundHalf(m.Bias)
	roundHalf(m.Default)
}

// Weight returns the weights of bucket b (Default when it was never seen,
// and for every bucket of a model whose weights were released:
// Model.ReleaseWeights, DecodeForPrediction).
func (m *Linear) Weight(b uint32) []float32 {
	i, ok := slices.BinarySearch(m.Cols, b)
	if !ok {
		return m.Default
	}
	return m.W[i*m.K : (i+1)*m.K]
}

// checkFit validates a trainer's input and returns the number of rows:
// no rows or fewer than two classes is an error; labels or weights that do
// not match the rows are a programming error.
func checkFit(X *Matrix, y []int, w []float64, k int) (int, error) {
	n := X.Rows()
	if n == 0 {
		return 0, errors.New("classifier: no training rows")
	}
	if len(y) != n || (w != nil && len(w) != n) {
		panic("classifier: label or weight length mismatch")
	}
	if k < 2 {
		return 0, errors.New("classifier: need at least two classes")
	}
	return n, nil
}
