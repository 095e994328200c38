package active

import (
	"math"
)

// Head is one head's prediction for a candidate.
type Head struct {
	Name  string
	Multi bool
	// Probs is a distribution over the values for a single-label head,
	// and P(value present) per value for a multi-label head.
	Probs []float64
	// Thresholds are a multi-label head's decision thresholds per value
	// (nil: 0.5 each).
	Thresholds []float64
}

// Margin is how sure the head is, in [0, 1]: P(first) − P(second) for a
// single-label head; for a multi-label head, the smallest over its values
// of the distance from the threshold as a share of the way to 0 or 1. A
// head with fewer than two probabilities (single-label) or none
// (multi-label) has margin 1.
func Margin(h Head) float64 {
	if !h.Multi {
		if len(h.Probs) < 2 {
			return 1
		}
		first, second := math.Inf(-1), math.Inf(-1)
		for _, p := range h.Probs {
			switch {
			case p > first:
				first, second = p, first
			case p > second:
				second = p
			}
		}
		return clamp01(first - second)
	}
	m := 1.0
	for v, p := range h.Probs {
		t := 0.5
		if v < len(h.Thresholds) {
			t = h.Thresholds[v]
		}
		var d float64
		switch {
		case p >= t && t < 1:
			d = (p - t) / (1 - t)
		case p < t && t > 0:
			d = (t - p) / t
		default:
			d = 1
		}
		m = math.Min(m, clamp01(d))
	}
	return m
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// Uncertainty is the mean over heads of 1 − Margin, and the least sure
// head (its index; -1 when there are no heads).
func Uncertainty(heads []Head) (u float64, leastSure int) {
	if len(heads) == 0 {
		return 0, -1
	}
	leastSure, low := -1, math.Inf(1)
	for i, h := range heads {
		m := Margin(h)
		u += 1 - m
		if m < low {
			leastSure, low = i, m
		}
	}
	return u / float64(len(heads)), leastSure
}

// Candidate is an unlabelled article to rank.
type Candidate struct {
	ID    string
	Heads []Head
	Vec   Vector
}

// Config weighs the terms of a candidate's priority.
type Config struct {
	// Diversity is the weight of the similarity to the nearest article
	// already labelled or picked (0: pure uncertainty sampling).
	Diversity float64
	// Feedback is the weight of nearby disagreement with the model.
	Feedback float64
}

// DefaultConfig is the weighting `stance label` and `stance suggest` use.
// A near-duplicate (similarity about 1) of a labelled article loses half
// of the largest possible uncertainty.
func DefaultConfig() Config { return Config{Diversity: 0.5, Feedback: 0.3} }

// Pick is a ranked candidate and why it ranks where it does.
type Pick struct {
	Index       int
	Priority    float64
	Uncertainty float64
	// LeastSure is the index (into the candidate's Heads) of the head
	// with the smallest margin, and Margin that margin (after
	// AdjustPriors, of the re-weighed probabilities).
	LeastSure int
	Margin    float64
	// Similar is the cosine similarity to the most similar article
	// labelled or picked before this one.
	Similar float64
	// Disagree is the nearby disagreement with the model.
	Disagree float64
}

// Ranker orders candidates for labelling. It is not safe for concurrent
// use.
type Ranker struct {
	cfg   Config
	cands []Candidate
	// heads are the candidates' heads as ranked: the model's, or after
	// AdjustPriors a copy with re-weighed probabilities.
	heads [][]Head
	// prior is each single-label head's mean probability per value over
	// the candidates: the model's class prior on this pool.
	prior map[string][]float64
	unc   []float64
	least []int
	// maxSim is each candidate's largest similarity to an observed
	// article; wrong and near accumulate sim × disagreement and sim.
	maxSim, wrong, near []float64
	done                []bool
}

// NewRanker prepares to rank cands. The slice is kept, not copied.
func NewRanker(cands []Candidate, cfg Config) *Ranker {
	n := len(cands)
	r := &Ranker{cfg: cfg, cands: cands, unc: make([]float64, n), least: make([]int, n),
		maxSim: make([]float64, n), wrong: make([]float64, n), near: make([]float64, n), done: make([]bool, n)}
	r.heads = make([][]Head, n)
	r.prior = map[string][]float64{}
	count := map[string]int{}
	for i, c := range cands {
		r.heads[i] = c.Heads
		r.unc[i], r.least[i] = Uncertainty(c.Heads)
		for _, h := range c.Heads {
			if h.Multi {
				continue
			}
			pr := r.prior[h.Name]
			if pr == nil {
				pr = make([]float64, len(h.Probs))
				r.prior[h.Name] = pr
			}
			if len(pr) == len(h.Probs) {
				for v, p := range h.Probs {
					pr[v] += p
				}
				count[h.Name]++
			}
		}
	}
	for name, pr := range r.prior {
		for v := range pr {
			pr[v] /= float64(count[name])
		}
	}
	return r
}

// PriorStrength is how many labels AdjustPriors takes the model's prior to
// be worth: with fewer labels than this, the labels' class shares move
// the prior less than half way.
const PriorStrength = 10

// AdjustPriors updates the ranking as labels arrive, without retraining:
// each single-label head's probabilities are re-weighed from the model's
// class prior on this pool (its mean prediction) to the share of each
// class among the labels given so far, counts[head][value], smoothed with
// PriorStrength pseudo-labels from the model's prior; p′(v) ∝ p(v) ×
// prior′(v) / prior(v) (Saerens, Latinne and Decaestecker 2002, "Adjusting
// the outputs of a classifier to new a priori probabilities"). A model
// that predicts a class less often than the annotator labels it becomes
// less sure wherever that class is the runner-up. Heads absent from
// counts keep the model's probabilities.
func (r *Ranker) AdjustPriors(counts map[string][]float64) {
	weight := map[string][]float64{}
	for name, prior := range r.prior {
		c := counts[name]
		if len(c) != len(prior) {
			continue
		}
		n := 0.0
		for _, x := range c {
			n += x
		}
		w := make([]float64, len(prior))
		for v := range prior {
			if prior[v] > 0 {
				w[v] = (c[v] + PriorStrength*prior[v]) / (n + PriorStrength) / prior[v]
			}
		}
		weight[name] = w
	}
	for i, c := range r.cands {
		hs := make([]Head, len(c.Heads))
		for k, h := range c.Heads {
			hs[k] = h
			w, ok := weight[h.Name]
			if h.Multi || !ok || len(w) != len(h.Probs) {
				continue
			}
			p := make([]float64, len(h.Probs))
			sum := 0.0
			for v := range p {
				p[v] = h.Probs[v] * w[v]
				sum += p[v]
			}
			if sum > 0 {
				for v := range p {
					p[v] /= sum
				}
				hs[k].Probs = p
			}
		}
		r.heads[i] = hs
		r.unc[i], r.least[i] = Uncertainty(hs)
	}
}

// Observe records a labelled article with term vector vec on which the
// annotator overruled the model on a share disagree (0 to 1) of the
// heads. Candidates like it become less attractive for their similarity
// and more for the disagreement. The article itself, if a candidate, is
// done (Done).
func (r *Ranker) Observe(vec Vector, disagree float64) {
	for i := range r.cands {
		if r.done[i] {
			continue
		}
		s := Cosine(vec, r.cands[i].Vec)
		if s <= 0 {
			continue
		}
		r.maxSim[i] = math.Max(r.maxSim[i], s)
		r.wrong[i] += s * disagree
		r.near[i] += s
	}
}

// Done takes candidate i out of the ranking (labelled or skipped).
func (r *Ranker) Done(i int) { r.done[i] = true }

// Undone puts candidate i back into the ranking (its label was taken
// back). What Observe learnt from it stays.
func (r *Ranker) Undone(i int) { r.done[i] = false }

// IsDone reports whether candidate i is out of the ranking.
func (r *Ranker) IsDone(i int) bool { return r.done[i] }

func (r *Ranker) pick(i int, maxSim float64) Pick {
	// near+1 shrinks the disagreement of a candidate with little nearby
	// evidence toward 0.
	dis := r.wrong[i] / (r.near[i] + 1)
	p := Pick{Index: i, Uncertainty: r.unc[i], LeastSure: r.least[i], Margin: 1, Similar: maxSim, Disagree: dis}
	if p.LeastSure >= 0 {
		p.Margin = Margin(r.heads[i][p.LeastSure])
	}
	p.Priority = p.Uncertainty + r.cfg.Feedback*dis - r.cfg.Diversity*maxSim
	return p
}

// Next returns the candidate to label next, and false when every
// candidate is done.
func (r *Ranker) Next() (Pick, bool) {
	best, ok := Pick{}, false
	for i := range r.cands {
		if r.done[i] {
			continue
		}
		p := r.pick(i, r.maxSim[i])
		if !ok || p.Priority > best.Priority {
			best, ok = p, true
		}
	}
	return best, ok
}

// Top returns up to n candidates in the order they should be labelled,
// greedily: each pick counts as labelled for the diversity of the
// following ones (but, not being labelled yet, adds no disagreement). It
// does not change the ranker.
func (r *Ranker) Top(n int) []Pick {
	maxSim := append([]float64(nil), r.maxSim...)
	taken := append([]bool(nil), r.done...)
	var out []Pick
	for len(out) < n {
		best, ok := Pick{}, false
		for i := range r.cands {
			if taken[i] {
				continue
			}
			p := r.pick(i, maxSim[i])
			if !ok || p.Priority > best.Priority {
				best, ok = p, true
			}
		}
		if !ok {
			break
		}
		out = append(out, best)
		taken[best.Index] = true
		v := r.cands[best.Index].Vec
		for i := range r.cands {
			if !taken[i] {
				maxSim[i] = math.Max(maxSim[i], Cosine(v, r.cands[i].Vec))
			}
		}
	}
	return out
}
