package eval

// ECE is the expected calibration error of top-label confidences: the
// predictions are put in `bins` equal-width bins by the probability of the
// class they pick, and ECE is the mean over bins of |accuracy − mean
// confidence|, weighted by the share of predictions in the bin (Naeini et
// al. 2015; Guo et al. 2017 use 15 bins). conf[i] is the top probability of
// prediction i and correct[i] whether its pick was right.
func ECE(conf []float64, correct []bool, bins int) float64 {
	if len(conf) == 0 || bins <= 0 {
		return 0
	}
	n := make([]int, bins)
	acc := make([]float64, bins)
	cs := make([]float64, bins)
	for i, c := range conf {
		b := int(c * float64(bins))
		if b >= bins {
			b = bins - 1
		}
		if b < 0 {
			b = 0
		}
		n[b]++
		cs[b] += c
		if correct[i] {
			acc[b]++
		}
	}
	var e float64
	for b := range n {
		if n[b] == 0 {
			continue
		}
		d := acc[b]/float64(n[b]) - cs[b]/float64(n[b])
		if d < 0 {
			d = -d
		}
		e += float64(n[b]) / float64(len(conf)) * d
	}
	return e
}

// Reliability is one bin of a reliability diagram.
type Reliability struct {
	Lo, Hi     float64 // the bin's confidence range
	Count      int
	Confidence float64 // mean top-label confidence in the bin
	Accuracy   float64 // share of the bin's predictions that were right
}

// ReliabilityBins returns the bins behind ECE, for a reliability diagram.
func ReliabilityBins(conf []float64, correct []bool, bins int) []Reliability {
	out := make([]Reliability, bins)
	for b := range out {
		out[b].Lo, out[b].Hi = float64(b)/float64(bins), float64(b+1)/float64(bins)
	}
	for i, c := range conf {
		b := int(c * float64(bins))
		if b >= bins {
			b = bins - 1
		}
		if b < 0 {
			b = 0
		}
		out[b].Count++
		out[b].Confidence += c
		if correct[i] {
			out[b].Accuracy++
		}
	}
	for b := range out {
		if out[b].Count > 0 {
			out[b].Confidence /= float64(out[b].Count)
			out[b].Accuracy /= float64(out[b].Count)
		}
	}
	return out
}
