package eval

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// HeadReport is the evaluation of one head.
type HeadReport struct {
	Head  string `json:"head"`
	Multi bool   `json:"multi"`
	// N is the number of articles labelled for this head.
	N    int   `json:"n"`
	Rows []Row `json:"classes"`
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
}

// Predictions are a model's outputs for dataset rows: Pred[h][j] for head h
// and the j-th row of Rows.
type Predictions struct {
	Rows []int
	Pred [][]classifier.HeadPrediction
}

// Predict runs model m over the given rows of ds.
func Predict(m *classifier.Model, ds *classifier.Dataset, rows []int) (*Predictions, error) {
	p, err := classifier.NewPredictor(m)
	if err != nil {
		return nil, err
	}
	out := &Predictions{Rows: rows, Pred: make([][]classifier.HeadPrediction, len(rows))}
	for j, i := range rows {
		hp := p.Predict(ds.Doc(i), nil)
		out.Pred[j] = hp
	}
	return out, nil
}

// Gold and predicted labels of one head, over the rows labelled for it.
type headData struct {
	gold, pred []int    // single
	gm, pm     [][]bool // multi
}

func collect(ds *classifier.Dataset, h int, p *Predictions) headData {
	head := &ds.Schema.Heads[h]
	var d headData
	for j, i := range p.Rows {
		l := ds.Labels[i]
		if l == nil {
			continue
		}
		hp := p.Pred[j][h]
		if head.Multi {
			vals, ok := l.Multi[head.Name]
			if !ok || hp.Probs == nil {
				continue
			}
			g := make([]bool, len(head.Values))
			for _, v := range vals {
				g[head.Index(v)] = true
			}
			pr := make([]bool, len(head.Values))
			for _, v := range hp.Labels {
				pr[v] = true
			}
			d.gm, d.pm = append(d.gm, g), append(d.pm, pr)
			continue
		}
		v, ok := l.Single[head.Name]
		if !ok || hp.Label < 0 {
			continue
		}
		d.gold = append(d.gold, head.Index(v))
		d.pred = append(d.pred, hp.Label)
	}
	return d
}

