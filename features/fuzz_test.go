package features

import (
	"math"
	"slices"
	"testing"

	"github.com/stance-project/stance/labels"
)

// Fuzz targets for the text pipeline and the featurizer: whatever the
// text, they must not panic, tokens must lie inside the text, and every
// feature must be a finite value in a valid bucket. `go test` replays the
// seeds in testdata/fuzz; to explore:
//
//	go test -run '^$' -fuzz '^FuzzFeaturize$' -fuzztime 60s ./features

var textSeeds = []string{
	"",
	"Baku and Tehran held talks. Israel was not mentioned.",
	"ISRAEL'S PM: \"We won't\" — said Netanyahu’s aide… U.S. Gen. Smith, Jr. met Dr. Aliyev at 10:30 p.m. on Sept. 12.",
	"Headline here\n\nThe Islamic Republic of Iran's IRGC didn't condemn Tel Aviv; Baku stayed neutral.",
	"1,200.5 troops, 12-day war, 3.5% GDP; e.g. U.N. i.e. co-op x_y",
	"Əliyev – İran — ﬁnancial ＩＲＡＮ ½ Ⅻ \u00a0\u200b\ufeff\u2060 ǅ ß ẞ İ ﬀ",
	"\xff\xfe\xfd invalid \xc3\x28 utf-8 \xe2\x82 end",
	"\r\n\r\n\t\v\f   \n",
	"a.b.c.d. A. B. Mr. Mrs. St. etc. ... !!! ??? (( )) [[ ]] ,,, ;;; ::: --- '' \"\"",
	"Iran Iran Iran Israel Israel Azerbaijan Baku Tehran Khamenei Zionist regime usurping entity",
	"x'''s 's ' ''' -a- a- -a 'a a' ''Iran''s",
	"\u0301\u0301\u0301 a\u0301 \u0e01\u0e34 日本語のテキスト。イラン。 עברית ישראל فارسی ایران",
}

// checkTokens checks the analyzer's promises about tokens over text.
func checkTokens(t *testing.T, text []byte, toks []Token) {
	t.Helper()
	prevEnd, prevSent := int32(0), int32(0)
	for i, tk := range toks {
		if tk.Start < 0 || tk.Start > tk.End || int(tk.End) > len(text) {
			t.Fatalf("token %d %q: [%d, %d) outside the %d-byte text", i, tk.Term, tk.Start, tk.End, len(text))
		}
		if tk.Start < prevEnd {
			t.Fatalf("token %d %q starts at %d, before the previous token's end %d", i, tk.Term, tk.Start, prevEnd)
		}
		if tk.Sent < prevSent {
			t.Fatalf("token %d %q: sentence %d after sentence %d", i, tk.Term, tk.Sent, prevSent)
		}
		if len(tk.Term) == 0 {
			t.Fatalf("token %d at [%d, %d): empty term", i, tk.Start, tk.End)
		}
		if i == 0 && tk.Sent != 0 {
			t.Fatalf("first token in sentence %d", tk.Sent)
		}
		prevEnd, prevSent = tk.End, tk.Sent
	}
}

func FuzzAnalyze(f *testing.F) {
	for i, s := range textSeeds {
		f.Add([]byte(s), i, len(s)-i)
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, text []byte, from, to int) {
		in := slices.Clone(text)
		out, toks := a.Analyze(text, nil)
		if string(text) != string(in) {
			t.Fatalf("Analyze changed its input")
		}
		checkTokens(t, out, toks)
		// A second run on the reused analyzer gives the same tokens.
		first := make([]Token, len(toks))
		for i, tk := range toks {
			tk.Term = slices.Clone(tk.Term)
			first[i] = tk
		}
		_, again := a.Analyze(text, toks[:0])
		if len(again) != len(first) {
			t.Fatalf("second run: %d tokens, first %d", len(again), len(first))
		}
		for i := range again {
			g, w := again[i], first[i]
			if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Sent != w.Sent || g.Hash != w.Hash || g.Kind != w.Kind {
				t.Fatalf("second run: token %d = %+v, first %+v", i, g, w)
			}
		}
		// With spans, as stance examples are analysed.
		from, to = spanIn(len(text), from, to)
		mid := (from + to) / 2
		spans := [][2]int{{from, to}, {mid, to}, {0, mid}}
		out, toks, got := a.AnalyzeSpans(text, spans, nil)
		if len(got) != len(spans) {
			t.Fatalf("AnalyzeSpans: %d spans back for %d", len(got), len(spans))
		}
		for i, sp := range got {
			if sp[0] < 0 || sp[0] > sp[1] || sp[1] > len(out) {
				t.Fatalf("AnalyzeSpans: span %v became %v, outside the %d-byte text", spans[i], sp, len(out))
			}
		}
		checkTokens(t, out, toks)
	})
}

// spanIn maps two arbitrary ints to 0 <= from <= to <= n.
func spanIn(n, a, b int) (int, int) {
	from, to := int(uint(a)%uint(n+1)), int(uint(b)%uint(n+1))
	if from > to {
		from, to = to, from
	}
	return from, to
}

