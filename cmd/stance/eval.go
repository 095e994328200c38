package main

import (
	"fmt"
	"github.com/stance-project/stance"
	"slices"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

const evalExample = `  stance eval --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl --cv 10
  stance eval --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl --cv 5 --errors --html report.html
  stance eval --corpus ../shared/seeds --labels ../shared/labels/seeds.jsonl
  stance eval --model newsmtsc.stance --examples ../shared/data/newsmtsc/dev_mt.jsonl
  stance eval --agreement ana.jsonl ben.jsonl
  stance eval --learning-curve --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl --cv-group dir`

func runEval(e *env, args []string) error {
	fs := newFlags(e, "eval")
	var c evalCmd
	c.d.register(fs)
	c.t.register(fs)
	fs.StringVar(&c.modelPath, "model", "", "model file to evaluate (default: the embedded model)")
	fs.IntVar(&c.cv, "cv", 0, "instead of a model, K-fold stratified cross-validation of training with these settings")
	fs.StringVar(&c.group, "cv-group", "", "cross-validate leaving one group out: dir (first part of the id) or label:FIELD (a field of the label file)")
	fs.BoolVar(&c.agreement, "agreement", false, "instead, compare two annotators' label files given as arguments: Cohen's kappa per head and the disagreements")
	fs.BoolVar(&c.asJSON, "json", false, "write the report as JSON, with every article's predictions")
	c.o.register(fs)
	quiet := fs.Bool("quiet", false, "no progress bar and no closing summary on standard error")
	fs.BoolVar(&c.curve, "learning-curve", false, "report cross-validated macro-F1 per head at 25, 50, 100, 200, … labelled articles and all of them (--cv K folds, default 5; grouped with --cv-group; fixed --seed)")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if c.agreement {
		return runAgreement(e, &c, pos)
	}
	if c.curve && c.modelPath != "" {
		return usagef("--learning-curve trains at each size; it takes no --model")
	}
	if err := c.check(pos); err != nil {
		return err
	}
	if c.curve {
		return c.learningCurveReport(e)
	}
	if c.cv == 0 {
		if c.m, err = loadModel(c.modelPath); err != nil {
			return err
		}
	}
	prog := startProgress(e, *quiet)
	defer prog.finish()
	rep, err := interruptible(e.ctx(), "evaluating", func() (*eval.Report, error) { return c.evaluate(e) })
	prog.finish()
	if err != nil {
		return err
	}
	if err := c.write(e, rep); err != nil {
		return err
	}
	prog.summary("evaluated %d labelled %s (%s of text) in %.1f s", c.labelled, plural(int64(c.labelled), "article", "articles"), megabytes(c.textBytes), prog.seconds())
	return nil
}

type evalCmd struct {
	d                dataFlags
	t                trainFlags
	modelPath, group string
	cv               int
	asJSON, curve    bool
	agreement        bool
	m                *loadedModel
	o                evalOutput
	// labelled and textBytes describe the data, for the summary.
	labelled  int
	textBytes int64
}

// check validates the command line before any work.
func (c *evalCmd) check(pos []string) error {
	switch {
	case len(pos) > 0:
		return usagef("eval takes no arguments, got %q", pos[0])
	case c.cv != 0 && c.modelPath != "":
		return usagef("use either --model or --cv")
	case c.group != "" && c.modelPath != "":
		return usagef("use either --model or --cv-group")
	case c.cv < 0 || c.cv == 1:
		return usagef("--cv needs at least 2 folds")
	}
	if c.group != "" {
		if c.cv == 0 {
			c.cv = -1 // leave one group out
		}
		if c.group != "dir" && !strings.HasPrefix(c.group, "label:") && !strings.HasPrefix(c.group, "meta:") {
			return usagef("--cv-group %q: use dir, label:FIELD or meta:FIELD", c.group)
		}
	}
	if err := c.d.check(); err != nil {
		return err
	}
	if err := c.o.check(c.asJSON, c.d.inputs()); err != nil {
		return err
	}
	return c.t.check()
}

func (c *evalCmd) evaluate(e *env) (*eval.Report, error) {
	var model *classifier.Model
	if c.m != nil {
		model = c.m.Model
	}
	e.prog.stage("reading", -1, false, "")
	dt, err := c.d.load(e, model)
	if err != nil {
		return nil, err
	}
	c.labelled, c.textBytes = labelledCount(dt.sets), textBytes(dt.arts)
	e.prog.stage(fmt.Sprintf("featurizing %d articles", len(dt.arts)), -1, false, "")
	var rep *eval.Report
	if c.cv == 0 {
		warnTrained(e, c.m.Model, dt)
		rep, err = c.evalModel(dt)
	} else {
		rep, err = c.crossValidate(e, dt)
	}
	if err != nil {
		return nil, err
	}
	rep.Data = describeData(&c.d, dt.arts, dt.sets)
	return rep, nil
}

// warnTrained warns when evaluated articles were among the model's
// training articles (by the fingerprints the model file records).
func warnTrained(e *env, m *classifier.Model, dt *data) {
	if m.Data == nil {
		return
	}
	in, n := 0, 0
	for i, a := range dt.arts {
		if dt.sets[i] == nil {
			continue
		}
		n++
		if m.Data.Contains(a.Text) {
			in++
		}
	}
	if in > 0 {
		fmt.Fprintf(e.stderr, "stance: warning: %d of the %d labelled articles were in the model's training data; figures on them overstate accuracy on new text\n", in, n)
	}
}

func (c *evalCmd) evalModel(dt *data) (*eval.Report, error) {
	ds, err := stance.Featurize(dt.schema, c.m.Features, dt.arts, dt.sets, c.d.workers)
	if err != nil {
		return nil, err
	}
	rep, err := eval.Evaluate(c.m.Model, ds, nil)
	if err != nil {
		return nil, err
	}
	if err := c.o.explain(ds, c.m.Model, rep.Predictions, dt); err != nil {
		return nil, err
	}
	c.o.fill(rep, ds)
	name := c.modelPath
	if name == "" {
		name = "the embedded default model"
	}
	rep.Method = "model " + name
	return rep, nil
}

func (c *evalCmd) crossValidate(e *env, dt *data) (*eval.Report, error) {
	fc, tc, err := c.t.configs(dt.schema, &c.d)
	if err != nil {
		return nil, err
	}
	if err := checkTrainable(e, dt); err != nil {
		return nil, err
	}
	if n := labelledCount(dt.sets); c.cv > n {
		return nil, fmt.Errorf("--cv %d needs at least %d labelled articles, and there are %d", c.cv, c.cv, n)
	}
	warnFew(e, dt, max(c.cv, 0))
	ds, err := stance.Featurize(dt.schema, fc, dt.arts, dt.sets, c.d.workers)
	if err != nil {
		return nil, err
	}
	ds.Weight = dt.trainingWeights()
	folds, method, err := makeFolds(ds, dt, c.group, c.cv, tc.Seed)
	if err != nil {
		return nil, err
	}
	tc.Progress = e.prog.stepDone
	rep, err := eval.CrossValidateEach(ds, tc, folds, func(_ int, m *classifier.Model, p *eval.Predictions) error {
		return c.o.explain(ds, m, p, dt)
	})
	if err != nil {
		return nil, err
	}
	rep.Calibration = eval.Calibrate(ds, rep.Predictions)
	c.o.fill(rep, ds)
	rep.Method = fmt.Sprintf("%s; %s, l2 %g, class weight %s, features %s", method, tc.Algo, tc.L2, tc.ClassWeight, strings.Join(fc.Groups, ","))
	return rep, nil
}

// textBytes is the size of the articles' texts.
func textBytes(arts []*labels.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return n
}

func labelledCount(sets []*labels.LabelSet) int {
	n := 0
	for _, l := range sets {
		if l != nil {
			n++
		}
	}
	return n
}

func describeData(d *dataFlags, arts []*labels.Article, sets []*labels.LabelSet) string {
	labelled := labelledCount(sets)
	if len(d.examples) > 0 {
		return fmt.Sprintf("%s (%d examples, %d labelled)", strings.Join(d.examples, ", "), len(arts), labelled)
	}
	return fmt.Sprintf("%s with labels %s (%d articles, %d labelled)", strings.Join(d.corpus, ", "), strings.Join(d.labels, ", "), len(arts), labelled)
}

// groupsOf returns each article's cross-validation group ("" for an
// unlabelled article, which is in no fold).
func groupsOf(spec string, arts []*labels.Article, sets []*labels.LabelSet, trainOnly []bool) ([]string, error) {
	out := make([]string, len(arts))
	switch {
	case spec == "dir":
		for i, a := range arts {
			if sets[i] == nil || trainOnly != nil && trainOnly[i] {
				continue
			}
			g, _, ok := strings.Cut(a.ID, "/")
			if !ok {
				return nil, fmt.Errorf("--cv-group dir: article %q has no directory in its id", a.ID)
			}
			out[i] = g
		}
	case strings.HasPrefix(spec, "label:"):
		field := strings.TrimPrefix(spec, "label:")
		for i, l := range sets {
			if l == nil || trainOnly != nil && trainOnly[i] {
				continue
			}
			if l.Extra[field] == "" {
				return nil, fmt.Errorf("--cv-group %s: article %q has no %q in the label file", spec, arts[i].ID, field)
			}
			out[i] = l.Extra[field]
		}
	case strings.HasPrefix(spec, "meta:"):
		field := strings.TrimPrefix(spec, "meta:")
		for i, a := range arts {
			if sets[i] == nil || trainOnly != nil && trainOnly[i] {
				continue
			}
			v, ok := a.MetaString(field)
			if !ok {
				return nil, fmt.Errorf("--cv-group %s: article %q has no string field %q", spec, a.ID, field)
			}
			out[i] = v
		}
	default:
		return nil, usagef("--cv-group %q: use dir, label:FIELD or meta:FIELD", spec)
	}
	return out, nil
}

// makeFolds splits the data for cross-validation: leave one group out
// (group set, k < 0), k folds keeping groups whole (group set, k >= 2), or
// k stratified folds. Articles of a --train-only corpus are trained on in
// every fold and tested in none.
func makeFolds(ds *classifier.Dataset, dt *data, group string, k int, seed uint64) ([]eval.Fold, string, error) {
	only := ""
	if slices.Contains(dt.trainOnly, true) {
		only = "; --train-only corpora in every training fold, never tested"
	}
	if group == "" {
		fs, err := eval.StratifiedFolds(ds, k, seed)
		if err != nil {
			return nil, "", usagef("%v", err)
		}
		if only != "" {
			fs = trainOnlyFolds(fs, dt.trainOnly)
		}
		return fs, fmt.Sprintf("%d-fold stratified cross-validation (seed %d)%s", k, seed, only), nil
	}
	groups, err := groupsOf(group, dt.arts, dt.sets, dt.trainOnly)
	if err != nil {
		return nil, "", err
	}
	if k < 0 {
		fs, names, err := eval.GroupFolds(groups)
		if err != nil {
			return nil, "", err
		}
		shown := names
		if len(shown) > 12 {
			shown = append(slices.Clone(shown[:12]), "…")
		}
		return fs, fmt.Sprintf("leave-one-group-out cross-validation by %s (%d groups: %s)%s", group, len(names), strings.Join(shown, ", "), only), nil
	}
	fs, err := eval.GroupKFolds(groups, k, seed)
	if err != nil {
		return nil, "", usagef("--cv %d --cv-group %s: %v", k, group, err)
	}
	n := map[string]bool{}
	for _, g := range groups {
		if g != "" {
			n[g] = true
		}
	}
	return fs, fmt.Sprintf("%d-fold cross-validation grouped by %s (%d groups, none in two folds; seed %d)%s", k, group, len(n), seed, only), nil
}

// trainOnlyFolds moves the train-only rows out of every fold's Test.
func trainOnlyFolds(fs []eval.Fold, trainOnly []bool) []eval.Fold {
	for f := range fs {
		var test []int
		for _, i := range fs[f].Test {
			if trainOnly[i] {
				fs[f].Train = append(fs[f].Train, i)
			} else {
				test = append(test, i)
			}
		}
		slices.Sort(fs[f].Train)
		fs[f].Test = test
	}
	return fs
}
