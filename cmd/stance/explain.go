package main

import (
	"fmt"
	"github.com/stance-project/stance"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

const explainExample = `  stance explain testdata/corpus/articles/iran-state/001.txt
  stance explain --top 10 --model my.stance article.txt
  stance explain --id wire/002 testdata/corpus/articles
  stance explain --class iran=pro testdata/corpus/articles/iran-state/001.txt   # why not pro?`

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
	var modelPath, id, class string
	var top int
	var all bool
	var in inputFlags
	fs.StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	fs.IntVar(&top, "top", 8, "features to show per decision")
	fs.StringVar(&id, "id", "", "explain the article with this id (in a .jsonl, .csv or directory input)")
	fs.BoolVar(&all, "all", false, "explain every article of the input, one after another")
	fs.StringVar(&class, "class", "", "why (not) VALUE: the evidence for and against HEAD=VALUE (or VALUE when one head has it) compared with the chosen label")
	in.register(fs)
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) != 1:
		return usagef("explain takes one input: a .txt file, a .jsonl, .json, .csv or .html file, a directory (with --id or --all), or - for standard input")
	case top < 1:
		return usagef("--top must be at least 1")
	case id != "" && all:
		return usagef("use either --id or --all")
	}
	if err := in.check(); err != nil {
		return err
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	var cmpHead, cmpValue string
	if class != "" {
		if cmpHead, cmpValue, err = parseClass(m.Schema, class); err != nil {
			return err
		}
	}
	p, err := stance.New(m.Model)
	if err != nil {
		return err
	}
	_, err = interruptible(e.ctx(), "explaining", func() (struct{}, error) {
		return struct{}{}, eachArticle(e, pos[0], id, all, in, m.Schema.Name == "examples", func(a *labels.Article, n int) error {
			if n > 0 {
				fmt.Fprintln(e.stdout)
			}
			pred, ex := explainArticle(p, a, top, warner(e))
			names := newFeatureNamer(m.Schema, a.Text)
			if cmpHead == "" {
				if m.Train.NetworkAlone() && !slices.ContainsFunc(pred, func(hp classifier.HeadPrediction) bool { return len(hp.Probs) > 0 }) {
					// No head decided: a network alone, without the
					// example's mention (classifier.Model.Unreadable).
					writeHeader(e.stdout, a)
					fmt.Fprintf(e.stdout, "\nnot scored: %s\n", classifier.UnreadableReason)
					return nil
				}
				writeExplanation(e.stdout, m.Schema, a, pred, ex, names)
				return nil
			}
			c, err := p.Compare(explainedPart(a), cmpHead, cmpValue, top)
			if err != nil {
				return err
			}
			writeHeader(e.stdout, a)
			writeComparison(e.stdout, c, names)
			return nil
		})
	})
	return err
}

// parseClass reads --class: HEAD=VALUE, or VALUE when one head has it.
func parseClass(s *labels.Schema, class string) (head, value string, err error) {
	if h, v, ok := strings.Cut(class, "="); ok {
		hd := s.Head(h)
		if hd == nil {
			return "", "", usagef("--class %s: no head %q in the model", class, h)
		}
		if hd.Index(v) < 0 {
			return "", "", usagef("--class %s: head %s has no value %q; allowed: %s", class, h, v, strings.Join(hd.Values, ", "))
		}
		return h, v, nil
	}
	var heads []string
	for _, h := range s.Heads {
		if h.Index(class) >= 0 {
			heads = append(heads, h.Name)
		}
	}
	switch len(heads) {
	case 0:
		return "", "", usagef("--class %s: no head has that value; give HEAD=VALUE", class)
	case 1:
		return heads[0], class, nil
	}
	return "", "", usagef("--class %s: heads %s all have that value; give HEAD=VALUE, e.g. %s=%s", class, strings.Join(heads, ", "), heads[0], class)
}

// explainedPart is the part of a that explanations cover (explainArticle).
func explainedPart(a *labels.Article) *labels.Article {
	if len(a.Text) <= maxExplainBytes || a.HasSpan {
		return a
	}
	cut := *a
	cut.Text = labels.Truncate(a.Text, maxExplainBytes)
	return &cut
}

