package features

import "unsafe"

// sentimentGroup scores, with the Featurizer's MentionScorer, the sentences
// of the first mentions of a head's schema target (one score per sentence,
// at most maxScoredMentions) and adds the mean and maximum of P(negative)
// and P(positive), and those of the headline mention. An example's own
// target gets none.
type sentimentGroup struct{}

// maxScoredMentions bounds the mentions per head given to the scorer.
const maxScoredMentions = 8

func (sentimentGroup) article(*Featurizer, *Doc) {}

func (sentimentGroup) head(f *Featurizer, s *headScope, d *Doc) {
	if len(s.ms) == 0 || !s.schemaTarget {
		return
	}
	h, ms, headline := s.head, s.ms, f.headline
	toks := f.toks
	text := d.Text
	var sumNeg, sumPos, maxNeg, maxPos float64
	var headNeg, headPos float64
	scored, inHead := 0, false
	lastSent, lastFrom := int32(-1), 0
	for _, m := range ms {
		if scored == maxScoredMentions {
			break
		}
		s := toks[m.From].Sent
		lo, hi := int(f.sLo[m.From]), int(f.sHi[m.From])
		if s == lastSent && lo == lastFrom {
			continue // one score per sentence: the first mention in it
		}
		lastSent, lastFrom = s, lo
		bs, be := int(toks[lo].Start), int(toks[hi-1].End)
		span := [2]int{int(toks[m.From].Start) - bs, int(toks[m.To-1].End) - bs}
		neg, pos := f.scoreSentence(text[bs:be], lo, hi, span)
		sumNeg += neg
		sumPos += pos
		maxNeg, maxPos = max(maxNeg, neg), max(maxPos, pos)
		if headline && s == 0 && !inHead {
			headNeg, headPos, inHead = neg, pos, true
		}
		scored++
	}
	if scored == 0 {
		return
	}
	hk := &f.keys.head[h]
	n := float64(scored)
	sk := &hk.sentiment
	f.addKey(sk.negMean.key, float32(sumNeg/n), sk.negMean.name)
	f.addKey(sk.posMean.key, float32(sumPos/n), sk.posMean.name)
	f.addKey(sk.negMax.key, float32(maxNeg), sk.negMax.name)
	f.addKey(sk.posMax.key, float32(maxPos), sk.posMax.name)
	if inHead {
		f.addKey(sk.headNeg.key, float32(headNeg), sk.headNeg.name)
		f.addKey(sk.headPos.key, float32(headPos), sk.headPos.name)
	}
	f.flush(&d.Heads[h], false, false)
}

// scoreSentence scores the mention at span (sentence offsets) in
// sentence, the text of the article's tokens [lo, hi).
//
// An ASCII sentence goes to a TokenScorer as the article's own tokens
// (offsets moved to the sentence, one sentence): the char filters leave
// ASCII as it is, and the tokenizer splits a sentence's text alone as it
// split it within the article (a sentence holds no line break and no
// sentence end, and a token's extent depends only on its own bytes), so
// the scores are the same as from ScoreMention, without analysing the
// sentence again (TestScoreMentionTokens checks it on the corpus and the
// real set). Other sentences are analysed by the scorer: normalising a
// piece of non-ASCII text apart need not give the same bytes.
func (f *Featurizer) scoreSentence(sentence []byte, lo, hi int, span [2]int) (neg, pos float64) {
	ts, ok := f.scorer.(TokenScorer)
	if !ok || !isASCII(sentence) {
		// The scorer copies the sentence into its own buffer before it
		// returns, so it may borrow these bytes rather than a copy.
		neg, _, pos = f.scorer.ScoreMention(unsafe.String(&sentence[0], len(sentence)), span)
		return neg, pos
	}
	bs := f.toks[lo].Start
	in := &f.sent
	in.Text, in.Tokens = sentence, in.Tokens[:0]
	for _, t := range f.toks[lo:hi] {
		t.Start -= bs
		t.End -= bs
		t.Sent = 0
		in.Tokens = append(in.Tokens, t)
	}
	neg, _, pos = ts.ScoreMentionTokens(in, span)
	return neg, pos
}
