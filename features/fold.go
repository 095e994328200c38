package features

import (
	"unicode/utf8"
)

// ScriptFold folds the spelling variants of the region's scripts to one
// form, after LowerCase, so that one alias or lexicon entry matches them
// all. It only shortens terms (every replacement is no longer than what
// it replaces), and leaves ASCII terms alone, so English is untouched.
//
//   - Turkish and Azerbaijani: dotless ı folds to i (LowerCase already
//     maps İ and I to i), so "İsrail", "ISRAIL" and "israil" meet.
//   - Arabic and Persian: harakat, the superscript alef and the tatweel
//     are dropped; alef with hamza or madda becomes bare alef; alef
//     maksura, Arabic yeh and Persian yeh become one yeh (ي), Arabic kaf
//     and Persian keheh one kaf (ك), teh marbuta and heh with yeh above
//     heh (ه). Persian and Arabic writers mix these freely, and Arabic
//     news drops the hamza more often than not.
//   - Hebrew: points (niqqud) and cantillation marks are dropped.
//
// The Persian zero-width non-joiner is dropped earlier, by Punctuation,
// which joins "می‌گوید" into one word as most Persian search engines do.
type ScriptFold struct{}

func (ScriptFold) Filter(toks []Token) []Token {
	for i := range toks {
		t := toks[i].Term
		if isASCII(t) {
			continue
		}
		out := t[:0]
		for k := 0; k < len(t); {
			r, size := utf8.DecodeRune(t[k:])
			k += size
			if f, drop := foldRune(r); drop {
				continue
			} else if f != r {
				out = utf8.AppendRune(out, f)
			} else {
				// out never runs ahead of k, so appending the rune's own
				// bytes is safe in place
				out = append(out, t[k-size:k]...)
			}
		}
		toks[i].Term = out
	}
	return toks
}

// foldRune maps one rune; drop reports a mark to remove.
func foldRune(r rune) (f rune, drop bool) {
	switch {
	case r == 'ı':
		return 'i', false
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // harakat, superscript alef, tatweel
		return 0, true
	case r >= 0x0591 && r <= 0x05C7 && r != 0x05BE && r != 0x05C0 && r != 0x05C3 && r != 0x05C6: // Hebrew points and accents
		return 0, true
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', false
	case 'ى', 'ی', 'ۍ', 'ې':
		return 'ي', false
	case 'ک', 'ڪ':
		return 'ك', false
	case 'ة', 'ۀ', 'ہ', 'ە':
		return 'ه', false
	case 'ؤ':
		return 'و', false
	case 'ئ':
		return 'ي', false
	}
	return r, false
}
