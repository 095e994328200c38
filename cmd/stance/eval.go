package main

import (
	"fmt"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

const evalExample = `  stance eval --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl --cv 10
  stance eval --corpus ../shared/seeds --labels ../shared/labels/seeds.jsonl
  stance eval --model newsmtsc.stance --examples ../shared/data/newsmtsc/dev_mt.jsonl`

func runEval(e *env, args []string) error {
	fs := newFlags(e, "eval", "(--corpus DIR|FILE --labels FILE | --examples FILE) [--model MODEL | --cv K] [flags]", evalExample)
	var d dataFlags
	var t trainFlags
	var modelPath, group string
	var cv int
	var asJSON bool
	d.register(fs)
	t.register(fs)
	fs.StringVar(&modelPath, "model", "", "model file to evaluate (default: the embedded model)")
	fs.IntVar(&cv, "cv", 0, "instead of a model, K-fold stratified cross-validation of training with these settings")
	fs.StringVar(&group, "cv-group", "", "cross-validate leaving one group out: dir (first part of the id) or label:FIELD (a field of the label file)")
	fs.BoolVar(&asJSON, "json", false, "write the report as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("eval takes no arguments, got %q", pos[0])
	}
	if cv != 0 && modelPath != "" {
		return usagef("use either --model or --cv")
	}
	if group != "" && cv == 0 {
		cv = -1 // grouped
	}
	var m *classifier.Model
	if cv == 0 {
		if m, err = loadModel(modelPath); err != nil {
			return err
		}
	}
	s, arts, sets, err := d.load(e, m)
	if err != nil {
		return err
	}
	data := describeData(&d, arts, sets)
	var rep *eval.Report
	if cv == 0 {
		ds, err := stance.Featurize(s, m.Features, arts, sets, d.workers)
		if err != nil {
			return err
		}
		rep, err = eval.Evaluate(m, ds, nil)
		if err != nil {
			return err
		}
		name := modelPath
		if name == "" {
			name = "the embedded default model"
		}
		rep.Method = "model " + name
	} else {
		fc, tc, err := t.configs(s, d.workers)
		if err != nil {
			return err
		}
		ds, err := stance.Featurize(s, fc, arts, sets, d.workers)
		if err != nil {
			return err
		}
		var folds []eval.Fold
		var method string
		if group != "" {
			groups, err := groupsOf(group, arts, sets)
			if err != nil {
				return err
			}
			var names []string
			folds, names, err = eval.GroupFolds(groups)
			if err != nil {
				return err
			}
			method = fmt.Sprintf("leave-one-group-out cross-validation by %s (%d groups: %s)", group, len(names), strings.Join(names, ", "))
		} else {
			if cv < 2 {
				return usagef("--cv needs at least 2 folds")
			}
			folds, err = eval.StratifiedFolds(ds, cv, tc.Seed)
			if err != nil {
				return usagef("%v", err)
			}
			method = fmt.Sprintf("%d-fold stratified cross-validation (seed %d)", cv, tc.Seed)
		}
		rep, err = eval.CrossValidate(ds, tc, folds)
		if err != nil {
			return err
		}
		rep.Method = fmt.Sprintf("%s; %s, l2 %g, class weight %s, features %s", method, tc.Algo, tc.L2, tc.ClassWeight, strings.Join(fc.Groups, ","))
	}
	rep.Data = data
	if asJSON {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout)
}

func describeData(d *dataFlags, arts []*labels.Article, sets []*labels.LabelSet) string {
	labelled := 0
	for _, l := range sets {
		if l != nil {
			labelled++
		}
	}
	if len(d.examples) > 0 {
		return fmt.Sprintf("%s (%d examples, %d labelled)", strings.Join(d.examples, ", "), len(arts), labelled)
	}
	return fmt.Sprintf("%s with labels %s (%d articles, %d labelled)", strings.Join(d.corpus, ", "), d.labels, len(arts), labelled)
}

// groupsOf returns each article's cross-validation group ("" for an
// unlabelled article, which is in no fold).
func groupsOf(spec string, arts []*labels.Article, sets []*labels.LabelSet) ([]string, error) {
	out := make([]string, len(arts))
	switch {
	case spec == "dir":
		for i, a := range arts {
			if sets[i] == nil {
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
			if l == nil {
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
			if sets[i] == nil {
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
