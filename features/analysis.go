package features

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a token.
type Kind uint8

const (
	Word   Kind = iota // letters, possibly with digits, hyphens or apostrophes
	Number             // starts with a digit
	Punct              // one punctuation mark that matters for clauses and sentences
)

// Token is one unit of text.
type Token struct {
	Term       []byte // normalised form; points into the analyzer's arena
	Start, End int32  // byte offsets in the filtered text
	Hash       uint64 // xxhash of Term, set by Analyze after the filters
	Sent       int32  // sentence index, from 0
	Kind       Kind
	Upper      bool // the token began with an upper-case letter
}

// CharFilter rewrites raw text before tokenization. It appends the result
// to dst and returns it.
type CharFilter interface {
	Filter(dst, src []byte) []byte
}

// Tokenizer splits text into tokens, appending them to dst. Term slices may
// point into text.
type Tokenizer interface {
	Tokenize(text []byte, dst []Token) []Token
}

// TokenFilter rewrites tokens in place and returns the (possibly shorter)
// slice. A filter may change a Term's bytes in place but not grow them.
type TokenFilter interface {
	Filter(toks []Token) []Token
}

// Analyzer runs char filters, a tokenizer and token filters in order.
type Analyzer struct {
	CharFilters  []CharFilter
	Tokenizer    Tokenizer
	TokenFilters []TokenFilter

	bufA, bufB []byte
	arena      []byte
	// scratch for AnalyzeSpans
	cuts, cutAt    []int
	joined         []byte
	pieceA, pieceB []byte
	spanOut        [][2]int
}

// NewAnalyzer returns the standard pipeline: NFKC normalisation, ASCII
// quotes, dashes and Arabic-script punctuation, the word tokenizer with
// sentence splitting, case folding, script folding (ScriptFold) and
// possessive stripping.
func NewAnalyzer() *Analyzer {
	return &Analyzer{
		CharFilters:  []CharFilter{NFKC{}, Punctuation{}},
		Tokenizer:    &WordTokenizer{},
		TokenFilters: []TokenFilter{LowerCase{}, ScriptFold{}, Possessive{}},
	}
}

// Clone returns an analyzer with the same stages and its own buffers.
func (a *Analyzer) Clone() *Analyzer {
	return &Analyzer{CharFilters: a.CharFilters, Tokenizer: a.Tokenizer, TokenFilters: a.TokenFilters}
}

// Analyze runs the pipeline over text and returns the filtered text and the
// tokens, both valid until the next call.
func (a *Analyzer) Analyze(text []byte, dst []Token) ([]byte, []Token) {
	cur := filterChain(a.CharFilters, text, &a.bufA, &a.bufB)
	toks := a.Tokenizer.Tokenize(cur, dst)
	// Copy terms into the arena so filters can rewrite them in place
	// without touching the text.
	need := 0
	for i := range toks {
		need += len(toks[i].Term)
	}
	if cap(a.arena) < need {
		a.arena = make([]byte, 0, need+need/4)
	}
	a.arena = a.arena[:0]
	for i := range toks {
		s := len(a.arena)
		a.arena = append(a.arena, toks[i].Term...)
		toks[i].Term = a.arena[s:len(a.arena):len(a.arena)]
	}
	for _, tf := range a.TokenFilters {
		toks = tf.Filter(toks)
	}
	for i := range toks {
		toks[i].Hash = xxhash.Sum64(toks[i].Term)
	}
	return cur, toks
}

// filterChain runs the char filters over text, alternating between two
// reusable buffers, and returns the result (text itself when there are no
// filters).
func filterChain(cfs []CharFilter, text []byte, bufA, bufB *[]byte) []byte {
	cur := text
	for i, cf := range cfs {
		buf := bufA
		if i%2 == 1 {
			buf = bufB
		}
		*buf = cf.Filter((*buf)[:0], cur)
		cur = *buf
	}
	return cur
}

