package features

import (
	"github.com/cespare/xxhash/v2"
)

// gloss gives words of the region's languages the vector of an English
// word (glossary_ml.go): the embedded vectors are English, so without it
// a Russian or Persian article's averaged vector would be empty and the
// vectors group would say nothing about it. A glossary is a bilingual
// dictionary of the frequent news words, not a translation: it lets the
// vector features learned mostly on English carry over to the words it
// lists. Its stems live in the lexicon's stem trie (stemInfo.gloss), so
// one walk of a word answers both (Lexicon.stemWord).
type gloss struct {
	words map[uint64]int32 // whole words: hash → vector row
	rows  []int32          // per lexicon stemInfo: its English word's vector row, or -1
}

// buildGloss resolves the glossary against vocabulary vc (its English
// words' vector rows); entries whose English word has no vector get none.
func buildGloss(vc *vocab, l *Lexicon) *gloss {
	g := &gloss{words: map[uint64]int32{}, rows: make([]int32, len(l.stemInfo))}
	rowOf := func(en string) int32 { return vc.lookup(xxhash.Sum64String(en)).row }
	for h, en := range l.glossWords {
		if row := rowOf(en); row >= 0 {
			g.words[h] = row
		}
	}
	for i, si := range l.stemInfo {
		g.rows[i] = -1
		if si.gloss != "" {
			g.rows[i] = rowOf(si.gloss)
		}
	}
	return g
}

// stemWord is what the lexicon's stems and the glossary say of t, a word
// outside English: what its lexicon stem marks (ok when it has one), and
// the vector row of its English gloss (-1 for none, or without vectors).
// A glossary whole word comes before its stems.
func (vc *vocab) stemWord(t *Token) (si stemInfo, ok bool, row int32) {
	var rows []int32
	if vc.gloss != nil {
		rows = vc.gloss.rows
	}
	si, ok, row = defaultLexicon.stemWord(t.Term, rows)
	if vc.gloss != nil {
		if r, found := vc.gloss.words[t.Hash]; found {
			row = r
		}
	}
	return si, ok, row
}
