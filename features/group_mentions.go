package features

// mentionGroup: how much and where the article names each target. Article
// features (shared by every head): a bias, each target's mention density,
// whether it is named in the headline and in the lead, and which targets
// are named in the same sentence. Head features: the density of its own
// target's mentions, and whether the first is in the headline or the lead.
type mentionGroup struct{}

const (
	// leadSentences is how many sentences, headline included, make the lead.
	leadSentences = 3
	// maxCoTargets bounds the targets counted for co-occurrence; more are
	// left out (the default schema has three).
	maxCoTargets = 8
)

func (mentionGroup) article(f *Featurizer, d *Doc) {
	toks := f.toks
	f.addKey(f.keys.bias.key, 1, f.keys.bias.name)
	for ti := range f.targets {
		c, inHead, inLead := 0, false, false
		for _, m := range f.mentions {
			if m.Target == ti {
				c++
				s := toks[m.From].Sent
				if f.headline && s == 0 {
					inHead = true
				}
				if s < leadSentences {
					inLead = true
				}
			}
		}
		tk := &f.keys.target[ti]
		b := densityBucket(c, f.nsent)
		f.addKey(tk.count[b].key, 1, tk.count[b].name)
		if inHead {
			f.addKey(tk.head.key, 1, tk.head.name)
		}
		if inLead {
			f.addKey(tk.lead.key, 1, tk.lead.name)
		}
	}
	if len(f.targets) > 1 && f.nsent > 0 {
		coMentions(f)
	}
	f.flush(&d.Shared, false, false)
}

// coMentions adds, for each pair of targets, the share of sentences that
// name both.
func coMentions(f *Featurizer) {
	toks := f.toks
	nt := min(len(f.targets), maxCoTargets)
	var co [maxCoTargets][maxCoTargets]float32
	lastSent := int32(-1)
	var inSent uint16
	flushSent := func() {
		for x := 0; x < nt; x++ {
			for y := x + 1; y < nt; y++ {
				if inSent&(1<<x) != 0 && inSent&(1<<y) != 0 {
					co[x][y]++
				}
			}
		}
	}
	for _, m := range f.mentions {
		s := toks[m.From].Sent
		if s != lastSent {
			flushSent()
			inSent, lastSent = 0, s
		}
		inSent |= 1 << m.Target
	}
	flushSent()
	for x := 0; x < nt; x++ {
		for y := x + 1; y < nt; y++ {
			if co[x][y] > 0 {
				k := f.keys.together[x][y]
				f.addKey(k.key, co[x][y]/float32(f.nsent), k.name)
			}
		}
	}
}

func (mentionGroup) head(f *Featurizer, s *headScope, d *Doc) {
	toks := f.toks
	hk := &f.keys.head[s.head]
	b := densityBucket(len(s.ms), f.nsent)
	f.addKey(hk.count[b].key, 1, hk.count[b].name)
	if len(s.ms) > 0 {
		first := toks[s.ms[0].From].Sent
		if f.headline && first == 0 {
			f.addKey(hk.head.key, 1, hk.head.name)
		}
		if first < leadSentences {
			f.addKey(hk.lead.key, 1, hk.lead.name)
		}
	}
	f.flush(&d.Heads[s.head], false, false)
}

// Counts are made independent of article length, so that a model trained
// on short excerpts reads long articles the same way: mention counts become
// densities (mentions per sentence), cue counts saturate.

// countNames names the density buckets (densityBucket's results).
var countNames = []string{"none", "<0.2/sentence", "<0.5/sentence", "<1/sentence", ">=1/sentence"}

// densityCuts are the mentions-per-sentence cut points between buckets.
var densityCuts = [...]float64{0.2, 0.5, 1}

// densityBucket returns c mentions in sentences as a bucket: 0 for none,
// then one per interval between densityCuts.
func densityBucket(c, sentences int) int {
	if c == 0 || sentences == 0 {
		return 0
	}
	d := float64(c) / float64(sentences)
	for i, cut := range densityCuts {
		if d < cut {
			return 1 + i
		}
	}
	return 1 + len(densityCuts)
}

// saturate maps a count c >= 0 into [0, 1): c/(c+2).
func saturate(c float32) float32 { return c / (c + 2) }
