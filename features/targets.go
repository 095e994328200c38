package features

import (
	"github.com/stance-project/stance/labels"
	"slices"
)

// Matcher finds mentions of a schema's targets in analysed tokens. Aliases
// are analysed with the same pipeline as the text, so "Israel's" matches
// "Israel" and "Tel-Aviv" matches "Tel Aviv" only if written so.
type Matcher struct {
	// first maps an alias's first term hash to candidate aliases.
	first map[uint64][]alias
	// maybe has bit (hash & maybeMask) set for every key of first: a
	// token whose bit is clear starts no alias, and most tokens are
	// passed over without a map lookup (8 KB, in the L1 cache).
	maybe []uint64
	n     int
	// stems holds one-word aliases written as stems ("израил*"), each
	// with its target index (stems.go).
	stems stems
}

type alias struct {
	target int
	terms  []uint64
}

// NewMatcher builds a matcher for the targets, in order; a mention is
// reported with its target's index.
func NewMatcher(targets []*labels.Target) *Matcher {
	m := &Matcher{first: map[uint64][]alias{}, n: len(targets)}
	an := NewAnalyzer()
	for ti, t := range targets {
		names := append([]string{t.Name}, t.Aliases...)
		for _, a := range names {
			if w, ok := isStem(a); ok {
				if _, toks := an.Analyze([]byte(w), nil); len(toks) == 1 {
					m.stems.add(toks[0].Term, int32(ti))
					continue
				}
			}
			_, toks := an.Analyze([]byte(a), nil)
			var terms []uint64
			for _, tk := range toks {
				terms = append(terms, tk.Hash)
			}
			if len(terms) == 0 {
				continue
			}
			dup := false
			for _, c := range m.first[terms[0]] {
				if c.target == ti && slices.Equal(c.terms, terms) {
					dup = true
				}
			}
			if !dup {
				m.first[terms[0]] = append(m.first[terms[0]], alias{target: ti, terms: terms})
			}
		}
	}
	m.maybe = make([]uint64, (maybeMask+1)/64)
	// Longest aliases first, so "Islamic Republic of Iran" wins over "Iran".
	for k, cs := range m.first {
		b := k & maybeMask
		m.maybe[b/64] |= 1 << (b % 64)
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].terms) > len(cs[j-1].terms); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
		m.first[k] = cs
	}
	return m
}

// maybeMask selects the bits of a term hash that index Matcher.maybe.
const maybeMask = 1<<16 - 1

// Mention is a run of tokens [From, To) naming a target.
type Mention struct {
	Target   int
	From, To int32
}

// Find appends the mentions in toks to dst, left to right, without overlap.
// Stem aliases match words outside ASCII; see find.
func (m *Matcher) Find(toks []Token, dst []Mention) []Mention {
	return m.find(toks, dst, false)
}

// find is Find; with wide, stem aliases match every word, not only those
// outside ASCII (as in Turkish, where folding leaves "israilin" ASCII).
func (m *Matcher) find(toks []Token, dst []Mention, wide bool) []Mention {
	for i := 0; i < len(toks); {
		var cs []alias
		if h := toks[i].Hash & maybeMask; m.maybe[h/64]&(1<<(h%64)) != 0 {
			cs = m.first[toks[i].Hash]
		}
		matched := 0
		for _, c := range cs {
			if i+len(c.terms) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(c.terms); k++ {
				if toks[i+k].Hash != c.terms[k] {
					ok = false
					break
				}
			}
			if ok {
				dst = append(dst, Mention{Target: c.target, From: int32(i), To: int32(i + len(c.terms))})
				matched = len(c.terms)
				break
			}
		}
		if matched == 0 && toks[i].Kind == Word && (wide || !isASCII(toks[i].Term)) {
			if t := m.stems.match(toks[i].Term); t >= 0 {
				dst = append(dst, Mention{Target: int(t), From: int32(i), To: int32(i + 1)})
				matched = 1
			}
		}
		if matched > 0 {
			i += matched
		} else {
			i++
		}
	}
	return dst
}
