package features

import (
	"sort"

	"github.com/cespare/xxhash/v2"
)

// gloss gives words of the region's languages the vector of an English
// word (glossary_ml.go): the embedded vectors are English, so without it
// a Russian or Persian article's averaged vector would be empty and the
// vectors group would say nothing about it. A glossary is a bilingual
// dictionary of the frequent news words, not a translation: it lets the
// vector features learned mostly on English carry over to the words it
// lists.
type gloss struct {
	stems stems
	rows  []int32          // per stem: vector row
	words map[uint64]int32 // whole words: hash → vector row
}

// buildGloss resolves the glossary against vocabulary vc (its English
// words' vector rows); entries whose English word has no vector are left
// out.
func buildGloss(vc *vocab) *gloss {
	g := &gloss{words: map[uint64]int32{}}
	an := NewAnalyzer()
	keys := make([]string, 0, len(glossaryML))
	for k := range glossaryML {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a fixed order: the first of two equal stems wins
	for _, k := range keys {
		row := vc.lookup(xxhash.Sum64String(glossaryML[k])).row
		if row < 0 {
			continue
		}
		w, isStem := isStem(k)
		_, toks := an.Analyze([]byte(w), nil)
		if len(toks) != 1 {
			continue
		}
		if !isStem {
			g.words[toks[0].Hash] = row
			continue
		}
		g.stems.add(toks[0].Term, int32(len(g.rows)))
		g.rows = append(g.rows, row)
	}
	return g
}

// row is the vector row standing in for t, or -1.
func (g *gloss) row(t *Token) int32 {
	if r, ok := g.words[t.Hash]; ok {
		return r
	}
	if i := g.stems.match(t.Term); i >= 0 {
		return g.rows[i]
	}
	return -1
}