// HeadReportOf builds the report of head h from predictions; majority gives
// the baseline's prediction (nil: no baseline).
func HeadReportOf(head *labels.Head, d headData, majority []int) HeadReport {
	r := HeadReport{Head: head.Name, Multi: head.Multi}
	if head.Multi {
		r.N = len(d.gm)
		rows, micro := MultiRows(d.gm, d.pm, head.Values)
		r.Rows = rows
		r.Macro, r.Weighted = Averages(rows)
		r.Micro = &micro
		s := SamplesAvg(d.gm, d.pm)
		r.Samples = &s
		if majority != nil && r.N > 0 {
			bp := make([][]bool, r.N)
			var names []string
			for i := range bp {
				bp[i] = make([]bool, len(head.Values))
				for _, v := range majority {
					bp[i][v] = true
				}
			}
			for _, v := range majority {
				names = append(names, head.Values[v])
			}
			brows, _ := MultiRows(d.gm, bp, head.Values)
			bm, _ := Averages(brows)
			r.Baseline = &Baseline{Predicts: names, MacroF1: bm.F1}
			if names == nil {
				r.Baseline.Predicts = []string{}
			}
		}
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
	if len(majority) == 1 && r.N > 0 {
		bp := make([]int, r.N)
		for i := range bp {
			bp[i] = majority[0]
		}
		b := &Baseline{Predicts: []string{head.Values[majority[0]]}, Accuracy: Accuracy(d.gold, bp), MacroF1: MacroF1(d.gold, bp, k)}
		if sc := head.Score; sc != nil {
			f := FAvg(d.gold, bp, k, head.Index(sc.Plus), head.Index(sc.Minus))
			b.FAvg = &f
		}
		r.Baseline = b
	}
	return r
}

// majorityOf returns the baseline prediction from training counts: the most
// frequent value (first in schema order on ties), or for a multi-label head
// the values held by more than half of the training articles.
func majorityOf(head *labels.Head, hm *classifier.HeadModel) []int {
	if !hm.Trained || len(hm.Counts) == 0 {
		return nil
	}
	if head.Multi {
		out := []int{}
		for v, c := range hm.Counts {
			if 2*c > hm.N {
				out = append(out, v)
			}
		}
		return out
	}
	best := 0
	for v, c := range hm.Counts {
		if c > hm.Counts[best] {
			best = v
		}
	}
	return []int{best}
}

// Evaluate reports model m against the labels of the given rows of ds.
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
	rep := &Report{}
	any := false
	for h := range ds.Schema.Heads {
		head := &ds.Schema.Heads[h]
		d := collect(ds, h, p)
		hr := HeadReportOf(head, d, majorityOf(head, &m.Heads[h]))
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

// StratifiedFolds splits ds into k folds stratified on the first
// single-label head's labels (unlabelled rows form their own stratum).
// It returns, per fold, a mask of the held-out rows.
func StratifiedFolds(ds *classifier.Dataset, k int, seed uint64) ([][]bool, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	if k > ds.Len() {
		return nil, fmt.Errorf("%d folds for %d articles; use at most %d", k, ds.Len(), ds.Len())
	}
	y := make([]int, ds.Len())
	for h, head := range ds.Schema.Heads {
		if head.Multi {
			continue
		}
		for i := range y {
			y[i] = -1
			if l := ds.Labels[i]; l != nil {
				if v, ok := l.Single[head.Name]; ok {
					y[i] = head.Index(v)
				}
			}
		}
		_ = h
		break
	}
	return classifier.Folds(y, k, seed), nil
}

// GroupFolds makes one fold per distinct group (leave-one-group-out), in
// sorted group order, so each fold tests on a group it did not train on.
// Rows whose group is "" are in no fold.
func GroupFolds(groups []string) ([][]bool, []string, error) {
	names := slices.Clone(groups)
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) > 0 && names[0] == "" {
		names = names[1:]
	}
	if len(names) < 2 {
		return nil, nil, fmt.Errorf("grouped cross-validation needs at least 2 groups, found %d", len(names))
	}
	folds := make([][]bool, len(names))
	for f, g := range names {
		folds[f] = make([]bool, len(groups))
		for i, x := range groups {
			folds[f][i] = x == g
		}
	}
	return folds, names, nil
}

// CrossValidate trains on all but one fold and predicts that fold, for
// every fold, and reports on the pooled predictions.
func CrossValidate(ds *classifier.Dataset, cfg classifier.TrainConfig, folds [][]bool) (*Report, error) {
	nh := len(ds.Schema.Heads)
	pooled := &Predictions{}
	perFold := make([][]float64, nh)
	majorities := make([][][]int, nh) // per head, per fold
	for f, mask := range folds {
		var train, test []int
		for i, held := range mask {
			if held {
				test = append(test, i)
			} else {
				train = append(train, i)
			}
		}
		if len(test) == 0 || len(train) == 0 {
			continue
		}
		m, err := classifier.Fit(ds, train, cfg)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		p, err := Predict(m, ds, test)
		if err != nil {
			return nil, err
		}
		for h := range ds.Schema.Heads {
			head := &ds.Schema.Heads[h]
			d := collect(ds, h, p)
			maj := majorityOf(head, &m.Heads[h])
			majorities[h] = append(majorities[h], maj)
			if !head.Multi && len(d.gold) > 0 {
				perFold[h] = append(perFold[h], MacroF1(d.gold, d.pred, len(head.Values)))
			} else if head.Multi && len(d.gm) > 0 {
				rows, _ := MultiRows(d.gm, d.pm, head.Values)
				mac, _ := Averages(rows)
				perFold[h] = append(perFold[h], mac.F1)
			}
		}
		pooled.Rows = append(pooled.Rows, test...)
		pooled.Pred = append(pooled.Pred, p.Pred...)
	}
	rep := &Report{}
	for h := range ds.Schema.Heads {
		head := &ds.Schema.Heads[h]
		d := collect(ds, h, pooled)
		hr := HeadReportOf(head, d, nil)
		hr.FoldMacroF1 = perFold[h]
		hr.Baseline = cvBaseline(head, ds, folds, majorities[h])
		rep.Heads = append(rep.Heads, hr)
	}
	return rep, nil
}

// cvBaseline scores the majority-class baseline the honest way: each fold's
// majority comes from its training rows.
func cvBaseline(head *labels.Head, ds *classifier.Dataset, folds [][]bool, maj [][]int) *Baseline {
	if len(maj) == 0 {
		return nil
	}
	h := -1
	for i := range ds.Schema.Heads {
		if ds.Schema.Heads[i].Name == head.Name {
			h = i
		}
	}
	pooled := &Predictions{}
	fi := 0
	var predicts []string
	for _, mask := range folds {
		var test []int
		for i, held := range mask {
			if held {
				test = append(test, i)
			}
		}
		if len(test) == 0 || len(test) == len(mask) {
			continue
		}
		m := maj[fi]
		fi++
		for _, i := range test {
			hp := make([]classifier.HeadPrediction, len(ds.Schema.Heads))
			for k := range hp {
				hp[k].Label = -1
			}
			if head.Multi {
				hp[h].Probs = make([]float64, len(head.Values))
				hp[h].Labels = m
			} else if len(m) == 1 {
				hp[h].Label = m[0]
			}
			pooled.Rows = append(pooled.Rows, i)
			pooled.Pred = append(pooled.Pred, hp)
		}
		for _, v := range m {
			if !slices.Contains(predicts, head.Values[v]) {
				predicts = append(predicts, head.Values[v])
			}
		}
	}
	d := collect(ds, h, pooled)
	k := len(head.Values)
	b := &Baseline{Predicts: predicts}
	if predicts == nil {
		b.Predicts = []string{}
	}
	if head.Multi {
		rows, _ := MultiRows(d.gm, d.pm, head.Values)
		mac, _ := Averages(rows)
		b.MacroF1 = mac.F1
		return b
	}
	b.Accuracy = Accuracy(d.gold, d.pred)
	b.MacroF1 = MacroF1(d.gold, d.pred, k)
	if sc := head.Score; sc != nil {
		f := FAvg(d.gold, d.pred, k, head.Index(sc.Plus), head.Index(sc.Minus))
		b.FAvg = &f
	}
	return b
}

// meanSD returns the mean and sample standard deviation.
func meanSD(x []float64) (float64, float64) {
	if len(x) == 0 {
		return 0, 0
	}
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	if len(x) < 2 {
		return m, 0
	}
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}
