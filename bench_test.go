package stance

import (
	"testing"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// BenchmarkScore featurizes and predicts every head of each corpus article
// with the embedded default model (sentiment group included), on one
// goroutine. (It was classifier's BenchmarkScore, which could not build the
// default model's featurizer without this package.)
func BenchmarkScore(b *testing.B) {
	arts, err := labels.ReadAll([]string{"testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := int64(0)
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	w := m.NewWorker()
	var pred []classifier.HeadPrediction
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, a := range arts {
			pred = w.Predict(a, pred)
		}
	}
}
