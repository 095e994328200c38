package eval

import (
	"slices"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// majority is a majority-class baseline for one head: the values it
// predicts for every article (one for a single-label head; any number,
// possibly none, for a multi-label head).
type majority []int

// majorityOf returns the baseline prediction from training counts: the most
// frequent value (first in schema order on ties), or for a multi-label head
// the values held by more than half of the training articles. It is nil for
// an untrained head.
func majorityOf(head *labels.Head, hm *classifier.HeadModel) majority {
	if !hm.Trained || len(hm.Counts) == 0 {
		return nil
	}
	if head.Multi {
		out := majority{}
		for v, c := range hm.Counts {
			if 2*c > hm.N {
				out = append(out, v)
			}
		}
		return out
	}
	best := 0
	for v, c := range hm.Counts {
		if c > hm.Counts[best] {
			best = v
		}
	}
	return majority{best}
}

// predictions are the baseline's predictions of head h for rows, in the
// shape a model gives (other heads predict nothing), so that the baseline
// is scored through collect like a model. The predicted values get
// probability 1. A single-label head without exactly one value predicts
// nothing.
func (m majority) predictions(ds *classifier.Dataset, h int, rows []int) *Predictions {
	head := &ds.Schema.Heads[h]
	p := &Predictions{Rows: rows, Pred: make([][]classifier.HeadPrediction, len(rows))}
	for j := range rows {
		hp := make([]classifier.HeadPrediction, len(ds.Schema.Heads))
		for k := range hp {
			hp[k].Label = -1
		}
		if head.Multi || len(m) == 1 {
			hp[h].Probs = make([]float64, len(head.Values))
			for _, v := range m {
				hp[h].Probs[v] = 1
			}
		}
		if head.Multi {
			hp[h].Labels = m
		} else if len(m) == 1 {
			hp[h].Label = m[0]
		}
		p.Pred[j] = hp
	}
	return p
}

// names appends the names of m's values not already in dst.
func (m majority) names(head *labels.Head, dst []string) []string {
	for _, v := range m {
		if !slices.Contains(dst, head.Values[v]) {
			dst = append(dst, head.Values[v])
		}
	}
	return dst
}

// baselineOf scores the baseline's predictions d of head; predicts names
// what it predicted.
func baselineOf(head *labels.Head, d headData, predicts []string) *Baseline {
	b := &Baseline{Predicts: predicts}
	if predicts == nil {
		b.Predicts = []string{}
	}
	if head.Multi {
		rows, _ := MultiRows(d.gm, d.pm, head.Values)
		mac, _ := Averages(rows)
		b.MacroF1 = mac.F1
		return b
	}
	k := len(head.Values)
	b.Accuracy = Accuracy(d.gold, d.pred)
	b.MacroF1 = MacroF1(d.gold, d.pred, k)
	if sc := head.Score; sc != nil {
		f := FAvg(d.gold, d.pred, k, head.Index(sc.Plus), head.Index(sc.Minus))
		b.FAvg = &f
	}
	return b
}
