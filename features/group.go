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
		{GroupVoice, voiceGroup{}},
		{GroupPairs, pairGroup{}},
		{GroupPrefixes, prefixGroup{}},
		{GroupByTarget, byTargetGroup{}}, // last: it repeats what the others emitted
	}
	var out []group
	for _, o := range order {
		if cfg.Has(o.name) {
			out = append(out, o.g)
		}
	}
	return out
}
