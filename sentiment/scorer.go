package sentiment

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// model is a target-sentiment model trained on NewsMTSC's train split
// (real US news sentences; Hamborg and Donnay, EACL 2021), made by
// `make aux-model`.
//
//go:embed newsmtsc.stance
var model []byte

// shared is the decoded model and its featurizer, made once: every Scorer
// shares them (the featurizer is cloned per Scorer).
type shared struct {
	p             *classifier.Predictor
	fz            *features.Featurizer
	neg, neu, pos int
}

var load = sync.OnceValues(func() (*shared, error) {
	if len(model) == 0 {
		return nil, errors.New("sentiment: the embedded NewsMTSC model is missing; run make aux-model")
	}
	// Only its predictor is kept: its sparse weights go straight into the
	// predictor's table.
	m, err := classifier.DecodeForPrediction(model, "embedded sentiment model")
	if err != nil {
		return nil, err
	}
	h := &m.Schema.Heads[0]
	for _, v := range []string{"negative", "neutral", "positive"} {
		if h.Index(v) < 0 {
			return nil, fmt.Errorf("sentiment: the embedded model lacks the value %q", v)
		}
	}
	p, err := classifier.NewPredictor(m)
	if err != nil {
		return nil, err
	}
	fz, err := features.New(m.Schema, m.Features, features.Options{})
	if err != nil {
		return nil, err
	}
	return &shared{p: p, fz: fz, neg: h.Index("negative"), neu: h.Index("neutral"), pos: h.Index("positive")}, nil
})

// Scorer implements features.MentionScorer with the NewsMTSC model. It
// scores one mention as a stance example (the sentence, with the mention's
// span as its target) and returns the model's probabilities.
type Scorer struct {
	s    *shared
	fz   *features.Featurizer
	pred []classifier.HeadPrediction
	art  labels.Article
}

// New returns a Scorer for one goroutine; Clone makes more. The embedded
// model is decoded on the first call.
func New() (*Scorer, error) {
	s, err := load()
	if err != nil {
		return nil, err
	}
	return &Scorer{s: s, fz: s.fz.Clone()}, nil
}

// ScoreMention returns P(negative), P(neutral) and P(positive) of the
// sentiment toward the mention at span in sentence.
func (s *Scorer) ScoreMention(sentence string, span [2]int) (neg, neu, pos float64) {
	s.art = labels.Article{ID: "mention", Text: sentence, Target: "target", Span: span, HasSpan: true}
	s.pred = s.s.p.Predict(s.fz.Featurize(&s.art), s.pred)
	pr := s.pred[0].Probs
	return pr[s.s.neg], pr[s.s.neu], pr[s.s.pos]
}

// Clone returns a Scorer for another goroutine, sharing the model.
func (s *Scorer) Clone() features.MentionScorer { return &Scorer{s: s.s, fz: s.fz.Clone()} }

// ScoreMentionTokens is ScoreMention for a sentence already analysed by
// the features pipeline (features.TokenScorer): the same scores, without
// analysing the sentence again.
func (s *Scorer) ScoreMentionTokens(in *features.Analysed, span [2]int) (neg, neu, pos float64) {
	s.art = labels.Article{ID: "mention", Target: "target", Span: span, HasSpan: true}
	s.pred = s.s.p.Predict(s.fz.FeaturizeAnalysed(&s.art, in), s.pred)
	pr := s.pred[0].Probs
	return pr[s.s.neg], pr[s.s.neu], pr[s.s.pos]
}
