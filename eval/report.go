package eval

import (
	"errors"
	"slices"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// HeadReport is the evaluation of one head.
type HeadReport struct {
	Head  string `json:"head"`
	Multi bool   `json:"multi"`
	// N is the number of articles labelled for this head and scored.
	N int `json:"n"`
	// Unscored are the labelled articles the model gave no label for this
	// head (a network alone, without the example's mention in its text):
	// left out of every figure.
	Unscored int   `json:"unscored,omitempty"`
	Rows     []Row `json:"classes"`
	// Single-label heads.
	Accuracy  float64  `json:"accuracy,omitempty"`
	Macro     Row      `json:"macro_avg"`
	Weighted  Row      `json:"weighted_avg"`
	FAvg      *float64 `json:"f_avg,omitempty"`
	FAvgOf    []string `json:"f_avg_classes,omitempty"`
	Order     []string `json:"confusion_order,omitempty"`
	Confusion [][]int  `json:"confusion,omitempty"`
	// Multi-label heads.
	Micro   *Row `json:"micro_avg,omitempty"`
	Samples *Row `json:"samples_avg,omitempty"`
	// Baseline is the majority-class baseline of the training labels.
	Baseline *Baseline `json:"baseline,omitempty"`
	// FoldMacroF1 holds each cross-validation fold's macro-F1.
	FoldMacroF1 []float64 `json:"fold_macro_f1,omitempty"`
}

// Baseline is what always predicting the training majority scores.
type Baseline struct {
	Predicts []string `json:"predicts"`
	Accuracy float64  `json:"accuracy,omitempty"`
	MacroF1  float64  `json:"macro_f1"`
	FAvg     *float64 `json:"f_avg,omitempty"`
}

// Report is an evaluation of every head.
type Report struct {
	// Data says what was evaluated, Method how (a model file, or k-fold
	// cross-validation).
	Data   string       `json:"data"`
	Method string       `json:"method"`
	Heads  []HeadReport `json:"heads"`
	// Calibration is each single-label head's temperature scaling and its
	// effect, under cross-validation (Calibrate).
	Calibration []Calibration `json:"calibration,omitempty"`
	// Predictions are the per-row predictions the report was made from
	// (out-of-fold under cross-validation).
	Predictions *Predictions `json:"-"`
	// Articles are the per-article predictions (Articles), when the
	// caller filled them in.
	Articles []ArticlePrediction `json:"predictions,omitempty"`
}

// headReport builds the report of one head from its gold and predicted
// labels (no baseline).
func headReport(head *labels.Head, d headData) HeadReport {
	r := HeadReport{Head: head.Name, Multi: head.Multi}
	if head.Multi {
		r.N = len(d.gm)
		rows, micro := MultiRows(d.gm, d.pm, head.Values)
		r.Rows = rows
		r.Macro, r.Weighted = Averages(rows)
		r.Micro = &micro
		s := SamplesAvg(d.gm, d.pm)
		r.Samples = &s
		return r
	}
	k := len(head.Values)
	r.N = len(d.gold)
	r.Rows = PerClass(d.gold, d.pred, head.Values)
	r.Macro, r.Weighted = Averages(r.Rows)
	r.Accuracy = Accuracy(d.gold, d.pred)
	r.Order = slices.Clone(head.Values)
	r.Confusion = Confusion(d.gold, d.pred, k)
	if sc := head.Score; sc != nil {
		f := FAvg(d.gold, d.pred, k, head.Index(sc.Plus), head.Index(sc.Minus))
		r.FAvg = &f
		r.FAvgOf = []string{sc.Plus, sc.Minus}
	}
	return r
}

// Evaluate reports model m against the labels of the given rows of ds (nil:
// every row), with the majority baseline of m's training labels.
func Evaluate(m *classifier.Model, ds *classifier.Dataset, rows []int) (*Report, error) {
	if !sameSchema(m.Schema, ds.Schema) {
		return nil, errors.New("the model's schema differs from the data's")
	}
	if rows == nil {
		rows = classifier.All(ds.Len())
	}
	p, err := Predict(m, ds, rows)
	if err != nil {
		return nil, err
	}
	rep := &Report{Predictions: p}
	any := false
	for h := range ds.Schema.Heads {
		head := &ds.Schema.Heads[h]
		d := collect(ds, h, p)
		hr := headReport(head, d)
		if m.Heads[h].Trained {
			hr.Unscored = d.unscored
		}
		if maj := majorityOf(head, &m.Heads[h]); hr.N > 0 && (head.Multi && maj != nil || len(maj) == 1) {
			bp := maj.predictions(ds, h, rows)
			hr.Baseline = baselineOf(head, collect(ds, h, bp), maj.names(head, nil))
		}
		if hr.N > 0 {
			any = true
		}
		rep.Heads = append(rep.Heads, hr)
	}
	if !any {
		return nil, errors.New("no article is labelled for a head the model predicts; check that label ids match the corpus")
	}
	return rep, nil
}

func sameSchema(a, b *labels.Schema) bool {
	if len(a.Heads) != len(b.Heads) {
		return false
	}
	for i := range a.Heads {
		if a.Heads[i].Name != b.Heads[i].Name || !slices.Equal(a.Heads[i].Values, b.Heads[i].Values) || a.Heads[i].Multi != b.Heads[i].Multi {
			return false
		}
	}
	return true
}
