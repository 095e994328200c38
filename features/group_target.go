package features

// targetGroup: the words around each mention of a head's target, with
// mentions masked (<t> for the head's own target, <o:name> for others):
//   - left/right: within Window tokens in the same sentence, weighted by
//     distance (windowWeight); left1/right1 and left2/right2 for the
//     nearest word and bigram;
//   - clause/clause-neg: the mention's clause, negated words apart; a
//     clause naming the target twice counts once;
//   - sent/sent2: the words and bigrams of each sentence naming the target.
//
// One block per head, sublinear counts, unit length.
type targetGroup struct{}

// windowWeight is the weight of a word d tokens from a mention: 1 next to
// it, falling by a third of that per further token.
func windowWeight(d int) float32 { return 1 / (1 + float32(d-1)/3) }

func (targetGroup) article(*Featurizer, *Doc) {}

func (targetGroup) head(f *Featurizer, s *headScope, d *Doc) {
	if len(s.ms) == 0 {
		return
	}
	toks := f.toks
	n := len(toks)
	h, own := s.head, s.own
	prefix := f.schema.Heads[h].Name + "."
	hs := f.headSeed[h]
	W := f.cfg.Window
	lastClause := -2
	for _, m := range s.ms {
		sent := toks[m.From].Sent
		for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == sent; d, i = d+1, i-1 {
			f.addTerm(seedL^hs, i, own, windowWeight(d), prefix)
			if d == 1 {
				f.addTerm(seedL1^hs, i, own, 1, prefix)
				if i > 0 && toks[i-1].Sent == sent {
					f.addBigram(seedLB^hs, i-1, i, own, 1, prefix)
				}
			}
		}
		for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == sent; d, i = d+1, i+1 {
			f.addTerm(seedR^hs, i, own, windowWeight(d), prefix)
			if d == 1 {
				f.addTerm(seedR1^hs, i, own, 1, prefix)
				if i+1 < n && toks[i+1].Sent == sent {
					f.addBigram(seedRB^hs, i, i+1, own, 1, prefix)
				}
			}
		}
		lo, hi := int(f.cLo[m.From]), int(f.cHi[m.To-1])
		if lo == lastClause {
			continue
		}
		lastClause = lo
		for i := lo + 1; i < hi; i++ {
			if i >= int(m.From) && i < int(m.To) {
				continue
			}
			if f.neg[i] {
				f.addTerm(seedCN^hs, i, own, 1, prefix)
			} else {
				f.addTerm(seedC^hs, i, own, 1, prefix)
			}
		}
	}
	targetSentences(f, s, prefix, hs)
	f.flush(&d.Heads[h], true, true)
}

// targetSentences adds the words and bigrams of each sentence that names
// the target, once per sentence.
func targetSentences(f *Featurizer, s *headScope, prefix string, hs uint64) {
	toks := f.toks
	n := len(toks)
	last := int32(-1)
	for _, m := range s.ms {
		sent := toks[m.From].Sent
		if sent == last {
			continue
		}
		last = sent
		for i := int(f.sLo[m.From]); i < n && toks[i].Sent == sent; i++ {
			if toks[i].Kind == Punct {
				continue
			}
			f.addTerm(seedS^hs, i, s.own, 1, prefix)
			if i+1 < n && toks[i+1].Sent == sent && toks[i+1].Kind != Punct {
				f.addBigram(seedSB^hs, i, i+1, s.own, 1, prefix)
			}
		}
	}
}
