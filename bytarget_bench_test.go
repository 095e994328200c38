package stance

import (
	"slices"
	"testing"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// pooledCorpus turns the project corpus into stance examples of three
// targets pooled in one set: one example per article and stance head
// (israel, iran, azerbaijan), the head's name as its target and its label.
func pooledCorpus(b *testing.B) ([]*labels.Article, []*labels.LabelSet, *labels.Schema, int64) {
	b.Helper()
	arts, err := labels.ReadAll([]string{"testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ls, err := labels.ReadLabels("testdata/corpus/labels.jsonl", labels.Default())
	if err != nil {
		b.Fatal(err)
	}
	sets, err := labels.Join(arts, ls)
	if err != nil {
		b.Fatal(err)
	}
	var ex []*labels.Article
	var exSets []*labels.LabelSet
	var values []string
	n := int64(0)
	for i, a := range arts {
		for _, h := range []string{"israel", "iran", "azerbaijan"} {
			v, ok := sets[i].Single[h]
			if !ok {
				continue
			}
			e := *a
			e.ID, e.Target = a.ID+"#"+h, h
			ex = append(ex, &e)
			exSets = append(exSets, &labels.LabelSet{ID: e.ID, Single: map[string]string{"stance": v}})
			if !slices.Contains(values, v) {
				values = append(values, v)
			}
			n += int64(len(a.Text))
		}
	}
	return ex, exSets, labels.ExampleSchema(values), n
}

// BenchmarkExamples trains on the pooled corpus examples (featurizing
// included, one goroutine) and scores them, with and without the
// bytarget group (target-conditioned features).
func BenchmarkExamples(b *testing.B) {
	arts, sets, s, n := pooledCorpus(b)
	for _, g := range []string{"base", "+bytarget"} {
		groups, err := features.ParseGroups(g)
		if err != nil {
			b.Fatal(err)
		}
		cfg := features.BaseConfig()
		cfg.Groups = groups
		tc := classifier.DefaultTrainConfig()
		tc.Workers = 1
		var m *classifier.Model
		b.Run("train/"+g, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			for range b.N {
				ds, err := Featurize(s, cfg, arts, sets, 1)
				if err != nil {
					b.Fatal(err)
				}
				if m, err = classifier.Fit(ds, nil, tc); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("score/"+g, func(b *testing.B) {
			sm, err := New(m)
			if err != nil {
				b.Fatal(err)
			}
			benchPredict(b, sm, arts, n)
		})
	}
}
