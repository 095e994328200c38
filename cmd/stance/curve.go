package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/eval"
)

// curveFolds is the number of folds of a learning curve when --cv is not
// given.
const curveFolds = 5

// learningCurve cross-validates training on growing numbers of the
// labelled articles (eval --learning-curve): --cv K folds (default 5),
// kept whole by --cv-group when given, the same seeded order of articles
// at every size. Articles of a --train-only corpus are trained on in
// every fold and never counted.
func (c *evalCmd) learningCurve(e *env) (*eval.LearningCurve, error) {
	dt, err := c.d.load(e, nil)
	if err != nil {
		return nil, err
	}
	fc, tc, err := c.t.configs(dt.schema, &c.d)
	if err != nil {
		return nil, err
	}
	if err := checkTrainable(e, dt); err != nil {
		return nil, err
	}
	k := c.cv
	if k <= 0 {
		k = curveFolds
	}
	ds, err := stance.Featurize(dt.schema, fc, dt.arts, dt.sets, c.d.workers)
	if err != nil {
		return nil, err
	}
	ds.Weight = dt.trainingWeights()
	var pool, always []int
	for _, i := range eval.LabelledRows(ds) {
		if dt.trainOnly != nil && dt.trainOnly[i] {
			always = append(always, i)
		} else {
			pool = append(pool, i)
		}
	}
	if len(pool) < k {
		return nil, fmt.Errorf("--learning-curve with %d folds needs at least %d labelled articles, and there are %d", k, k, len(pool))
	}
	warnFew(e, dt, k)
	var groups []string
	if c.group != "" {
		if groups, err = groupsOf(c.group, dt.arts, dt.sets, dt.trainOnly); err != nil {
			return nil, err
		}
	}
	foldsOf := func(rows []int) ([]eval.Fold, error) {
		var fs []eval.Fold
		if groups == nil {
			if fs, err = eval.StratifiedFoldsOf(ds, rows, min(k, len(rows)), tc.Seed); err != nil {
				return nil, err
			}
		} else {
			// Only the chosen rows are in a fold; the rest are in none.
			g := make([]string, len(groups))
			distinct := map[string]bool{}
			for _, i := range rows {
				g[i] = groups[i]
				distinct[groups[i]] = true
			}
			// A small sample may hold fewer groups than folds.
			if fs, err = eval.GroupKFolds(g, min(k, len(distinct)), tc.Seed); err != nil {
				return nil, err
			}
			for f := range fs {
				fs[f].Train = slices.DeleteFunc(fs[f].Train, func(i int) bool { return g[i] == "" })
			}
		}
		for f := range fs {
			fs[f].Train = append(fs[f].Train, always...)
			slices.Sort(fs[f].Train)
		}
		return fs, nil
	}
	lc, err := eval.Learn(ds, tc, pool, eval.CurveSizes(len(pool)), tc.Seed, foldsOf)
	if err != nil {
		return nil, err
	}
	lc.Data = describeData(&c.d, dt.arts, dt.sets)
	split := fmt.Sprintf("%d-fold stratified cross-validation", k)
	if c.group != "" {
		split = fmt.Sprintf("%d-fold cross-validation grouped by %s", k, c.group)
	}
	lc.Method = fmt.Sprintf("%s at each size, the first N of one shuffle (seed %d)%s; %s, l2 %g, class weight %s, features %s",
		split, tc.Seed, trainOnlyNote(always), tc.Algo, tc.L2, tc.ClassWeight, strings.Join(fc.Groups, ","))
	return lc, nil
}

func trainOnlyNote(always []int) string {
	if len(always) == 0 {
		return ""
	}
	return fmt.Sprintf("; %d --train-only articles in every training fold, never counted", len(always))
}

// learningCurveReport writes the curve as a table or JSON.
func (c *evalCmd) learningCurveReport(e *env) error {
	lc, err := interruptible(e.ctx(), "evaluating", func() (*eval.LearningCurve, error) { return c.learningCurve(e) })
	if err != nil {
		return err
	}
	if c.asJSON {
		return lc.WriteJSON(e.stdout)
	}
	return lc.WriteText(e.stdout)
}
