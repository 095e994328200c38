package features

// cueGroup: cue-lexicon counts (cues.go's categories), with a negated cue
// counting against its category. For each head with a target: the
// article-wide counts, then counts per scope around the target's mentions
// (cueScopeNames: its sentences, split by negation; left and right
// windows; its clauses). Counts saturate (saturate), so long articles read
// like short ones. Multi-label heads such as frames get none: they
// measured worse with them.
type cueGroup struct{}

// article counts the article's cues, plain and negated; head adds them.
func (cueGroup) article(f *Featurizer, _ *Doc) {
	f.artCue, f.artCueNeg = [numCues]float32{}, [numCues]float32{}
	for i := range f.toks {
		if c := f.cues[i]; c != 0 {
			for k := Cue(0); k < numCues; k++ {
				if c&(1<<k) != 0 {
					if f.neg[i] {
						f.artCueNeg[k]++
					} else {
						f.artCue[k]++
					}
				}
			}
		}
	}
}

func (cueGroup) head(f *Featurizer, s *headScope, d *Doc) {
	h := s.head
	for k := Cue(0); k < numCues; k++ {
		if x := f.artCue[k]; x > 0 {
			f.addKey(f.keys.cue[k].key, saturate(x), f.keys.cue[k].name)
		}
		if x := f.artCueNeg[k]; x > 0 {
			f.addKey(f.keys.cueNeg[k].key, saturate(x), f.keys.cueNeg[k].name)
		}
	}
	f.flush(&d.Heads[h], false, false)
	if len(s.ms) == 0 {
		return
	}
	scopes := scopedCues(f, s)
	hk := &f.keys.head[h]
	for sc := range scopes {
		for k := Cue(0); k < numCues; k++ {
			if x := scopes[sc][k]; x != 0 {
				f.addKey(hk.cue[sc][k].key, saturate(abs32(x))*sign32(x), hk.cue[sc][k].name)
			}
		}
	}
	f.flush(&d.Heads[h], false, false)
}

// Cue scopes, in the order of cueScopeNames.
const (
	scopeSent = iota
	scopeSentNeg
	scopeLeft
	scopeRight
	scopeClause
	numCueScopes
)

// scopedCues counts the cues in each scope around the head's mentions.
// Each clause and sentence counts once however many mentions it holds.
func scopedCues(f *Featurizer, s *headScope) (c [numCueScopes][numCues]float32) {
	for k := range s.ms {
		for _, t := range s.left(k) {
			addCues(&c[scopeLeft], f.cues[t.tok], f.neg[t.tok])
		}
		for _, t := range s.right(k) {
			addCues(&c[scopeRight], f.cues[t.tok], f.neg[t.tok])
		}
		if a := &s.around[k]; a.newClause {
			for i := a.clause[0] + 1; i < a.clause[1]; i++ {
				addCues(&c[scopeClause], f.cues[i], f.neg[i])
			}
		}
	}
	for _, b := range s.sentences {
		for i := b[0]; i < b[1]; i++ {
			if f.neg[i] {
				addCues(&c[scopeSentNeg], f.cues[i], false)
			} else {
				addCues(&c[scopeSent], f.cues[i], false)
			}
		}
	}
	return c
}

func addCues(dst *[numCues]float32, c uint16, neg bool) {
	if c == 0 {
		return
	}
	v := float32(1)
	if neg {
		v = -1 // a negated cue counts against its category
	}
	for k := Cue(0); k < numCues; k++ {
		if c&(1<<k) != 0 {
			dst[k] += v
		}
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func sign32(x float32) float32 {
	if x < 0 {
		return -1
	}
	return 1
}
