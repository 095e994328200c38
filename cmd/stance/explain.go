package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/labels"
)

const explainExample = `  stance explain testdata/corpus/articles/iran-state/001.txt
  stance explain --top 10 --model my.stance article.txt`

func runExplain(e *env, args []string) error {
	fs := newFlags(e, "explain", "[--model MODEL] [--top N] ARTICLE", explainExample)
	var modelPath string
	var top int
	fs.StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	fs.IntVar(&top, "top", 8, "features to show per decision")
	pos, err := parse(fs, args)
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
	r, err := labels.Open(pos, labels.Options{Warn: warner(e), Stdin: e.stdin})
	if err != nil {
		return err
	}
	defer r.Close()
	a, err := r.Next()
	if err == io.EOF {
		return fmt.Errorf("%s: no article", pos[0])
	}
	if err != nil {
		return err
	}
	eng, err := stance.New(m)
	if err != nil {
		return err
	}
	pred, ex := eng.ExplainPredictions(a, top)
	w := e.stdout
	fmt.Fprintf(w, "article %s\n", a.ID)
	for h, head := range m.Schema.Heads {
		hp := pred[h]
		if len(hp.Probs) == 0 {
			continue
		}
		var probs []string
		for v, x := range hp.Probs {
			probs = append(probs, fmt.Sprintf("%s %.2f", head.Values[v], x))
		}
		if head.Multi {
			var ls []string
			for _, v := range hp.Labels {
				ls = append(ls, head.Values[v])
			}
			fmt.Fprintf(w, "\n%s: %s   (%s)\n", head.Name, strings.Join(ls, ", "), strings.Join(probs, ", "))
		} else if hp.HasScore {
			fmt.Fprintf(w, "\n%s: %s   score %+.2f   (%s)\n", head.Name, head.Values[hp.Label], hp.Score, strings.Join(probs, ", "))
		} else {
			fmt.Fprintf(w, "\n%s: %s   (%s)\n", head.Name, head.Values[hp.Label], strings.Join(probs, ", "))
		}
		for _, x := range ex {
			if x.Head != head.Name {
				continue
			}
			if head.Multi {
				fmt.Fprintf(w, "  %s\n", x.Decision)
			}
			fmt.Fprintf(w, "  features that pushed toward %s:\n", strings.TrimPrefix(x.Decision, head.Name+"="))
			for _, c := range x.Features {
				fmt.Fprintf(w, "    %+7.3f  %s\n", c.Effect, c.Feature)
			}
			if len(x.Sentences) > 0 {
				fmt.Fprintf(w, "  sentences whose removal lowers P(%s) most:\n", strings.TrimPrefix(x.Decision, head.Name+"="))
				for _, s := range x.Sentences {
					fmt.Fprintf(w, "    -%.3f  %s\n", s.Effect, clip(s.Sentence, 160))
				}
			}
		}
	}
	return nil
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
