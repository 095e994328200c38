package features

// MentionScorer scores the sentiment toward one target mention in one
// sentence: span is the mention's byte range in sentence. It returns the
// probabilities of negative, neutral and positive. sentence is valid only
// during the call. A MentionScorer is used by one goroutine; Clone makes
// another.
//
// The sentiment group needs one; package sentiment provides the NewsMTSC
// model as a MentionScorer.
type MentionScorer interface {
	ScoreMention(sentence string, span [2]int) (neg, neu, pos float64)
	Clone() MentionScorer
}

// Options are what a Featurizer needs beyond its schema and Config.
type Options struct {
	// Scorer is required by the sentiment group and ignored otherwise.
	Scorer MentionScorer
}
