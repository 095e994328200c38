package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/active"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// pool is the articles `label` and `suggest` choose from: each with the
// model's predictions (nil for an article in a language the model does
// not read) and a term vector for the diversity term.
type pool struct {
	model  *stance.Model
	schema *labels.Schema
	arts   []*labels.Article
	preds  [][]classifier.HeadPrediction
	reason []string // why an article is not scored ("" when it is)
	// trained marks the articles the model was trained on (by the text
	// fingerprints its file records): its suggestions there are surer
	// than on new text.
	trained []bool
	cands   []active.Candidate
	index   map[string]int
}

// loadPool reads the inputs and predicts every article with the model,
// on workers goroutines.
func loadPool(ctx context.Context, e *env, m *loadedModel, inputs []string, workers int) (*pool, error) {
	arts, err := labels.ReadAll(inputs, labels.Options{Warn: warner(e), Stdin: e.stdin})
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("%s: no articles", inputs[0])
	}
	if err := uniqueIDs(arts); err != nil {
		return nil, err
	}
	sm, err := stance.New(m.Model)
	if err != nil {
		return nil, err
	}
	p := &pool{model: sm, schema: m.Schema, arts: arts, preds: make([][]classifier.HeadPrediction, len(arts)),
		reason: make([]string, len(arts)), index: make(map[string]int, len(arts))}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			wk := sm.NewWorker()
			for i := w; i < len(arts); i += workers {
				if ctx.Err() != nil {
					return
				}
				pred, cov := wk.PredictCoverage(arts[i], nil)
				if cov.Scored {
					p.preds[i] = pred
				} else {
					p.reason[i] = cov.Reason
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	texts := make([]string, len(arts))
	p.trained = make([]bool, len(arts))
	for i, a := range arts {
		texts[i] = a.Text
		p.index[a.ID] = i
		p.trained[i] = m.Data != nil && m.Data.Contains(a.Text)
	}
	vz := active.NewVectorizer(texts)
	p.cands = make([]active.Candidate, len(arts))
	for i, a := range arts {
		p.cands[i] = active.Candidate{ID: a.ID, Vec: vz.Vector(a.Text), Heads: p.activeHeads(i)}
	}
	return p, nil
}

// trainedCount is how many articles the model was trained on.
func (p *pool) trainedCount() int {
	n := 0
	for _, t := range p.trained {
		if t {
			n++
		}
	}
	return n
}

// activeHeads are article i's predictions as package active reads them
// (none for an article not scored).
func (p *pool) activeHeads(i int) []active.Head {
	if p.preds[i] == nil {
		return nil
	}
	cm := p.model.Classifier()
	var out []active.Head
	for h, pr := range p.preds[i] {
		head := &p.schema.Heads[h]
		if len(pr.Probs) == 0 || !cm.Heads[h].Trained {
			continue
		}
		ah := active.Head{Name: head.Name, Multi: head.Multi, Probs: pr.Probs}
		for _, t := range cm.Heads[h].Thresholds {
			ah.Thresholds = append(ah.Thresholds, float64(t))
		}
		out = append(out, ah)
	}
	return out
}

// suggestion is the model's labels for article i: single-label head →
// value and multi-label head → values (both empty when it is not scored).
func (p *pool) suggestion(i int) (map[string]string, map[string][]string) {
	single, multi := map[string]string{}, map[string][]string{}
	if p.preds[i] == nil {
		return single, multi
	}
	for h, pr := range p.preds[i] {
		head := &p.schema.Heads[h]
		switch {
		case len(pr.Probs) == 0:
		case head.Multi:
			vals := []string{}
			for _, v := range pr.Labels {
				vals = append(vals, head.Values[v])
			}
			multi[head.Name] = vals
		case pr.Label >= 0:
			single[head.Name] = head.Values[pr.Label]
		}
	}
	return single, multi
}

// disagreement is the share of heads labelled in ls on which the
// annotator chose otherwise than the model (0 for an article not scored).
func (p *pool) disagreement(i int, ls *labels.LabelSet) float64 {
	single, multi := p.suggestion(i)
	n, wrong := 0, 0
	for _, h := range p.schema.Heads {
		if h.Multi {
			got, ok := ls.Multi[h.Name]
			want, ok2 := multi[h.Name]
			if ok && ok2 {
				n++
				if !sameSet(got, want) {
					wrong++
				}
			}
			continue
		}
		got, ok := ls.Single[h.Name]
		want, ok2 := single[h.Name]
		if ok && ok2 {
			n++
			if got != want {
				wrong++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(wrong) / float64(n)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// ranker returns an active-learning ranker over the scored articles that
// has learnt from the labelled ones (sets): those are done, their
// disagreement with the model counts, and their class shares re-weigh
// the model's probabilities. Articles not scored are done from
// the start: the model has nothing to say about them.
func (p *pool) ranker(sets []*labels.LabelSet) *active.Ranker {
	r := active.NewRanker(p.cands, active.DefaultConfig())
	for i := range p.arts {
		if p.preds[i] == nil {
			r.Done(i)
		}
	}
	for _, ls := range sets {
		if i, ok := p.index[ls.ID]; ok {
			r.Done(i)
			r.Observe(p.cands[i].Vec, p.disagreement(i, ls))
		}
	}
	r.AdjustPriors(p.labelCounts(sets))
	return r
}

// labelCounts counts the labels given per single-label head and value,
// for active.Ranker.AdjustPriors.
func (p *pool) labelCounts(sets []*labels.LabelSet) map[string][]float64 {
	out := map[string][]float64{}
	for _, h := range p.schema.Heads {
		if h.Multi {
			continue
		}
		c := make([]float64, len(h.Values))
		for _, ls := range sets {
			if v := h.Index(ls.Single[h.Name]); v >= 0 {
				c[v]++
			}
		}
		out[h.Name] = c
	}
	return out
}

// orderOf returns the article indices in input order, or shuffled
// reproducibly by seed for "random".
func (p *pool) orderOf(order string, seed uint64) []int {
	idx := make([]int, len(p.arts))
	for i := range idx {
		idx[i] = i
	}
	if order == "random" {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
	}
	return idx
}
