package stance

import (
	"fmt"

	"github.com/stance-project/stance/classifier"
)

// Result is a model's output for one article.
type Result struct {
	ID string
	// Lang is the article's language as detected (ISO 639-1, "und" for a
	// language the detector does not know, "" for a text too short to
	// tell).
	Lang string
	// Scored is false when the model does not read the article's
	// language: the heads then carry no labels, and Reason says why.
	Scored bool
	Reason string
	// Heads is parallel to the model's schema heads.
	Heads []HeadResult
}

// HeadResult is one head's output.
type HeadResult struct {
	Head string
	// Target names what a stance head is about ("" for heads about the
	// whole article, such as frames).
	Target string
	// Label is a single-label head's most probable value; Labels are a
	// multi-label head's values at or over their thresholds. Both are
	// empty for a head the model was not trained on.
	Label  string
	Labels []string
	// Score is P(plus) − P(minus) for heads that define a score (the
	// stance heads: pro minus anti); HasScore says whether there is one.
	Score    float64
	HasScore bool
	// Probs holds one probability per value, in the schema's value order:
	// P(value) for a single-label head, P(value present) for a multi-label
	// head.
	Probs []Prob
	// Mentions is the head's coverage: how many mentions of its target
	// the article has (for a stance example, of the example's own
	// target). A stance label read from an article with no mentions rests
	// on article-wide features only.
	Mentions int
	// Note explains a label to be read with care: a stance head whose
	// target the article never names (the label, usually neutral or none,
	// then rests on article-wide words only).
	Note string
}

// Prob is the probability of one value.
type Prob struct {
	Value string
	P     float64
}

// Head returns the result of the head named name.
func (r *Result) Head(name string) (HeadResult, bool) {
	for _, h := range r.Heads {
		if h.Head == name {
			return h, true
		}
	}
	return HeadResult{}, false
}

// result names the predictions pred of article a; mentions is per head.
func (m *Model) result(a *Article, pred []classifier.HeadPrediction, mentions []int) Result {
	s := m.m.Schema
	r := Result{ID: a.ID, Scored: true, Heads: make([]HeadResult, len(pred))}
	for h := range pred {
		head, p := &s.Heads[h], &pred[h]
		hr := HeadResult{Head: head.Name, Score: p.Score, HasScore: p.HasScore, Mentions: mentions[h]}
		if head.Target != nil {
			hr.Target = head.Target.Name
		} else if a.Target != "" && !head.Multi {
			hr.Target = a.Target
		}
		if hr.Target != "" && hr.Mentions == 0 {
			hr.Note = fmt.Sprintf("%s is not named: the label rests on article-wide words only", hr.Target)
		}
		if len(p.Probs) > 0 {
			hr.Probs = make([]Prob, len(p.Probs))
			for v, x := range p.Probs {
				hr.Probs[v] = Prob{head.Values[v], x}
			}
			if p.Label >= 0 {
				hr.Label = head.Values[p.Label]
			}
			for _, v := range p.Labels {
				hr.Labels = append(hr.Labels, head.Values[v])
			}
		}
		r.Heads[h] = hr
	}
	return r
}

// unscored is the result for an article in a language the model does not
// read: every head named, none labelled.
func (m *Model) unscored(a *Article, c Coverage) Result {
	s := m.m.Schema
	r := Result{ID: a.ID, Lang: c.Lang, Reason: c.Reason, Heads: make([]HeadResult, len(s.Heads))}
	for h := range s.Heads {
		r.Heads[h] = HeadResult{Head: s.Heads[h].Name}
		if t := s.Heads[h].Target; t != nil {
			r.Heads[h].Target = t.Name
		}
	}
	return r
}
