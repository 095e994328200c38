// Package lang identifies the language of an article, so that a model
// never gives a confident label to text in a language it does not read.
//
// Detection uses whatlanggo's trigram profiles (84 languages, pure Go)
// over the first MaxRunes characters of the text. Texts with fewer than
// MinLetters letters are too short to tell and get "".
package lang

import (
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

const (
	// MaxRunes is how much of a text detection reads: a news article's
	// language is clear well within it, and scoring stays fast.
	MaxRunes = 2000
	// MinLetters is the fewest letters detection will judge.
	MinLetters = 40
	// MinConfidence is the confidence under which a detection is not
	// trusted (Detection.Sure is false).
	MinConfidence = 0.2
)

// Undetermined is the code of a text long enough to judge whose language
// the profiles do not cover.
const Undetermined = "und"

// Detection is a text's language.
type Detection struct {
	// Code is the ISO 639-1 code ("en", "ru", "fa", "tr", "az", "ar",
	// "he", …), Undetermined for a language the profiles do not cover,
	// or "" when the text is too short to tell.
	Code string
	// Confidence is whatlanggo's confidence, from 0 to 1.
	Confidence float64
	// Sure is true when the text is long enough and the confidence at
	// least MinConfidence.
	Sure bool
}

// Detect identifies the language of text.
func Detect(text string) Detection {
	letters, end := 0, 0
	for i, n := 0, 0; i < len(text) && n < MaxRunes; n++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			letters++
		}
		i += size
		end = i
	}
	if letters < MinLetters {
		return Detection{}
	}
	if clearlyEnglish(text[:end]) {
		return Detection{Code: "en", Confidence: 1, Sure: true}
	}
	info := whatlanggo.Detect(text[:end])
	code := info.Lang.Iso6391()
	if c, ok := noShortCode[info.Lang]; ok {
		code = c
	}
	if code == "" {
		// Enough letters, but a script or language the profiles do not
		// know (Armenian, Georgian, …).
		return Detection{Code: Undetermined, Sure: true}
	}
	return Detection{Code: code, Confidence: info.Confidence, Sure: info.Confidence >= MinConfidence}
}

// noShortCode gives ISO 639-1 codes to languages whatlanggo leaves
// without one: Iranian Persian (pes) is Persian, fa; Eastern Yiddish
// (ydd) is Yiddish, yi.
var noShortCode = map[whatlanggo.Lang]string{
	whatlanggo.Pes: "fa",
	whatlanggo.Ydd: "yi",
}

// englishWords are the commonest English function words. Running English
// prose has about a quarter of its words among them; other languages
// written in Latin letters have almost none.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true,
	"for": true, "on": true, "with": true, "was": true, "as": true, "by": true, "it": true, "from": true,
	"at": true, "said": true, "has": true, "have": true, "are": true, "be": true, "its": true, "this": true,
	"an": true, "which": true, "were": true, "will": true, "their": true, "not": true, "or": true, "had": true,
}

// clearlyEnglish is the fast path for the common case: nearly all letters
// ASCII and at least a sixth of the words English function words. It
// spares English articles the trigram detector, which costs about 1 ms
// an article (lang's BenchmarkDetect); anything it does not claim goes to
// the detector.
func clearlyEnglish(text string) bool {
	ascii, letters, words, common := 0, 0, 0, 0
	start := -1
	for i, r := range text {
		isL := unicode.IsLetter(r)
		if isL {
			letters++
			if r < utf8.RuneSelf {
				ascii++
			}
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words++
			if englishWords[asciiLower(text[start:i])] {
				common++
			}
			start = -1
		}
	}
	if start >= 0 {
		words++
		if englishWords[asciiLower(text[start:])] {
			common++
		}
	}
	return letters > 0 && ascii*100 >= letters*97 && words > 0 && common*6 >= words
}

// asciiLower lower-cases a short ASCII word; other words come back as
// they are (they are not in englishWords either way).
func asciiLower(w string) string {
	if len(w) > 5 {
		return w
	}
	var b [5]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b[:len(w)])
}
