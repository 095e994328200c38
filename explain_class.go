package stance

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stance-project/stance/classifier"
)

// Comparison answers "why not VALUE?" for one head of one article: the
// evidence for and against VALUE, each feature's value times its weight
// for VALUE minus its weight for the label it is compared with.
type Comparison struct {
	Head string `json:"head"`
	// Value is the value asked about, Versus the one it is compared with:
	// the head's label (for a single-label head; the runner-up when Value
	// is the label), or Value's absence (for a multi-label head).
	Value  string `json:"value"`
	Versus string `json:"versus"`
	// PValue and PVersus are their probabilities; Chosen says whether the
	// model chose Value.
	PValue  float64 `json:"p_value"`
	PVersus float64 `json:"p_versus"`
	Chosen  bool    `json:"chosen"`
	// Threshold is a multi-label value's decision threshold on PValue.
	Threshold float64 `json:"threshold,omitempty"`
	// Prior is the intercepts' part of the difference (positive: toward
	// Value), the part no feature of the article explains.
	Prior float64 `json:"prior"`
	// For and Against are the features pushing toward and away from
	// Value, largest first (Against's effects are positive too).
	For     []Contribution `json:"for"`
	Against []Contribution `json:"against"`
	// Network is the head's attention network's part (single-label heads
	// of a stance example whose target is found in its text): its
	// P(Value) and the words it attended to most; NetworkPVersus is its
	// P(Versus). For and Against are the linear model's part of the mix.
	Network        *NetworkExplanation `json:"network,omitempty"`
	NetworkPVersus float64             `json:"network_p_versus,omitempty"`
}

// Compare explains one head's decision against value: why the model chose
// or did not choose it. It returns an error for an unknown head or value,
// or a head the model did not train.
func (m *Model) Compare(a *Article, head, value string, top int) (Comparison, error) {
	cm := m.m
	h := headIndex(cm.Schema, head)
	if h < 0 {
		var names []string
		for _, x := range cm.Schema.Heads {
			names = append(names, x.Name)
		}
		return Comparison{}, fmt.Errorf("no head %q; the heads are %s", head, strings.Join(names, ", "))
	}
	sh, hm := &cm.Schema.Heads[h], &cm.Heads[h]
	v := sh.Index(value)
	if v < 0 {
		return Comparison{}, fmt.Errorf("head %s has no value %q; allowed: %s", head, value, strings.Join(sh.Values, ", "))
	}
	if !hm.Trained {
		return Comparison{}, fmt.Errorf("head %s was not trained (it had no labels)", head)
	}
	fz := m.fz.Clone()
	fz.RecordNames(true)
	doc := fz.Featurize(a)
	pred := m.p.Predict(doc, nil)[h]
	if !sh.Multi && pred.Label < 0 {
		return Comparison{}, fmt.Errorf("head %s gives this article no label: %s", head, classifier.UnreadableReason)
	}
	c := Comparison{Head: head, Value: value}
	var l *classifier.Linear
	j := 0           // l is the head's Models[j]
	var pos, neg int // classes compared: toward Value, toward Versus
	if sh.Multi {
		l, j, pos, neg = hm.Models[v], v, 1, 0
		c.Versus = "not " + value
		c.PValue, c.PVersus = pred.Probs[v], 1-pred.Probs[v]
		c.Chosen = slices.Contains(pred.Labels, v)
		if v < len(hm.Thresholds) {
			c.Threshold = float64(hm.Thresholds[v])
		}
	} else {
		l, pos, neg = hm.Models[0], v, pred.Label
		if v == pred.Label { // compare with the runner-up
			neg = -1
			for k := range pred.Probs {
				if k != v && (neg < 0 || pred.Probs[k] > pred.Probs[neg]) {
					neg = k
				}
			}
		}
		c.Versus, c.PValue, c.PVersus, c.Chosen = sh.Values[neg], pred.Probs[v], pred.Probs[neg], v == pred.Label
	}
	if len(l.Bias) == l.K {
		c.Prior = float64(l.Bias[pos] - l.Bias[neg])
	}
	agg := contributions(m.p, l, j, fz, doc, fz.Names(), h, func(w []float32) float64 { return float64(w[pos] - w[neg]) })
	for n, e := range agg {
		switch {
		case n == "":
		case e > 0:
			c.For = append(c.For, Contribution{n, e})
		case e < 0:
			c.Against = append(c.Against, Contribution{n, -e})
		}
	}
	c.For, c.Against = topContributions(c.For, top), topContributions(c.Against, top)
	if hm.Net != nil && doc.Seq != nil && !sh.Multi {
		var lp []float64
		c.Network, lp = networkExplanation(hm.Net, doc, v, top)
		c.NetworkPVersus = math.Exp(lp[neg])
	}
	return c, nil
}

// topContributions sorts by effect, largest first (ties by name), and
// keeps the first top.
func topContributions(cs []Contribution, top int) []Contribution {
	slices.SortFunc(cs, func(a, b Contribution) int {
		switch {
		case a.Effect > b.Effect:
			return -1
		case a.Effect < b.Effect:
			return 1
		}
		return strings.Compare(a.Feature, b.Feature)
	})
	if len(cs) > top {
		cs = cs[:top]
	}
	return cs
}
