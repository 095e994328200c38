package eval

// CohenKappa returns Cohen's kappa between two annotators' labels of the
// same items: (p_o − p_e) / (1 − p_e), where p_o is the observed agreement
// and p_e the agreement expected from each annotator's label frequencies
// (Cohen 1960). It returns 1 when both always agree on one label, and
// panics if a and b differ in length.
func CohenKappa(a, b []string) float64 {
	if len(a) != len(b) {
		panic("eval: CohenKappa: annotations differ in length")
	}
	n := float64(len(a))
	if n == 0 {
		return 0
	}
	ca, cb := map[string]float64{}, map[string]float64{}
	agree := 0.0
	for i := range a {
		ca[a[i]]++
		cb[b[i]]++
		if a[i] == b[i] {
			agree++
		}
	}
	po := agree / n
	pe := 0.0
	for k, x := range ca {
		pe += x / n * cb[k] / n
	}
	if pe == 1 {
		return 1
	}
	return (po - pe) / (1 - pe)
}