func checkSparse(t *testing.T, what string, s Sparse, buckets int) {
	t.Helper()
	if len(s.Idx) != len(s.Val) {
		t.Fatalf("%s: %d indices, %d values", what, len(s.Idx), len(s.Val))
	}
	for i, ix := range s.Idx {
		if int(ix) >= buckets {
			t.Fatalf("%s: index %d >= %d buckets", what, ix, buckets)
		}
		if v := float64(s.Val[i]); math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%s: feature %d = %v", what, ix, v)
		}
	}
}

func checkDoc(t *testing.T, fz *Featurizer, d *Doc, heads int) {
	t.Helper()
	buckets := fz.Config().Buckets
	checkSparse(t, "shared", d.Shared, buckets)
	if len(d.Heads) != heads || len(d.Mentions) != heads {
		t.Fatalf("%d head blocks and %d mention counts for %d heads", len(d.Heads), len(d.Mentions), heads)
	}
	for h := range d.Heads {
		checkSparse(t, "head", d.Heads[h], buckets)
		if d.Mentions[h] < 0 {
			t.Fatalf("head %d: %d mentions", h, d.Mentions[h])
		}
	}
	if fz.DenseDim() > 0 && len(d.Dense) != heads {
		t.Fatalf("%d dense blocks for %d heads", len(d.Dense), heads)
	}
	for h, v := range d.Dense {
		if len(v) != fz.DenseDim() {
			t.Fatalf("head %d: dense length %d, want %d", h, len(v), fz.DenseDim())
		}
		for j, x := range v {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("head %d: dense %d = %v", h, j, x)
			}
		}
	}
	checkTokens(t, d.Text, d.Tokens)
}

type docCopy struct {
	shared Sparse
	heads  []Sparse
	dense  [][]float32
	men    []int
}

func copyDoc(d *Doc) docCopy {
	c := docCopy{shared: Sparse{slices.Clone(d.Shared.Idx), slices.Clone(d.Shared.Val)}, men: slices.Clone(d.Mentions)}
	for _, s := range d.Heads {
		c.heads = append(c.heads, Sparse{slices.Clone(s.Idx), slices.Clone(s.Val)})
	}
	for _, v := range d.Dense {
		c.dense = append(c.dense, slices.Clone(v))
	}
	return c
}

func (c docCopy) equal(o docCopy) bool {
	eq := func(a, b Sparse) bool { return slices.Equal(a.Idx, b.Idx) && slices.Equal(a.Val, b.Val) }
	if !eq(c.shared, o.shared) || !slices.Equal(c.men, o.men) || len(c.heads) != len(o.heads) || len(c.dense) != len(o.dense) {
		return false
	}
	for i := range c.heads {
		if !eq(c.heads[i], o.heads[i]) {
			return false
		}
	}
	for i := range c.dense {
		if !slices.Equal(c.dense[i], o.dense[i]) {
			return false
		}
	}
	return true
}

// FuzzFeaturize featurizes fuzz text as a codebook article, as a stance
// example with a target and maybe a span, with the default configuration,
// a small one, and the examples schema. Featurizing must not depend on
// what the featurizer saw before.
func FuzzFeaturize(f *testing.F) {
	for i, s := range textSeeds {
		f.Add(s, "Iran", i, len(s)/2, uint8(i))
	}
	f.Add("Tehran said Iran won.", "Iran", 12, 16, uint8(3))
	f.Add("Æ said Iran\nwon", "Iran", 8, 12, uint8(5))
	f.Add("the the the", "the", 0, 3, uint8(1))
	f.Add("A B", "", 0, 0, uint8(7))
	small := Config{Buckets: 1 << 8, Window: 1, Groups: BaseConfig().Groups}
	type setup struct {
		fz    *Featurizer
		heads int
	}
	var setups []setup
	for _, c := range []struct {
		s   *labels.Schema
		cfg Config
	}{
		{labels.Default(), BaseConfig()},
		{labels.Default(), small},
		{labels.ExampleSchema([]string{"positive", "negative", "neutral"}), BaseConfig()},
		{labels.Default(), Config{Buckets: 1 << 10, Window: 64, Groups: []string{GroupTarget, GroupVectors}}},
	} {
		fz, err := New(c.s, c.cfg, Options{})
		if err != nil {
			f.Fatal(err)
		}
		setups = append(setups, setup{fz, len(c.s.Heads)})
	}
	other := &labels.Article{ID: "other", Text: "Israel and Iran. Azerbaijan's Aliyev condemned nothing; Baku is neutral.\n\nMore text about Tehran."}
	f.Fuzz(func(t *testing.T, text, target string, from, to int, mode uint8) {
		a := &labels.Article{ID: "x", Text: text}
		if mode&1 != 0 {
			a.Target = target
		}
		if mode&2 != 0 {
			from, to = spanIn(len(text), from, to)
			a.Span, a.HasSpan = [2]int{from, to}, true
		}
		s := setups[int(mode>>2)%len(setups)]
		d := s.fz.Featurize(a)
		checkDoc(t, s.fz, d, s.heads)
		want := copyDoc(d)
		s.fz.Featurize(other)
		if got := copyDoc(s.fz.Featurize(a)); !got.equal(want) {
			t.Fatalf("featurizing %q again after another article gave different features", text)
		}
	})
}
