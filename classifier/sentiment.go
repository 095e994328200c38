package classifier

import (
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// sentimentModel is a target-sentiment model trained on NewsMTSC's train
// split (real US news sentences; Hamborg and Donnay, EACL 2021), made by
// `make aux-model`. The sentiment feature group applies it to each sentence
// that names a stance head's target.
//
//go:embed newsmtsc.stance
var sentimentModel []byte

var (
	sentimentOnce sync.Once
	sentimentPred *Predictor
	sentimentErr  error
)

func sentimentPredictor() (*Predictor, error) {
	sentimentOnce.Do(func() {
		if len(sentimentModel) == 0 {
			sentimentErr = errors.New("the sentiment feature group needs the embedded NewsMTSC model; run make aux-model")
			return
		}
		m, err := Decode(sentimentModel, "embedded sentiment model")
		if err != nil {
			sentimentErr = err
			return
		}
		h := m.Schema.Heads[0]
		for _, v := range []string{"negative", "neutral", "positive"} {
			if h.Index(v) < 0 {
				sentimentErr = fmt.Errorf("embedded sentiment model lacks the value %q", v)
				return
			}
		}
		sentimentPred, sentimentErr = NewPredictor(m)
	})
	return sentimentPred, sentimentErr
}

// mentionScorer implements features.MentionScorer with the sentiment model.
type mentionScorer struct {
	p             *Predictor
	fz            *features.Featurizer
	pred          []HeadPrediction
	neg, neu, pos int
	art           labels.Article
}

func newMentionScorer() (*mentionScorer, error) {
	p, err := sentimentPredictor()
	if err != nil {
		return nil, err
	}
	h := &p.M.Schema.Heads[0]
	return &mentionScorer{p: p, fz: p.NewFeaturizer(), neg: h.Index("negative"), neu: h.Index("neutral"), pos: h.Index("positive")}, nil
}

func (s *mentionScorer) ScoreMention(sentence string, span [2]int) (neg, neu, pos float64) {
	s.art = labels.Article{ID: "mention", Text: sentence, Target: "target", Span: span, HasSpan: true}
	s.pred = s.p.Predict(s.fz.Featurize(&s.art), s.pred)
	pr := s.pred[0].Probs
	return pr[s.neg], pr[s.neu], pr[s.pos]
}

func (s *mentionScorer) Clone() features.MentionScorer {
	return &mentionScorer{p: s.p, fz: s.fz.Clone(), neg: s.neg, neu: s.neu, pos: s.pos}
}

// NewFeaturizer returns a featurizer for the schema and configuration,
// with the embedded sentiment model when the configuration uses the
// sentiment group.
func NewFeaturizer(s *labels.Schema, cfg features.Config) (*features.Featurizer, error) {
	if !cfg.Has(features.GroupSentiment) {
		return features.New(s, cfg, features.Options{})
	}
	ms, err := newMentionScorer()
	if err != nil {
		return nil, err
	}
	return features.New(s, cfg, features.Options{Scorer: ms})
}
