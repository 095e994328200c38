package features

import "github.com/stance-project/stance/labels"

// givenText is text analysed by the caller of FeaturizeAnalysed.
type givenText struct {
	on   bool
	text []byte
	toks []Token
}

// FeaturizeAnalysed is Featurize for a text the caller has already
// analysed with this package's standard pipeline (NewAnalyzer): text is
// the filtered text and toks its tokens, exactly as Analyzer.Analyze
// returns them (offsets into text, Term folded, Hash set, Sent counted
// from 0). a gives the rest of the article (ID, an example's Target and
// Span, the span in text's offsets); a.Text is not read. toks is copied;
// text and the tokens' terms must stay unchanged until the next call.
//
// It exists for the sentiment group: the sentences it scores are already
// analysed as part of the article, and re-analysing each (normalising,
// tokenizing, folding, hashing) was about a quarter of the sentiment
// model's time. The result is the same as Featurize on the text only when
// toks is what the pipeline gives for text; the sentiment group checks
// the cases where that holds (an ASCII sentence).
func (f *Featurizer) FeaturizeAnalysed(a *labels.Article, text []byte, toks []Token) *Doc {
	f.given = givenText{on: true, text: text, toks: toks}
	defer func() { f.given = givenText{} }()
	return f.Featurize(a)
}

// TokenScorer is a MentionScorer that also scores a sentence given as its
// analysed tokens (the sentence's own offsets, Sent 0), which spares it
// analysing the sentence again. span is the mention's byte range in
// sentence, as for ScoreMention, and the scores must be the same as
// ScoreMention's on the same sentence.
type TokenScorer interface {
	MentionScorer
	ScoreMentionTokens(sentence []byte, toks []Token, span [2]int) (neg, neu, pos float64)
}
