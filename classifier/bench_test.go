package classifier

import (
	"testing"

	"github.com/stance-project/stance/labels"
)

// benchCorpus loads the project's corpus with its labels.
func benchCorpus(b *testing.B) ([]*labels.Article, []*labels.LabelSet, int64) {
	b.Helper()
	arts, err := labels.ReadAll([]string{"../testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ls, err := labels.ReadLabels("../testdata/corpus/labels.jsonl", labels.Default())
	if err != nil {
		b.Fatal(err)
	}
	sets, err := labels.Join(arts, ls)
	if err != nil {
		b.Fatal(err)
	}
	n := int64(0)
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return arts, sets, n
}

// BenchmarkTrain fits every head on the featurized corpus (featurizing is
// outside the timer).
func BenchmarkTrain(b *testing.B) {
	arts, sets, n := benchCorpus(b)
	ds := baseDataset(b, arts, sets)
	for _, algo := range []string{"logreg", "sgd", "nb"} {
		b.Run(algo, func(b *testing.B) {
			cfg := DefaultTrainConfig()
			cfg.Algo = algo
			cfg.Workers = 1
			b.SetBytes(n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Fit(ds, nil, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
