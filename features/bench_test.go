package features

import (
	"os"
	"path/filepath"
	"sort"
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
