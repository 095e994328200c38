// Package sentiment is the target-sentiment model behind the features
// package's sentiment group: a linear model trained by this project on the
// NewsMTSC train split (Hamborg and Donnay, "NewsMTSC: A Dataset for
// (Multi-)Target-dependent Sentiment Classification in Political News
// Articles", EACL 2021), embedded as newsmtsc.stance and exposed as a
// features.MentionScorer.
//
// It depends on classifier (to decode and apply the model) and features
// (to featurize each sentence as a stance example), so the features →
// classifier direction stays one-way: features declares the MentionScorer
// interface, this package fills it, and package stance wires it in.
//
// The model is decoded once, on the first New; Scorers share it and each
// owns its featurizer scratch, so one Scorer serves one goroutine.
package sentiment
