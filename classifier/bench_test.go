package classifier

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stance-project/stance/features"
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

// BenchmarkScore featurizes and predicts every head of each article with
// the embedded-default configuration, on one goroutine.
func BenchmarkScore(b *testing.B) {
	arts, sets, n := benchCorpus(b)
	files, _ := filepath.Glob("../cmd/stance/default.stance")
	sort.Strings(files)
	var m *Model
	if len(files) == 1 {
		if data, err := os.ReadFile(files[0]); err == nil && len(data) > 0 {
			m, _ = Decode(data, files[0])
		}
	}
	if m == nil {
		ds, err := Featurize(labels.Default(), features.DefaultConfig(), arts, sets, 2)
		if err != nil {
			b.Fatal(err)
		}
		if m, err = Fit(ds, nil, DefaultTrainConfig()); err != nil {
			b.Fatal(err)
		}
	}
	p, err := NewPredictor(m)
	if err != nil {
		b.Fatal(err)
	}
	fz := p.NewFeaturizer()
	var pred []HeadPrediction
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			pred = p.Predict(fz.Featurize(a), pred)
		}
	}
}

// BenchmarkTrain fits every head on the featurized corpus (featurizing is
// outside the timer).
func BenchmarkTrain(b *testing.B) {
	arts, sets, n := benchCorpus(b)
	ds, err := Featurize(labels.Default(), features.DefaultConfig(), arts, sets, 2)
	if err != nil {
		b.Fatal(err)
	}
	for _, algo := range []string{"logreg", "nb"} {
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
