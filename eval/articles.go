package eval

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/stance-project/stance/classifier"
)

// ArticlePrediction is one labelled article's gold and predicted labels,
// head by head: what a report's figures are counted from.
type ArticlePrediction struct {
	ID string `json:"id"`
	// Row is the article's row in the dataset.
	Row int `json:"-"`
	// Fold is the cross-validation fold (counted from 1) whose model
	// predicted the article; 0 when a model file did.
	Fold  int           `json:"fold,omitempty"`
	Heads []ArticleHead `json:"heads"`
}

// ArticleHead is one head of an ArticlePrediction; only heads labelled for
// the article appear.
type ArticleHead struct {
	Head string `json:"head"`
	// Gold and Pred are a single-label head's values; GoldLabels and
	// PredLabels a multi-label head's, in value order.
	Gold       string   `json:"gold,omitempty"`
	Pred       string   `json:"pred,omitempty"`
	GoldLabels []string `json:"gold_labels,omitempty"`
	PredLabels []string `json:"pred_labels,omitempty"`
	// Probs are the predicted probabilities (a multi-label head's: of each
	// value being present).
	Probs LabelProbs `json:"probs"`
	Wrong bool       `json:"wrong"`
	// Evidence is, for a wrong prediction when the caller asked for it,
	// what pushed the model to its decision (see package stance's
	// Explain).
	Evidence []string `json:"evidence,omitempty"`
}

// Articles lists the labelled rows of p in dataset row order, with each
// labelled head's gold and predicted values and probabilities.
func Articles(ds *classifier.Dataset, p *Predictions) []ArticlePrediction {
	if p == nil {
		return nil
	}
	order := make([]int, len(p.Rows))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int { return p.Rows[a] - p.Rows[b] })
	var out []ArticlePrediction
	for _, j := range order {
		i := p.Rows[j]
		l := ds.Labels[i]
		if l == nil {
			continue
		}
		a := ArticlePrediction{ID: ds.IDs[i], Row: i}
		if p.Fold != nil {
			a.Fold = p.Fold[j] + 1
		}
		for h := range ds.Schema.Heads {
			head := &ds.Schema.Heads[h]
			hp := p.Pred[j][h]
			if hp.Probs == nil {
				continue
			}
			ah := ArticleHead{Head: head.Name, Probs: LabelProbs{head.Values, slices.Clone(hp.Probs)}}
			if head.Multi {
				vals, ok := l.Multi[head.Name]
				if !ok {
					continue
				}
				gold := make([]bool, len(head.Values))
				for _, v := range vals {
					gold[head.Index(v)] = true
				}
				pred := make([]bool, len(head.Values))
				for _, v := range hp.Labels {
					pred[v] = true
				}
				ah.GoldLabels, ah.PredLabels = []string{}, []string{}
				for v, name := range head.Values {
					if gold[v] {
						ah.GoldLabels = append(ah.GoldLabels, name)
					}
					if pred[v] {
						ah.PredLabels = append(ah.PredLabels, name)
					}
				}
				ah.Wrong = !slices.Equal(gold, pred)
			} else {
				v, ok := l.Single[head.Name]
				if !ok || hp.Label < 0 {
					continue
				}
				ah.Gold, ah.Pred = v, head.Values[hp.Label]
				ah.Wrong = ah.Gold != ah.Pred
			}
			a.Heads = append(a.Heads, ah)
		}
		if len(a.Heads) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// Wrong reports whether any head of a was predicted wrong.
func (a *ArticlePrediction) Wrong() bool {
	for _, h := range a.Heads {
		if h.Wrong {
			return true
		}
	}
	return false
}

// LabelProbs are probabilities in a head's value order; as JSON, an
// object from value to probability in that order.
type LabelProbs struct {
	Labels []string
	P      []float64
}

// MarshalJSON writes {"value": p, ...} in value order.
func (lp LabelProbs) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, p := range lp.P {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, lp.Labels[i])
		b = append(b, ':')
		b = strconv.AppendFloat(b, p, 'f', 4, 64)
	}
	return append(b, '}'), nil
}

// String gives the probabilities as "value 0.12 value 0.80 ...".
func (lp LabelProbs) String() string {
	var b strings.Builder
	for i, p := range lp.P {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s %.2f", lp.Labels[i], p)
	}
	return b.String()
}

// GoldString and PredString give the gold and predicted values ("-" for
// an empty multi-label set).
func (h *ArticleHead) GoldString() string { return valueString(h.Gold, h.GoldLabels) }
func (h *ArticleHead) PredString() string { return valueString(h.Pred, h.PredLabels) }

func valueString(single string, multi []string) string {
	if multi == nil {
		return single
	}
	if len(multi) == 0 {
		return "-"
	}
	return strings.Join(multi, "+")
}

// WriteErrors writes one line per wrong prediction in arts: the article,
// the fold that predicted it (under cross-validation), the head, the gold
// and predicted values, and the probabilities; then a count.
func WriteErrors(w io.Writer, arts []ArticlePrediction) error {
	t := newTable(w).Options(tablewriter.WithHeaderAlignment(tw.AlignLeft), tablewriter.WithRowAlignment(tw.AlignLeft))
	t.Header("id", "fold", "head", "gold", "predicted", "probabilities")
	wrong, heads := 0, 0
	for _, a := range arts {
		fold := ""
		if a.Fold > 0 {
			fold = strconv.Itoa(a.Fold)
		}
		for _, h := range a.Heads {
			heads++
			if !h.Wrong {
				continue
			}
			wrong++
			t.Append(a.ID, fold, h.Head, h.GoldString(), h.PredString(), h.Probs.String())
		}
	}
	if wrong > 0 {
		if err := t.Render(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d wrong of %d labelled head predictions, in %d articles\n", wrong, heads, len(arts))
	return err
}
