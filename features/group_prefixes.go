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
// so adding it changes neither English features nor their cost. With
// the prefixes goes one indicator of the script (scriptOf).
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
	// The script, a stand-in for the language: one indicator, so that each
	// language can have its own intercepts (its outlets' base rates, and
	// frame decisions on text whose words the English-trained features
	// mostly do not know).
	s := scriptOf(f.text)
	idx := f.bucket(mix(xxhash.Sum64String(s), seedPre))
	f.add(idx, 1)
	if f.names != nil {
		f.name(idx, "script:"+s)
	}
	f.flush(&d.Shared, false, false)
}

// scriptOf names the writing of a text mostly outside ASCII: Cyrillic;
// Hebrew; Arabic script with Persian letters (پ چ ژ گ) or without; Latin
// with Azerbaijani ə or without (Turkish and others).
func scriptOf(text []byte) string {
	var cyr, heb, arab, fa, latin, schwa int
	for _, r := range string(text) {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				latin++
			}
		case r == 'ə' || r == 'Ə':
			schwa++
			latin++
		case r >= 0x0400 && r <= 0x04FF:
			cyr++
		case r >= 0x0590 && r <= 0x05FF:
			heb++
		case r == 'پ' || r == 'چ' || r == 'ژ' || r == 'گ':
			fa++
			arab++
		case r >= 0x0600 && r <= 0x06FF:
			arab++
		case r >= 0x00C0 && r <= 0x024F:
			latin++
		}
	}
	switch {
	case cyr >= heb && cyr >= arab && cyr >= latin:
		return "cyrillic"
	case heb >= arab && heb >= latin:
		return "hebrew"
	case arab >= latin && fa*50 >= arab:
		return "arabic-persian"
	case arab >= latin:
		return "arabic"
	case schwa*200 >= latin:
		return "latin-schwa"
	}
	return "latin"
}

func (prefixGroup) head(*Featurizer, *headScope, *Doc) {}
