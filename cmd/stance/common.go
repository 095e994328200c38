package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// defaultModel is the model embedded in package stance, trained by
// `make model`.
var defaultModel = stance.DefaultModelFile()

// maxModelBytes bounds a model file read into memory; the largest model
// the settings allow (classifier.MaxTableCells cells) is well below it.
const maxModelBytes = 1 << 30

// loadedModel is a model and the SHA-256 of its file, which resume
// fingerprints record.
type loadedModel struct {
	*classifier.Model
	sum string
}

func loadModel(path string) (*loadedModel, error) { return loadModelAs(path, true) }

// loadModelFull loads a model with its sparse weights, for what needs
// them beyond prediction (a base to adapt from).
func loadModelFull(path string) (*loadedModel, error) { return loadModelAs(path, false) }

// loadModelAs loads a model; predictOnly reads it for prediction (and
// explanation) only, its sparse weights straight into the predictor's
// table (classifier.DecodeForPrediction): 20 MB less at the peak.
func loadModelAs(path string, predictOnly bool) (*loadedModel, error) {
	b, name := defaultModel, "default model"
	if path != "" {
		var err error
		if b, err = readBounded(path, maxModelBytes, "model"); err != nil {
			return nil, err
		}
		name = path
	}
	decode := classifier.Decode
	if predictOnly {
		decode = classifier.DecodeForPrediction
	}
	m, err := decode(b, name)
	if err != nil {
		return nil, err
	}
	if err := classifier.CheckTable(m.Schema, m.Features.Buckets); err != nil {
		return nil, fmt.Errorf("model %s: %v", name, err)
	}
	h := sha256.Sum256(b)
	return &loadedModel{Model: m, sum: hex.EncodeToString(h[:])}, nil
}

// readBounded reads a whole file of at most max bytes.
func readBounded(path string, max int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", what, path, unwrapErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		switch {
		case st.IsDir():
			return nil, fmt.Errorf("%s %s is a directory; give a file", what, path)
		case !st.Mode().IsRegular():
			return nil, fmt.Errorf("%s %s is not a regular file", what, path)
		case st.Size() > max:
			return nil, fmt.Errorf("%s %s is larger than %d MB; it cannot be a %s file", what, path, max>>20, what)
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", what, path, unwrapErr(err))
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s %s is larger than %d MB; it cannot be a %s file", what, path, max>>20, what)
	}
	return b, nil
}

func warner(e *env) func(labels.Warning) {
	return func(w labels.Warning) {
		if w.Skipped {
			e.skipped.Add(1)
		}
		e.prog.clear()
		fmt.Fprintf(e.stderr, "stance: warning: %s\n", oneLine(w.String()))
	}
}

// dataFlags are the flags that name labelled data.
type dataFlags struct {
	corpus    stringList
	labels    stringList
	trainOnly stringList
	weights   stringList // CORPUS=W
	schema    string
	examples  stringList
	workers   int
	in        inputFlags
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.Var(&d.corpus, "corpus", "articles: a directory of .txt files or a .jsonl file (repeatable)")
	fs.Var(&d.labels, "labels", "hand labels for the corpus: .jsonl (codebook format) or .csv; repeat it once per --corpus to pair them in order")
	fs.Var(&d.trainOnly, "train-only", "a --corpus that cross-validation always trains on and never tests (repeatable)")
	fs.Var(&d.weights, "weight", "CORPUS=W: each article of that --corpus counts W in training (default 1; repeatable)")
	fs.StringVar(&d.schema, "schema", "", "a JSON schema of heads, values and targets (default: the codebook)")
	fs.Var(&d.examples, "examples", "stance examples (JSON Lines with id, text, target, span, label) instead of a corpus (repeatable)")
	fs.IntVar(&d.workers, "workers", runtime.GOMAXPROCS(0), "goroutines for featurizing and training")
	d.in.register(fs)
}

