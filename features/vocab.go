package features

import (
	"slices"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// wordInfo is everything the featurizer needs to know about a word, so
// that a token costs one hash-table probe.
type wordInfo struct {
	key   uint32 // the top half of the word's hash; 0 marks an empty slot
	row   int32  // word-vector row, or -1
	cues  uint16 // Cue bit set
	flags uint8
}

const (
	flagStop   = 1 << iota // excluded from averaged vectors
	flagNeg                // starts a negation scope
	flagClause             // ends a clause ("but", "while")
)

// vocab is an open-addressing table from word hash to wordInfo, built once
// from the word vectors and the lexicons. A slot is found by the low bits
// of the hash and confirmed by the high 32 bits, which keeps the table
// about 3 MB (two words in 2^32 share a key; an unrelated token then
// borrows a word's row, which is harmless).
type vocab struct {
	slots []wordInfo
	mask  uint64
	gloss *gloss // other languages' words with an English word's vector (nil: no vectors)
}

var (
	sharedVocab     *vocab
	sharedVocabOnce sync.Once
)

// defaultVocab merges the embedded vectors (nil: none) and the lexicons.
func defaultVocab(v *Vectors) *vocab {
	sharedVocabOnce.Do(func() { sharedVocab = buildVocab(v) })
	return sharedVocab
}

func buildVocab(v *Vectors) *vocab {
	entries := map[uint64]wordInfo{}
	get := func(h uint64) wordInfo {
		if e, ok := entries[h]; ok {
			return e
		}
		return wordInfo{row: -1}
	}
	if v != nil {
		for i := 0; i < v.Len(); i++ {
			h := xxhash.Sum64(v.word(i))
			if _, ok := entries[h]; !ok {
				entries[h] = wordInfo{row: int32(i)}
			}
		}
	}
	lex := DefaultLexicon()
	for h, c := range lex.cues {
		e := get(h)
		e.cues = c
		entries[h] = e
	}
	for h := range lex.neg {
		e := get(h)
		e.flags |= flagNeg
		entries[h] = e
	}
	for _, w := range strings.Fields(stopWordList) {
		h := xxhash.Sum64String(w)
		e := get(h)
		e.flags |= flagStop
		entries[h] = e
	}
	for _, w := range strings.Fields(clauseWordList) {
		h := xxhash.Sum64String(w)
		e := get(h)
		e.flags |= flagClause
		entries[h] = e
	}
	size := uint64(1)
	for size*3 < uint64(len(entries))*5 { // load factor at most 0.6
		size <<= 1
	}
	vc := &vocab{slots: make([]wordInfo, size), mask: size - 1}
	// Insert in a fixed order (by row, then hash) so the table is the same
	// on every run.
	keys := make([]uint64, 0, len(entries))
	for h := range entries {
		keys = append(keys, h)
	}
	sortU64(keys)
	for _, h := range keys {
		e := entries[h]
		e.key = hashKey(h)
		j := h & vc.mask
		for vc.slots[j].key != 0 {
			if vc.slots[j].key == e.key {
				break // a 32-bit key clash: the first (sorted) word keeps it
			}
			j = (j + 1) & vc.mask
		}
		if vc.slots[j].key == 0 {
			vc.slots[j] = e
		}
	}
	if v != nil {
		vc.gloss = buildGloss(vc, DefaultLexicon())
	}
	return vc
}

func hashKey(h uint64) uint32 {
	k := uint32(h >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

func (vc *vocab) lookup(h uint64) wordInfo {
	k := hashKey(h)
	for j := h & vc.mask; ; j = (j + 1) & vc.mask {
		s := &vc.slots[j]
		if s.key == k {
			return *s
		}
		if s.key == 0 {
			return wordInfo{row: -1}
		}
	}
}

// touch reads the first slot each token's lookup will probe, before
// prepareTokens looks them up. The table is megabytes and the words
// scattered over it, so most lookups miss the cache; this loop does
// nothing else, so the processor overlaps those misses, where the lookup
// loop's other work kept few in flight. The result is meaningless; the
// function is not inlined so that the loads stay.
//
//go:noinline
func (vc *vocab) touch(toks []Token) uint32 {
	var x uint32
	for i := range toks {
		x |= vc.slots[toks[i].Hash&vc.mask].key
	}
	return x
}

func sortU64(a []uint64) { slices.Sort(a) }
