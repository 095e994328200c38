package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/stance-project/stance/classifier"
)

// AdaptL2Grid are the penalty strengths toward a base model's weights
// that ChooseAdaptL2 chooses among. The loss is a mean over the new rows,
// so λ = 1 already holds the weights close to the base for twenty labels.
var AdaptL2Grid = []float64{0.003, 0.01, 0.03, 0.1, 0.3, 1, 3}

// ChooseAdaptL2 picks the penalty toward tc.Base's weights from
// AdaptL2Grid by k-fold stratified cross-validation on the given rows (the
// new labels) only, by the one-standard-error rule (Hastie, Tibshirani and Friedman,
// The Elements of Statistical Learning, 7.10): the strongest λ (the
// closest to the base) whose mean macro-F1 over the heads is within one
// standard error of the best. Twenty labels of one outlet say little about
// the rest of the world; among settings they cannot tell apart, the one
// that moves the base least keeps what it knew.
func ChooseAdaptL2(ds *classifier.Dataset, tc classifier.TrainConfig, rows []int, k int) (float64, string, error) {
	if k < 2 {
		return AdaptL2Grid[len(AdaptL2Grid)-1], "too few labels to cross-validate; the strongest of the grid", nil
	}
	fs, err := StratifiedFoldsOf(ds, rows, k, tc.Seed)
	if err != nil {
		return 0, "", err
	}
	scores := make([]float64, len(AdaptL2Grid))
	ses := make([]float64, len(AdaptL2Grid))
	var tried []string
	best := 0
	for i, l2 := range AdaptL2Grid {
		c := tc
		c.L2 = l2
		rep, err := CrossValidate(ds, c, fs)
		if err != nil {
			return 0, "", err
		}
		scores[i], ses[i] = MeanMacroF1(rep), foldSE(rep)
		tried = append(tried, fmt.Sprintf("%g: %.3f", l2, scores[i]))
		if scores[i] > scores[best] {
			best = i
		}
	}
	pick := best
	for i := range AdaptL2Grid {
		if scores[i] >= scores[best]-ses[best] {
			pick = i
		}
	}
	return AdaptL2Grid[pick], fmt.Sprintf("chosen by %d-fold cross-validation on the new labels, the strongest within one standard error (%.3f) of the best (mean macro-F1 over heads: %s)", k, ses[best], strings.Join(tried, ", ")), nil
}

// foldSE is the standard error of the mean over folds of the heads'
// mean macro-F1 (the per-head fold figures averaged fold by fold; a head
// with figures for fewer folds counts in those it has).
func foldSE(rep *Report) float64 {
	var sum []float64
	var cnt []int
	for _, h := range rep.Heads {
		for f, v := range h.FoldMacroF1 {
			for len(sum) <= f {
				sum, cnt = append(sum, 0), append(cnt, 0)
			}
			sum[f] += v
			cnt[f]++
		}
	}
	n := float64(len(sum))
	if n < 2 {
		return 0
	}
	mean := 0.0
	for f := range sum {
		sum[f] /= float64(cnt[f])
		mean += sum[f] / n
	}
	v := 0.0
	for _, x := range sum {
		v += (x - mean) * (x - mean)
	}
	return math.Sqrt(v / (n - 1) / n)
}

// MeanMacroF1 is the mean over heads (with labels) of a report's
// macro-F1.
func MeanMacroF1(rep *Report) float64 {
	s, n := 0.0, 0
	for _, h := range rep.Heads {
		if h.N > 0 {
			s += h.Macro.F1
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}
