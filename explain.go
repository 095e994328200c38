package stance

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// Contribution is how much one feature moved a head's decision: its value
// times its weight for the chosen class minus its mean weight over the
// classes (for a two-class model, weight of "present" minus "absent").
type Contribution struct {
	Feature string  `json:"feature"`
	Effect  float64 `json:"effect"`
}

// SentenceEffect is how much the probability of the chosen class falls when
// the sentence is removed from the article.
type SentenceEffect struct {
	Sentence string  `json:"sentence"`
	Effect   float64 `json:"effect"`
}

// HeadExplanation explains one head's decision.
type HeadExplanation struct {
	Head      string           `json:"head"`
	Decision  string           `json:"decision"`
	Features  []Contribution   `json:"features"`
	Sentences []SentenceEffect `json:"sentences,omitempty"`
	// Network is what the head's attention network made of a stance
	// example (nil without a network, or when the example's target is
	// not found in its text).
	Network *NetworkExplanation `json:"network,omitempty"`
}

// NetworkExplanation is an attention network's part in a decision: its
// own probability of the decided value, its weight in the mix with the
// linear model (whose part the Features show), and the words it attended
// to most, with their attention (the mean over its heads; all the
// sequence's weights sum to 1).
type NetworkExplanation struct {
	Weight    float64      `json:"weight"`
	Prob      float64      `json:"prob"`
	Attention []WordWeight `json:"attention"`
}

// WordWeight is a word of the text and its attention weight. Mention
// marks the words of the example's target mention.
type WordWeight struct {
	Word    string  `json:"word"`
	Weight  float64 `json:"weight"`
	Mention bool    `json:"mention,omitempty"`
}

// Explain scores a and explains each head's decision with its top
// features and the sentences whose removal lowers the decision's
// probability most (at most three). It is much slower than Score: it
// records feature names and rescores the article once per sentence.
func (m *Model) Explain(a Article, top int) (Result, []HeadExplanation) {
	pred, doc, ex := m.explain(&a, top)
	return m.result(&a, pred, doc.Mentions), ex
}

// ExplainPredictions is Explain with the raw predictions, for callers that
// lay out classifier.HeadPrediction themselves (the stance command).
func (m *Model) ExplainPredictions(a *Article, top int) ([]classifier.HeadPrediction, []HeadExplanation) {
	pred, _, ex := m.explain(a, top)
	return pred, ex
}

func (m *Model) explain(a *Article, top int) ([]classifier.HeadPrediction, *features.Doc, []HeadExplanation) {
	p := m.p
	fz := m.fz.Clone()
	fz.RecordNames(true)
	doc := fz.Featurize(a)
	names := fz.Names()
	pred := p.Predict(doc, nil)
	out := decisions(m, fz, doc, names, pred, top)
	if !a.HasSpan {
		sentenceEffects(m, fz, a, doc, pred, out)
	}
	return pred, doc, out
}

// maxSentenceEffects bounds the sentences listed per decision.
const maxSentenceEffects = 3

// decisions lists each trained head's decisions (one per chosen value) with
// the top features that pushed it: value times the weight's margin for
// the chosen class.
func decisions(m *Model, fz *features.Featurizer, doc *features.Doc, names map[uint32]string, pred []classifier.HeadPrediction, top int) []HeadExplanation {
	cm := m.m
	var out []HeadExplanation
	type choice struct {
		model int // index into the head's Models
		class int
		label string
	}
	for h := range cm.Heads {
		hm := &cm.Heads[h]
		head := &cm.Schema.Heads[h]
		if !hm.Trained {
			continue
		}
		var chosen []choice
		if !head.Multi {
			if pred[h].Label < 0 {
				continue // no decision (a network alone, without the example's mention)
			}
			chosen = append(chosen, choice{0, pred[h].Label, head.Values[pred[h].Label]})
		} else {
			for _, v := range pred[h].Labels {
				chosen = append(chosen, choice{v, 1, head.Values[v]})
			}
		}
		for _, ch := range chosen {
			class := ch.class
			agg := contributions(m.p, hm.Models[ch.model], ch.model, fz, doc, names, h, func(w []float32) float64 { return margin(w, class) })
			var cs []Contribution
			for n, e := range agg {
				if e > 0 && n != "" {
					cs = append(cs, Contribution{n, e})
				}
			}
			cs = topContributions(cs, top)
			dec := head.Name + "=" + ch.label
			hx := HeadExplanation{Head: head.Name, Decision: dec, Features: cs}
			if hm.Net != nil && doc.Seq != nil && !head.Multi {
				hx.Network, _ = networkExplanation(hm.Net, doc, class, top)
			}
			out = append(out, hx)
		}
	}
	return out
}

