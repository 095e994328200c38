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
	dst = append(dst[:0], p...)
	if inv == 1 {
		return dst
	}
	max := math.Inf(-1)
	for k, v := range dst {
		dst[k] = inv * math.Log(math.Max(v, 1e-300))
		if dst[k] > max {
			max = dst[k]
		}
	}
	var z float64
	for k, v := range dst {
		dst[k] = math.Exp(v - max)
		z += dst[k]
	}
	for k := range dst {
		dst[k] /= z
	}
	return dst
}
