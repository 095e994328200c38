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
	for k, m := range s.ms {
		sent := toks[m.From].Sent
		for _, t := range s.left(k) {
			i := int(t.tok)
			f.addTerm(seedL^hs, i, own, windowWeight(int(t.dist)), prefix)
			if t.dist == 1 {
				f.addTerm(seedL1^hs, i, own, 1, prefix)
				if i > 0 && toks[i-1].Sent == sent {
					f.addBigram(seedLB^hs, i-1, i, own, 1, prefix)
				}
			}
		}
		for _, t := range s.right(k) {
			i := int(t.tok)
			f.addTerm(seedR^hs, i, own, windowWeight(int(t.dist)), prefix)
			if t.dist == 1 {
				f.addTerm(seedR1^hs, i, own, 1, prefix)
				if i+1 < n && toks[i+1].Sent == sent {
					f.addBigram(seedRB^hs, i, i+1, own, 1, prefix)
				}
			}
		}
		a := &s.around[k]
		if !a.newClause {
			continue
		}
		for i := int(a.clause[0]) + 1; i < int(a.clause[1]); i++ {
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
	for _, b := range s.sentences {
		for i := int(b[0]); i < int(b[1]); i++ {
			if toks[i].Kind == Punct {
				continue
			}
			f.addTerm(seedS^hs, i, own, 1, prefix)
			if i+1 < int(b[1]) && toks[i+1].Kind != Punct {
				f.addBigram(seedSB^hs, i, i+1, own, 1, prefix)
			}
		}
	}
	f.flush(&d.Heads[h], true, true)
}
