package main

import (
	"github.com/stance-project/stance"
	"io"
	"strconv"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// encoder renders scored articles in one output format.
//
// begin is called once, with the first article, before any record;
// record may then be called from several goroutines at once; header and
// footer are called by the writer, around the records in input order.
type encoder interface {
	begin(first *labels.Article) error
	header() []byte
	record(dst []byte, a *labels.Article, pred []classifier.HeadPrediction, cov *stance.Coverage, ex []stance.HeadExplanation) []byte
	// check inspects each article, in input order, before it is scored
	// (for warnings about what the format cannot carry).
	check(a *labels.Article)
	footer(w io.Writer) error
}

// headView is one head's prediction as every format shows it.
type headView struct {
	head     *labels.Head
	scored   bool     // false: the model has no classifier for the head
	label    string   // single-label heads
	labels   []string // multi-label heads
	hasScore bool
	score    float64
	hasExtra bool // the score's extra value, e.g. "balanced"
	extraP   float64
	probs    []float64
}

func viewOf(h *labels.Head, p *classifier.HeadPrediction) headView {
	v := headView{head: h, scored: len(p.Probs) > 0, probs: p.Probs}
	if !v.scored {
		return v
	}
	if h.Multi {
		for _, i := range p.Labels {
			v.labels = append(v.labels, h.Values[i])
		}
		return v
	}
	v.label = h.Values[p.Label]
	if p.HasScore {
		v.hasScore, v.score = true, p.Score
		if ex := h.Score.Extra; ex != "" {
			v.hasExtra, v.extraP = true, p.Probs[h.Index(ex)]
		}
	}
	return v
}

func views(s *labels.Schema, pred []classifier.HeadPrediction) []headView {
	out := make([]headView, len(s.Heads))
	for i := range s.Heads {
		out[i] = viewOf(&s.Heads[i], &pred[i])
	}
	return out
}

func appendProb(b []byte, x float64) []byte { return strconv.AppendFloat(b, x, 'f', 4, 64) }

func formatProb(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// renameKey returns key, or "input_"+key (repeated as needed) when key is
// taken by the program's own output or by another field of the record.
func renameKey(key string, taken func(string) bool) string {
	if !taken(key) {
		return key
	}
	k := "input_" + key
	for taken(k) {
		k = "input_" + k
	}
	return k
}

// targetHeads are the heads with a target (whose mentions coverage counts).
func targetHeads(s *labels.Schema) []int {
	var out []int
	for i := range s.Heads {
		if s.Heads[i].Target != nil {
			out = append(out, i)
		}
	}
	return out
}