// AnalyzeSpans analyzes text in which spans mark ranges of interest
// (target mentions, as byte offsets), and returns their offsets in the
// filtered text. Spans must lie within text; they may overlap. The
// returned slices are valid until the next call.
func (a *Analyzer) AnalyzeSpans(text []byte, spans [][2]int, dst []Token) ([]byte, []Token, [][2]int) {
	if len(a.CharFilters) == 0 || len(spans) == 0 {
		t, toks := a.Analyze(text, dst)
		return t, toks, spans
	}
	// Filter the pieces between span boundaries apart, so every boundary's
	// offset in the filtered text is known.
	cuts := append(a.cuts[:0], 0, len(text))
	for _, s := range spans {
		cuts = append(cuts, s[0], s[1])
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	a.cuts = cuts
	at := a.cutAt[:0]
	joined := a.joined[:0]
	for i, c := range cuts {
		at = append(at, len(joined))
		if i+1 < len(cuts) {
			joined = append(joined, filterChain(a.CharFilters, text[c:cuts[i+1]], &a.pieceA, &a.pieceB)...)
		}
	}
	a.cutAt, a.joined = at, joined
	out := a.spanOut[:0]
	for _, s := range spans {
		i, _ := slices.BinarySearch(cuts, s[0])
		j, _ := slices.BinarySearch(cuts, s[1])
		out = append(out, [2]int{at[i], at[j]})
	}
	a.spanOut = out
	save := a.CharFilters
	a.CharFilters = nil
	t, toks := a.Analyze(joined, dst)
	a.CharFilters = save
	return t, toks, out
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NFKC applies Unicode compatibility composition (NFKC), which folds
// ligatures, full-width forms and compatibility characters.
type NFKC struct{}

func (NFKC) Filter(dst, src []byte) []byte {
	if isASCII(src) {
		return append(dst, src...)
	}
	return norm.NFKC.Append(dst, src...)
}

// Punctuation maps typographic quotes, apostrophes and dashes to ASCII,
// Arabic-script commas, semicolons, question marks and full stops and
// Hebrew geresh and gershayim to their ASCII marks, and non-breaking and
// other Unicode spaces to a space.
type Punctuation struct{}

func (Punctuation) Filter(dst, src []byte) []byte {
	if isASCII(src) {
		return append(dst, src...)
	}
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch r {
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\u00B4', '`':
			dst = append(dst, '\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033':
			dst = append(dst, '"')
		case '\u2010', '\u2011', '\u2012':
			dst = append(dst, '-')
		case '\u2013', '\u2014', '\u2015', '\u2212':
			dst = append(dst, " - "...)
		case '\u00A0', '\u2007', '\u202F', '\u2009', '\u200A', '\u2002', '\u2003', '\u3000':
			dst = append(dst, ' ')
		case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			// zero-width: drop
		case '\u2026':
			dst = append(dst, "..."...)
		case '\u060C': // Arabic comma
			dst = append(dst, ',')
		case '\u061B': // Arabic semicolon
			dst = append(dst, ';')
		case '\u061F': // Arabic question mark
			dst = append(dst, '?')
		case '\u06D4': // Arabic full stop
			dst = append(dst, '.')
		case '\u05F3': // Hebrew geresh, as in transliterated names
			dst = append(dst, '\'')
		case '\u05F4': // Hebrew gershayim, as in acronyms
			dst = append(dst, '"')
		default:
			dst = append(dst, src[i:i+size]...)
		}
		i += size
	}
	return dst
}

// WordTokenizer splits text into words, numbers and the punctuation marks
// that end clauses and sentences. A word keeps inner hyphens, apostrophes
// and dots ("Tel-Aviv", "didn't", "U.S"); a number keeps inner separators
// and a hyphenated suffix ("1,200.5", "12-day"). Sentences end at . ! ?
// before an upper-case letter, digit or quote (not after a known
// abbreviation or a single capital), and at every line break.
type WordTokenizer struct{}

var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "st": true, "sen": true, "rep": true,
	"gov": true, "pres": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true,
	"u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true, "jan": true, "feb": true,
	"aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true, "inc": true,
	"co": true, "corp": true, "ltd": true, "approx": true, "est": true, "fig": true,
}

// asciiAlnum marks the ASCII letters and digits: the bytes that continue
// a word whatever precedes them, so Tokenize's word loop takes them one
// table load at a time instead of decoding a rune and classifying it.
// Every other byte goes through the general path below, unchanged.
var asciiAlnum = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

func decode(b []byte, i int) (rune, int) {
	if i >= len(b) {
		return 0, 0
	}
	if c := b[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(b[i:])
}

func (WordTokenizer) Tokenize(text []byte, dst []Token) []Token {
	sent := int32(0)
	pendingBreak := false // a sentence-final mark was seen
	newline := false      // a line break since the last token
	first := true
	for i := 0; i < len(text); {
		r, size := decode(text, i)
		switch {
		case r == '\n':
			newline = true
			i++
			continue
		case r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
			i++
			continue
		}
		start := i
		var kind Kind
		switch {
		case isLetter(r) || isDigit(r):
			if isDigit(r) {
				kind = Number
			} else {
				kind = Word
			}
			i += size
			for i < len(text) {
				if asciiAlnum[text[i]] { // the ASCII fast path: most bytes of a word
					i++
					continue
				}
				r2, s2 := decode(text, i)
				if isLetter(r2) || isDigit(r2) {
					i += s2
					continue
				}
				if r2 == '-' || r2 == '\'' || r2 == '.' || (r2 == ',' && kind == Number) || r2 == '_' {
					r3, _ := decode(text, i+s2)
					if isLetter(r3) || isDigit(r3) {
						if (r2 == '.' || r2 == ',') && kind == Number && !isDigit(r3) {
							break
						}
						if r2 == '.' && kind == Word && !isLetter(r3) {
							break
						}
						// "U.S" style only for short segments: a dot
						// inside a word is kept when the next letter is
						// followed by a dot or the segment is 1-2 letters.
						if r2 == '.' && kind == Word {
							seg := i - lastSegStart(text, start, i)
							if seg > 2 {
								break
							}
						}
						i += s2
						continue
					}
				}
				break
			}
		default:
			i += size
			switch r {
			case '.', '!', '?', ',', ';', ':', '(', ')', '"', '-', '[', ']':
				kind = Punct
			default:
				continue // other symbols are dropped
			}
		}
		if !first && (newline || pendingBreak && breaksAfter(text, start, dst)) {
			sent++
		}
		first = false
		newline = false
		pendingBreak = false
		up := false
		if kind == Word {
			up = unicode.IsUpper(r)
		}
		dst = append(dst, Token{Term: text[start:i], Start: int32(start), End: int32(i), Sent: sent, Kind: kind, Upper: up})
		if kind == Punct && (r == '.' || r == '!' || r == '?') {
			pendingBreak = true
		}
	}
	return dst
}

// lastSegStart returns the start of the last dot-separated segment of the
// word text[start:i].
func lastSegStart(text []byte, start, i int) int {
	for j := i - 1; j >= start; j-- {
		if text[j] == '.' {
			return j + 1
		}
	}
	return start
}

// breaksAfter decides whether the sentence-final mark that is the last token
// in dst ends a sentence, given that the next token starts at text[next].
func breaksAfter(text []byte, next int, dst []Token) bool {
	r, _ := decode(text, next)
	// Scripts without case (Arabic, Hebrew, Persian) start a sentence
	// with any letter.
	uncased := r >= utf8.RuneSelf && unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r)
	if !(unicode.IsUpper(r) || uncased || isDigit(r) || r == '"' || r == '\'' || r == '(') {
		return false
	}
	n := len(dst)
	if n < 2 || dst[n-1].Term[0] != '.' {
		return true
	}
	prev := dst[n-2]
	if prev.Kind != Word || prev.End != dst[n-1].Start {
		return true
	}
	w := prev.Term
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return false // an initial
	}
	var low [8]byte
	if len(w) <= len(low) {
		for k, c := range w {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			low[k] = c
		}
		if abbrevs[string(low[:len(w)])] {
			return false
		}
	}
	return true
}

// LowerCase folds terms to lower case (Unicode simple folding). Terms that
// would grow are left as they are.
type LowerCase struct{}

func (LowerCase) Filter(toks []Token) []Token {
	for i := range toks {
		t := toks[i].Term
		ascii := true
		for k, c := range t {
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if c >= 'A' && c <= 'Z' {
				t[k] = c + 'a' - 'A'
			}
		}
		if ascii {
			continue
		}
		var buf [64]byte
		out := buf[:0]
		for _, r := range string(t) {
			out = utf8.AppendRune(out, unicode.ToLower(r))
		}
		if len(out) <= len(t) {
			n := copy(t, out)
			toks[i].Term = t[:n]
		}
	}
	return toks
}

// Possessive strips a trailing 's or ' from words ("Israel's" → "israel").
type Possessive struct{}

func (Possessive) Filter(toks []Token) []Token {
	for i := range toks {
		t := toks[i].Term
		if toks[i].Kind != Word || len(t) < 3 {
			continue
		}
		if t[len(t)-2] == '\'' && (t[len(t)-1] == 's' || t[len(t)-1] == 'S') {
			toks[i].Term = t[:len(t)-2]
		} else if t[len(t)-1] == '\'' {
			toks[i].Term = t[:len(t)-1]
		}
	}
	return toks
}