// check validates the flags before any work.
func (d *dataFlags) check() error {
	if d.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if err := d.in.check(); err != nil {
		return err
	}
	if len(d.examples) > 0 {
		if len(d.corpus) > 0 || len(d.labels) > 0 {
			return usagef("use either --examples or --corpus with --labels, not both")
		}
		if len(d.trainOnly) > 0 {
			return usagef("--train-only names a --corpus; there is none with --examples")
		}
		return nil
	}
	if len(d.corpus) == 0 {
		return usagef("give --corpus and --labels, or --examples")
	}
	if len(d.labels) == 0 {
		return usagef("--corpus needs --labels")
	}
	if len(d.labels) > 1 && len(d.labels) != len(d.corpus) {
		return usagef("%d --labels for %d --corpus: give one labels file for all, or one per corpus, in order", len(d.labels), len(d.corpus))
	}
	for _, t := range d.trainOnly {
		if !slices.Contains(d.corpus, t) {
			return usagef("--train-only %s is not one of the --corpus inputs", t)
		}
	}
	if len(d.trainOnly) == len(d.corpus) {
		return usagef("--train-only names every --corpus: nothing would be tested")
	}
	_, err := d.weightOf()
	return err
}

// weightOf parses --weight into corpus → weight.
func (d *dataFlags) weightOf() (map[string]float64, error) {
	out := map[string]float64{}
	for _, w := range d.weights {
		c, v, ok := strings.Cut(w, "=")
		x, err := strconv.ParseFloat(v, 64)
		switch {
		case !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x <= 0:
			return nil, usagef("--weight %q: give CORPUS=W with W a positive number", w)
		case !slices.Contains(d.corpus, c):
			return nil, usagef("--weight %s: %s is not one of the --corpus inputs", w, c)
		case len(d.labels) == 1 && len(d.corpus) > 1:
			return nil, usagef("--weight needs one --labels per --corpus")
		}
		out[c] = x
	}
	return out, nil
}

// inputs are the files the command reads, which -o must not name.
func (d *dataFlags) inputs() []string {
	in := append(slices.Clone([]string(d.corpus)), d.examples...)
	return append(append(in, d.labels...), d.schema)
}

// data is labelled data: articles and, for each, its labels or nil.
type data struct {
	schema *labels.Schema
	arts   []*labels.Article
	sets   []*labels.LabelSet
	// trainOnly marks the articles of a --train-only corpus (nil: none).
	trainOnly []bool
	// weight is each article's training weight (nil: all 1).
	weight []float64
	// sources describe the inputs, for model files and reports.
	sources []string
}

// load reads the labelled data. With examples, every example's label is
// its hand label for the one head of the examples schema.
func (d *dataFlags) load(e *env, model *classifier.Model) (*data, error) {
	if len(d.examples) > 0 {
		return d.loadExamples(e, model)
	}
	s, err := d.schemaOf(model, func() (*labels.Schema, error) { return labels.Default(), nil })
	if err != nil {
		return nil, err
	}
	// One labels file for every corpus, or one per corpus, in order.
	pairs := [][2][]string{{d.corpus, d.labels[:1]}}
	if len(d.labels) > 1 {
		pairs = pairs[:0]
		for i, c := range d.corpus {
			pairs = append(pairs, [2][]string{{c}, {d.labels[i]}})
		}
	}
	dt := &data{schema: s}
	weights, err := d.weightOf()
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		arts, err := labels.ReadAll(p[0], d.in.apply(labels.Options{Warn: warner(e), Stdin: e.stdin}))
		if err != nil {
			return nil, err
		}
		ls, err := labels.ReadLabelsWarn(p[1][0], s, warner(e))
		if err != nil {
			return nil, err
		}
		sets, err := labels.Join(arts, ls)
		if err != nil {
			return nil, err
		}
		only := len(p[0]) == 1 && slices.Contains(d.trainOnly, p[0][0])
		w := 1.0
		if x, ok := weights[p[0][0]]; ok && len(p[0]) == 1 {
			w = x
		}
		for range arts {
			dt.trainOnly = append(dt.trainOnly, only)
			dt.weight = append(dt.weight, w)
		}
		dt.arts, dt.sets = append(dt.arts, arts...), append(dt.sets, sets...)
		var names []string
		for _, c := range p[0] {
			names = append(names, shortPath(c))
		}
		src := fmt.Sprintf("%s with labels %s (%d articles, %d labelled)", strings.Join(names, ", "), shortPath(p[1][0]), len(arts), labelledCount(sets))
		if w != 1 {
			src += fmt.Sprintf(", weight %g", w)
		}
		dt.sources = append(dt.sources, src)
	}
	if err := uniqueIDs(dt.arts); err != nil {
		return nil, err
	}
	return dt, nil
}

