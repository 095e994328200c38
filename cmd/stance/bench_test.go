package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// benchJSONL writes the project corpus as JSON Lines, repeated to reach
// about size bytes, and returns its path and size.
func benchJSONL(b *testing.B, size int) (string, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.txt"))
	sort.Strings(files)
	var sb strings.Builder
	for rep := 0; sb.Len() < size; rep++ {
		for _, f := range files {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			line, _ := json.Marshal(map[string]string{"id": filepath.Base(f) + "-" + itoa(rep), "text": string(t), "outlet": "bench"})
			sb.Write(line)
			sb.WriteByte('\n')
		}
	}
	p := filepath.Join(b.TempDir(), "bench.jsonl")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p, int64(sb.Len())
}

// BenchmarkScoreJSONL runs `stance score` in-process over about 4 MB of
// JSON Lines: read, featurize, score every head, write JSONL.
func BenchmarkScoreJSONL(b *testing.B) {
	p, n := benchJSONL(b, 4<<20)
	for _, workers := range []string{"1", "2"} {
		b.Run("workers="+workers, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := run([]string{"score", "--workers", workers, p}, nil, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
