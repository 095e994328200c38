package eval

// Row is one line of a classification report.
type Row struct {
	Label     string  `json:"label"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// prf computes precision, recall and F1 from counts (zero-division: 0).
func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Confusion returns the k×k confusion matrix of gold (rows) against pred
// (columns); labels are in [0, k).
func Confusion(gold, pred []int, k int) [][]int {
	if len(gold) != len(pred) {
		panic("eval: gold and pred differ in length")
	}
	c := make([][]int, k)
	for i := range c {
		c[i] = make([]int, k)
	}
	for i := range gold {
		c[gold[i]][pred[i]]++
	}
	return c
}

// PerClass returns precision, recall, F1 and support of each class.
func PerClass(gold, pred []int, names []string) []Row {
	k := len(names)
	cm := Confusion(gold, pred, k)
	rows := make([]Row, k)
	for c := 0; c < k; c++ {
		tp := cm[c][c]
		fp, fn := 0, 0
		for o := 0; o < k; o++ {
			if o != c {
				fp += cm[o][c]
				fn += cm[c][o]
			}
		}
		p, r, f := prf(tp, fp, fn)
		rows[c] = Row{Label: names[c], Precision: p, Recall: r, F1: f, Support: tp + fn}
	}
	return rows
}

// Averages returns the macro and support-weighted averages of rows.
func Averages(rows []Row) (macro, weighted Row) {
	macro.Label, weighted.Label = "macro avg", "weighted avg"
	n := 0
	for _, r := range rows {
		n += r.Support
	}
	for _, r := range rows {
		macro.Precision += r.Precision / float64(len(rows))
		macro.Recall += r.Recall / float64(len(rows))
		macro.F1 += r.F1 / float64(len(rows))
		if n > 0 {
			w := float64(r.Support) / float64(n)
			weighted.Precision += r.Precision * w
			weighted.Recall += r.Recall * w
			weighted.F1 += r.F1 * w
		}
	}
	macro.Support, weighted.Support = n, n
	return
}

// Accuracy returns the fraction of equal labels (0 for no labels).
func Accuracy(gold, pred []int) float64 {
	if len(gold) == 0 {
		return 0
	}
	ok := 0
	for i := range gold {
		if gold[i] == pred[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(gold))
}

// MacroF1 returns the unweighted mean F1 over all k classes.
func MacroF1(gold, pred []int, k int) float64 {
	names := make([]string, k)
	m, _ := Averages(PerClass(gold, pred, names))
	return m.F1
}

// FAvg returns the mean F1 of classes plus and minus.
func FAvg(gold, pred []int, k, plus, minus int) float64 {
	rows := PerClass(gold, pred, make([]string, k))
	return (rows[plus].F1 + rows[minus].F1) / 2
}

// MultiRows returns per-value rows for multi-label data, where gold[i][v]
// and pred[i][v] say whether article i has value v, and the micro average.
func MultiRows(gold, pred [][]bool, names []string) (rows []Row, micro Row) {
	k := len(names)
	rows = make([]Row, k)
	ttp, tfp, tfn := 0, 0, 0
	for v := 0; v < k; v++ {
		tp, fp, fn := 0, 0, 0
		for i := range gold {
			switch {
			case gold[i][v] && pred[i][v]:
				tp++
			case pred[i][v]:
				fp++
			case gold[i][v]:
				fn++
			}
		}
		p, r, f := prf(tp, fp, fn)
		rows[v] = Row{Label: names[v], Precision: p, Recall: r, F1: f, Support: tp + fn}
		ttp, tfp, tfn = ttp+tp, tfp+fp, tfn+fn
	}
	p, r, f := prf(ttp, tfp, tfn)
	micro = Row{Label: "micro avg", Precision: p, Recall: r, F1: f, Support: ttp + tfn}
	return rows, micro
}

// SamplesAvg returns the per-article average of precision, recall and F1
// (scikit-learn's "samples avg"); an article with neither gold nor predicted
// values scores 0, as with zero_division=0.
func SamplesAvg(gold, pred [][]bool) Row {
	out := Row{Label: "samples avg"}
	if len(gold) == 0 {
		return out
	}
	for i := range gold {
		tp, fp, fn := 0, 0, 0
		for v := range gold[i] {
			switch {
			case gold[i][v] && pred[i][v]:
				tp++
			case pred[i][v]:
				fp++
			case gold[i][v]:
				fn++
			}
		}
		p, r, f := prf(tp, fp, fn)
		out.Precision += p
		out.Recall += r
		out.F1 += f
		out.Support += tp + fn
	}
	n := float64(len(gold))
	out.Precision /= n
	out.Recall /= n
	out.F1 /= n
	return out
}
