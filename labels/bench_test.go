package labels

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// BenchmarkReadJSONL reads the project corpus written as JSON Lines
// (its texts' line breaks escaped, as in any JSONL dump), about 4 MB,
// through Open and Next: the reading half of `stance score`.
func BenchmarkReadJSONL(b *testing.B) {
	files, _ := filepath.Glob("../testdata/corpus/articles/*/*.txt")
	sort.Strings(files)
	if len(files) == 0 {
		b.Fatal("no corpus articles")
	}
	var sb strings.Builder
	for rep := 0; sb.Len() < 4<<20; rep++ {
		for _, f := range files {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			line, _ := json.Marshal(map[string]string{"id": filepath.Base(f) + "-" + string(rune('a'+rep)), "text": string(t), "outlet": "bench"})
			sb.Write(line)
			sb.WriteByte('\n')
		}
	}
	p := filepath.Join(b.TempDir(), "bench.jsonl")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r, err := Open([]string{p}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		r.Close()
		if n == 0 {
			b.Fatal("no articles read")
		}
	}
}