// eachArticle calls f on the article of path that explain explains: the
// one with the id id, every one (all), or the only one; an input with
// more than one article needs --id or --all.
// With examples (a model trained on stance examples), records are read as
// stance examples: their "target" and "span" drive the target features.
func eachArticle(e *env, path, id string, all bool, in inputFlags, examples bool, f func(a *labels.Article, n int) error) error {
	r, err := labels.Open([]string{path}, in.apply(labels.Options{Warn: warner(e), Stdin: e.stdin, Examples: examples}))
	if err != nil {
		return err
	}
	defer r.Close()
	var first *labels.Article
	n := 0
	for {
		a, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch {
		case id != "":
			if a.ID == id {
				return f(a, 0)
			}
		case all:
			if err := f(a, n); err != nil {
				return err
			}
			n++
		case first != nil:
			return usagef("%s holds more than one article (%q, %q, …); pick one with --id ID, or explain each with --all", path, first.ID, a.ID)
		default:
			first = a
		}
	}
	switch {
	case id != "":
		return fmt.Errorf("%s: no article with id %q", path, id)
	case first != nil:
		return f(first, 0)
	case n == 0:
		return fmt.Errorf("%s: no article", path)
	}
	return nil
}

// writeHeader names the article explained and where it came from.
func writeHeader(w io.Writer, a *labels.Article) {
	where := a.File
	if a.Line > 0 {
		where = fmt.Sprintf("%s, line %d", a.File, a.Line)
	}
	fmt.Fprintf(w, "article %s (%s)\n", a.ID, where)
}

func writeExplanation(w io.Writer, s *labels.Schema, a *labels.Article, pred []classifier.HeadPrediction, ex []stance.HeadExplanation, names *featureNamer) {
	writeHeader(w, a)
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
				writeDecision(w, head, x, names)
			}
		}
	}
	fmt.Fprintf(w, "\n(effects are in log-odds; 'stance explain --class HEAD=VALUE' shows the evidence for and against another value)\n")
}

func writeDecision(w io.Writer, head *labels.Head, x stance.HeadExplanation, names *featureNamer) {
	if head.Multi {
		fmt.Fprintf(w, "  %s\n", x.Decision)
	}
	value := strings.TrimPrefix(x.Decision, head.Name+"=")
	fmt.Fprintf(w, "  features that pushed toward %s:\n", value)
	writeContributions(w, x.Features, "+", names)
	if n := x.Network; n != nil {
		fmt.Fprintf(w, "  attention network (weight %.2f in the mix with the features above): P(%s) %.2f; the words it attended to most:\n", n.Weight, value, n.Prob)
		writeAttention(w, n)
	}
	if len(x.Sentences) > 0 {
		fmt.Fprintf(w, "  sentences whose removal lowers P(%s) most:\n", value)
		for _, s := range x.Sentences {
			fmt.Fprintf(w, "    -%.3f  %s\n", s.Effect, clip(s.Sentence, 160))
		}
	}
}

func writeContributions(w io.Writer, cs []stance.Contribution, sign string, names *featureNamer) {
	if len(cs) == 0 {
		fmt.Fprintf(w, "    (none)\n")
	}
	for _, c := range cs {
		fmt.Fprintf(w, "    %s%.3f  %s   [%s]\n", sign, c.Effect, names.phrase(c.Feature), c.Feature)
	}
}

// writeComparison writes the answer to "why (not) VALUE?".
func writeComparison(w io.Writer, c stance.Comparison, names *featureNamer) {
	verdict := "not chosen"
	if c.Chosen {
		verdict = "chosen"
	}
	fmt.Fprintf(w, "\n%s=%s: %s; P(%s) %.2f against P(%s) %.2f", c.Head, c.Value, verdict, c.Value, c.PValue, c.Versus, c.PVersus)
	if c.Threshold > 0 {
		fmt.Fprintf(w, " (chosen when P(%s) is at least %.2f)", c.Value, c.Threshold)
	}
	fmt.Fprintln(w)
	toward := c.Value
	if c.Prior < 0 {
		toward = c.Versus
	}
	fmt.Fprintf(w, "  the model's prior (intercepts), before any feature: %.3f toward %s\n", math.Abs(c.Prior), toward)
	fmt.Fprintf(w, "  evidence for %s over %s:\n", c.Value, c.Versus)
	writeContributions(w, c.For, "+", names)
	fmt.Fprintf(w, "  evidence against %s (for %s):\n", c.Value, c.Versus)
	writeContributions(w, c.Against, "-", names)
	if n := c.Network; n != nil {
		fmt.Fprintf(w, "  attention network (weight %.2f in the mix with the evidence above): P(%s) %.2f against P(%s) %.2f; the words it attended to most:\n", n.Weight, c.Value, n.Prob, c.Versus, c.NetworkPVersus)
		writeAttention(w, n)
	}
}

// writeAttention lists the words an attention network attended to most.
func writeAttention(w io.Writer, n *stance.NetworkExplanation) {
	for _, a := range n.Attention {
		mark := ""
		if a.Mention {
			mark = "   (the mention)"
		}
		fmt.Fprintf(w, "    %.3f  %s%s\n", a.Weight, a.Word, mark)
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
