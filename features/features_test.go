package features

import (
	"math"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

func terms(toks []Token) string {
	var s []string
	for _, t := range toks {
		s = append(s, string(t.Term))
	}
	return strings.Join(s, " ")
}

func TestAnalyzer(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"hyphenated names", "Amir-Abdollahian met Tel-Aviv's envoy", "amir-abdollahian met tel-aviv envoy"},
		{"numbers", "It cost $1,200.50 in the 12-day war.", "it cost 1,200.50 in the 12-day war ."},
		{"possessive and quotes", "Israel’s “balanced” ties", `israel " balanced " ties`},
		{"contractions", "Baku didn't condemn", "baku didn't condemn"},
		{"dashes", "Baku—Tehran", "baku - tehran"},
		{"abbreviation", "The U.S. envoy said", "the u.s . envoy said"},
		{"nfkc", "ﬁnal Ｉｒａｎ", "final iran"},
		{"unicode case", "ƏLİYEV", "əliyev"},
	}
	an := NewAnalyzer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, toks := an.Analyze([]byte(tt.in), nil)
			if got := terms(toks); got != tt.want {
				t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	in := "Headline here\nMr. Aliyev met Dr. Araghchi. They talked! Then the U.S. envoy left. 3 people stayed"
	_, toks := NewAnalyzer().Analyze([]byte(in), nil)
	var sents []string
	cur := int32(-1)
	for _, tk := range toks {
		if tk.Sent != cur {
			sents = append(sents, "|")
			cur = tk.Sent
		}
		sents = append(sents, string(tk.Term))
	}
	got := strings.Join(sents, " ")
	want := "| headline here | mr . aliyev met dr . araghchi . | they talked ! | then the u.s . envoy left . | 3 people stayed"
	if got != want {
		t.Errorf("sentences:\n got %s\nwant %s", got, want)
	}
}

func TestMatcher(t *testing.T) {
	s := labels.Default()
	m := NewMatcher(s.Targets())
	_, toks := NewAnalyzer().Analyze([]byte("The Islamic Republic of Iran and Tel Aviv; Baku's SOCAR. Israeli jets, Iranian drones."), nil)
	var got []string
	for _, mm := range m.Find(toks, nil) {
		var ws []string
		for k := mm.From; k < mm.To; k++ {
			ws = append(ws, string(toks[k].Term))
		}
		got = append(got, s.Targets()[mm.Target].Name+":"+strings.Join(ws, " "))
	}
	want := "Iran:islamic republic of iran Israel:tel aviv Azerbaijan:baku Azerbaijan:socar Israel:israeli Iran:iranian"
	if strings.Join(got, " ") != want {
		t.Errorf("mentions = %s\nwant %s", strings.Join(got, " "), want)
	}
}

func featureNames(t *testing.T, f *Featurizer, text string, head int) map[string]bool {
	t.Helper()
	f.RecordNames(true)
	d := f.Featurize(&labels.Article{ID: "x", Text: text})
	names := map[string]bool{}
	for _, sp := range []Sparse{d.Shared, d.Heads[head]} {
		for _, i := range sp.Idx {
			names[f.Names()[i]] = true
		}
	}
	return names
}

