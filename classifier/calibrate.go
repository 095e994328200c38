package classifier

import "math"

// FitTemperature returns the temperature T that minimises the negative
// log-likelihood of the gold classes under the tempered probabilities
// p'_k ∝ p_k^(1/T) (temperature scaling; Guo et al. 2017). probs are
// out-of-fold predicted distributions, one row per example, and gold the
// index of each example's true class; rows with gold < 0 are skipped.
// T > 1 softens over-confident predictions, T < 1 sharpens them. The
// search is a golden-section search over log T in [1/20, 20]; with no
// usable rows it returns 1.
func FitTemperature(probs [][]float64, gold []int) float64 {
	n := 0
	for i := range probs {
		if gold[i] >= 0 {
			n++
		}
	}
	if n == 0 {
		return 1
	}
	nll := func(logT float64) float64 {
		inv := math.Exp(-logT)
		var s float64
		for i, p := range probs {
			if gold[i] < 0 {
				continue
			}
			s -= math.Log(Temper(p, inv, nil)[gold[i]] + 1e-12)
		}
		return s
	}
	lo, hi := math.Log(1.0/20), math.Log(20)
	const phi = 0.6180339887498949
	a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
	fa, fb := nll(a), nll(b)
	for hi-lo > 1e-4 {
		if fa <= fb {
			hi, b, fb = b, a, fa
			a = hi - phi*(hi-lo)
			fa = nll(a)
		} else {
			lo, a, fa = a, b, fb
			b = lo + phi*(hi-lo)
			fb = nll(b)
		}
	}
	return math.Exp((lo + hi) / 2)
}

// Temper raises a distribution to the power inv (1/T) and renormalises it,
// in log space so that tiny probabilities do not underflow. It writes into
// dst (grown as needed) and returns it.
func Temper(p []float64, inv float64, dst []float64) []float64 {
	if inv == 1 {
		return append(dst[:0], p...)
	}
	return temper(p, inv, nil, dst)
}

// FitBiasTemperature fits a temperature T and per-class log-offsets b to
// out-of-fold predictions by the negative log-likelihood of
// p'_k ∝ exp((log p_k)/T + b_k), b_0 fixed at 0 (vector scaling with one
// shared scale). The offsets move the decision toward the class balance of
// the data they were fitted on, which the temperature alone cannot (it
// never changes a label). Rows with gold < 0 are skipped. It runs a fixed
// number of gradient steps from T = 1, b = 0, so it is deterministic.
func FitBiasTemperature(probs [][]float64, gold []int) (float64, []float64) {
	k := 0
	n := 0
	for i, p := range probs {
		if gold[i] >= 0 {
			k = max(k, len(p))
			n++
		}
	}
	b := make([]float64, k)
	if n == 0 {
		return 1, b
	}
	a := 0.0 // log(1/T)
	logs := make([][]float64, len(probs))
	for i, p := range probs {
		logs[i] = make([]float64, len(p))
		for c, v := range p {
			logs[i][c] = math.Log(math.Max(v, 1e-300))
		}
	}
	gb := make([]float64, k)
	z := make([]float64, k)
	const steps, rate = 2000, 0.5
	for it := 0; it < steps; it++ {
		inv := math.Exp(a)
		ga := 0.0
		clear(gb)
		for i := range probs {
			if gold[i] < 0 {
				continue
			}
			m := math.Inf(-1)
			for c := range logs[i] {
				z[c] = inv*logs[i][c] + b[c]
				m = math.Max(m, z[c])
			}
			s := 0.0
			for c := range logs[i] {
				z[c] = math.Exp(z[c] - m)
				s += z[c]
			}
			var ez float64 // E[log p] under the tempered distribution
			for c := range logs[i] {
				z[c] /= s
				ez += z[c] * logs[i][c]
			}
			g := gold[i]
			ga -= inv * (logs[i][g] - ez)
			for c := range logs[i] {
				d := z[c]
				if c == g {
					d--
				}
				gb[c] += d
			}
		}
		a -= rate * ga / float64(n)
		a = math.Max(math.Min(a, 3), -3)
		for c := 1; c < k; c++ {
			b[c] -= rate * gb[c] / float64(n)
		}
	}
	return math.Exp(-a), b
}

// TemperBias applies a temperature T and offsets b (FitBiasTemperature;
// nil: none) to a distribution, in log space so that tiny probabilities do
// not underflow, writing into dst.
func TemperBias(p []float64, T float64, b []float64, dst []float64) []float64 {
	return temper(p, 1/T, b, dst)
}

// temper is p^inv · e^b, renormalised.
func temper(p []float64, inv float64, b []float64, dst []float64) []float64 {
	dst = append(dst[:0], p...)
	for c, v := range dst {
		dst[c] = inv * math.Log(math.Max(v, 1e-300))
		if b != nil {
			dst[c] += b[c]
		}
	}
	softmax(dst)
	return dst
}
