//go:build !unix

package stance

// cpuSeconds is unavailable here: the benchmarks report wall time only.
func cpuSeconds() (float64, bool) { return 0, false }
