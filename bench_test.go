package stance

import (
	"fmt"
	"strings"
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
	benchPredict(b, m, arts, n)
}

// benchPredict times m's Predict over arts (n bytes of text in all) on one
// goroutine.
func benchPredict(b *testing.B, m *Model, arts []*labels.Article, n int64) {
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

// BenchmarkScoreLength scores articles of three lengths with the default
// model (featurize + every head), one goroutine: the corpus articles as
// they are (excerpts, about 1.6 KB), and articles made of 4 and 16 corpus
// articles joined in corpus order (about 6 KB and 25 KB), so that a change
// whose cost grows with length (or with the sentences naming a target,
// where the sentiment group works) shows in the grid.
func BenchmarkScoreLength(b *testing.B) {
	arts, err := labels.ReadAll([]string{"testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, join := range []int{1, 4, 16} {
		// 64 articles a size, each starting at another corpus article.
		var set []*Article
		n := int64(0)
		for i := range 64 {
			var sb strings.Builder
			for k := range join {
				if k > 0 {
					sb.WriteString("\n\n")
				}
				sb.WriteString(arts[(i*7+k)%len(arts)].Text)
			}
			set = append(set, &Article{ID: "len", Text: sb.String()})
			n += int64(sb.Len())
		}
		b.Run(fmt.Sprintf("bytes=%d", n/int64(len(set))), func(b *testing.B) {
			w := m.NewWorker()
			var pred []classifier.HeadPrediction
			for _, a := range set { // grow the scratch buffers outside the timer
				pred = w.Predict(a, pred)
			}
			b.SetBytes(n)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0, ok := cpuSeconds()
			for range b.N {
				for _, a := range set {
					pred = w.Predict(a, pred)
				}
			}
			reportCPU(b, cpu0, ok, n)
		})
	}
}

// reportCPU reports MB per CPU second of the whole process (user and
// system time since cpu0) beside the wall-clock MB/s: on a machine shared
// with other work, wall time counts the time the benchmark waited for a
// core, CPU time (nearly) does not, so it compares builds more steadily.
func reportCPU(b *testing.B, cpu0 float64, ok bool, bytes int64) {
	cpu1, ok1 := cpuSeconds()
	if !ok || !ok1 || cpu1 <= cpu0 {
		return
	}
	b.ReportMetric(float64(bytes)*float64(b.N)/1e6/(cpu1-cpu0), "MB/cpu-s")
}
