package sentiment

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stance-project/stance/internal/realdata"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// ScoreMentionTokens must give exactly ScoreMention's scores for every
// ASCII sentence (the only ones the sentiment group hands it), with the
// sentence's tokens cut from the whole article's analysis: that is what
// keeps the default model's scores byte-identical to analysing each
// sentence apart. Checked on every sentence of the project corpus, with
// the mention at its first, middle and last word, and on the real set's
// excerpts when the cache is present (third-party text, not in the
// repository).
func TestScoreMentionTokens(t *testing.T) {
	arts, err := labels.ReadAll([]string{"../testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]string, 0, len(arts))
	for _, a := range arts {
		texts = append(texts, a.Text)
	}
	texts = append(texts, realTexts(t)...)
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	an := features.NewAnalyzer()
	var toks, st []features.Token
	checked := 0
	for _, text := range texts {
		var filtered []byte
		filtered, toks = an.Analyze([]byte(text), toks[:0])
		for lo := 0; lo < len(toks); {
			hi := lo
			for hi < len(toks) && toks[hi].Sent == toks[lo].Sent {
				hi++
			}
			bs, be := toks[lo].Start, toks[hi-1].End
			sentence := append([]byte(nil), filtered[bs:be]...)
			if !isASCII(sentence) {
				lo = hi
				continue
			}
			st = st[:0]
			for _, tk := range toks[lo:hi] {
				tk.Start -= bs
				tk.End -= bs
				tk.Sent = 0
				tk.Term = append([]byte(nil), tk.Term...)
				st = append(st, tk)
			}
			for _, m := range []int{lo, (lo + hi) / 2, hi - 1} {
				if toks[m].Kind != features.Word {
					continue
				}
				span := [2]int{int(toks[m].Start - bs), int(toks[m].End - bs)}
				spans := [][2]int{span}
				if m == hi-1 {
					// A mention may run on past the sentence ("Republic |
					// of Azerbaijan" across a line break).
					spans = append(spans, [2]int{span[0], len(sentence) + 10})
				}
				for _, span := range spans {
					n1, u1, p1 := s.ScoreMention(string(sentence), span)
					n2, u2, p2 := s.ScoreMentionTokens(&features.Analysed{Text: sentence, Tokens: st}, span)
					if n1 != n2 || u1 != u2 || p1 != p2 {
						t.Fatalf("sentence %q, mention %v: from tokens %v %v %v, from text %v %v %v", sentence, span, n2, u2, p2, n1, u1, p1)
					}
					checked++
				}
			}
			lo = hi
		}
	}
	t.Logf("%d mentions scored the same both ways", checked)
	if checked < 1000 {
		t.Errorf("only %d mentions checked, want the corpus's thousands", checked)
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// realTexts returns the real set's cached English excerpts, or none (with
// a log line) when the cache is absent.
func realTexts(t *testing.T) []string {
	dir := realdata.Cache()
	f, err := os.Open(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		t.Logf("real-set cache absent (%v): checking the corpus only", err)
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