// uniqueIDs refuses two corpora that share an article id: their labels
// could not be told apart.
func uniqueIDs(arts []*labels.Article) error {
	seen := make(map[string]*labels.Article, len(arts))
	for _, a := range arts {
		if b, ok := seen[a.ID]; ok {
			return fmt.Errorf("%s: article id %q is also in %s; corpora must not share ids", a.File, a.ID, b.File)
		}
		seen[a.ID] = a
	}
	return nil
}

// schemaOf is the schema the data is read with: the model's, else the
// --schema file's, else what fallback makes.
func (d *dataFlags) schemaOf(model *classifier.Model, fallback func() (*labels.Schema, error)) (*labels.Schema, error) {
	switch {
	case model != nil:
		return model.Schema, nil
	case d.schema != "":
		return labels.LoadSchema(d.schema)
	}
	return fallback()
}

func (d *dataFlags) loadExamples(e *env, model *classifier.Model) (*data, error) {
	arts, err := labels.ReadAll(d.examples, d.in.apply(labels.Options{Examples: true, Warn: warner(e)}))
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%s: no examples", strings.Join(d.examples, ", "))
	}
	s, err := d.schemaOf(model, func() (*labels.Schema, error) {
		var vals []string
		for _, a := range arts {
			if a.Label != "" && !slices.Contains(vals, a.Label) {
				vals = append(vals, a.Label)
			}
		}
		if len(vals) < 2 {
			return nil, fmt.Errorf("%s: the examples carry %d distinct labels; training needs at least 2", strings.Join(d.examples, ", "), len(vals))
		}
		return labels.ExampleSchema(vals), nil
	})
	if err != nil {
		return nil, err
	}
	head := exampleHead(s)
	if head == nil {
		return nil, fmt.Errorf("the schema has no single-label head without a target, which stance examples need")
	}
	sets := make([]*labels.LabelSet, len(arts))
	for i, a := range arts {
		if a.Label == "" {
			continue
		}
		if head.Index(a.Label) < 0 {
			return nil, &labels.InputError{File: a.File, Line: a.Line, Field: "label",
				Msg: fmt.Sprintf("unknown value %q; allowed: %s", a.Label, strings.Join(head.Values, ", "))}
		}
		sets[i] = &labels.LabelSet{ID: a.ID, Single: map[string]string{head.Name: a.Label}, File: a.File, Line: a.Line}
	}
	return &data{schema: s, arts: arts, sets: sets, sources: []string{fmt.Sprintf("%s (%d examples)", strings.Join(d.examples, ", "), len(arts))}}, nil
}

func exampleHead(s *labels.Schema) *labels.Head {
	for i := range s.Heads {
		if !s.Heads[i].Multi && s.Heads[i].Target == nil {
			return &s.Heads[i]
		}
	}
	return nil
}

