package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

// TestExplainPicksArticles: explain names what it explains; a file with
// several articles needs --id (which picks one) or --all (each).
func TestExplainPicksArticles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "d.jsonl")
	os.WriteFile(p, []byte(`{"id":"one","text":"Israel and Iran exchanged threats."}
{"id":"two","text":"Baku urged calm between Tehran and Jerusalem."}
{"id":"three","text":"Azerbaijan signed a gas deal."}
`), 0o644)
	_, errs, code := cli(t, "", "explain", p)
	if code != 2 || !strings.Contains(errs, "--id") || !strings.Contains(errs, "--all") {
		t.Errorf("several articles without --id: exit %d, %q", code, errs)
	}
	out, errs, code := cli(t, "", "explain", "--id", "two", "--top", "2", p)
	if code != 0 || !strings.HasPrefix(out, "article two ("+p+", line 2)\n") || strings.Count(out, "\narticle ") != 0 {
		t.Errorf("--id two: exit %d, %q, stdout starts %q", code, errs, clip(out, 80))
	}
	out, _, code = cli(t, "", "explain", "--all", "--top", "1", p)
	if n := strings.Count("\n"+out, "\narticle "); code != 0 || n != 3 || !strings.Contains(out, "\narticle three (") {
		t.Errorf("--all: exit %d, %d articles explained", code, n)
	}
	_, errs, code = cli(t, "", "explain", "--id", "four", p)
	if code != 1 || !strings.Contains(errs, `no article with id "four"`) {
		t.Errorf("--id four: exit %d, %q", code, errs)
	}
}

// TestExplainClass: --class answers "why not VALUE" with evidence on both
// sides, for a value that was not chosen and for one that was.
func TestExplainClass(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(p, []byte("Zionist regime's aggression condemned\n\nTehran condemned the Zionist regime's brutal aggression and praised the resistance. Baku stayed silent."), 0o644)
	out, errs, code := cli(t, "", "explain", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var chosen string
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, "israel: "); ok {
			chosen = strings.Fields(v)[0]
		}
	}
	other := "pro"
	if chosen == "pro" {
		other = "anti"
	}
	out, errs, code = cli(t, "", "explain", "--class", "israel="+other, p)
	if code != 0 || !strings.Contains(out, "israel="+other+": not chosen") || !strings.Contains(out, "evidence for "+other+" over "+chosen) ||
		!strings.Contains(out, "evidence against "+other+" (for "+chosen+")") || !strings.Contains(out, "prior") {
		t.Errorf("--class israel=%s: exit %d, %s\n%s", other, code, errs, out)
	}
	out, _, _ = cli(t, "", "explain", "--class", "israel="+chosen, p)
	if !strings.Contains(out, "israel="+chosen+": chosen") {
		t.Errorf("--class israel=%s (the label):\n%s", chosen, out)
	}
	for _, bad := range []string{"neutral", "israel=friendly", "weather=pro"} {
		if _, errs, code := cli(t, "", "explain", "--class", bad, p); code != 2 {
			t.Errorf("--class %s: exit %d, %q; want a usage error", bad, code, errs)
		}
	}
}

// TestFeaturePhrases: feature names read as plain phrases, with the
// article's words that fired a cue category.
func TestFeaturePhrases(t *testing.T) {
	n := newFeatureNamer(labels.Default(), "The regime's aggression drew condemnation; talks stalled.")
	for _, tt := range []struct{ name, want string }{
		{"israel.own-win:aggression", "word 'aggression' near Israel, outlet's own voice"},
		{"word:aggression", "word 'aggression' in the article"},
		{"bigram:drew condemnation", "words 'drew condemnation' in the article"},
		{"iran.left1:<o:israel>", "word 'Israel' right before Iran"},
		{"azerbaijan.right2:<t> said", "words 'Azerbaijan said' right after Azerbaijan"},
		{"israel.cue:sent:hostile", "hostile words (in this article e.g. 'regime', 'aggression') in sentences naming Israel"},
		{"cue:article:not-condemn", "negated condemn words (in this article e.g. 'condemnation') in the article"},
		{"iran.vcue:quo:cooperation", "cooperation words in sentences naming Iran, in quotations"},
		{"iran.sentiment:headline-neg", "negative tone of the headline toward Iran (sentiment model)"},
		{"voice:share:rep", "share of the article in reported speech"},
		{"azerbaijan.with-sent:iran", "sentences naming Azerbaijan also name Iran"},
		{"israel.vectors.left", "vocabulary just before Israel (word vectors)"},
		{"mentions:iran:<0.2/sentence", "Iran named rarely (under 1 sentence in 5)"},
		{"prefix:израи", `words beginning "израи" in the article`},
		{"script:arabic-persian", "the article is written in Arabic script with Persian letters (its language's own intercept)"},
		{"something:else", "something:else"},
	} {
		if got := n.phrase(tt.name); got != tt.want {
			t.Errorf("phrase(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
