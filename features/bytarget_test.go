package features

import (
	"slices"
	"testing"

	"github.com/stance-project/stance/labels"
)

func TestByTargetGroup(t *testing.T) {
	base := BaseConfig()
	with := BaseConfig()
	with.Groups = append(slices.Clone(base.Groups), GroupByTarget)
	featurize := func(s *labels.Schema, cfg Config, a *labels.Article) Doc {
		t.Helper()
		f, err := New(s, cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		d := f.Featurize(a)
		c := Doc{Shared: Sparse{slices.Clone(d.Shared.Idx), slices.Clone(d.Shared.Val)}}
		for _, h := range d.Heads {
			c.Heads = append(c.Heads, Sparse{slices.Clone(h.Idx), slices.Clone(h.Val)})
		}
		return c
	}
	// Schema heads: nothing changes.
	art := &labels.Article{ID: "a", Text: "Iran condemned the strike. Israel said it would respond."}
	d0, d1 := featurize(labels.Default(), base, art), featurize(labels.Default(), with, art)
	for h := range d0.Heads {
		if !slices.Equal(d0.Heads[h].Idx, d1.Heads[h].Idx) {
			t.Errorf("head %d: bytarget changed a schema head's features", h)
		}
	}
	// An example: the plain features stay first, then one conjunction per
	// plain feature; another target gives other conjunctions.
	s := labels.ExampleSchema([]string{"pro", "anti"})
	ex := func(target string) Doc {
		return featurize(s, with, &labels.Article{ID: "e", Text: "The new orchards were the talk of the town.", Target: target})
	}
	plain := featurize(s, base, &labels.Article{ID: "e", Text: "The new orchards were the talk of the town.", Target: "alpha"})
	a, A, b := ex("alpha"), ex(" ALPHA "), ex("beta")
	n := len(plain.Heads[0].Idx)
	if !slices.Equal(a.Shared.Idx, plain.Shared.Idx) || !slices.Equal(a.Heads[0].Idx[:n], plain.Heads[0].Idx) {
		t.Fatal("bytarget changed the plain features")
	}
	if got, want := len(a.Heads[0].Idx)-n, len(plain.Shared.Idx)+n; got != want || got == 0 {
		t.Fatalf("%d conjunctions, want %d", got, want)
	}
	if !slices.Equal(a.Heads[0].Idx, A.Heads[0].Idx) {
		t.Error("target names differing in case and space gave different conjunctions")
	}
	same := 0
	for k := n; k < len(a.Heads[0].Idx); k++ {
		if a.Heads[0].Idx[k] == b.Heads[0].Idx[k] {
			same++
		}
	}
	if same > (len(a.Heads[0].Idx)-n)/10 {
		t.Errorf("targets alpha and beta share %d of %d conjunction buckets", same, len(a.Heads[0].Idx)-n)
	}
}

func TestParseGroupsPlus(t *testing.T) {
	g, err := ParseGroups("+bytarget")
	if err != nil || !slices.Equal(g, append(slices.Clone(BaseGroups), GroupByTarget)) {
		t.Errorf("+bytarget: %v %v", g, err)
	}
	g, err = ParseGroups("-vectors,+bytarget")
	if err != nil || slices.Contains(g, GroupVectors) || !slices.Contains(g, GroupByTarget) || !slices.Contains(g, GroupNgrams) {
		t.Errorf("-vectors,+bytarget: %v %v", g, err)
	}
	if _, err := ParseGroups("ngrams,+bytarget"); err == nil {
		t.Error("a mixed list was accepted")
	}
}
