package classifier

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/internal/folds"
	"github.com/stance-project/stance/labels"
)

// TrainConfig holds the training settings. It is stored in model files.
type TrainConfig struct {
	// Algo is "logreg" (default, L-BFGS), "sgd" (the same model by
	// stochastic gradient descent: faster, see SGD; MaxIter does not apply),
	// "nb" (the naive Bayes baseline), or, for stance examples, "neural"
	// (an attention network over the words around the mention, Net) or
	// "ensemble" (the network and the linear model fitted by SGD, their
	// log-probabilities mixed by Net.Weight).
	Algo string `json:"algo"`
	// L2 is the logistic regression's regularisation strength λ.
	L2 float64 `json:"l2"`
	// MaxIter bounds L-BFGS iterations per model.
	MaxIter int `json:"max_iter"`
	// ClassWeight is "none", "balanced" (rows weighted n/(K·n_class)) or
	// "sqrt" (the square root of the balanced weight: rare classes count
	// more, but less than balanced makes them).
	ClassWeight string `json:"class_weight"`
	// Seed drives every random choice (fold splits).
	Seed uint64 `json:"seed"`
	// ThresholdFolds is the number of training folds used to choose each
	// multi-label value's threshold (0 or 1: a fixed 0.5).
	ThresholdFolds int `json:"threshold_folds"`
	// Languages are the languages (ISO 639-1) the model reads; articles
	// detected in another language are not scored. Empty means English.
	Languages []string `json:"languages,omitempty"`
	// Net sets the attention network of the "neural" and "ensemble"
	// algorithms (nil for the others).
	Net *NetConfig `json:"net,omitempty"`
	// Workers is the number of goroutines (not stored; results do not
	// depend on it).
	Workers int `json:"-"`
	// Progress, if not nil, hears each step done, for a progress display:
	// Fit calls it after each head ("head", heads done, heads), and
	// eval.CrossValidate after each fold ("fold", folds done, folds). Not
	// stored; results do not depend on it.
	Progress func(step string, done, total int) `json:"-"`
	// Base, when set, is the model to adapt (not stored here; the model's
	// TrainingData.Base records it): every linear model is fitted with L2
	// drawn toward the base model's weights (adapt.go), a head with no new
	// labels keeps the base head, and the base's thresholds and
	// temperatures are kept unless there are enough new labels to choose
	// them again. The data must be featurized with the base's settings.
	Base *Model `json:"-"`
}

// DefaultTrainConfig returns the settings the default model uses.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Algo: "logreg", L2: 1e-3, MaxIter: 300, ClassWeight: "balanced", Seed: 1, ThresholdFolds: 3}
}

// Validate checks the settings.
// NetworkAlone reports whether the model is the attention network alone
// (Algo "neural"), with no linear part to decide without it.
func (c TrainConfig) NetworkAlone() bool { return c.Algo == "neural" }

func (c *TrainConfig) Validate() error {
	switch c.Algo {
	case "logreg", "nb", "sgd":
		if c.Net != nil {
			return fmt.Errorf("network settings with algorithm %s; use neural or ensemble", c.Algo)
		}
	case "neural", "ensemble":
		if c.Net == nil {
			return fmt.Errorf("algorithm %s needs network settings (TrainConfig.Net)", c.Algo)
		}
		if err := c.Net.Validate(); err != nil {
			return err
		}
		if c.NetworkAlone() && c.Net.Weight != 1 {
			return fmt.Errorf("algorithm neural is the network alone: its weight must be 1, not %v (use ensemble to mix)", c.Net.Weight)
		}
	default:
		return fmt.Errorf("unknown algorithm %q; use logreg, sgd, nb, neural or ensemble", c.Algo)
	}
	switch c.ClassWeight {
	case "none", "balanced", "sqrt":
	default:
		return fmt.Errorf("unknown class weighting %q; use none, balanced or sqrt", c.ClassWeight)
	}
	if c.L2 < 0 {
		return errors.New("l2 must not be negative")
	}
	if c.Base != nil && c.Algo != "logreg" {
		// (neural and ensemble included: there is no base network to adapt)
		return fmt.Errorf("only logistic regression can adapt a base model, not %s", c.Algo)
	}
	return nil
}