// networkExplanation is net's part in the decision class for doc: its
// probability and the top words by attention; and its log-probability of
// every class.
func networkExplanation(net *classifier.Net, doc *features.Doc, class, top int) (*NetworkExplanation, []float64) {
	seq := doc.Seq
	lp := make([]float64, net.K)
	net.LogProbs(seq, lp)
	att := net.Attention(seq)
	ws := make([]WordWeight, len(att))
	for i, a := range att {
		t := doc.Tokens[int(seq.From)+i]
		ws[i] = WordWeight{Word: string(doc.Text[t.Start:t.End]), Weight: a, Mention: int32(i) >= seq.Mention[0] && int32(i) < seq.Mention[1]}
	}
	// Heaviest first; among equals, the earlier word.
	slices.SortStableFunc(ws, func(a, b WordWeight) int { return cmp.Compare(b.Weight, a.Weight) })
	if len(ws) > top {
		ws = ws[:top]
	}
	return &NetworkExplanation{Weight: net.Cfg.Weight, Prob: math.Exp(lp[class]), Attention: ws}, lp
}

// contributions sums, per feature name, the feature's value times
// weigh(its weights for each class) under the linear model l, model j of
// head h. Bucket weights come from the predictor's table, the weights the
// scores were computed with (so explanations add up to them, and need no
// sparse weights: score --explain runs on a released model); dense
// weights and biases from l.
func contributions(p *classifier.Predictor, l *classifier.Linear, j int, fz *features.Featurizer, doc *features.Doc, names map[uint32]string, h int, weigh func(w []float32) float64) map[string]float64 {
	agg := map[string]float64{}
	var w []float32
	add := func(sp features.Sparse) {
		for i, b := range sp.Idx {
			w = p.Weights(h, j, b, w)
			agg[names[b]] += float64(sp.Val[i]) * weigh(w)
		}
	}
	add(doc.Shared)
	add(doc.Heads[h])
	if doc.Dense != nil && len(l.Dense) > 0 {
		for j, v := range doc.Dense[h] {
			if v != 0 {
				agg[fz.DenseName(h, j)] += float64(v) * weigh(l.Dense[j*l.K:(j+1)*l.K])
			}
		}
	}
	return agg
}

// sentenceEffects adds to each decision the sentences whose removal lowers
// its probability most, by occlusion: the article is rescored without each
// sentence in turn.
func sentenceEffects(m *Model, fz *features.Featurizer, a *Article, doc *features.Doc, pred []classifier.HeadPrediction, out []HeadExplanation) {
	p, cm := m.p, m.m
	text, toks := doc.Text, doc.Tokens
	type sent struct{ from, to int32 }
	var sents []sent
	for i, t := range toks {
		if i == 0 || t.Sent != toks[i-1].Sent {
			sents = append(sents, sent{t.Start, t.End})
		} else {
			sents[len(sents)-1].to = t.End
		}
	}
	textCopy := string(text)
	plain := fz.Clone()
	if len(sents) > 1 {
		effects := make([][]SentenceEffect, len(out))
		for _, s := range sents {
			b := textCopy[:s.from] + textCopy[s.to:]
			cut := &labels.Article{ID: a.ID, Text: b, Target: a.Target}
			pd := p.Predict(plain.Featurize(cut), nil)
			for e := range out {
				hIdx := headIndex(cm.Schema, out[e].Head)
				label := strings.TrimPrefix(out[e].Decision, out[e].Head+"=")
				v := cm.Schema.Heads[hIdx].Index(label)
				before, after := pred[hIdx].Probs[v], pd[hIdx].Probs[v]
				if d := before - after; d > 0 {
					effects[e] = append(effects[e], SentenceEffect{strings.TrimSpace(textCopy[s.from:s.to]), d})
				}
			}
		}
		for e := range out {
			es := effects[e]
			slices.SortStableFunc(es, func(a, b SentenceEffect) int {
				switch {
				case a.Effect > b.Effect:
					return -1
				case a.Effect < b.Effect:
					return 1
				}
				return 0
			})
			if len(es) > maxSentenceEffects {
				es = es[:maxSentenceEffects]
			}
			out[e].Sentences = es
		}
	}
}

func headIndex(s *labels.Schema, name string) int {
	for i := range s.Heads {
		if s.Heads[i].Name == name {
			return i
		}
	}
	return -1
}

// margin is w[c] minus the mean of w.
func margin(w []float32, c int) float64 {
	mean := 0.0
	for _, x := range w {
		mean += float64(x)
	}
	mean /= float64(len(w))
	return float64(w[c]) - mean
}
