package features

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

// corpusTexts reads the project's own corpus (testdata/corpus).
func corpusTexts(b *testing.B) [][]byte {
	b.Helper()
	files, _ := filepath.Glob("../testdata/corpus/articles/*/*.txt")
	sort.Strings(files)
	if len(files) == 0 {
		b.Fatal("no corpus articles")
	}
	var out [][]byte
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, t)
	}
	return out
}

func totalBytes(ts [][]byte) int64 {
	n := 0
	for _, t := range ts {
		n += len(t)
	}
	return int64(n)
}

func BenchmarkAnalyze(b *testing.B) {
	texts := corpusTexts(b)
	an := NewAnalyzer()
	var toks []Token
	b.SetBytes(totalBytes(texts))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			_, toks = an.Analyze(t, toks[:0])
		}
	}
}

func BenchmarkFeaturize(b *testing.B) {
	texts := corpusTexts(b)
	arts := make([]*labels.Article, len(texts))
	for i, t := range texts {
		arts[i] = &labels.Article{ID: "x", Text: string(t)}
	}
	for _, cfg := range []struct {
		name   string
		groups []string
	}{
		{"base", BaseGroups},
		{"no-vectors", []string{GroupNgrams, GroupTarget, GroupCues, GroupMentions}},
	} {
		b.Run(cfg.name, func(b *testing.B) {
			c := BaseConfig()
			c.Groups = cfg.groups
			f, err := New(labels.Default(), c, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(totalBytes(texts))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, a := range arts {
					f.Featurize(a)
				}
			}
		})
	}
}

// BenchmarkFeaturizeGrid measures the featurizer over article length and
// target-mention count, where its cost lives: the per-head scope walks
// grow with mentions, the rest with length. Articles are built from seeded
// random filler sentences, with the mentions spread evenly.
func BenchmarkFeaturizeGrid(b *testing.B) {
	f, err := New(labels.Default(), BaseConfig(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	filler := []string{
		"The ministry said talks would continue next week in the capital.",
		"Officials did not comment on the report, which cited unnamed sources.",
		"Trade between the two countries grew by a fifth last year.",
		"Analysts warned that the dispute could threaten regional stability.",
		"The statement praised cooperation and called for restraint.",
	}
	mention := []string{"Israel", "Iran", "Azerbaijan", "Baku", "Tehran"}
	for _, sentences := range []int{10, 100, 1000} {
		for _, mentions := range []int{0, 10, 100} {
			if mentions > sentences {
				continue
			}
			rng := rand.New(rand.NewPCG(1, 1))
			var sb strings.Builder
			every := 0
			if mentions > 0 {
				every = sentences / mentions
			}
			for s := range sentences {
				if every > 0 && s%every == 0 {
					sb.WriteString(mention[rng.IntN(len(mention))] + " said so. ")
				}
				sb.WriteString(filler[rng.IntN(len(filler))] + " ")
			}
			a := &labels.Article{ID: "grid", Text: sb.String()}
			b.Run(fmt.Sprintf("sentences=%d/mentions=%d", sentences, mentions), func(b *testing.B) {
				b.SetBytes(int64(len(a.Text)))
				b.ReportAllocs()
				f.Featurize(a) // grow the scratch buffers outside the timer
				b.ResetTimer()
				for range b.N {
					f.Featurize(a)
				}
			})
		}
	}
}

// BenchmarkAddTo sums word vectors as the vectors group does, over rows
// spread through the table (most miss the cache).
func BenchmarkAddTo(b *testing.B) {
	v, err := DefaultVectors()
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float32, v.Dim)
	r := int32(0)
	for b.Loop() {
		v.AddTo(dst, r, 0.5)
		if r += 7919; r >= int32(v.Len()) {
			r %= int32(v.Len())
		}
	}
}
