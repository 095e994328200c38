package main

import (
	"fmt"
	"github.com/stance-project/stance"
	"io"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

const explainExample = `  stance explain testdata/corpus/articles/iran-state/001.txt
  stance explain --top 10 --model my.stance article.txt`

// maxExplainBytes bounds the text whose sentences are explained: the
// sentence effects re-score the article once per sentence, so their cost
// grows with the square of its length. The prediction itself is always
// made on the whole article.
const maxExplainBytes = 16 << 10

// explainArticle predicts a's heads on the whole article and explains
// them on at most its first maxExplainBytes; warn (if not nil) hears when
// the explanation is cut.
func explainArticle(m *stance.Model, a *labels.Article, top int, warn func(labels.Warning)) ([]classifier.HeadPrediction, []stance.HeadExplanation) {
	if len(a.Text) <= maxExplainBytes || a.HasSpan {
		return m.ExplainPredictions(a, top)
	}
	if warn != nil {
		warn(labels.Warning{File: a.File, Line: a.Line, ID: a.ID, Msg: fmt.Sprintf("%d bytes; the explanation covers the first %d KB", len(a.Text), maxExplainBytes>>10)})
	}
	cut := *a
	cut.Text = labels.Truncate(a.Text, maxExplainBytes)
	_, ex := m.ExplainPredictions(&cut, top)
	pred := m.NewWorker().Predict(a, nil)
	return pred, ex
}

func runExplain(e *env, args []string) error {
	fs := newFlags(e, "explain")
	var modelPath string
	var top int
	fs.StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	fs.IntVar(&top, "top", 8, "features to show per decision")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("explain takes one article: a .txt file, a one-record .jsonl file, or - for standard input")
	}
	if top < 1 {
		return usagef("--top must be at least 1")
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	p, err := stance.New(m.Model)
	if err != nil {
		return err
	}
	type result struct {
		a    *labels.Article
		pred []classifier.HeadPrediction
		ex   []stance.HeadExplanation
	}
	res, err := interruptible(e.ctx(), "explaining", func() (result, error) {
		a, err := readOneArticle(e, pos[0], m.Schema.Name == "examples")
		if err != nil {
			return result{}, err
		}
		pred, ex := explainArticle(p, a, top, warner(e))
		return result{a, pred, ex}, nil
	})
	if err != nil {
		return err
	}
	writeExplanation(e.stdout, m.Schema, res.a, res.pred, res.ex)
	return nil
}

// readOneArticle reads the one article in path; more than one is an error.
// With examples (a model trained on stance examples), the record is read
// as a stance example: its "target" and "span" drive the target features.
func readOneArticle(e *env, path string, examples bool) (*labels.Article, error) {
	r, err := labels.Open([]string{path}, labels.Options{Warn: warner(e), Stdin: e.stdin, Examples: examples})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	a, err := r.Next()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: no article", path)
	}
	if err != nil {
		return nil, err
	}
	if _, err := r.Next(); err != io.EOF {
		if err != nil {
			return nil, err
		}
		return nil, usagef("explain takes one article, and %s holds more than one; use 'stance score --explain' for many", path)
	}
	return a, nil
}

func writeExplanation(w io.Writer, s *labels.Schema, a *labels.Article, pred []classifier.HeadPrediction, ex []stance.HeadExplanation) {
	fmt.Fprintf(w, "article %s\n", a.ID)
	for _, v := range views(s, pred) {
		if !v.scored {
			continue
		}
		head := v.head
		var probs []string
		for i, x := range v.probs {
			probs = append(probs, fmt.Sprintf("%s %.2f", head.Values[i], x))
		}
		switch {
		case head.Multi:
			fmt.Fprintf(w, "\n%s: %s   (%s)\n", head.Name, strings.Join(v.labels, ", "), strings.Join(probs, ", "))
		case v.hasScore:
			fmt.Fprintf(w, "\n%s: %s   score %+.2f   (%s)\n", head.Name, v.label, v.score, strings.Join(probs, ", "))
		default:
			fmt.Fprintf(w, "\n%s: %s   (%s)\n", head.Name, v.label, strings.Join(probs, ", "))
		}
		for _, x := range ex {
			if x.Head == head.Name {
				writeDecision(w, head, x)
			}
		}
	}
}

func writeDecision(w io.Writer, head *labels.Head, x stance.HeadExplanation) {
	if head.Multi {
		fmt.Fprintf(w, "  %s\n", x.Decision)
	}
	value := strings.TrimPrefix(x.Decision, head.Name+"=")
	fmt.Fprintf(w, "  features that pushed toward %s:\n", value)
	for _, c := range x.Features {
		fmt.Fprintf(w, "    %+7.3f  %s\n", c.Effect, c.Feature)
	}
	if len(x.Sentences) > 0 {
		fmt.Fprintf(w, "  sentences whose removal lowers P(%s) most:\n", value)
		for _, s := range x.Sentences {
			fmt.Fprintf(w, "    -%.3f  %s\n", s.Effect, clip(s.Sentence, 160))
		}
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
