package features

import (
	"unicode/utf8"

	"github.com/stance-project/stance/labels"
)

// analysed holds one article's analysis: its tokens and the per-token
// tables every feature group reads. analyse fills it once per article.
type analysed struct {
	textBuf  []byte // the article text, copied so the char filters may rewrite it
	text     []byte // the analysed text (after char filters)
	toks     []Token
	nsent    int  // sentences
	headline bool // the first sentence is a headline (hasHeadline)
	// wide is true for text mostly outside ASCII (wideText): then lexicon
	// stems and stem aliases apply to every word, where for English they
	// apply only to words outside ASCII, so English features do not
	// depend on another language's stems.
	wide     bool
	mentions []Mention
	ms       []Mention // one head's mentions (scopeOf)
	// exTarget is the index given to a stance example's own target (one
	// past the schema's targets), or -1; exMen are its mentions.
	exTarget int
	exMen    []Mention
	// exKey and exName: the example's target name for the bytarget group
	// (exampleKey); 0 and "" when the article is no example.
	exKey  uint64
	exName string
	isMen  []int16 // per token: 1 + target index of the mention it is in, or 0
	neg    []bool  // per token: inside a negation's scope
	cues   []uint16
	rows   []int32 // per token: word-vector row, or -1 (stop word, unknown, vectors off)
	attr   []bool  // per token: another language's attribution stem (voice.go)
	clause []bool  // per token: ends a clause
	// per token: bounds of its sentence [sLo, sHi) and of its clause
	// (cLo, cHi), both exclusive: the nearest boundary tokens or the
	// sentence's edges
	sLo, sHi, cLo, cHi []int32
	// article-wide cue counts, plain and negated (the cues group)
	artCue, artCueNeg [numCues]float32
	sentVec           []float32 // per sentence: sum of its word vectors (dim each; the vectors group)
	// the voice group: per token, whose voice it is in; the article's cue
	// counts per voice; the share of its words in each voice
	voice       []Voice
	artVoiceCue [numVoices][numCues]float32
	voiceShare  [numVoices]float32
}

// analyse fills f.analysed for a: text (cut at MaxTextBytes), tokens,
// mentions of the schema's targets and of an example's own target, and the
// per-token tables.
func (f *Featurizer) analyse(a *labels.Article) {
	var spanFrom, spanTo int
	text0 := a.Text
	if len(text0) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(text0[cut]) {
			cut--
		}
		text0 = text0[:cut]
	}
	f.textBuf = append(f.textBuf[:0], text0...)
	if f.given != nil { // FeaturizeAnalysed: analysed by the caller
		f.text, f.toks = f.given.Text, append(f.toks[:0], f.given.Tokens...)
		if a.HasSpan && a.Span[1] <= len(f.text) { // as below
			spanFrom, spanTo = a.Span[0], a.Span[1]
		}
	} else if a.HasSpan && a.Span[1] <= len(text0) {
		var mapped [][2]int
		f.text, f.toks, mapped = f.an.AnalyzeSpans(f.textBuf, [][2]int{a.Span}, f.toks[:0])
		spanFrom, spanTo = mapped[0][0], mapped[0][1]
	} else {
		f.text, f.toks = f.an.Analyze(f.textBuf, f.toks[:0])
	}
	toks := f.toks
	n := len(toks)
	f.wide = wideText(f.text)
	f.mentions = f.matcher.find(toks, f.mentions[:0], f.wide)
	f.isMen = resize(f.isMen, n)
	clear(f.isMen)
	for _, m := range f.mentions {
		for k := m.From; k < m.To; k++ {
			f.isMen[k] = int16(m.Target + 1)
		}
	}
	// The example's own target: the span, or else its words wherever they occur.
	f.exTarget = -1
	f.exKey, f.exName = exampleKey(a.Target)
	if a.Target != "" {
		f.exTarget = f.matcher.n // a target index past the schema's
		f.exMen = f.exampleMentions(a, spanFrom, spanTo)
		for _, m := range f.exMen {
			for k := m.From; k < m.To; k++ {
				f.isMen[k] = int16(f.exTarget + 1)
			}
		}
	}
	f.prepareTokens()
	f.nsent = 0
	if n > 0 {
		f.nsent = int(toks[n-1].Sent) + 1
	}
	f.headline = hasHeadline(f.text, toks)
}

