package features

import (
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// prefixGroup: for text mostly outside ASCII (Analysis.wide: Russian,
// Persian, Arabic, Hebrew, Turkish, Azerbaijani), each long word's first
// prefixRunes letters as an article-wide feature. Truncating words is a
// crude stemmer, but a good one for inflected and agglutinative languages
// (Turkish İsrail'e, İsrail'in, İsrail'den share "israi"); with a few
// hundred labelled articles per language, the word n-grams alone see each
// inflected form too rarely. English text gets nothing from this group,
// so adding it changes neither English features nor their cost.
type prefixGroup struct{}

// prefixRunes is the prefix length: five letters is the length found best
// for Turkish retrieval, and long enough to keep most Russian stems apart.
const prefixRunes = 5

// seedPre keeps prefix features apart from other kinds.
const seedPre uint64 = 0x2f8e4a1c9b7d3e65

func (prefixGroup) article(f *Featurizer, d *Doc) {
	if !f.wide {
		return
	}
	for i := range f.toks {
		t := &f.toks[i]
		if t.Kind != Word {
			continue
		}
		cut, n := 0, 0
		for cut < len(t.Term) && n < prefixRunes {
			_, size := utf8.DecodeRune(t.Term[cut:])
			cut += size
			n++
		}
		if n < prefixRunes || cut == len(t.Term) {
			continue // short words are their own unigram already
		}
		idx := f.bucket(mix(xxhash.Sum64(t.Term[:cut]), seedPre))
		f.add(idx, 1)
		if f.names != nil {
			f.name(idx, "prefix:"+string(t.Term[:cut]))
		}
	}
	f.flush(&d.Shared, true, true)
}

func (prefixGroup) head(*Featurizer, *headScope, *Doc) {}
