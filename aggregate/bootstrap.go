package aggregate

import (
	"math"
	"math/rand/v2"
	"slices"
)

// BootstrapCI returns the mean of x and a percentile bootstrap confidence
// interval for it at level (0.95 for 95%): the (1−level)/2 and
// (1+level)/2 quantiles of the means of resamples resamples of x drawn
// with replacement, from a PCG generator seeded with seed. x is not
// modified; it is resampled in sorted order, so the interval does not
// depend on the order of x. With one value the interval is that value;
// with none, every result is NaN. It panics if level is not in (0, 1) or
// resamples is below 1.
func BootstrapCI(x []float64, level float64, resamples int, seed uint64) (mean, lo, hi float64) {
	if !(level > 0 && level < 1) || resamples < 1 {
		panic("aggregate: BootstrapCI needs 0 < level < 1 and resamples ≥ 1")
	}
	n := len(x)
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	for _, v := range s {
		mean += v
	}
	mean /= float64(n)
	if n == 1 {
		return mean, mean, mean
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	means := make([]float64, resamples)
	for b := range means {
		sum := 0.0
		for range n {
			sum += s[r.IntN(n)]
		}
		means[b] = sum / float64(n)
	}
	slices.Sort(means)
	return mean, quantile(means, (1-level)/2), quantile(means, (1+level)/2)
}

// quantile returns the q-quantile of sorted s, interpolating linearly
// between order statistics (type 7 of Hyndman and Fan 1996, R's default).
func quantile(s []float64, q float64) float64 {
	h := q * float64(len(s)-1)
	i := int(math.Floor(h))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}
