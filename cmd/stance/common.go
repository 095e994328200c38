package main

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// defaultModel is the model embedded in package stance, trained by
// `make model` from testdata/corpus.
var defaultModel = stance.DefaultModelFile()

func loadModel(path string) (*classifier.Model, error) {
	if path == "" {
		return classifier.Decode(defaultModel, "default model")
	}
	return classifier.Load(path)
}

func warner(e *env) func(labels.Warning) {
	return func(w labels.Warning) {
		if w.Skipped {
			e.skipped.Add(1)
		}
		fmt.Fprintf(e.stderr, "stance: warning: %s\n", w)
	}
}

// dataFlags are the flags that name labelled data.
type dataFlags struct {
	corpus   stringList
	labels   string
	schema   string
	examples stringList
	workers  int
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.Var(&d.corpus, "corpus", "articles: a directory of .txt files or a .jsonl file (repeatable)")
	fs.StringVar(&d.labels, "labels", "", "hand labels for the corpus: .jsonl (codebook format) or .csv")
	fs.StringVar(&d.schema, "schema", "", "a JSON schema of heads, values and targets (default: the codebook)")
	fs.Var(&d.examples, "examples", "stance examples (JSON Lines with id, text, target, span, label) instead of a corpus (repeatable)")
	fs.IntVar(&d.workers, "workers", runtime.GOMAXPROCS(0), "goroutines for featurizing and training")
}

// load reads the labelled data. With examples, every example's label is
// its hand label for the one head of the examples schema.
func (d *dataFlags) load(e *env, model *classifier.Model) (*labels.Schema, []*labels.Article, []*labels.LabelSet, error) {
	if len(d.examples) > 0 {
		if len(d.corpus) > 0 || d.labels != "" {
			return nil, nil, nil, usagef("use either --examples or --corpus with --labels, not both")
		}
		arts, err := labels.ReadAll(d.examples, labels.Options{Examples: true, Warn: warner(e)})
		if err != nil {
			return nil, nil, nil, err
		}
		if len(arts) == 0 {
			return nil, nil, nil, fmt.Errorf("%s: no examples", strings.Join(d.examples, ", "))
		}
		var s *labels.Schema
		switch {
		case model != nil:
			s = model.Schema
		case d.schema != "":
			if s, err = labels.LoadSchema(d.schema); err != nil {
				return nil, nil, nil, err
			}
		default:
			var vals []string
			for _, a := range arts {
				if a.Label != "" && !slices.Contains(vals, a.Label) {
					vals = append(vals, a.Label)
				}
			}
			if len(vals) < 2 {
				return nil, nil, nil, fmt.Errorf("%s: the examples carry %d distinct labels; training needs at least 2", strings.Join(d.examples, ", "), len(vals))
			}
			s = labels.ExampleSchema(vals)
		}
		var head *labels.Head
		for i := range s.Heads {
			if !s.Heads[i].Multi && s.Heads[i].Target == nil {
				head = &s.Heads[i]
				break
			}
		}
		if head == nil {
			return nil, nil, nil, fmt.Errorf("the schema has no single-label head without a target, which stance examples need")
		}
		sets := make([]*labels.LabelSet, len(arts))
		for i, a := range arts {
			if a.Label == "" {
				continue
			}
			if head.Index(a.Label) < 0 {
				return nil, nil, nil, &labels.InputError{File: a.File, Line: a.Line, Field: "label",
					Msg: fmt.Sprintf("unknown value %q; allowed: %s", a.Label, strings.Join(head.Values, ", "))}
			}
			sets[i] = &labels.LabelSet{ID: a.ID, Single: map[string]string{head.Name: a.Label}, File: a.File, Line: a.Line}
		}
		return s, arts, sets, nil
	}
	if len(d.corpus) == 0 {
		return nil, nil, nil, usagef("give --corpus and --labels, or --examples")
	}
	if d.labels == "" {
		return nil, nil, nil, usagef("--corpus needs --labels")
	}
	var s *labels.Schema
	var err error
	switch {
	case model != nil:
		s = model.Schema
	case d.schema != "":
		if s, err = labels.LoadSchema(d.schema); err != nil {
			return nil, nil, nil, err
		}
	default:
		s = labels.Default()
	}
	arts, err := labels.ReadAll(d.corpus, labels.Options{Warn: warner(e), Stdin: e.stdin})
	if err != nil {
		return nil, nil, nil, err
	}
	ls, err := labels.ReadLabels(d.labels, s)
	if err != nil {
		return nil, nil, nil, err
	}
	sets, err := labels.Join(arts, ls)
	if err != nil {
		return nil, nil, nil, err
	}
	return s, arts, sets, nil
}

// trainFlags are the training settings.
type trainFlags struct {
	algo, classWeight, groups string
	l2                        float64
	maxIter, buckets, window  int
	seed                      uint64
}

func (t *trainFlags) register(fs *flag.FlagSet) {
	d := classifier.DefaultTrainConfig()
	fc := features.BaseConfig()
	fs.StringVar(&t.algo, "algo", d.Algo, "model: logreg (logistic regression) or nb (naive Bayes baseline)")
	fs.StringVar(&t.classWeight, "class-weight", d.ClassWeight, "class weighting: balanced or none")
	fs.Float64Var(&t.l2, "l2", d.L2, "L2 regularisation strength")
	fs.IntVar(&t.maxIter, "max-iter", d.MaxIter, "L-BFGS iterations per model")
	fs.Uint64Var(&t.seed, "seed", d.Seed, "random seed (fold splits)")
	fs.IntVar(&t.buckets, "buckets", fc.Buckets, "hash buckets for sparse features (a power of two)")
	fs.IntVar(&t.window, "window", fc.Window, "context window around target mentions, in tokens")
	fs.StringVar(&t.groups, "features", "default", "feature groups: default ("+strings.Join(features.DefaultGroups, ",")+"), all, base (all but sentiment), a list of "+strings.Join(features.AllGroups, ",")+", or -group,... to drop some from base")
}

// configs returns the feature and training configuration for schema s.
// The sentiment group scores sentences that name a head's target, so it is
// dropped for a schema without targets (stance examples).
func (t *trainFlags) configs(s *labels.Schema, workers int) (features.Config, classifier.TrainConfig, error) {
	gs, err := features.ParseGroups(t.groups)
	if err != nil {
		return features.Config{}, classifier.TrainConfig{}, usagef("--features: %v", err)
	}
	if len(s.Targets()) == 0 {
		gs = slices.DeleteFunc(gs, func(g string) bool { return g == features.GroupSentiment })
		if len(gs) == 0 {
			return features.Config{}, classifier.TrainConfig{}, usagef("--features: the sentiment group needs heads with targets")
		}
	}
	fc := features.Config{Buckets: t.buckets, Window: t.window, Groups: gs}
	if err := fc.Validate(); err != nil {
		return fc, classifier.TrainConfig{}, usagef("%v", strings.TrimPrefix(err.Error(), "features: "))
	}
	tc := classifier.DefaultTrainConfig()
	tc.Algo, tc.ClassWeight, tc.L2, tc.MaxIter, tc.Seed, tc.Workers = t.algo, t.classWeight, t.l2, t.maxIter, t.seed, workers
	if err := tc.Validate(); err != nil {
		return fc, tc, usagef("%v", err)
	}
	return fc, tc, nil
}
