package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/stance-project/stance/active"
	"github.com/stance-project/stance/labels"
)

const suggestExample = `  stance suggest --labels mine.jsonl --top 20 articles/
  stance suggest --format jsonl --top 50 dump.jsonl > next.jsonl`

func runSuggest(e *env, args []string) error {
	fs := newFlags(e, "suggest")
	var modelPath, labelsPath, format string
	var top, workers int
	fs.StringVar(&modelPath, "model", "", "model file (default: the embedded model)")
	fs.StringVar(&labelsPath, "labels", "", "labels file (.jsonl or .csv) of articles already labelled: left out, and their neighbours ranked lower")
	fs.StringVar(&format, "format", "table", "output format: table or jsonl")
	fs.IntVar(&top, "top", 20, "how many articles to suggest")
	fs.IntVar(&workers, "workers", 2, "goroutines for scoring")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usagef("suggest needs articles: directories of .txt files or .jsonl files")
	case top < 1:
		return usagef("--top must be at least 1")
	case workers < 1:
		return usagef("--workers must be at least 1")
	case format != "table" && format != "jsonl":
		return usagef("--format %q: use table or jsonl", format)
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	var sets []*labels.LabelSet
	if labelsPath != "" {
		if sets, err = labels.ReadLabels(labelsPath, m.Schema); err != nil {
			return err
		}
	}
	p, err := interruptible(e.ctx(), "scoring", func() (*pool, error) { return loadPool(e.ctx(), e, m, pos, workers) })
	if err != nil {
		return err
	}
	if n := p.unscored(); n > 0 {
		fmt.Fprintf(e.stderr, "stance: warning: %d %s in a language the model does not read %s not ranked\n", n, plural(int64(n), "article", "articles"), plural(int64(n), "is", "are"))
	}
	if n := p.trainedCount(); n > 0 {
		fmt.Fprintf(e.stderr, "stance: warning: the model was trained on %d of the %d articles; it is surer of them than of new text, so they rank lower\n", n, len(p.arts))
	}
	picks := p.ranker(sets).Top(top)
	var b bytes.Buffer
	if format == "jsonl" {
		writeSuggestJSONL(&b, p, picks)
	} else {
		writeSuggestTable(&b, p, picks)
	}
	_, err = e.stdout.Write(b.Bytes())
	return err
}

func (p *pool) unscored() int {
	n := 0
	for _, pr := range p.preds {
		if pr == nil {
			n++
		}
	}
	return n
}

// leastSure names the pick's least sure head ("" when none).
func leastSure(p *pool, pk active.Pick) string {
	hs := p.cands[pk.Index].Heads
	if pk.LeastSure < 0 || pk.LeastSure >= len(hs) {
		return ""
	}
	return hs[pk.LeastSure].Name
}

func writeSuggestJSONL(b *bytes.Buffer, p *pool, picks []active.Pick) {
	type headOut struct {
		Label  *string            `json:"label,omitempty"`
		Labels []string           `json:"labels,omitempty"`
		Margin float64            `json:"margin"`
		Probs  map[string]float64 `json:"probs"`
	}
	for rank, pk := range picks {
		a := p.arts[pk.Index]
		heads := map[string]headOut{}
		single, multi := p.suggestion(pk.Index)
		for _, h := range p.cands[pk.Index].Heads {
			head := p.schema.Head(h.Name)
			o := headOut{Margin: round4(active.Margin(h)), Probs: map[string]float64{}}
			for v, x := range h.Probs {
				o.Probs[head.Values[v]] = round4(x)
			}
			if h.Multi {
				o.Labels = multi[h.Name]
				if o.Labels == nil {
					o.Labels = []string{}
				}
			} else {
				l := single[h.Name]
				o.Label = &l
			}
			heads[h.Name] = o
		}
		rec := struct {
			Rank        int                `json:"rank"`
			ID          string             `json:"id"`
			Priority    float64            `json:"priority"`
			Uncertainty float64            `json:"uncertainty"`
			LeastSure   string             `json:"least_sure"`
			Margin      float64            `json:"margin"`
			Similar     float64            `json:"similar"`
			Disagree    float64            `json:"disagree"`
			Heads       map[string]headOut `json:"heads"`
		}{rank + 1, a.ID, round4(pk.Priority), round4(pk.Uncertainty), leastSure(p, pk), round4(pk.Margin), round4(pk.Similar), round4(pk.Disagree), heads}
		line, _ := json.Marshal(rec)
		b.Write(line)
		b.WriteByte('\n')
	}
}

func round4(x float64) float64 {
	v, _ := json.Number(formatProb(x)).Float64()
	return v
}

func writeSuggestTable(b *bytes.Buffer, p *pool, picks []active.Pick) {
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	var names []string
	for _, h := range p.schema.Heads {
		names = append(names, h.Name)
	}
	fmt.Fprintf(tw, "rank\tid\tpriority\tuncertain\tleast sure: margin, closest values\tsimilar\tsuggestion (%s)\n", strings.Join(names, " / "))
	for rank, pk := range picks {
		single, multi := p.suggestion(pk.Index)
		var sug []string
		for _, h := range p.schema.Heads {
			if h.Multi {
				if v, ok := multi[h.Name]; ok && len(v) > 0 {
					sug = append(sug, strings.Join(v, "+"))
				} else if ok {
					sug = append(sug, "-")
				}
			} else if v, ok := single[h.Name]; ok {
				sug = append(sug, v)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.2f\t%s %.2f: %s\t%.2f\t%s\n", rank+1, p.arts[pk.Index].ID, pk.Priority, pk.Uncertainty,
			leastSure(p, pk), pk.Margin, closest(p, pk), pk.Similar, strings.Join(sug, " / "))
	}
	tw.Flush()
	if len(picks) == 0 {
		b.WriteString("nothing left to suggest: every article is labelled or not scored\n")
	}
}

// closest shows the values the least sure head hesitates between: a
// single-label head's two most probable values, a multi-label head's
// value nearest its threshold.
func closest(p *pool, pk active.Pick) string {
	hs := p.cands[pk.Index].Heads
	if pk.LeastSure < 0 || pk.LeastSure >= len(hs) {
		return ""
	}
	h := hs[pk.LeastSure]
	head := p.schema.Head(h.Name)
	if h.Multi {
		best, bestM := 0, 2.0
		for v := range h.Probs {
			if m := active.Margin(active.Head{Multi: true, Probs: h.Probs[v : v+1], Thresholds: thresholdOf(h, v)}); m < bestM {
				best, bestM = v, m
			}
		}
		return fmt.Sprintf("%s %.0f%%", head.Values[best], h.Probs[best]*100)
	}
	order := make([]int, len(h.Probs))
	for v := range order {
		order[v] = v
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(h.Probs[b], h.Probs[a]) })
	if len(order) < 2 {
		return ""
	}
	return fmt.Sprintf("%s %.0f%% / %s %.0f%%", head.Values[order[0]], h.Probs[order[0]]*100, head.Values[order[1]], h.Probs[order[1]]*100)
}

func thresholdOf(h active.Head, v int) []float64 {
	if v < len(h.Thresholds) {
		return h.Thresholds[v : v+1]
	}
	return nil
}
