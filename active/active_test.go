package active

import (
	"math"
	"slices"
	"testing"
)

func TestMargin(t *testing.T) {
	tests := []struct {
		name string
		h    Head
		want float64 // worked by hand from the definition in doc.go
	}{
		{"sure", Head{Probs: []float64{0.9, 0.05, 0.05}}, 0.85},
		{"split", Head{Probs: []float64{0.45, 0.45, 0.1}}, 0},
		{"order does not matter", Head{Probs: []float64{0.1, 0.3, 0.6}}, 0.3},
		{"one value", Head{Probs: []float64{1}}, 1},
		{"multi, threshold 0.5", Head{Multi: true, Probs: []float64{0.95, 0.6, 0.1}}, 0.2},                  // 0.6: (0.6−0.5)/0.5
		{"multi, threshold 0.2", Head{Multi: true, Probs: []float64{0.1}, Thresholds: []float64{0.2}}, 0.5}, // (0.2−0.1)/0.2
		{"multi, at threshold", Head{Multi: true, Probs: []float64{0.3, 0.99}, Thresholds: []float64{0.3, 0.5}}, 0},
		{"multi, none", Head{Multi: true}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Margin(tt.h); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Margin = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUncertainty(t *testing.T) {
	heads := []Head{{Probs: []float64{0.9, 0.1}}, {Probs: []float64{0.5, 0.4, 0.1}}, {Multi: true, Probs: []float64{0.99}}}
	// 1 − margins: 0.2, 0.9, 0.02 → mean 0.37333…; least sure: head 1.
	u, least := Uncertainty(heads)
	if math.Abs(u-1.12/3) > 1e-12 || least != 1 {
		t.Errorf("Uncertainty = %v, %d; want %v, 1", u, least, 1.12/3)
	}
	if u, least := Uncertainty(nil); u != 0 || least != -1 {
		t.Errorf("no heads: %v, %d", u, least)
	}
}

func TestVectorCosine(t *testing.T) {
	texts := []string{
		"Baku signs a gas pipeline deal with Ankara",
		"Baku signs a gas pipeline deal with Ankara today",
		"Tehran warns of drone strikes near the border",
		"",
	}
	v := NewVectorizer(texts)
	a, b, c, empty := v.Vector(texts[0]), v.Vector(texts[1]), v.Vector(texts[2]), v.Vector(texts[3])
	if s := Cosine(a, a); math.Abs(s-1) > 1e-6 {
		t.Errorf("self-similarity %v, want 1", s)
	}
	if s := Cosine(a, b); s < 0.8 || s >= 1 {
		t.Errorf("near-duplicate similarity %v, want in [0.8, 1)", s)
	}
	if s := Cosine(a, c); s != 0 {
		t.Errorf("no shared term of three letters or more, similarity %v, want 0", s)
	}
	if len(empty.Idx) != 0 || Cosine(a, empty) != 0 {
		t.Errorf("empty text: %v", empty)
	}
}

// pool is three near-duplicates that the model is unsure of, one other
// article it is a little less unsure of, and one it is sure of.
func pool() []Candidate {
	texts := []string{
		"Azerbaijan and Israel sign a defence pact in Baku",
		"Azerbaijan and Israel sign a defence pact in Baku on Monday",
		"Azerbaijan and Israel sign defence pact, Baku says",
		"Iran summons the Azerbaijani ambassador over border drills",
		"Economy ministers discuss wheat prices at the Caspian forum",
	}
	unsure := []Head{{Probs: []float64{0.4, 0.35, 0.25}}}
	lessUnsure := []Head{{Probs: []float64{0.55, 0.3, 0.15}}}
	sure := []Head{{Probs: []float64{0.98, 0.01, 0.01}}}
	heads := [][]Head{unsure, unsure, unsure, lessUnsure, sure}
	v := NewVectorizer(texts)
	var cs []Candidate
	for i, t := range texts {
		cs = append(cs, Candidate{ID: t, Heads: heads[i], Vec: v.Vector(t)})
	}
	return cs
}

func TestTopDiversity(t *testing.T) {
	cs := pool()
	ids := func(ps []Pick) []int {
		var out []int
		for _, p := range ps {
			out = append(out, p.Index)
		}
		return out
	}
	// Pure uncertainty takes the three near-duplicates first.
	if got := ids(NewRanker(cs, Config{}).Top(3)); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("no diversity: order %v, want [0 1 2]", got)
	}
	// With diversity the second pick is the different article.
	r := NewRanker(cs, DefaultConfig())
	top := r.Top(5)
	if got := ids(top); got[0] != 0 || got[1] != 3 {
		t.Errorf("with diversity: order %v, want 0 then 3", got)
	}
	if top[0].Similar != 0 || top[1].Similar >= 0.5 {
		t.Errorf("similarities %v, %v", top[0].Similar, top[1].Similar)
	}
	// Top does not change the ranker.
	if again := ids(r.Top(5)); !slices.Equal(again, ids(top)) {
		t.Errorf("second Top %v, first %v", again, ids(top))
	}
	if p, _ := r.Next(); p.Index != 0 {
		t.Errorf("Next = %d, want 0", p.Index)
	}
}

func TestObserveFeedback(t *testing.T) {
	cs := pool()
	r := NewRanker(cs, DefaultConfig())
	// Labelling article 0 (the model was right) pushes its near-duplicates down.
	r.Done(0)
	r.Observe(cs[0].Vec, 0)
	if p, _ := r.Next(); p.Index != 3 {
		t.Errorf("after an agreeing label: Next = %d, want 3", p.Index)
	}
	// The same label, but the annotator overruled the model: the
	// neighbours' disagreement rises, and with enough of it they come back.
	r2 := NewRanker(cs, Config{Diversity: 0.5, Feedback: 3})
	r2.Done(0)
	r2.Observe(cs[0].Vec, 1)
	p, _ := r2.Next()
	if p.Index != 1 || p.Disagree <= 0 {
		t.Errorf("after a disagreeing label: Next = %+v, want index 1 with disagreement", p)
	}
	for i := range cs {
		r2.Done(i)
	}
	if _, ok := r2.Next(); ok {
		t.Error("Next with every candidate done: ok")
	}
	r2.Undone(4)
	if p, ok := r2.Next(); !ok || p.Index != 4 {
		t.Errorf("after Undone(4): %v, %v", p, ok)
	}
}

func TestAdjustPriors(t *testing.T) {
	// Two candidates, one head. The model's prior on the pool is the mean
	// prediction: (0.8+0.8)/2, (0.2+0.2)/2 = (0.8, 0.2).
	h := func() []Head { return []Head{{Name: "israel", Probs: []float64{0.8, 0.2}}} }
	cs := []Candidate{{ID: "a", Heads: h()}, {ID: "b", Heads: h()}}
	r := NewRanker(cs, Config{})
	if p, _ := r.Next(); math.Abs(p.Margin-0.6) > 1e-12 {
		t.Fatalf("margin before %v, want 0.6", p.Margin)
	}
	// 10 labels of class 1 and none of class 0, with 10 pseudo-labels at
	// the prior: prior′ = ((0 + 8) / 20, (10 + 2) / 20) = (0.4, 0.6);
	// weights (0.5, 3); p′ ∝ (0.4, 0.6): margin 0.2.
	r.AdjustPriors(map[string][]float64{"israel": {0, 10}})
	p, _ := r.Next()
	if math.Abs(p.Margin-0.2) > 1e-12 || math.Abs(p.Uncertainty-0.8) > 1e-12 {
		t.Errorf("after AdjustPriors: margin %v, uncertainty %v; want 0.2, 0.8", p.Margin, p.Uncertainty)
	}
	// The candidates' own heads are not changed.
	if cs[0].Heads[0].Probs[0] != 0.8 {
		t.Errorf("candidate changed: %v", cs[0].Heads[0].Probs)
	}
	// Labels in the model's own proportions change nothing.
	r.AdjustPriors(map[string][]float64{"israel": {8, 2}})
	if p, _ := r.Next(); math.Abs(p.Margin-0.6) > 1e-12 {
		t.Errorf("labels at the prior: margin %v, want 0.6", p.Margin)
	}
}
