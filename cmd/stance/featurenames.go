package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// featureNamer turns feature names (features/doc.go has their grammar)
// into plain phrases for `stance explain`, with the article's words that
// fired a cue category: "word 'aggression' near Israel, outlet's own
// voice", "hostile words in sentences naming Iran ('regime', 'aggression')".
type featureNamer struct {
	s     *labels.Schema
	words map[string]bool // the article's words, lower-cased
	order []string        // the same, in order of first appearance
}

func newFeatureNamer(s *labels.Schema, text string) *featureNamer {
	n := &featureNamer{s: s, words: map[string]bool{}}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	}) {
		w = strings.TrimSuffix(strings.Trim(w, "-'"), "'s")
		if w != "" && !n.words[w] {
			n.words[w] = true
			n.order = append(n.order, w)
		}
	}
	return n
}

var voicePhrase = map[string]string{"own": "the outlet's own voice", "rep": "reported speech", "quo": "quotations"}

var scopePhrase = map[string]string{
	"sent": "in sentences naming %s", "sent-not": "negated, in sentences naming %s",
	"left": "just before %s", "right": "just after %s", "clause": "in clauses naming %s",
}

var sentimentPhrase = map[string]string{
	"neg-mean": "mean negative tone", "pos-mean": "mean positive tone",
	"neg-max": "strongest negative tone", "pos-max": "strongest positive tone",
	"headline-neg": "negative tone of the headline", "headline-pos": "positive tone of the headline",
}

var densityPhrase = map[string]string{
	"none": "never", "<0.2/sentence": "rarely (under 1 sentence in 5)", "<0.5/sentence": "sometimes (under 1 sentence in 2)",
	"<1/sentence": "often (under once a sentence)", ">=1/sentence": "very often (once a sentence or more)",
}

// target is the display name of a target given by head name or by
// lower-cased target name.
func (n *featureNamer) target(name string) string {
	for _, h := range n.s.Heads {
		if h.Target != nil && (h.Name == name || strings.EqualFold(h.Target.Name, name)) {
			return h.Target.Name
		}
	}
	return name
}