// checkTrainable refuses data nothing can be learned from (fewer than two
// labelled articles, or no head with two classes) and warns about a head
// whose labels are all one class.
func checkTrainable(e *env, d *data) error {
	labelled := 0
	for _, l := range d.sets {
		if l != nil {
			labelled++
		}
	}
	if labelled < 2 {
		return fmt.Errorf("only %d labelled %s; training needs at least 2 (check that the label ids match the corpus)", labelled, plural(int64(labelled), "article", "articles"))
	}
	learnable := false
	for _, h := range d.schema.Heads {
		seen := map[string]bool{}
		for _, l := range d.sets {
			switch {
			case l == nil:
			case h.Multi && l.Multi[h.Name] != nil:
				seen[strings.Join(l.Multi[h.Name], ";")] = true
			case !h.Multi && l.Single[h.Name] != "":
				seen[l.Single[h.Name]] = true
			}
		}
		switch {
		case len(seen) >= 2:
			learnable = true
		case len(seen) == 1:
			for v := range seen {
				fmt.Fprintf(e.stderr, "stance: warning: head %s: every labelled article is %q; the model will always predict it\n", h.Name, v)
			}
		}
	}
	if !learnable {
		return fmt.Errorf("no head has labels of two different classes; there is nothing to learn")
	}
	return nil
}

// trainFlags are the training settings.
type trainFlags struct {
	algo, classWeight, groups string
	languages                 string
	l2                        float64
	maxIter, buckets, window  int
	seed                      uint64
	net                       classifier.NetConfig // --algo neural and ensemble
}

func (t *trainFlags) register(fs *flag.FlagSet) {
	d := classifier.DefaultTrainConfig()
	fc := features.BaseConfig()
	fs.StringVar(&t.algo, "algo", d.Algo, "model: logreg (logistic regression by L-BFGS), sgd (the same model by stochastic gradient descent: faster), nb (naive Bayes baseline), or for --examples neural (an attention network over the words around the mention) or ensemble (the network mixed with sgd's model)")
	t.net = classifier.DefaultNetConfig()
	fs.IntVar(&t.net.Hidden, "net-hidden", t.net.Hidden, "neural, ensemble: width of the per-token layer under the attention (0: attend to the word vectors)")
	fs.IntVar(&t.net.Window, "net-window", t.net.Window, "neural, ensemble: words the per-token layer reads (odd)")
	fs.IntVar(&t.net.Heads, "net-heads", t.net.Heads, "neural, ensemble: attention heads")
	fs.IntVar(&t.net.MLP, "net-mlp", t.net.MLP, "neural, ensemble: width of the layer before the class scores")
	fs.IntVar(&t.net.Epochs, "net-epochs", t.net.Epochs, "neural, ensemble: passes over the examples")
	fs.Float64Var(&t.net.Rate, "net-rate", t.net.Rate, "neural, ensemble: Adam step")
	fs.Float64Var(&t.net.Dropout, "net-dropout", t.net.Dropout, "neural, ensemble: dropout before the last layers")
	fs.IntVar(&t.net.Members, "net-members", t.net.Members, "neural, ensemble: networks trained from different seeds and averaged")
	fs.Float64Var(&t.net.Weight, "net-weight", t.net.Weight, "ensemble: the network's share of the mixed log-probabilities (neural: always 1)")
	fs.StringVar(&t.classWeight, "class-weight", d.ClassWeight, "class weighting: balanced, sqrt (the square root of balanced) or none")
	fs.Float64Var(&t.l2, "l2", d.L2, "L2 regularisation strength (finite, not negative)")
	fs.IntVar(&t.maxIter, "max-iter", d.MaxIter, "L-BFGS iterations per model (at least 1)")
	fs.Uint64Var(&t.seed, "seed", d.Seed, "random seed (fold splits)")
	fs.IntVar(&t.buckets, "buckets", fc.Buckets, "hash buckets for sparse features (a power of two)")
	fs.IntVar(&t.window, "window", fc.Window, "context window around target mentions, in tokens")
	fs.StringVar(&t.languages, "languages", "en", "languages the model reads, comma-separated ISO 639-1 codes (e.g. en,ru,fa,tr,az,ar,he); articles detected in others are reported unscored")
	fs.StringVar(&t.groups, "features", "default", "feature groups: default ("+strings.Join(features.DefaultGroups, ",")+"), all, base ("+strings.Join(features.BaseGroups, ",")+"), a list of "+strings.Join(features.AllGroups, ",")+", or -group,... / +group,... to drop some from or add some to base (+bytarget: condition stance examples' features on their target)")
}