// Dataset is a featurized, labelled corpus: features are computed once and
// reused by training, cross-validation and evaluation.
type Dataset struct {
	Schema   *labels.Schema
	Config   features.Config
	DenseDim int
	Shared   *Matrix   // article-wide features, no dense block
	Heads    []*Matrix // per head: target features and the head's dense block
	Labels   []*labels.LabelSet
	IDs      []string
	// Weight is each row's weight in training (nil: every row 1), for
	// example to count a synthetic corpus less than real articles. It
	// multiplies the class weights.
	Weight []float64
	// Seqs are the rows' word sequences around their mention, for the
	// attention network (nil when the featurizer did not record them, or
	// a row has none).
	Seqs []*features.Sequence
}

// Featurize computes the features of every article with fz and workers
// goroutines (each on a clone of fz). sets is parallel to arts (nil
// entries: unlabelled). Package stance's Featurize makes fz for a schema
// and configuration.
func Featurize(fz *features.Featurizer, arts []*labels.Article, sets []*labels.LabelSet, workers int) *Dataset {
	s, cfg := fz.Schema(), fz.Config()
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type row struct {
		shared features.Sparse
		heads  []features.Sparse
		dense  [][]float32
		seq    *features.Sequence
	}
	rows := make([]row, len(arts))
	copySparse := func(s features.Sparse) features.Sparse {
		return features.Sparse{Idx: slices.Clone(s.Idx), Val: slices.Clone(s.Val)}
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		f := fz.Clone()
		go func() {
			defer wg.Done()
			for i := range next {
				d := f.Featurize(arts[i])
				r := row{shared: copySparse(d.Shared)}
				for h := range d.Heads {
					r.heads = append(r.heads, copySparse(d.Heads[h]))
				}
				for h := range d.Dense {
					r.dense = append(r.dense, slices.Clone(d.Dense[h]))
				}
				if d.Seq != nil {
					r.seq = &features.Sequence{Rows: slices.Clone(d.Seq.Rows), From: d.Seq.From, Mention: d.Seq.Mention}
				}
				rows[i] = r
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	ds := &Dataset{Schema: s, Config: cfg, DenseDim: fz.DenseDim(), Shared: NewMatrix(0), Labels: sets}
	for range s.Heads {
		ds.Heads = append(ds.Heads, NewMatrix(fz.DenseDim()))
	}
	for i, r := range rows {
		ds.Shared.Append(nil, r.shared)
		for h := range s.Heads {
			var dv []float32
			if r.dense != nil {
				dv = r.dense[h]
			}
			ds.Heads[h].Append(dv, r.heads[h])
		}
		ds.IDs = append(ds.IDs, arts[i].ID)
		if r.seq != nil {
			if ds.Seqs == nil {
				ds.Seqs = make([]*features.Sequence, len(rows))
			}
			ds.Seqs[i] = r.seq
		}
	}
	if ds.Labels == nil {
		ds.Labels = make([]*labels.LabelSet, len(arts))
	}
	return ds
}

// Len returns the number of articles.
func (d *Dataset) Len() int { return len(d.IDs) }

// Doc returns row i as a features.Doc view (shares memory).
func (d *Dataset) Doc(i int) *features.Doc {
	doc := &features.Doc{}
	idx, val, _ := d.Shared.Row(i)
	doc.Shared = features.Sparse{Idx: idx, Val: val}
	for h := range d.Heads {
		idx, val, dense := d.Heads[h].Row(i)
		doc.Heads = append(doc.Heads, features.Sparse{Idx: idx, Val: val})
		if d.DenseDim > 0 {
			doc.Dense = append(doc.Dense, dense)
		}
	}
	if d.Seqs != nil {
		doc.Seq = d.Seqs[i]
	}
	return doc
}

// HeadMatrix returns the feature matrix of head h over the given rows.
func (d *Dataset) HeadMatrix(h int, rows []int) *Matrix {
	m := NewMatrix(d.DenseDim)
	for _, i := range rows {
		si, sv, _ := d.Shared.Row(i)
		hi, hv, dense := d.Heads[h].Row(i)
		m.Append(dense, features.Sparse{Idx: si, Val: sv}, features.Sparse{Idx: hi, Val: hv})
	}
	return m
}

// Labelled returns, among rows, those labelled for head h, and their class
// index (single-label heads) — for multi-label heads y is nil.
func (d *Dataset) Labelled(h int, rows []int) (keep []int, y []int) {
	head := &d.Schema.Heads[h]
	for _, i := range rows {
		l := d.Labels[i]
		if l == nil {
			continue
		}
		if head.Multi {
			if _, ok := l.Multi[head.Name]; ok {
				keep = append(keep, i)
			}
			continue
		}
		if v, ok := l.Single[head.Name]; ok {
			keep = append(keep, i)
			y = append(y, head.Index(v))
		}
	}
	return keep, y
}

// rowWeights returns the Weight of the given rows, or nil when rows carry
// no weights.
func (d *Dataset) rowWeights(rows []int) []float64 {
	if d.Weight == nil {
		return nil
	}
	w := make([]float64, len(rows))
	for j, i := range rows {
		w[j] = d.Weight[i]
	}
	return w
}

// All returns 0..n-1.
func All(n int) []int {
	r := make([]int, n)
	for i := range r {
		r[i] = i
	}
	return r
}

// Fit trains a model for every head on the given rows of d (nil: all).
func Fit(d *Dataset, rows []int, cfg TrainConfig) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if rows == nil {
		rows = All(d.Len())
	}
	progress := cfg.Progress
	cfg.Progress = nil
	if cfg.Base != nil {
		if err := checkBase(cfg.Base, d); err != nil {
			return nil, err
		}
	}
	m := &Model{Schema: d.Schema, Features: d.Config, Train: cfg}
	trained := 0
	for h := range d.Schema.Heads {
		hm, err := fitHead(d, h, rows, cfg)
		if err != nil {
			return nil, fmt.Errorf("head %q: %w", d.Schema.Heads[h].Name, err)
		}
		if progress != nil {
			progress("head", h+1, len(d.Schema.Heads))
		}
		if hm.Trained {
			trained++
		}
		if cfg.Base != nil {
			hm = adaptedHead(hm, cfg.Base.Heads[h])
		}
		m.Heads = append(m.Heads, hm)
	}
	if trained == 0 {
		return nil, errors.New("no labelled articles for any head; check that label ids match the corpus")
	}
	return m, nil
}

// adaptedHead completes head model hm, fitted on new labels against the
// base head: a head with no new labels is the base head; otherwise the
// counts add up, and the base's temperature is kept (the adapted weights
// stay close to the base's, which the temperature was fitted for; train
// --calibrate fits it again when asked).
func adaptedHead(hm, base HeadModel) HeadModel {
	if !hm.Trained {
		return base
	}
	if !base.Trained {
		return hm
	}
	hm.Temperature = base.Temperature
	hm.N += base.N
	hm.Counts = slices.Clone(hm.Counts)
	for v := range hm.Counts {
		hm.Counts[v] += base.Counts[v]
	}
	return hm
}

// fitOne trains one model on X and labels y; rw are the rows' own weights
// (nil: 1 each); prior is the model to stay close to (nil: none).
func fitOne(X *Matrix, y []int, rw []float64, k int, cfg TrainConfig, prior *Linear) (*Linear, error) {
	w := trainingWeights(y, rw, k, cfg)
	if cfg.Algo == "nb" {
		return (&NaiveBayes{Alpha: 1}).Fit(X, y, w, k)
	}
	if cfg.NetworkAlone() {
		// The network alone: a linear model with no weights, which gives
		// every class the same score.
		return &Linear{K: k, Default: make([]float32, k), Bias: make([]float32, k)}, nil
	}
	if (cfg.Algo == "sgd" || cfg.Algo == "ensemble") && prior == nil {
		return (&SGD{L2: cfg.L2, Seed: cfg.Seed}).Fit(X, y, w, k)
	}
	return (&LogReg{L2: cfg.L2, MaxIter: cfg.MaxIter, Workers: cfg.Workers, Prior: prior}).Fit(X, y, w, k)
}

// trainingWeights are the rows' weights in training: the class weights of
// cfg times the rows' own weights rw (nil: 1 each); nil when all are 1.
func trainingWeights(y []int, rw []float64, k int, cfg TrainConfig) []float64 {
	var w []float64
	if cfg.ClassWeight == "balanced" || cfg.ClassWeight == "sqrt" {
		cnt := make([]float64, k)
		for _, c := range y {
			cnt[c]++
		}
		present := 0
		for _, c := range cnt {
			if c > 0 {
				present++
			}
		}
		w = make([]float64, len(y))
		for i, c := range y {
			w[i] = float64(len(y)) / (float64(present) * cnt[c])
			if cfg.ClassWeight == "sqrt" {
				w[i] = math.Sqrt(w[i])
			}
		}
	}
	if rw != nil {
		if w == nil {
			w = slices.Clone(rw)
		} else {
			for i := range w {
				w[i] *= rw[i]
			}
		}
	}
	return w
}

func fitHead(d *Dataset, h int, rows []int, cfg TrainConfig) (HeadModel, error) {
	head := &d.Schema.Heads[h]
	keep, y := d.Labelled(h, rows)
	if len(keep) == 0 {
		return HeadModel{}, nil
	}
	X := d.HeadMatrix(h, keep)
	if !head.Multi {
		k := len(head.Values)
		var seqs []*features.Sequence
		if cfg.Net != nil {
			if d.Seqs == nil {
				return HeadModel{}, errors.New("the network reads the words around an example's target in its text; no row here has one (stance examples whose target is named in the text, or given by its span, are needed)")
			}
			seqs = make([]*features.Sequence, len(keep))
			for j, i := range keep {
				seqs[j] = d.Seqs[i]
			}
		}
		// The network and the linear model are fitted side by side when
		// there are workers to spare: each is deterministic on its own
		// goroutine, so the model is the same either way, and an
		// ensemble trains in the time of the slower of the two
		// (README, "NewsMTSC side by side").
		var net *Net
		var netErr error
		var wg sync.WaitGroup
		if cfg.Net != nil {
			fitNet := func() {
				net, netErr = FitNet(seqs, y, trainingWeights(y, d.rowWeights(keep), k, cfg), k, *cfg.Net, cfg.Seed)
			}
			if cfg.Workers > 1 {
				wg.Go(fitNet)
			} else {
				fitNet()
			}
		}
		l, err := fitOne(X, y, d.rowWeights(keep), k, cfg, priorOf(cfg.Base, h, 0))
		wg.Wait()
		if err != nil {
			return HeadModel{}, err
		}
		if netErr != nil {
			return HeadModel{}, netErr
		}
		counts := make([]int, k)
		for _, c := range y {
			counts[c]++
		}
		return HeadModel{Models: []*Linear{l}, Trained: true, Counts: counts, N: len(y), Net: net}, nil
	}
	hm := HeadModel{Trained: true, N: len(keep)}
	for v := range head.Values {
		yv := multiTargets(d, h, v, keep)
		l, err := fitOne(X, yv, d.rowWeights(keep), 2, cfg, priorOf(cfg.Base, h, v))
		if err != nil {
			return HeadModel{}, err
		}
		var t float32
		if priorOf(cfg.Base, h, v) != nil && !enoughToRefit(yv) {
			t = cfg.Base.Heads[h].Thresholds[v]
		} else if t, err = chooseThreshold(d, h, v, keep, yv, cfg); err != nil {
			return HeadModel{}, err
		}
		hm.Models = append(hm.Models, l)
		hm.Thresholds = append(hm.Thresholds, t)
		pos := 0
		for _, c := range yv {
			pos += c
		}
		hm.Counts = append(hm.Counts, pos)
	}
	return hm, nil
}

// enoughToRefit reports whether binary targets y have AdaptMinPerValue
// positives and negatives: enough for an adapted model to choose a
// value's threshold again rather than keep the base model's.
func enoughToRefit(y []int) bool {
	pos := 0
	for _, c := range y {
		pos += c
	}
	return pos >= AdaptMinPerValue && len(y)-pos >= AdaptMinPerValue
}

func multiTargets(d *Dataset, h, v int, rows []int) []int {
	head := &d.Schema.Heads[h]
	y := make([]int, len(rows))
	for i, r := range rows {
		if slices.Contains(d.Labels[r].Multi[head.Name], head.Values[v]) {
			y[i] = 1
		}
	}
	return y
}

// Threshold search for multi-label values (chooseThreshold).
const (
	// neverThreshold is the threshold of a value no training row has: over
	// any probability, so it is never predicted.
	neverThreshold = 1.01
	// fallbackThreshold is used when there are too few rows for folds.
	fallbackThreshold = 0.5
	// The grid of thresholds tried, in percent.
	thresholdFrom, thresholdTo, thresholdStep = 5, 95, 5
)

// thresholdSeed is the fold seed for value v of head h.
func thresholdSeed(seed uint64, h, v int) uint64 { return seed ^ uint64(h*131+v) }

// chooseThreshold picks the threshold on P(value) that maximises F1 on
// out-of-fold predictions over the training rows.
func chooseThreshold(d *Dataset, h, v int, rows, y []int, cfg TrainConfig) (float32, error) {
	pos := 0
	for _, c := range y {
		pos += c
	}
	if pos == 0 {
		return neverThreshold, nil
	}
	k := cfg.ThresholdFolds
	if k < 2 || pos < k || len(rows)-pos < k {
		return fallbackThreshold, nil
	}
	probs := make([]float64, len(rows))
	X := d.HeadMatrix(h, rows)
	for _, f := range folds.Stratified(y, k, thresholdSeed(cfg.Seed, h, v)) {
		tr := make([]int, len(f.Train))
		ty := make([]int, len(f.Train))
		for j, i := range f.Train {
			tr[j], ty[j] = rows[i], y[i]
		}
		l, err := fitOne(d.HeadMatrix(h, tr), ty, d.rowWeights(tr), 2, cfg, priorOf(cfg.Base, h, v))
		if err != nil {
			return 0, err
		}
		var z [2]float64
		for _, i := range f.Test {
			idx, val, dense := X.Row(i)
			scoresOf(l, idx, val, dense, z[:])
			probs[i] = 1 / (1 + math.Exp(z[0]-z[1]))
		}
	}
	return bestThreshold(probs, y), nil
}

// bestThreshold returns the grid threshold with the best F1 of probs
// against y, nearest 0.5 among equals.
func bestThreshold(probs []float64, y []int) float32 {
	best, bestF := float32(fallbackThreshold), -1.0
	for t := thresholdFrom; t <= thresholdTo; t += thresholdStep {
		th := float64(t) / 100
		tp, fp, fn := 0, 0, 0
		for i, p := range probs {
			switch {
			case p >= th && y[i] == 1:
				tp++
			case p >= th:
				fp++
			case y[i] == 1:
				fn++
			}
		}
		f1 := 0.0
		if tp > 0 {
			f1 = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		if f1 > bestF+1e-12 || (abs(f1-bestF) <= 1e-12 && abs(th-0.5) < abs(float64(best)-0.5)) {
			best, bestF = float32(th), f1
		}
	}
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// scoresOf computes class scores of one row with a compact model (slow
// path: binary search per bucket; used in training only).
func scoresOf(l *Linear, idx []uint32, val []float32, dense []float32, z []float64) {
	for c := 0; c < l.K; c++ {
		z[c] = float64(l.Bias[c])
	}
	for p, b := range idx {
		w := l.Weight(b)
		for c := 0; c < l.K; c++ {
			z[c] += float64(val[p]) * float64(w[c])
		}
	}
	for j, v := range dense {
		if v == 0 || len(l.Dense) == 0 {
			continue
		}
		for c := 0; c < l.K; c++ {
			z[c] += float64(v) * float64(l.Dense[j*l.K+c])
		}
	}
}