// terms writes a feature's term(s) with the masks <t> and <o:X> as the
// targets' names.
func (n *featureNamer) terms(t, own string) string {
	var out []string
	for _, w := range strings.Fields(t) {
		switch {
		case w == "<t>":
			w = own
		case strings.HasPrefix(w, "<o:") && strings.HasSuffix(w, ">"):
			w = n.target(w[3 : len(w)-1])
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func (n *featureNamer) word(t, own string) string {
	if strings.Contains(t, " ") {
		return fmt.Sprintf("words '%s'", n.terms(t, own))
	}
	return fmt.Sprintf("word '%s'", n.terms(t, own))
}

// cue names a cue category with the article's words in it.
func (n *featureNamer) cue(name string) string {
	negated := strings.HasPrefix(name, "not-")
	c, ok := features.CueNamed(strings.TrimPrefix(name, "not-"))
	if !ok {
		return name + " words"
	}
	var fired []string
	for _, w := range c.Words() {
		if n.words[w] {
			fired = append(fired, w)
		}
	}
	slices.SortStableFunc(fired, func(a, b string) int { return slices.Index(n.order, a) - slices.Index(n.order, b) })
	s := c.String() + " words"
	if negated {
		s = "negated " + s
	}
	if len(fired) > 4 {
		fired = fired[:4]
	}
	if len(fired) > 0 {
		s += " (in this article e.g. '" + strings.Join(fired, "', '") + "')"
	}
	return s
}

// phrase returns a plain reading of a feature name, or the name itself
// when it does not follow the grammar.
// scriptPhrase reads the script indicator of the prefixes group.
var scriptPhrase = map[string]string{
	"cyrillic":       "Cyrillic",
	"hebrew":         "Hebrew script",
	"arabic":         "Arabic script",
	"arabic-persian": "Arabic script with Persian letters",
	"latin-schwa":    "Latin letters with ə (Azerbaijani)",
	"latin":          "Latin letters beyond ASCII (Turkish and others)",
}

func (n *featureNamer) phrase(name string) string {
	head, rest, scoped := "", name, false
	if i := strings.IndexAny(name, ".:"); i > 0 && name[i] == '.' {
		if h := n.s.Head(name[:i]); h != nil {
			head, rest, scoped = name[:i], name[i+1:], true
		}
	}
	own := "the target"
	if scoped {
		own = n.target(head)
		if own == head {
			own = head
		}
	}
	kind, arg, _ := strings.Cut(rest, ":")
	switch {
	case !scoped && kind == "word", !scoped && kind == "bigram":
		return n.word(arg, own) + " in the article"
	case !scoped && kind == "bias":
		return "the constant (always present)"
	case !scoped && kind == "prefix":
		return fmt.Sprintf("words beginning %q in the article", arg)
	case !scoped && kind == "script":
		return "the article is written in " + orSelf(scriptPhrase, arg) + " (its language's own intercept)"
	case !scoped && kind == "mentions":
		t, d, _ := strings.Cut(arg, ":")
		return fmt.Sprintf("%s named %s", n.target(t), orSelf(densityPhrase, d))
	case !scoped && kind == "headline":
		return n.target(arg) + " named in the headline"
	case !scoped && kind == "lead":
		return n.target(arg) + " named in the first three sentences"
	case !scoped && kind == "together":
		a, b, _ := strings.Cut(arg, "+")
		return fmt.Sprintf("sentences naming both %s and %s", n.target(a), n.target(b))
	case !scoped && kind == "cue":
		_, c, _ := strings.Cut(arg, ":") // cue:article:CUE
		return n.cue(c) + " in the article"
	case !scoped && kind == "voice":
		v, c, _ := strings.Cut(arg, ":")
		if v == "share" {
			return "share of the article in " + orSelf(voicePhrase, c)
		}
		return n.cue(c) + " in " + orSelf(voicePhrase, v)
	case !scoped && rest == "vectors.article":
		return "the article's vocabulary as a whole (word vectors)"
	case !scoped:
		return name
	}
	switch kind {
	case "left", "right":
		side := map[string]string{"left": "before", "right": "after"}[kind]
		return fmt.Sprintf("%s shortly %s %s", n.word(arg, own), side, own)
	case "left1", "right1", "left2", "right2":
		side := map[byte]string{'l': "before", 'r': "after"}[kind[0]]
		return fmt.Sprintf("%s right %s %s", n.word(arg, own), side, own)
	case "clause":
		return fmt.Sprintf("%s in a clause naming %s", n.word(arg, own), own)
	case "clause-neg":
		return fmt.Sprintf("%s in a negated clause naming %s", n.word(arg, own), own)
	case "sent", "sent2":
		return fmt.Sprintf("%s in a sentence naming %s", n.word(arg, own), own)
	case "own-win":
		return fmt.Sprintf("%s near %s, outlet's own voice", n.word(arg, own), own)
	case "cue":
		sc, c, _ := strings.Cut(arg, ":")
		return n.cue(c) + " " + fmt.Sprintf(orSelf(scopePhrase, sc), own)
	case "vcue":
		v, c, _ := strings.Cut(arg, ":")
		return fmt.Sprintf("%s in sentences naming %s, in %s", n.cue(c), own, orSelf(voicePhrase, v))
	case "mention-voice":
		return fmt.Sprintf("mentions of %s in %s", own, orSelf(voicePhrase, arg))
	case "mentions":
		return fmt.Sprintf("%s named %s", own, orSelf(densityPhrase, arg))
	case "in-headline":
		return own + " named in the headline"
	case "in-lead":
		return own + " named in the first three sentences"
	case "sentiment":
		return fmt.Sprintf("%s toward %s (sentiment model)", orSelf(sentimentPhrase, arg), own)
	case "with-article":
		return "the article also names " + n.target(arg)
	case "with-sent":
		return fmt.Sprintf("sentences naming %s also name %s", own, n.target(arg))
	}
	switch rest {
	case "vectors.sentences":
		return fmt.Sprintf("vocabulary of the sentences naming %s (word vectors)", own)
	case "vectors.left":
		return fmt.Sprintf("vocabulary just before %s (word vectors)", own)
	case "vectors.right":
		return fmt.Sprintf("vocabulary just after %s (word vectors)", own)
	}
	return name
}

func orSelf(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}
