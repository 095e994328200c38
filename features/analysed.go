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
}

// FeaturizeAnalysed is Featurize for a text the caller has already
// analysed. a gives the rest of the article (ID, an example's Target and
// Span, the span in in.Text's offsets); a.Text is not read. The tokens
// are copied; in.Text and the tokens' terms must stay unchanged until the
// next call.
//
// It exists for the sentiment group: the sentences it scores are already
// analysed as part of the article, and re-analysing each (normalising,
// tokenizing, folding, hashing) was about a quarter of the sentiment
// model's time. The result is the same as Featurize on the text only when
// in is what the pipeline gives for it; the sentiment group hands over
// only the cases where that holds (scoreSentence).
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