// check validates what can be checked without the schema.
func (t *trainFlags) check() error {
	if math.IsNaN(t.l2) || math.IsInf(t.l2, 0) || t.l2 < 0 {
		return usagef("--l2 %v: give a finite number, 0 or more", t.l2)
	}
	if t.maxIter < 1 {
		return usagef("--max-iter %d: give at least 1", t.maxIter)
	}
	if strings.TrimSpace(t.groups) == "" {
		return usagef("--features is empty: give default, all, base or a list of groups")
	}
	if _, err := features.ParseGroups(t.groups); err != nil {
		return usagef("--features: %v", err)
	}
	fc := features.Config{Buckets: t.buckets, Window: t.window, Groups: features.DefaultGroups}
	if err := fc.Validate(); err != nil {
		return usagef("%v", strings.TrimPrefix(err.Error(), "features: "))
	}
	for _, c := range langList(t.languages) {
		if len(c) < 2 || len(c) > 3 || strings.Trim(c, "abcdefghijklmnopqrstuvwxyz") != "" {
			return usagef("--languages: %q is not an ISO 639-1 code (en, ru, fa, …)", c)
		}
	}
	tc := t.trainConfig(1)
	if err := tc.Validate(); err != nil {
		return usagef("%v", err)
	}
	return nil
}

func (t *trainFlags) trainConfig(workers int) classifier.TrainConfig {
	tc := classifier.DefaultTrainConfig()
	tc.Algo, tc.ClassWeight, tc.L2, tc.MaxIter, tc.Seed, tc.Workers = t.algo, t.classWeight, t.l2, t.maxIter, t.seed, workers
	if t.algo == "neural" || t.algo == "ensemble" {
		n := t.net
		if t.algo == "neural" {
			n.Weight = 1
		}
		tc.Net = &n
	}
	// English alone is the default and is stored as no list, so that
	// models trained without the flag stay byte-identical.
	if ls := langList(t.languages); !(len(ls) == 1 && ls[0] == "en") {
		tc.Languages = ls
	}
	return tc
}

// configs returns the feature and training configuration for schema s and
// the data d names. The sentiment group scores sentences that name a
// head's target, so it is dropped for a schema without targets (stance
// examples); the attention network reads stance examples only.
func (t *trainFlags) configs(s *labels.Schema, d *dataFlags) (features.Config, classifier.TrainConfig, error) {
	workers := d.workers
	if (t.algo == "neural" || t.algo == "ensemble") && len(d.examples) == 0 {
		return features.Config{}, classifier.TrainConfig{}, usagef("--algo %s reads stance examples (a target and its mention in each); give --examples FILE", t.algo)
	}
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
	if err := classifier.CheckTable(s, t.buckets); err != nil {
		return fc, classifier.TrainConfig{}, usagef("%v", err)
	}
	tc := t.trainConfig(workers)
	if err := tc.Validate(); err != nil {
		return fc, tc, usagef("%v", err)
	}
	return fc, tc, nil
}

// shortPath is the last two elements of a path ("corpus/articles",
// "real/labels.jsonl"): enough to name an input in a model file, and the
// same wherever the command ran from, so that a model rebuilt from
// another directory is the same byte for byte.
func shortPath(p string) string {
	p = filepath.Clean(p)
	dir, base := filepath.Split(p)
	if d := filepath.Base(dir); dir != "" && d != "." && d != string(filepath.Separator) {
		return d + "/" + base
	}
	return base
}

// trainingWeights returns the articles' training weights, or nil when
// every weight is 1 (so that unweighted training stays byte for byte what
// it was).
func (dt *data) trainingWeights() []float64 {
	for _, w := range dt.weight {
		if w != 1 {
			return dt.weight
		}
	}
	return nil
}
