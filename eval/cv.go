package eval

import (
	"fmt"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/internal/folds"
	"github.com/stance-project/stance/labels"
)

// Fold is one cross-validation split of dataset rows.
type Fold = folds.Fold

// StratifiedFolds splits ds into k folds stratified on the labels of the
// schema's first single-label head (strataHead; unlabelled rows form their
// own stratum, and with no single-label head every row is one stratum).
func StratifiedFolds(ds *classifier.Dataset, k int, seed uint64) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	if k > ds.Len() {
		return nil, fmt.Errorf("%d folds for %d articles; use at most %d", k, ds.Len(), ds.Len())
	}
	y := make([]int, ds.Len())
	if head := strataHead(ds.Schema); head != nil {
		for i := range y {
			y[i] = -1
			if l := ds.Labels[i]; l != nil {
				if v, ok := l.Single[head.Name]; ok {
					y[i] = head.Index(v)
				}
			}
		}
	}
	return folds.Stratified(y, k, seed), nil
}

// strataHead is the head StratifiedFolds stratifies on: the first
// single-label head, or nil.
func strataHead(s *labels.Schema) *labels.Head {
	for h := range s.Heads {
		if !s.Heads[h].Multi {
			return &s.Heads[h]
		}
	}
	return nil
}

// GroupFolds makes one fold per distinct group (leave-one-group-out), in
// sorted group order, so each fold tests on a group it did not train on.
// Rows whose group is "" are tested in no fold. It returns each fold's
// group.
func GroupFolds(groups []string) ([]Fold, []string, error) {
	return folds.ByGroup(groups)
}

// CrossValidate trains on each fold's Train rows and predicts its Test
// rows, and reports on the pooled predictions, with each fold's macro-F1
// and a majority baseline taken, fold by fold, from the training rows.
// Folds with no training or no test rows are skipped.
func CrossValidate(ds *classifier.Dataset, cfg classifier.TrainConfig, fs []Fold) (*Report, error) {
	return CrossValidateEach(ds, cfg, fs, nil)
}

// CrossValidateEach is CrossValidate that also calls each (unless nil)
// with every fold's model and the predictions it made for the fold's test
// rows, before the model is dropped: for work that needs the fold's model,
// such as explaining its mistakes. An error from each stops the run.
func CrossValidateEach(ds *classifier.Dataset, cfg classifier.TrainConfig, fs []Fold, each func(fold int, m *classifier.Model, p *Predictions) error) (*Report, error) {
	nh := len(ds.Schema.Heads)
	pooled := &Predictions{}
	perFold := make([][]float64, nh)
	base := make([]*Predictions, nh) // per head: pooled baseline predictions
	predicts := make([][]string, nh) // per head: what the baselines predicted
	folded := false
	progress := cfg.Progress
	cfg.Progress = nil
	for f, fold := range fs {
		if progress != nil && f > 0 {
			progress("fold", f, len(fs))
		}
		if len(fold.Test) == 0 || len(fold.Train) == 0 {
			continue
		}
		folded = true
		m, err := classifier.Fit(ds, fold.Train, cfg)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		p, err := Predict(m, ds, fold.Test)
		if err != nil {
			return nil, err
		}
		p.Fold = make([]int, len(p.Rows))
		for j := range p.Fold {
			p.Fold[j] = f
		}
		if each != nil {
			if err := each(f, m, p); err != nil {
				return nil, err
			}
		}
		for h := range ds.Schema.Heads {
			head := &ds.Schema.Heads[h]
			perFold[h] = appendFoldF1(perFold[h], head, collect(ds, h, p))
			maj := majorityOf(head, &m.Heads[h])
			base[h] = base[h].append(maj.predictions(ds, h, fold.Test))
			predicts[h] = maj.names(head, predicts[h])
		}
		pooled = pooled.append(p)
	}
	rep := &Report{Predictions: pooled}
	for h := range ds.Schema.Heads {
		head := &ds.Schema.Heads[h]
		d := collect(ds, h, pooled)
		hr := headReport(head, d)
		if cfg.NetworkAlone() {
			// Rows without a label from a fold's model are the network's
			// (a head untrained in a fold gives none either, and is
			// reported as it was).
			hr.Unscored = d.unscored
		}
		hr.FoldMacroF1 = perFold[h]
		if folded {
			hr.Baseline = baselineOf(head, collect(ds, h, base[h]), predicts[h])
		}
		rep.Heads = append(rep.Heads, hr)
	}
	return rep, nil
}

// appendFoldF1 appends one fold's macro-F1 of head when the fold has
// labelled rows for it.
func appendFoldF1(dst []float64, head *labels.Head, d headData) []float64 {
	switch {
	case !head.Multi && len(d.gold) > 0:
		return append(dst, MacroF1(d.gold, d.pred, len(head.Values)))
	case head.Multi && len(d.gm) > 0:
		rows, _ := MultiRows(d.gm, d.pm, head.Values)
		mac, _ := Averages(rows)
		return append(dst, mac.F1)
	}
	return dst
}

// GroupKFolds splits rows into k folds keeping each group whole
// (folds.GroupK: largest groups first, each to the lightest fold). Rows
// whose group is "" are trained on in every fold and tested in none.
func GroupKFolds(groups []string, k int, seed uint64) ([]Fold, error) {
	return folds.GroupK(groups, k, seed)
}