// wideText reports text in which at least one byte in twenty is outside
// ASCII: Cyrillic, Arabic and Hebrew script, and Turkish and Azerbaijani
// with their ı ş ğ ç ə. English, after the Punctuation filter, has
// almost none.
func wideText(text []byte) bool {
	n := 0
	for _, c := range text {
		if c >= utf8.RuneSelf {
			n++
		}
	}
	return n*20 >= len(text) && n > 0
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// hasHeadline reports whether the first sentence is a line of its own (a
// headline) followed by more text.
func hasHeadline(text []byte, toks []Token) bool {
	if len(toks) == 0 || toks[len(toks)-1].Sent == 0 {
		return false
	}
	for i := range toks {
		if toks[i].Sent != 0 {
			between := text[toks[i-1].End:toks[i].Start]
			for _, c := range between {
				if c == '\n' {
					return true
				}
			}
			return false
		}
	}
	return false
}

// prepareTokens fills the per-token tables: negation scope, cue bits and
// vector rows.
func (f *Featurizer) prepareTokens() {
	toks := f.toks
	n := len(toks)
	f.neg = resize(f.neg, n)
	f.cues = resize(f.cues, n)
	f.rows = resize(f.rows, n)
	f.attr = resize(f.attr, n)
	f.clause = resize(f.clause, n)
	_ = f.vocab.touch(toks)
	left := 0
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.Kind == Punct || i > 0 && toks[i-1].Sent != t.Sent {
			left = 0
		}
		f.neg[i] = left > 0
		if left > 0 {
			left--
		}
		f.rows[i] = -1
		if t.Kind == Punct {
			f.attr[i] = false
			f.cues[i] = 0
			f.clause[i] = isClausePunct(t.Term[0])
			continue
		}
		wi := f.vocab.lookup(t.Hash)
		// Another language's word: its lexicon stem, glossary vector and
		// attribution, in one walk of the stem trie. Stems reach ASCII
		// words only in text mostly outside ASCII (wide), so English
		// features do not depend on them.
		glossRow := int32(-1)
		f.attr[i] = false
		if f.wide || !isASCII(t.Term) {
			si, ok, row := f.vocab.stemWord(t)
			if ok && wi.cues == 0 && wi.flags&flagNeg == 0 {
				wi.cues = si.cues
				if si.neg {
					wi.flags |= flagNeg
				}
			}
			f.attr[i] = ok && si.attr && t.Kind == Word
			glossRow = row
		}
		if t.Kind == Word && (wi.flags&flagNeg != 0 || isNT(t.Term)) {
			left = negationSpan
		}
		f.cues[i] = wi.cues
		f.clause[i] = wi.flags&flagClause != 0
		if f.vec != nil && wi.flags&flagStop == 0 {
			f.rows[i] = wi.row
			if wi.row < 0 {
				f.rows[i] = glossRow
			}
		}
	}
	// Sentence and clause bounds, in two linear passes, so that scopes
	// around many mentions cost no rescans.
	f.sLo, f.sHi = resize(f.sLo, n), resize(f.sHi, n)
	f.cLo, f.cHi = resize(f.cLo, n), resize(f.cHi, n)
	for i := 0; i < n; i++ {
		switch {
		case i == 0 || toks[i-1].Sent != toks[i].Sent:
			f.sLo[i], f.cLo[i] = int32(i), int32(i-1)
		case f.clause[i-1]:
			f.sLo[i], f.cLo[i] = f.sLo[i-1], int32(i-1)
		default:
			f.sLo[i], f.cLo[i] = f.sLo[i-1], f.cLo[i-1]
		}
	}
	for i := n - 1; i >= 0; i-- {
		switch {
		case i == n-1 || toks[i+1].Sent != toks[i].Sent:
			f.sHi[i], f.cHi[i] = int32(i+1), int32(i+1)
		case f.clause[i+1]:
			f.sHi[i], f.cHi[i] = f.sHi[i+1], int32(i+1)
		default:
			f.sHi[i], f.cHi[i] = f.sHi[i+1], f.cHi[i+1]
		}
	}
}

// exampleMentions finds an example's own target: the tokens that overlap
// its span, or else every occurrence of the target's words.
func (f *Featurizer) exampleMentions(a *labels.Article, from, to int) []Mention {
	out := f.exMen[:0]
	toks := f.toks
	if a.HasSpan {
		first, last := -1, -1
		for i := range toks {
			if int(toks[i].End) > from && int(toks[i].Start) < to {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first >= 0 {
			out = append(out, Mention{From: int32(first), To: int32(last + 1)})
		}
		return out
	}
	_, tt := NewAnalyzer().Analyze([]byte(a.Target), nil)
	if len(tt) == 0 {
		return out
	}
	for i := 0; i+len(tt) <= len(toks); i++ {
		ok := true
		for k := range tt {
			if toks[i+k].Hash != tt[k].Hash {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, Mention{From: int32(i), To: int32(i + len(tt))})
			i += len(tt) - 1
		}
	}
	return out
}

func isClausePunct(c byte) bool {
	switch c {
	case ',', ';', ':', '(', ')', '"', '-', '.', '!', '?', '[', ']':
		return true
	}
	return false
}

// isNT reports a contraction ending in n't ("didn't").
func isNT(t []byte) bool {
	n := len(t)
	return n > 3 && t[n-3] == 'n' && t[n-2] == '\'' && t[n-1] == 't'
}
