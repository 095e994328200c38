package stance

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stance-project/stance/internal/realdata"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
	"github.com/stance-project/stance/sentiment"
)

// checkingScorer scores every sentence the sentiment group hands over
// analysed (features.TokenScorer) also from its text alone, and counts
// the calls whose scores differ.
type checkingScorer struct {
	inner      *sentiment.Scorer
	calls, bad *int
	t          *testing.T
}

func (c checkingScorer) ScoreMention(s string, span [2]int) (float64, float64, float64) {
	return c.inner.ScoreMention(s, span)
}

func (c checkingScorer) Clone() features.MentionScorer { return c }

func (c checkingScorer) ScoreMentionTokens(in *features.Analysed, span [2]int) (float64, float64, float64) {
	n1, u1, p1 := c.inner.ScoreMentionTokens(in, span)
	n2, u2, p2 := c.inner.ScoreMention(string(in.Text), span)
	*c.calls++
	if n1 != n2 || u1 != u2 || p1 != p2 {
		*c.bad++
		if *c.bad <= 3 {
			c.t.Errorf("sentence %q, mention %v: shared %v %v %v, alone %v %v %v", in.Text, span, n1, u1, p1, n2, u2, p2)
		}
	}
	return n1, u1, p1
}

// The sentiment group hands the scorer its ASCII sentences already
// analysed (scoreSentence). Every such score must equal the score of the
// sentence's text analysed alone, or the default model's output would
// change: checked over the corpus, and the real set's excerpts when the
// cache is present (third-party text, outside the repository).
func TestSentimentSharedWork(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	inner, err := sentiment.New()
	if err != nil {
		t.Fatal(err)
	}
	var calls, bad int
	fz, err := features.New(m.Schema(), m.Classifier().Features, features.Options{Scorer: checkingScorer{inner, &calls, &bad, t}})
	if err != nil {
		t.Fatal(err)
	}
	arts, err := labels.ReadAll([]string{"testdata/corpus/articles"}, labels.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		fz.Featurize(a)
	}
	dir := realdata.Cache()
	if f, err := os.Open(filepath.Join(dir, "articles.jsonl")); err != nil {
		t.Logf("real-set cache absent (%v): checked the corpus only", err)
	} else {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var r struct{ ID, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			fz.Featurize(&labels.Article{ID: r.ID, Text: r.Text})
		}
		f.Close()
	}
	t.Logf("%d sentences scored both ways, %d differ", calls, bad)
	if bad > 0 {
		t.Errorf("%d of %d sentences scored differently from the text alone", bad, calls)
	}
	if calls < 1000 {
		t.Errorf("only %d sentences checked, want thousands", calls)
	}
}
