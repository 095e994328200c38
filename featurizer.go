package stance

import (
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
	"github.com/stance-project/stance/sentiment"
)

// NewFeaturizer returns a featurizer for schema s and configuration cfg.
// It is the one place the sentiment group's scorer (package sentiment) is
// wired in: features cannot import it, since sentiment is built on
// classifier and features.
func NewFeaturizer(s *labels.Schema, cfg features.Config) (*features.Featurizer, error) {
	var opt features.Options
	if cfg.Has(features.GroupSentiment) {
		sc, err := sentiment.New()
		if err != nil {
			return nil, err
		}
		opt.Scorer = sc
	}
	return features.New(s, cfg, opt)
}

// Featurize computes the features of every article for training or
// evaluation, with workers goroutines (0: GOMAXPROCS). sets is parallel to
// arts (nil entries: unlabelled). Stance examples also get their word
// sequence (Dataset.Seqs), for the attention network.
func Featurize(s *labels.Schema, cfg features.Config, arts []*labels.Article, sets []*labels.LabelSet, workers int) (*classifier.Dataset, error) {
	fz, err := NewFeaturizer(s, cfg)
	if err != nil {
		return nil, err
	}
	fz.RecordSequences(true)
	return classifier.Featurize(fz, arts, sets, workers), nil
}
