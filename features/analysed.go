package features

import "github.com/stance-project/stance/labels"

// Analysed is a text already analysed with this package's standard
// pipeline (NewAnalyzer), for FeaturizeAnalysed.
type Analysed struct {
	// Text is the filtered text and Tokens its tokens, exactly as
	// Analyzer.Analyze returns them (offsets into Text, Term folded, Hash
	// set, Sent counted from 0).
	Text   []byte
	Tokens []Token
	// SentenceVector, when not nil, is what the vectors group sums for the
	// text's one sentence: the embedded word vectors of its tokens outside
	// every target mention (the example's own mention included), added
	// with Vectors.AddTo in token order from zero. The featurizer then
	// uses it instead of summing again; nil means it sums.
	SentenceVector []float32
}

// FeaturizeAnalysed is Featurize for a text the caller has already
// analysed. a gives the rest of the article (ID, an example's Target and
// Span, the span in in.Text's offsets); a.Text is not read. The tokens
// are copied; in.Text, the tokens' terms and in.SentenceVector must stay
// unchanged until the next call.
//
// It exists for the sentiment group: the sentences it scores are already
// analysed as part of the article, and re-analysing each (normalising,
// tokenizing, folding, hashing) was about a quarter of the sentiment
// model's time, and summing its word vectors again another part. The
// result is the same as Featurize on the text only when in is what the
// pipeline and the vectors group give for it; the sentiment group hands
// over only the cases where that holds (scoreSentence).
func (f *Featurizer) FeaturizeAnalysed(a *labels.Article, in *Analysed) *Doc {
	f.given = in
	defer func() { f.given = nil }()
	return f.Featurize(a)
}

// TokenScorer is a MentionScorer that also scores a sentence given
// analysed (Analysed: the sentence's own offsets, Sent 0), which spares
// it analysing the sentence again. span is the mention's byte range in the
// sentence, as for ScoreMention, and the scores must be the same as
// ScoreMention's on the same sentence.
type TokenScorer interface {
	MentionScorer
	ScoreMentionTokens(s *Analysed, span [2]int) (neg, neu, pos float64)
}
