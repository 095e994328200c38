package features

import (
	"strings"
	"unicode/utf8"
)

// A stem is a lexicon entry or a target alias written with a trailing
// "*": it matches every word that begins with it, after the analyzer's
// folding. Stems are how the lexicons and aliases reach inflected
// languages without listing every form: "израил*" covers Израиль,
// Израиля, израильский and израильтяне; "israil*" covers
// Turkish and Azerbaijani İsrail'in, İsrailə, İsraildən.
//
// In Arabic and Hebrew script, words carry one-letter clitics in front
// (Arabic و ف ب ل ك and the article ال; Hebrew ו ה ב ל מ ש כ): a stem also
// matches after up to three of them, as long as at least three letters
// of the word remain, so "والإسرائيلي" and "לישראל" find their stems.
//
// stems is a byte trie: a lookup walks the word once and returns the
// longest stem it passes, so its cost is the word's length whatever the
// number of stems.
type stems struct {
	nodes []stemNode
}

type stemNode struct {
	next []stemEdge
	val  int32 // index of the stem ending here, or -1
}

type stemEdge struct {
	b    byte
	node int32
}

// isStem reports whether an entry is a stem ("word*"), and returns the
// word without the star.
func isStem(w string) (string, bool) {
	if len(w) > 1 && strings.HasSuffix(w, "*") {
		return w[:len(w)-1], true
	}
	return w, false
}

// add inserts stem s (already analysed to its folded form) with value v.
// A stem added twice keeps its first value.
func (st *stems) add(s []byte, v int32) {
	if len(st.nodes) == 0 {
		st.nodes = append(st.nodes, stemNode{val: -1})
	}
	n := int32(0)
	for _, b := range s {
		next := st.child(n, b)
		if next < 0 {
			next = int32(len(st.nodes))
			st.nodes = append(st.nodes, stemNode{val: -1})
			st.nodes[n].next = append(st.nodes[n].next, stemEdge{b, next})
		}
		n = next
	}
	if st.nodes[n].val < 0 {
		st.nodes[n].val = v
	}
}

// child is node n's child along byte b, or -1.
func (st *stems) child(n int32, b byte) int32 {
	for _, e := range st.nodes[n].next {
		if e.b == b {
			return e.node
		}
	}
	return -1
}

// each calls f with the value of every stem that w begins with, shortest
// first.
func (st *stems) each(w []byte, f func(v int32)) {
	if len(st.nodes) == 0 {
		return
	}
	n := int32(0)
	for _, b := range w {
		if n = st.child(n, b); n < 0 {
			return
		}
		if v := st.nodes[n].val; v >= 0 {
			f(v)
		}
	}
}

// longest returns the value of the longest stem that w begins with, or -1.
func (st *stems) longest(w []byte) int32 {
	best := int32(-1)
	st.each(w, func(v int32) { best = v })
	return best
}

// match returns the value of the stem w begins with, trying after leading
// clitics in Arabic and Hebrew script when w itself matches none; -1 when
// there is none. ASCII words whose first byte starts no stem cost one
// probe.
func (st *stems) match(w []byte) int32 {
	v := int32(-1)
	behindClitics(w, func(rest []byte) bool {
		v = st.longest(rest)
		return v >= 0
	})
	return v
}

// behindClitics calls found with w, then, while found says false and w is
// in Arabic or Hebrew script, with w past one, two and three leading
// clitics (as long as three letters remain): the order in which stems are
// tried against a word.
func behindClitics(w []byte, found func(rest []byte) bool) {
	if found(w) || len(w) == 0 || w[0] < utf8.RuneSelf {
		return
	}
	rest := w
	for k := 0; k < 3; k++ {
		r, size := utf8.DecodeRune(rest)
		if !isClitic(r) {
			return
		}
		rest = rest[size:]
		if utf8.RuneCount(rest) < 3 || found(rest) {
			return
		}
	}
}

// isClitic reports a letter that Arabic or Hebrew writes in front of a
// word as a conjunction, preposition or article (after ScriptFold).
func isClitic(r rune) bool {
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك', 'ا': // wa, fa, bi, li, ka; the alef of al-
		return true
	case 'ו', 'ה', 'ב', 'ל', 'מ', 'ש', 'כ':
		return true
	}
	return false
}
