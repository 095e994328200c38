package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

// adaptFolds is the number of folds train --from chooses λ with (fewer
// when there are fewer labelled articles).
const adaptFolds = 5

// minCalibrateLabels is the fewest new labelled articles an adapted model
// fits its temperatures again on (with --calibrate); below it the base
// model's temperatures are kept.
const minCalibrateLabels = 100

// fewExamples is the count under which train warns about a class: fewer
// than a handful of examples cannot teach a model that class.
const fewExamples = 5

// maxFewShown bounds the values one few-examples warning names.
const maxFewShown = 10

// adaptFlags is train's --from.
type adaptFlags struct {
	from string
	l2   bool // --l2 was given
}

func (a *adaptFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&a.from, "from", "", "adapt this model (a file, or default for the embedded one) to the labels instead of training from scratch: L2 toward its weights, λ chosen by cross-validation on the new labels unless --l2 is given; the base's features, thresholds and temperatures are kept")
}

// check refuses flags that an adapted model cannot honour: it keeps the
// base model's featurizer and algorithm.
func (a *adaptFlags) check(fs *flag.FlagSet, d *dataFlags) error {
	if a.from == "" {
		return nil
	}
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "features", "buckets", "window", "algo", "schema":
			bad = append(bad, "--"+f.Name)
		case "l2":
			a.l2 = true
		}
	})
	if len(bad) > 0 {
		return usagef("--from keeps the base model's settings; drop %s", strings.Join(bad, ", "))
	}
	if len(d.examples) > 0 {
		return usagef("--from adapts a codebook model: give --corpus and --labels, not --examples")
	}
	return nil
}

// trainFrom adapts the --from model to the labelled data.
func trainFrom(e *env, a *adaptFlags, d *dataFlags, t *trainFlags, cal *calibrateFlags) (*classifier.Model, *data, error) {
	path, name := a.from, a.from
	if a.from == "default" {
		path, name = "", "default"
	}
	base, err := loadModelFull(path)
	if err != nil {
		return nil, nil, err
	}
	dt, err := d.load(e, base.Model)
	if err != nil {
		return nil, nil, err
	}
	if err := checkTrainable(e, dt); err != nil {
		return nil, nil, err
	}
	labelled := labelledCount(dt.sets)
	k := min(adaptFolds, labelled)
	if a.l2 {
		warnFew(e, dt, 0) // no cross-validation
	} else {
		warnFew(e, dt, k)
	}
	ds, err := stance.Featurize(dt.schema, base.Features, dt.arts, dt.sets, d.workers)
	if err != nil {
		return nil, nil, err
	}
	ds.Weight = dt.trainingWeights()
	tc := base.Train
	tc.Seed, tc.MaxIter, tc.Workers, tc.Base = t.seed, t.maxIter, d.workers, base.Model
	if tc.Algo == "" {
		tc.Algo = "logreg"
	}
	selection := fmt.Sprintf("given (--l2 %g)", t.l2)
	tc.L2 = t.l2
	if !a.l2 {
		if tc.L2, selection, err = eval.ChooseAdaptL2(ds, tc, eval.LabelledRows(ds), k); err != nil {
			return nil, nil, err
		}
	}
	m, err := classifier.Fit(ds, nil, tc)
	if err != nil {
		return nil, nil, err
	}
	kept := keptOfBase(m, base.Model, dt)
	var texts []string
	for i, art := range dt.arts {
		if dt.sets[i] != nil {
			texts = append(texts, art.Text)
		}
	}
	m.Data = classifier.NewTrainingData(dt.sources, texts)
	if base.Data != nil {
		fp := append(slices.Clone(base.Data.Fingerprints), m.Data.Fingerprints...)
		slices.Sort(fp)
		m.Data.Fingerprints = slices.Compact(fp)
	}
	info := &classifier.BaseModel{Name: name, SHA256: base.sum, L2: tc.L2, Selection: selection}
	if base.Data != nil {
		info.Sources, info.Calibration = base.Data.Sources, base.Data.Calibration
		if base.Data.Base != nil {
			info.Sources = append(slices.Clone(info.Sources), "adapted from "+base.Data.Base.Name)
		}
	}
	switch {
	case cal.group != "" && labelled >= minCalibrateLabels:
		if m.Data.Calibration, err = calibrate(ds, dt, tc, cal, m); err != nil {
			return nil, nil, err
		}
	case cal.group != "":
		fmt.Fprintf(e.stderr, "stance: warning: --calibrate: %d new labelled articles, fewer than %d; the base model's temperatures are kept\n", labelled, minCalibrateLabels)
		fallthrough
	default:
		kept = append(kept, "temperatures")
	}
	info.Kept = strings.Join(kept, "; ")
	m.Data.Base = info
	fmt.Fprintf(e.stderr, "adapted %s with %d labelled articles: L2 %g toward its weights, %s; kept from the base: %s\n", name, labelled, tc.L2, selection, info.Kept)
	return m, dt, nil
}

// keptOfBase says which heads kept the base model whole (no new labels)
// and which multi-label values kept the base's threshold.
func keptOfBase(m, base *classifier.Model, dt *data) []string {
	var kept []string
	for h, head := range m.Schema.Heads {
		if !slices.ContainsFunc(dt.sets, func(l *labels.LabelSet) bool { return l != nil && l.Has(head.Name) }) {
			kept = append(kept, "head "+head.Name+" (no new labels)")
			continue
		}
		if !head.Multi || !base.Heads[h].Trained {
			continue
		}
		var same []string
		for v := range head.Values {
			if m.Heads[h].Thresholds[v] == base.Heads[h].Thresholds[v] {
				same = append(same, head.Values[v])
			}
		}
		if len(same) > 0 {
			kept = append(kept, fmt.Sprintf("%s thresholds of %s (fewer than %d new positives and negatives)", head.Name, strings.Join(same, ","), classifier.AdaptMinPerValue))
		}
	}
	return kept
}

// warnFew warns about the classes of each head with fewer than a handful
// of labelled examples, and about cross-validation with more folds than a
// class (or the data) has examples: such folds test nothing of that class.
func warnFew(e *env, dt *data, folds int) {
	n := labelledCount(dt.sets)
	if folds > n {
		fmt.Fprintf(e.stderr, "stance: warning: %d folds for %d labelled articles: some folds would be empty\n", folds, n)
	}
	for _, head := range dt.schema.Heads {
		counts := map[string]int{}
		labelled := 0
		for _, l := range dt.sets {
			if l == nil || !l.Has(head.Name) {
				continue
			}
			labelled++
			if head.Multi {
				for _, v := range l.Multi[head.Name] {
					counts[v]++
				}
			} else {
				counts[l.Single[head.Name]]++
			}
		}
		if labelled == 0 {
			continue
		}
		var few []string
		for _, v := range head.Values {
			if c := counts[v]; c < fewExamples {
				few = append(few, fmt.Sprintf("%s %d", v, c))
			}
		}
		if len(few) > 0 {
			list := strings.Join(few, ", ")
			if len(few) > maxFewShown {
				list = fmt.Sprintf("%s and %d more values", strings.Join(few[:maxFewShown], ", "), len(few)-maxFewShown)
			}
			msg := fmt.Sprintf("head %s: fewer than %d labelled examples of %s; the model can hardly learn them", head.Name, fewExamples, list)
			if folds > 1 {
				msg += fmt.Sprintf(", and %d-fold cross-validation leaves some folds without them", folds)
			}
			fmt.Fprintf(e.stderr, "stance: warning: %s\n", msg)
		}
	}
}
