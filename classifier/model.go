package classifier

import (
	"math"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// Model is a trained model for a whole schema.
type Model struct {
	Schema   *labels.Schema
	Features features.Config
	Train    TrainConfig
	// Heads is parallel to Schema.Heads.
	Heads []HeadModel
}

// HeadModel is the learned part of one head. A single-label head has one
// K-class Linear in Models; a multi-label head has one two-class Linear per
// value (one-vs-rest; class 1 = "has the value") and a decision threshold
// on P(class 1) for each.
type HeadModel struct {
	Models     []*Linear
	Thresholds []float32
	// Trained is false for a head that had no labels to learn from; it
	// then predicts nothing.
	Trained bool
	// Counts are the training label counts per value (for a multi-label
	// head: articles with each value), and N the articles trained on; they
	// give the majority-class baseline.
	Counts []int
	N      int
}

// HeadPrediction is a model's output for one head of one article.
type HeadPrediction struct {
	Head string
	// Single-label heads: Probs[k] is P(value k); Label the argmax.
	// Multi-label heads: Probs[k] is P(value k present); Labels those at or
	// over their thresholds.
	Probs  []float64
	Label  int
	Labels []int
	// Score is P(plus) − P(minus) when the head defines a score.
	Score    float64
	HasScore bool
}

// Predictor applies a model fast. It is safe for concurrent use once made;
// each goroutine needs its own featurizer (NewFeaturizer).
type Predictor struct {
	M    *Model
	full [][]float32 // per head and sub-model: buckets×K weights
	fz   *features.Featurizer
}

// NewPredictor prepares m for prediction.
func NewPredictor(m *Model) (*Predictor, error) {
	fz, err := features.New(m.Schema, m.Features)
	if err != nil {
		return nil, err
	}
	p := &Predictor{M: m, fz: fz}
	for _, h := range m.Heads {
		for _, l := range h.Models {
			p.full = append(p.full, l.Expand(m.Features.Buckets))
		}
	}
	return p, nil
}

// NewFeaturizer returns a featurizer for this model, for one goroutine.
func (p *Predictor) NewFeaturizer() *features.Featurizer { return p.fz.Clone() }

// Predict scores a featurized article. dst is reused when it has the right
// shape.
func (p *Predictor) Predict(d *features.Doc, dst []HeadPrediction) []HeadPrediction {
	m := p.M
	if len(dst) != len(m.Heads) {
		dst = make([]HeadPrediction, len(m.Heads))
	}
	sub := 0
	for h := range m.Heads {
		hm := &m.Heads[h]
		head := &m.Schema.Heads[h]
		out := &dst[h]
		out.Head = head.Name
		out.Labels = out.Labels[:0]
		out.HasScore = false
		if !hm.Trained {
			out.Probs = out.Probs[:0]
			out.Label = -1
			sub += len(hm.Models)
			continue
		}
		var dense []float32
		if d.Dense != nil {
			dense = d.Dense[h]
		}
		if !head.Multi {
			l := hm.Models[0]
			out.Probs = resizeF(out.Probs, l.K)
			linearScores(l, p.full[sub], dense, out.Probs, d.Shared, d.Heads[h])
			softmax(out.Probs)
			out.Label = argmax(out.Probs)
			sub++
			if sc := head.Score; sc != nil {
				out.Score = out.Probs[head.Index(sc.Plus)] - out.Probs[head.Index(sc.Minus)]
				out.HasScore = true
			}
			continue
		}
		out.Probs = resizeF(out.Probs, len(hm.Models))
		var z [2]float64
		for v, l := range hm.Models {
			linearScores(l, p.full[sub], dense, z[:], d.Shared, d.Heads[h])
			sub++
			p1 := 1 / (1 + math.Exp(z[0]-z[1]))
			out.Probs[v] = p1
			if p1 >= float64(hm.Thresholds[v]) {
				out.Labels = append(out.Labels, v)
			}
		}
		out.Label = -1
	}
	return dst
}

func linearScores(l *Linear, full []float32, dense []float32, z []float64, parts ...features.Sparse) {
	k := l.K
	var acc [16]float32
	a := acc[:k]
	if k > len(acc) {
		a = make([]float32, k)
	}
	copy(a, l.Bias)
	for _, sp := range parts {
		for i, b := range sp.Idx {
			v := sp.Val[i]
			w := full[int(b)*k : int(b)*k+k]
			for c := range a {
				a[c] += v * w[c]
			}
		}
	}
	if len(l.Dense) > 0 && dense != nil {
		for j, v := range dense {
			if v == 0 {
				continue
			}
			w := l.Dense[j*k : j*k+k]
			for c := range a {
				a[c] += v * w[c]
			}
		}
	}
	for c := range a {
		z[c] = float64(a[c])
	}
}

func resizeF(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func softmax(z []float64) {
	m := z[0]
	for _, v := range z[1:] {
		m = max(m, v)
	}
	s := 0.0
	for i, v := range z {
		z[i] = math.Exp(v - m)
		s += z[i]
	}
	for i := range z {
		z[i] /= s
	}
}

func argmax(p []float64) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}

func expf(x float64) float64 { return math.Exp(x) }
