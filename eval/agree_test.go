package eval

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

func set(id, israel string, frames ...string) *labels.LabelSet {
	ls := &labels.LabelSet{ID: id, Single: map[string]string{}, Multi: map[string][]string{"frames": append([]string{}, frames...)}}
	if israel != "" {
		ls.Single["israel"] = israel
	}
	return ls
}

func TestAgreement(t *testing.T) {
	a := []*labels.LabelSet{set("1", "pro", "security"), set("2", "pro"), set("3", "anti", "security", "legal"), set("4", "neutral"), set("5", "pro"), set("onlyA", "pro")}
	b := []*labels.LabelSet{set("4", "neutral"), set("3", "anti", "legal"), set("2", "anti", "security"), set("1", "pro", "security"), set("5", ""), set("onlyB", "anti")}
	r := Agreement(labels.Default(), "ana.jsonl", "ben.jsonl", a, b)
	if r.Both != 5 || r.OnlyA != 1 || r.OnlyB != 1 {
		t.Errorf("both %d, only A %d, only B %d; want 5, 1, 1", r.Both, r.OnlyA, r.OnlyB)
	}
	get := func(head, value string) HeadAgreement {
		for _, h := range r.Heads {
			if h.Head == head && h.Value == value {
				return h
			}
		}
		t.Fatalf("no row for %s=%s", head, value)
		return HeadAgreement{}
	}
	// israel over articles 1–4 (B left 5 unlabelled): A pro pro anti
	// neutral, B pro anti anti neutral. p_o = 3/4; p_e = .5×.25 + .25×.5 +
	// .25×.25 = .3125; kappa = (.75 − .3125) / (1 − .3125) = 7/11.
	if h := get("israel", ""); h.N != 4 || math.Abs(h.Observed-0.75) > tol || math.Abs(h.Kappa-7.0/11) > tol {
		t.Errorf("israel: %+v, want n 4, observed 0.75, kappa %v", h, 7.0/11)
	}
	// frames=security over 1–5: A P A P A A, B P P A A A. p_o = 3/5;
	// p_e = .4×.4 + .6×.6 = .52; kappa = .08/.48 = 1/6.
	if h := get("frames", "security"); h.N != 5 || math.Abs(h.Kappa-1.0/6) > tol {
		t.Errorf("frames=security: %+v, want n 5, kappa 1/6", h)
	}
	if h := get("frames", "legal"); h.Kappa != 1 || h.Observed != 1 {
		t.Errorf("frames=legal: %+v, want full agreement", h)
	}
	if h := get("iran", ""); h.N != 0 {
		t.Errorf("iran labelled by neither: n %d", h.N)
	}
	want := []Disagreement{{"2", "israel", "pro", "anti"}, {"2", "frames", "-", "security"}, {"3", "frames", "security+legal", "legal"}}
	if len(r.Disagreements) != len(want) {
		t.Fatalf("disagreements %+v, want %+v", r.Disagreements, want)
	}
	for i := range want {
		if r.Disagreements[i] != want[i] {
			t.Errorf("disagreement %d: %+v, want %+v", i, r.Disagreements[i], want[i])
		}
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"articles: 5 labelled by both", "frames=security", "0.64", "disagreements (3):", "security+legal"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, buf.String())
		}
	}
}