func TestTargetScopedFeatures(t *testing.T) {
	f, err := New(labels.Default(), BaseConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Head 0 is israel, head 1 iran.
	isr := featureNames(t, f, "Israeli aggression continued.", 0)
	ir := featureNames(t, f, "Israeli aggression continued.", 1)
	if !isr["israel.right1:aggression"] {
		t.Errorf("israel head lacks right1:aggression: %v", isr)
	}
	if ir["iran.right1:aggression"] {
		t.Errorf("iran head has right1:aggression from an Israel mention")
	}
	both := featureNames(t, f, "Iranian officials criticised Israeli aggression.", 1)
	if !both["iran.sent:<o:israel>"] || !both["iran.right1:officials"] {
		t.Errorf("iran head masks the other target as <o:israel>: %v", both)
	}
}

func TestNegatedCue(t *testing.T) {
	f, err := New(labels.Default(), BaseConfig(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	neg := featureNames(t, f, "Baku did not condemn Israel.", 0)
	pos := featureNames(t, f, "Baku condemned Israel.", 0)
	if !neg["israel.cue:sent-not:condemn"] || neg["israel.cue:sent:condemn"] {
		t.Errorf("negated: want sent-not:condemn only, got %v", neg)
	}
	if !pos["israel.cue:sent:condemn"] || pos["israel.cue:sent-not:condemn"] {
		t.Errorf("plain: want sent:condemn only, got %v", pos)
	}
	if !neg["israel.clause-neg:condemn"] {
		t.Errorf("clause words after a negator are marked: %v", neg)
	}
}

func TestHeadlineAndLead(t *testing.T) {
	f, _ := New(labels.Default(), BaseConfig(), Options{})
	n := featureNames(t, f, "Iran hails Baku talks\n\nOfficials met on Monday. Nothing else.", 1)
	if !n["iran.in-headline"] || !n["iran.in-lead"] || !n["headline:iran"] {
		t.Errorf("headline features missing: %v", n)
	}
	n = featureNames(t, f, "Talks held\n\nOfficials met. They spoke. It rained. Later Iran replied.", 1)
	if n["iran.in-headline"] || n["iran.in-lead"] {
		t.Errorf("late mention marked as headline or lead: %v", n)
	}
}

func TestSpanMention(t *testing.T) {
	s := labels.ExampleSchema([]string{"negative", "neutral", "positive"})
	f, _ := New(s, BaseConfig(), Options{})
	text := "Trump praised Obama, but Obama attacked Trump."
	// The span picks the second "Obama".
	a := &labels.Article{ID: "e", Text: text, Target: "Obama", Span: [2]int{25, 30}, HasSpan: true}
	f.RecordNames(true)
	d := f.Featurize(a)
	names := map[string]bool{}
	for _, i := range d.Heads[0].Idx {
		names[f.Names()[i]] = true
	}
	if d.Mentions[0] != 1 || !names["stance.right1:attacked"] || names["stance.left1:praised"] {
		t.Errorf("span mention: %d mentions, features %v", d.Mentions[0], names)
	}
	// Without a span every occurrence of the target counts.
	a.HasSpan = false
	d = f.Featurize(a)
	if d.Mentions[0] != 2 {
		t.Errorf("without span: %d mentions, want 2", d.Mentions[0])
	}
}

func TestFeaturizeDeterministicAndClone(t *testing.T) {
	f, _ := New(labels.Default(), BaseConfig(), Options{})
	a := &labels.Article{ID: "x", Text: "Azerbaijan's Aliyev called Pezeshkian. Baku urged restraint on both Israel and Iran."}
	d1 := f.Featurize(a)
	s1 := append([]uint32(nil), d1.Heads[2].Idx...)
	v1 := append([]float32(nil), d1.Heads[2].Val...)
	g := f.Clone()
	d2 := g.Featurize(a)
	if len(s1) == 0 || len(s1) != len(d2.Heads[2].Idx) {
		t.Fatalf("clone differs: %d vs %d features", len(s1), len(d2.Heads[2].Idx))
	}
	for i := range s1 {
		if s1[i] != d2.Heads[2].Idx[i] || v1[i] != d2.Heads[2].Val[i] {
			t.Fatalf("feature %d differs", i)
		}
	}
	// Blocks are unit length where normalised: the n-gram block of Shared.
	if len(d2.Dense) != 4 || len(d2.Dense[2]) != f.DenseDim() {
		t.Fatalf("dense shape %d×%d", len(d2.Dense), len(d2.Dense[2]))
	}
	norm := 0.0
	for _, x := range d2.Dense[2][:100] {
		norm += float64(x * x)
	}
	if math.Abs(norm-1) > 1e-4 {
		t.Errorf("article vector norm² = %v, want 1", norm)
	}
}

func TestVectors(t *testing.T) {
	v, err := DefaultVectors()
	if err != nil {
		t.Fatal(err)
	}
	if v.Len() < 100000 || v.Dim != 100 {
		t.Fatalf("table has %d words × %d", v.Len(), v.Dim)
	}
	if !strings.Contains(v.Header.Source, "GloVe") || !strings.Contains(v.Header.License, "PDDL") {
		t.Errorf("header lacks provenance: %+v", v.Header)
	}
	cos := func(a, b string) float64 {
		ra, rb := v.Lookup(a), v.Lookup(b)
		if ra < 0 || rb < 0 {
			t.Fatalf("missing %q or %q", a, b)
		}
		x, y := v.Vector(ra), v.Vector(rb)
		var d, nx, ny float64
		for i := range x {
			d += float64(x[i] * y[i])
			nx += float64(x[i] * x[i])
			ny += float64(y[i] * y[i])
		}
		return d / math.Sqrt(nx*ny)
	}
	// Neighbours in GloVe space should be closer than unrelated words.
	if a, b := cos("iran", "iraq"), cos("iran", "banana"); a <= b+0.3 {
		t.Errorf("cos(iran, iraq) = %.2f, cos(iran, banana) = %.2f", a, b)
	}
	if v.Lookup("qwzxv-not-a-word") != -1 {
		t.Errorf("unknown word found")
	}
	if _, err := ParseVectors(embeddedTable[:len(embeddedTable)-5]); err == nil {
		t.Errorf("truncated table accepted")
	}
}

func TestParseGroups(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "ngrams,target,cues,mentions,vectors"},
		{"vectors,ngrams", "ngrams,vectors"},
		{"-vectors,-cues", "ngrams,target,mentions"},
	}
	for _, tt := range tests {
		g, err := ParseGroups(tt.in)
		if err != nil || strings.Join(g, ",") != tt.want {
			t.Errorf("ParseGroups(%q) = %v, %v; want %s", tt.in, g, err, tt.want)
		}
	}
	for _, bad := range []string{"ngrams,-cues", "colour", "-ngrams,-target,-cues,-mentions,-vectors"} {
		if _, err := ParseGroups(bad); err == nil {
			t.Errorf("ParseGroups(%q): no error", bad)
		}
	}
}
