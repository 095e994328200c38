package stance

import (
	_ "embed"
	"sync"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// defaultModel is the default model, trained by `make model` from
// testdata/corpus; TestDefaultModelReproduces (cmd/stance) retrains it and
// compares byte for byte.
//
//go:embed default.stance
var defaultModel []byte

// DefaultModelFile returns the embedded default model file, in the
// classifier package's format. The bytes are shared: do not modify them.
func DefaultModelFile() []byte { return defaultModel }

// Article is one article to score: an ID, its text and optional metadata
// (or, for a model trained on stance examples, an example with its own
// target).
type Article = labels.Article

// Model is a trained model ready to score articles: the learned weights
// (a classifier.Predictor), and a featurizer for the model's schema and
// feature configuration, with the sentiment scorer when the model uses
// that group. A Model is safe for concurrent use.
type Model struct {
	m    *classifier.Model
	p    *classifier.Predictor
	fz   *features.Featurizer // prototype; workers use clones
	pool sync.Pool            // *Worker, for Score
	// only and assume are the language choices of SetLanguages.
	only   []string
	assume string
}

var loadDefault = sync.OnceValues(func() (*classifier.Model, error) {
	return classifier.Decode(defaultModel, "default model")
})

// Default returns the embedded default model (the Israel, Iran and
// Azerbaijan stance heads and the frames head of labels.Default). The file
// is decoded once; each call returns a new Model over the same weights.
func Default() (*Model, error) {
	m, err := loadDefault()
	if err != nil {
		return nil, err
	}
	return New(m)
}

// Load reads a model file written by `stance train` (classifier.Save).
// Errors say whether the file is missing, truncated, corrupt, not a model
// or from a newer version.
func Load(path string) (*Model, error) {
	m, err := classifier.Load(path)
	if err != nil {
		return nil, err
	}
	return New(m)
}

// New prepares a decoded or freshly trained model for scoring.
func New(m *classifier.Model) (*Model, error) {
	p, err := classifier.NewPredictor(m)
	if err != nil {
		return nil, err
	}
	fz, err := NewFeaturizer(m.Schema, m.Features)
	if err != nil {
		return nil, err
	}
	for _, hm := range m.Heads {
		if hm.Net != nil {
			fz.RecordSequences(true)
		}
	}
	return &Model{m: m, p: p, fz: fz}, nil
}

// Schema returns the heads the model predicts.
func (m *Model) Schema() *labels.Schema { return m.m.Schema }

// Classifier returns the underlying model (schema, feature and training
// configuration, weights).
func (m *Model) Classifier() *classifier.Model { return m.m }

// Worker scores articles on one goroutine, reusing its buffers. Make one
// per goroutine with NewWorker; Model.Score and Model.ScoreAll manage
// their own.
type Worker struct {
	m    *Model
	fz   *features.Featurizer
	pred []classifier.HeadPrediction
	none []int // zero mentions per head, for articles not scored
}

// NewWorker returns a Worker for one goroutine.
func (m *Model) NewWorker() *Worker { return &Worker{m: m, fz: m.fz.Clone()} }

// Predict featurizes a and applies the model. dst is reused when it has
// the right shape; the result is valid until the next call with the same
// dst.
func (w *Worker) Predict(a *Article, dst []classifier.HeadPrediction) []classifier.HeadPrediction {
	return w.m.p.Predict(w.fz.Featurize(a), dst)
}

// Score scores a and returns named labels, probabilities and coverage:
// its language, and per head how often it names the head's target. An
// article in a language the model does not read is not scored
// (Result.Scored is false and Result.Reason says why).
func (w *Worker) Score(a *Article) Result {
	var cov Coverage
	w.pred, cov = w.PredictCoverage(a, w.pred)
	if !cov.Scored {
		return w.m.unscored(a, cov)
	}
	r := w.m.result(a, w.pred, cov.Mentions)
	r.Lang = cov.Lang
	return r
}

func (m *Model) worker() *Worker {
	if w, ok := m.pool.Get().(*Worker); ok {
		return w
	}
	return m.NewWorker()
}

// Score scores one article. It is safe to call from many goroutines; for
// many articles ScoreAll is faster.
func (m *Model) Score(a Article) Result {
	w := m.worker()
	defer m.pool.Put(w)
	return w.Score(&a)
}

// Coverage is what an article's scores rest on: its language, whether the
// model read it, and how often it names each head's target.
type Coverage struct {
	// Lang is the detected language (ISO 639-1; "und" for a language the
	// detector does not know; "" for a text too short to tell).
	Lang string
	// Scored is false when the model does not read Lang; Reason says why.
	Scored bool
	Reason string
	// Mentions is, per schema head, how many mentions of its target the
	// article has (0 for heads without a target, and when not scored). It
	// is the Worker's buffer: valid until its next call.
	Mentions []int
}

// PredictCoverage is Predict with the article's coverage. An article in a
// language the model does not read is not featurized: every head of dst
// comes back empty (no probabilities, Label -1).
func (w *Worker) PredictCoverage(a *Article, dst []classifier.HeadPrediction) ([]classifier.HeadPrediction, Coverage) {
	ld := w.m.detect(a.Text)
	nh := len(w.m.m.Heads)
	if !w.m.reads(ld) {
		if len(dst) != nh {
			dst = make([]classifier.HeadPrediction, nh)
		}
		for h := range dst {
			dst[h] = classifier.HeadPrediction{Head: w.m.m.Schema.Heads[h].Name, Probs: dst[h].Probs[:0], Label: -1, Labels: dst[h].Labels[:0]}
		}
		if len(w.none) != nh {
			w.none = make([]int, nh)
		}
		return dst, Coverage{Lang: ld.Code, Reason: w.m.langReason(ld), Mentions: w.none}
	}
	d := w.fz.Featurize(a)
	dst = w.m.p.Predict(d, dst)
	if w.m.m.Unreadable(d) {
		// The network alone reads the words around the example's
		// mention; with none found it has nothing to go on: say so.
		// (Predict gave no label.)
		return dst, Coverage{Lang: ld.Code, Reason: classifier.UnreadableReason, Mentions: d.Mentions}
	}
	return dst, Coverage{Lang: ld.Code, Scored: true, Mentions: d.Mentions}
}
