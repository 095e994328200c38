package stance

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

func testArticles(n int) []Article {
	texts := []string{
		"Baku signed a drone deal with Israel, praising its trusted partner.",
		"Iran condemned Azerbaijan and warned Baku against hosting Israeli forces.",
		"Flights resumed at Baku airport on Monday.",
		"Tehran praised Baku's brotherly friendship as trade grew.",
	}
	out := make([]Article, n)
	for i := range out {
		out[i] = Article{ID: fmt.Sprint("a", i), Text: texts[i%len(texts)]}
	}
	return out
}

// ScoreAll yields what Score gives, in input order, for any number of
// workers.
func TestScoreAllOrder(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	arts := testArticles(37)
	var want []Result
	for _, a := range arts {
		want = append(want, m.Score(a))
	}
	for _, workers := range []int{1, 2, 5} {
		var got []Result
		for r, err := range m.ScoreAll(context.Background(), slices.Values(arts), workers) {
			if err != nil {
				t.Fatalf("workers=%d: %v", workers, err)
			}
			got = append(got, r)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("workers=%d: results differ from Score's", workers)
		}
	}
}

// A cancelled context ends the stream with its error; breaking out of the
// loop early stops it cleanly.
func TestScoreAllCancelAndBreak(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var endless iter.Seq[Article] = func(yield func(Article) bool) {
		for i := 0; ; i++ {
			if !yield(Article{ID: fmt.Sprint(i), Text: "Baku and Israel signed a deal."}) {
				return
			}
		}
	}
	n := 0
	var last error
	for _, err := range m.ScoreAll(ctx, endless, 2) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	if last != context.Canceled {
		t.Errorf("after cancel: error %v, want context.Canceled", last)
	}
	n = 0
	for range m.ScoreAll(context.Background(), endless, 2) {
		if n++; n == 3 {
			break
		}
	}
}

// Result names the predictions and counts each head's target mentions.
func TestScoreCoverage(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := m.Score(Article{ID: "x", Text: "Israel and Israel again; Iran once. Nothing about the third."})
	s := labels.Default()
	if len(r.Heads) != len(s.Heads) {
		t.Fatalf("%d heads, want %d", len(r.Heads), len(s.Heads))
	}
	// Counted by hand from the text: Israel twice, Iran once, Azerbaijan never.
	want := map[string]int{"israel": 2, "iran": 1, "azerbaijan": 0, "frames": 0}
	for _, h := range r.Heads {
		if h.Mentions != want[h.Head] {
			t.Errorf("%s: %d mentions, want %d", h.Head, h.Mentions, want[h.Head])
		}
		sum := 0.0
		for _, p := range h.Probs {
			sum += p.P
		}
		if h.Label != "" && (sum < 0.999 || sum > 1.001) { // single-label heads
			t.Errorf("%s: probabilities sum to %v", h.Head, sum)
		}
	}
}

// An article in a language the model does not read gets no label, a
// reason and its language; an English one is scored and says it is
// English; a head whose target is absent says so.
func TestScoreLanguageAndNotes(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fr := m.Score(Article{ID: "fr", Text: "L'Azerbaïdjan a condamné l'agression du régime israélien contre l'Iran, a déclaré vendredi le ministère des Affaires étrangères à Bakou."})
	if fr.Scored || fr.Lang != "fr" || fr.Reason == "" {
		t.Fatalf("French article: scored=%v lang=%q reason=%q", fr.Scored, fr.Lang, fr.Reason)
	}
	for _, h := range fr.Heads {
		if h.Label != "" || len(h.Labels) != 0 || len(h.Probs) != 0 {
			t.Fatalf("French article got a label on %s: %+v", h.Head, h)
		}
	}
	en := m.Score(Article{ID: "en", Text: "Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said."})
	if !en.Scored || en.Lang != "en" {
		t.Fatalf("English article: scored=%v lang=%q", en.Scored, en.Lang)
	}
	il, _ := en.Head("israel")
	if il.Mentions != 0 || il.Note == "" || il.Label == "" {
		t.Fatalf("israel head with Israel absent: %+v", il)
	}
	az, _ := en.Head("azerbaijan")
	if az.Mentions == 0 || az.Note != "" {
		t.Fatalf("azerbaijan head with Azerbaijan named: %+v", az)
	}
	short := m.Score(Article{ID: "s", Text: "Baku, Monday."})
	if !short.Scored || short.Lang != "" {
		t.Fatalf("a text too short to tell is scored with no language: %+v", short)
	}
}

// SetLanguages restricts scoring to some of the languages a model reads,
// or skips detection for a collection whose language is known; a language
// the model does not read is refused.
func TestSetLanguages(t *testing.T) {
	cm, err := classifier.Decode(DefaultModelFile(), "default model")
	if err != nil {
		t.Fatal(err)
	}
	cm.Train.Languages = []string{"en", "ru"}
	m, err := New(cm)
	if err != nil {
		t.Fatal(err)
	}
	ru := Article{ID: "ru", Text: "Министр иностранных дел Азербайджана встретился в Баку с послом Израиля, а в Тегеране выразили протест по этому поводу."}
	en := Article{ID: "en", Text: "Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said."}
	if r := m.Score(ru); !r.Scored || r.Lang != "ru" {
		t.Fatalf("a model reading ru: scored=%v lang=%q", r.Scored, r.Lang)
	}
	if err := m.SetLanguages([]string{"en"}, ""); err != nil {
		t.Fatal(err)
	}
	if r := m.Score(ru); r.Scored || !strings.Contains(r.Reason, "restricted to en") {
		t.Fatalf("restricted to en, a Russian article: scored=%v reason=%q", r.Scored, r.Reason)
	}
	if r := m.Score(en); !r.Scored {
		t.Fatalf("restricted to en, an English article is not scored: %q", r.Reason)
	}
	if err := m.SetLanguages(nil, "ru"); err != nil {
		t.Fatal(err)
	}
	if r := m.Score(en); !r.Scored || r.Lang != "ru" {
		t.Fatalf("assuming ru: scored=%v lang=%q", r.Scored, r.Lang)
	}
	for _, bad := range [][2]string{{"fr", ""}, {"", "he"}} {
		var only []string
		if bad[0] != "" {
			only = []string{bad[0]}
		}
		if err := m.SetLanguages(only, bad[1]); err == nil || !strings.Contains(err.Error(), "this model reads en, ru") {
			t.Errorf("SetLanguages(%v, %q): %v", only, bad[1], err)
		}
	}
}

// The default model read for prediction only scores and explains as the
// whole model does (explanations read the predictor's table either way).
func TestModelReadForPrediction(t *testing.T) {
	whole, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	cm, err := classifier.DecodeForPrediction(DefaultModelFile(), "default")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := New(cm)
	if err != nil {
		t.Fatal(err)
	}
	if !lean.Classifier().Released() || whole.Classifier().Released() {
		t.Fatal("Released: want the model read for prediction only released, the default not")
	}
	for _, a := range testArticles(4) {
		if w, l := whole.Score(a), lean.Score(a); !reflect.DeepEqual(w, l) {
			t.Fatalf("%s: scores differ:\n%+v\n%+v", a.ID, w, l)
		}
		_, we := whole.Explain(a, 5)
		_, le := lean.Explain(a, 5)
		if len(le) == 0 || len(le[0].Features) == 0 {
			t.Fatalf("%s: no explanation from the model read for prediction", a.ID)
		}
		if !reflect.DeepEqual(we, le) {
			t.Fatalf("%s: explanations differ:\n%+v\n%+v", a.ID, we, le)
		}
	}
}
