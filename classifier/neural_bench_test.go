package classifier

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// newsMTSC reads and featurizes NewsMTSC's training examples from
// ../../shared (the project's shared data, never copied into the
// repository), or skips the benchmark saying why.
func newsMTSC(b *testing.B) ([]*features.Sequence, []int) {
	b.Helper()
	path := filepath.Join("..", "..", "shared", "data", "newsmtsc", "train.jsonl")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("NewsMTSC is absent (%v): this benchmark reads ../shared/data/newsmtsc/train.jsonl", err)
	}
	arts, err := labels.ReadAll([]string{path}, labels.Options{Examples: true})
	if err != nil {
		b.Fatal(err)
	}
	s := labels.ExampleSchema([]string{"negative", "neutral", "positive"})
	fz, err := features.New(s, features.Config{Buckets: 1 << 10, Window: 8, Groups: []string{features.GroupNgrams}}, features.Options{})
	if err != nil {
		b.Fatal(err)
	}
	fz.RecordSequences(true)
	var seqs []*features.Sequence
	var y []int
	for _, a := range arts {
		d := fz.Featurize(a)
		if d.Seq == nil {
			continue
		}
		seqs = append(seqs, &features.Sequence{Rows: append([]int32(nil), d.Seq.Rows...), Mention: d.Seq.Mention})
		y = append(y, s.Heads[0].Index(a.Label))
	}
	return seqs, y
}

// BenchmarkFitNet trains the attention network: the default settings and
// a per-token convolution beneath the attention, on the synthetic task
// (1,000 sequences) and, when ../shared is present, on NewsMTSC's 8,739
// training examples (one op: the whole fit). One goroutine.
func BenchmarkFitNet(b *testing.B) {
	conv := DefaultNetConfig()
	conv.Hidden, conv.Window = 64, 3
	for _, data := range []string{"synthetic", "newsmtsc"} {
		for _, c := range []struct {
			name string
			cfg  NetConfig
		}{{"default", DefaultNetConfig()}, {"conv64", conv}} {
			b.Run(data+"/"+c.name, func(b *testing.B) {
				var seqs []*features.Sequence
				var y []int
				if data == "synthetic" {
					seqs, y = syntheticSeqs(b, 1000, 1)
				} else {
					seqs, y = newsMTSC(b)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := FitNet(seqs, y, nil, 3, c.cfg, 1); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N*c.cfg.Epochs*len(seqs))*1e6, "µs/example-epoch")
			})
		}
	}
}

// BenchmarkNetPredict scores one sequence of the synthetic task (18
// tokens) with a trained default network.
func BenchmarkNetPredict(b *testing.B) {
	seqs, y := syntheticSeqs(b, 300, 1)
	cfg := DefaultNetConfig()
	cfg.Epochs = 1
	n, err := FitNet(seqs, y, nil, 3, cfg, 1)
	if err != nil {
		b.Fatal(err)
	}
	lp := make([]float64, 3)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n.LogProbs(seqs[i%len(seqs)], lp)
	}
}
