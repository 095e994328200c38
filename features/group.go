package features

// group is one feature group. A Featurizer holds the enabled groups in a
// fixed order and calls each once per article, then once per head that has
// a target in the article. Groups are stateless and shared by clones: what
// they read lives in the Featurizer's per-article tables (analysed), and
// what they write goes through the Featurizer's accumulator (add, addKey,
// addTerm, flush) into the Doc.
type group interface {
	article(f *Featurizer, d *Doc)
	head(f *Featurizer, s *headScope, d *Doc)
}

// headScope is what one head's features are computed over.
type headScope struct {
	head int // schema head
	// own is the target whose mentions read as <t>: the head's schema
	// target, or, for a stance example, the example's own target.
	own int
	// schemaTarget is true when own is a schema target (not an example's).
	schemaTarget bool
	ms           []Mention // mentions of own, in text order
}

// scopeOf returns head h's scope in the current article; ok is false for a
// head without a target (or, for an example, a multi-label head).
func (f *Featurizer) scopeOf(h int) (s headScope, ok bool) {
	own := f.headTarget[h]
	switch {
	case own >= 0:
		f.ms = f.ms[:0]
		for _, m := range f.mentions {
			if m.Target == own {
				f.ms = append(f.ms, m)
			}
		}
		return headScope{head: h, own: own, schemaTarget: true, ms: f.ms}, true
	case f.exTarget >= 0 && !f.schema.Heads[h].Multi:
		return headScope{head: h, own: f.exTarget, ms: f.exMen}, true
	}
	return headScope{}, false
}

// groupsOf returns the enabled groups in emission order. The order is fixed
// whatever the order of cfg.Groups: it feeds the float sums, so changing it
// changes trained models.
func groupsOf(cfg Config) []group {
	order := []struct {
		name string
		g    group
	}{
		{GroupNgrams, ngramGroup{}},
		{GroupTarget, targetGroup{}},
		{GroupCues, cueGroup{}},
		{GroupMentions, mentionGroup{}},
		{GroupSentiment, sentimentGroup{}},
		{GroupVectors, vectorGroup{}},
	}
	var out []group
	for _, o := range order {
		if cfg.Has(o.name) {
			out = append(out, o.g)
		}
	}
	return out
}
