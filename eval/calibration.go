package eval

import (
	"slices"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

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
	var e float64
	for _, r := range ReliabilityBins(conf, correct, bins) {
		if r.Count == 0 {
			continue
		}
		d := r.Accuracy - r.Confidence
		if d < 0 {
			d = -d
		}
		e += float64(r.Count) / float64(len(conf)) * d
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

// Calibration is one single-label head's temperature scaling, measured
// without letting a temperature see the predictions it is judged on.
type Calibration struct {
	Head string `json:"head"`
	// N is the number of labelled out-of-fold predictions.
	N int `json:"n"`
	// Temperature is fitted on every out-of-fold prediction: the value a
	// model trained on all the data should carry.
	Temperature float64 `json:"temperature"`
	// ECEBefore is the expected calibration error (ECEBins bins) of the
	// raw out-of-fold probabilities; ECEAfter that of the same
	// predictions with each fold's temperature fitted on the other folds'
	// predictions only (cross-fitting).
	ECEBefore float64 `json:"ece_before"`
	ECEAfter  float64 `json:"ece_after"`
}

// ECEBins is the number of confidence bins ECE uses in reports.
const ECEBins = 10

// Calibrate fits and judges a temperature for each single-label head from
// cross-validated predictions p (p.Fold set, as CrossValidate leaves them).
func Calibrate(ds *classifier.Dataset, p *Predictions) []Calibration {
	var out []Calibration
	eachHeadOOF(ds, p, func(head *labels.Head, probs [][]float64, gold, fold []int, nf int) {
		c := Calibration{Head: head.Name, N: len(probs), Temperature: classifier.FitTemperature(probs, gold)}
		after := crossFitted(probs, gold, fold, nf, func(g []int) func([]float64) []float64 {
			inv := 1 / classifier.FitTemperature(probs, g)
			return func(q []float64) []float64 { return classifier.Temper(q, inv, nil) }
		})
		c.ECEBefore, c.ECEAfter = ece(probs, gold), ece(after, gold)
		out = append(out, c)
	})
	return out
}

// ece is the ECE of top-label confidences of probs against gold.
func ece(probs [][]float64, gold []int) float64 {
	conf := make([]float64, len(probs))
	ok := make([]bool, len(probs))
	for j, p := range probs {
		k := 0
		for c := range p {
			if p[c] > p[k] {
				k = c
			}
		}
		conf[j], ok[j] = p[k], k == gold[j]
	}
	return ECE(conf, ok, ECEBins)
}

// Recalibration is one head's out-of-fold figures before and after a
// temperature with per-class offsets (classifier.FitBiasTemperature),
// cross-fitted: each fold is recalibrated with parameters fitted on the
// other folds only.
type Recalibration struct {
	Head                    string    `json:"head"`
	MacroF1Before           float64   `json:"macro_f1_before"`
	MacroF1After            float64   `json:"macro_f1_after"`
	ECEBefore, ECEAfter     float64   `json:"-"`
	Temperature             float64   `json:"temperature"`
	Offsets                 []float64 `json:"offsets"`
	PerClassF1, PerClassF1b []float64 `json:"-"`
}

// Recalibrate measures FitBiasTemperature on cross-validated predictions
// p (p.Fold set), and fits the parameters a model trained on all the data
// should carry.
func Recalibrate(ds *classifier.Dataset, p *Predictions) []Recalibration {
	var out []Recalibration
	eachHeadOOF(ds, p, func(head *labels.Head, probs [][]float64, gold, fold []int, nf int) {
		r := Recalibration{Head: head.Name}
		r.Temperature, r.Offsets = classifier.FitBiasTemperature(probs, gold)
		after := crossFitted(probs, gold, fold, nf, func(g []int) func([]float64) []float64 {
			T, b := classifier.FitBiasTemperature(probs, g)
			return func(q []float64) []float64 { return classifier.TemperBias(q, T, b, nil) }
		})
		k := len(head.Values)
		r.MacroF1Before, r.MacroF1After = MacroF1(gold, argmaxes(probs), k), MacroF1(gold, argmaxes(after), k)
		r.ECEBefore, r.ECEAfter = ece(probs, gold), ece(after, gold)
		out = append(out, r)
	})
	return out
}

// eachHeadOOF calls fn for each single-label head with labelled
// cross-validated predictions in p: the probabilities, gold classes and
// folds of its rows (headOOF), and the number of folds.
func eachHeadOOF(ds *classifier.Dataset, p *Predictions, fn func(head *labels.Head, probs [][]float64, gold, fold []int, nf int)) {
	nf := 0
	for _, f := range p.Fold {
		nf = max(nf, f+1)
	}
	for h := range ds.Schema.Heads {
		head := &ds.Schema.Heads[h]
		if head.Multi {
			continue
		}
		if probs, gold, fold := headOOF(ds, p, h); len(probs) > 0 {
			fn(head, probs, gold, fold, nf)
		}
	}
}

func argmaxes(probs [][]float64) []int {
	out := make([]int, len(probs))
	for j, p := range probs {
		for c := range p {
			if p[c] > p[out[j]] {
				out[j] = c
			}
		}
	}
	return out
}

// headOOF collects single-label head h's labelled predictions from p:
// the probabilities, the gold class and the fold of each.
func headOOF(ds *classifier.Dataset, p *Predictions, h int) (probs [][]float64, gold, fold []int) {
	head := &ds.Schema.Heads[h]
	for j, i := range p.Rows {
		l := ds.Labels[i]
		if l == nil || len(p.Pred[j][h].Probs) == 0 {
			continue
		}
		v, ok := l.Single[head.Name]
		if !ok {
			continue
		}
		probs, gold, fold = append(probs, p.Pred[j][h].Probs), append(gold, head.Index(v)), append(fold, p.Fold[j])
	}
	return probs, gold, fold
}

// crossFitted recalibrates probs fold by fold: fit receives the gold
// classes with the fold's own rows hidden (-1) and returns the map to
// apply to that fold's rows, so no row is recalibrated by parameters fitted
// on it.
func crossFitted(probs [][]float64, gold, fold []int, nf int, fit func(gold []int) func([]float64) []float64) [][]float64 {
	after := make([][]float64, len(probs))
	for f := 0; f < nf; f++ {
		g := slices.Clone(gold)
		for j := range g {
			if fold[j] == f {
				g[j] = -1
			}
		}
		apply := fit(g)
		for j := range probs {
			if fold[j] == f {
				after[j] = apply(probs[j])
			}
		}
	}
	return after
}
