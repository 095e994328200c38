package features

// headScope is what one head's features are computed over: the mentions
// of its target and the token scopes around them, built once per head
// (scopeOf) into buffers the Featurizer reuses, so that every group walks
// the same scopes with the same rules.
type headScope struct {
	head int // schema head
	// own is the target whose mentions read as <t>: the head's schema
	// target, or, for a stance example, the example's own target.
	own int
	// schemaTarget is true when own is a schema target (not an example's).
	schemaTarget bool
	ms           []Mention // mentions of own, in text order
	// around is parallel to ms.
	around []mentionScope
	// sentences are the distinct sentences naming own, in text order, as
	// token bounds [lo, hi).
	sentences [][2]int32
	near      []near // the window tokens of every mention (mentionScope's offsets)
}

// near is a token within the window of a mention, dist tokens away.
type near struct{ tok, dist int32 }

// mentionScope is the scopes around one mention.
type mentionScope struct {
	// left and right index headScope.near: near[leftLo:rightLo] are the
	// tokens left of the mention, nearest first; near[rightLo:rightHi]
	// those right of it. Both stay within Config.Window and the sentence.
	leftLo, rightLo, rightHi int32
	// clause bounds the mention's clause, both exclusive (the boundary
	// tokens or the sentence's edges). newClause is false when the
	// previous mention is in the same clause: a clause counts once.
	clause    [2]int32
	newClause bool
}

func (s *headScope) left(k int) []near {
	a := &s.around[k]
	return s.near[a.leftLo:a.rightLo]
}

func (s *headScope) right(k int) []near {
	a := &s.around[k]
	return s.near[a.rightLo:a.rightHi]
}

// scopeOf returns head h's scope in the current article; ok is false for a
// head without a target (or, for an example, a multi-label head).
func (f *Featurizer) scopeOf(h int) (s *headScope, ok bool) {
	s = &f.scope
	own := f.headTarget[h]
	switch {
	case own >= 0:
		f.ms = f.ms[:0]
		for _, m := range f.mentions {
			if m.Target == own {
				f.ms = append(f.ms, m)
			}
		}
		s.head, s.own, s.schemaTarget, s.ms = h, own, true, f.ms
	case f.exTarget >= 0 && !f.schema.Heads[h].Multi:
		s.head, s.own, s.schemaTarget, s.ms = h, f.exTarget, false, f.exMen
	default:
		return nil, false
	}
	f.buildScopes(s)
	return s, true
}

// buildScopes fills s's windows, clauses and sentences from s.ms.
func (f *Featurizer) buildScopes(s *headScope) {
	toks := f.toks
	n := len(toks)
	W := f.cfg.Window
	s.near, s.around, s.sentences = s.near[:0], s.around[:0], s.sentences[:0]
	lastClause, lastSent := int32(-2), int32(-1)
	for _, m := range s.ms {
		sent := toks[m.From].Sent
		var a mentionScope
		a.leftLo = int32(len(s.near))
		for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == sent; d, i = d+1, i-1 {
			s.near = append(s.near, near{int32(i), int32(d)})
		}
		a.rightLo = int32(len(s.near))
		for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == sent; d, i = d+1, i+1 {
			s.near = append(s.near, near{int32(i), int32(d)})
		}
		a.rightHi = int32(len(s.near))
		a.clause = [2]int32{f.cLo[m.From], f.cHi[m.To-1]}
		a.newClause = a.clause[0] != lastClause
		lastClause = a.clause[0]
		s.around = append(s.around, a)
		if sent != lastSent {
			lastSent = sent
			s.sentences = append(s.sentences, [2]int32{f.sLo[m.From], f.sHi[m.From]})
		}
	}
}
