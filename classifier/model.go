package classifier

import (
	"errors"
	"fmt"
	"math"
	"unsafe"

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
	// Data describes the training data (nil for models from before format
	// version 2).
	Data *TrainingData
	// released: the sparse weights live only in pred's table
	// (ReleaseWeights, DecodeForPrediction).
	released bool
	pred     *Predictor
	// fileVersion is the format version the model was read in (0: not
	// read from a file).
	fileVersion uint32
}

// UnreadableReason says why an Unreadable example is not scored.
const UnreadableReason = "the example's target is not found in its text; a --algo neural model reads the words around it"

// Unreadable reports whether d is a stance example the model cannot
// score: a network alone (TrainConfig.NetworkAlone) reads only the words
// around the example's mention, and d has none (its target is not found
// in its text). Predict gives it no label.
func (m *Model) Unreadable(d *features.Doc) bool {
	return d.Seq == nil && m.Train.NetworkAlone()
}

// Version is the model file format version m was read in, or, for a
// model not read from a file, the one it would be written in.
func (m *Model) Version() uint32 {
	if m.fileVersion != 0 {
		return m.fileVersion
	}
	return m.formatVersion()
}

// ErrReleased is returned by what needs the sparse weights of a model
// whose weights were released (ReleaseWeights, DecodeForPrediction).
var ErrReleased = errors.New("classifier: the model's sparse weights were released for prediction; load it again to save or adapt it")

// ReleaseWeights makes the model's Predictor, which holds the sparse
// weights (Linear.Cols and W) in its own table, and drops them from the
// model. For the default model that is 25 MB of the 44 MB a scoring
// process keeps live. Afterwards NewPredictor returns that Predictor (so
// the model predicts and explains as before; explanations read
// Predictor.Weights), Linear.Weight gives every bucket its Default, and
// the model cannot be saved or adapted from (each returns ErrReleased).
// Call it before making Predictors (NewPredictor, stance.New): one made
// earlier holds a table of its own, so memory would grow, not shrink.
// DecodeForPrediction reads a model file this way without ever holding
// the sparse weights.
func (m *Model) ReleaseWeights() error {
	if m.released {
		return nil
	}
	p, err := NewPredictor(m)
	if err != nil {
		return err
	}
	m.pred, m.released = p, true
	for h := range m.Heads {
		for _, l := range m.Heads[h].Models {
			l.Cols, l.W = nil, nil
		}
	}
	return nil
}

// Released reports whether the model's sparse weights were released.
func (m *Model) Released() bool { return m.released }

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
	// Temperature divides a single-label head's class scores before the
	// softmax (temperature scaling, fitted on out-of-fold predictions by
	// FitTemperature), so that its probabilities are calibrated; 0 or 1
	// leaves them as trained. The label is the same either way.
	Temperature float64
	// Net is a single-label head's attention network (algorithms neural
	// and ensemble; nil otherwise). Its log-probabilities are mixed with
	// the linear model's (NetConfig.Weight) for articles that carry a
	// features.Sequence; the linear model alone scores the others.
	Net *Net
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

// Predictor applies a model's weights to featurized articles fast. It holds
// weights only (featurizing is the caller's: package stance composes the
// two). It is safe for concurrent use once made.
//
// All heads' bucket weights live in one interleaved table, stride values
// per bucket, so an article-wide feature costs one memory access for every
// head. The table holds bfloat16 (the top half of a float32: 8 bits of
// mantissa, 0.4% relative precision), which halves the memory that random
// bucket reads sweep. A two-class model (a multi-label value) is stored as the
// difference of its two weight columns: only the difference matters to its
// probability.
type Predictor struct {
	M      *Model
	dd     int // dense width
	stride int
	table  []uint16 // buckets × stride, bfloat16
	heads  []predHead
}

type predHead struct {
	off, width int       // this head's columns in a table row
	bias       []float32 // width
	dense      []float32 // denseDim × width
	binary     bool      // columns are value differences (multi-label)
}

// NewPredictor prepares m for prediction. For a model whose weights were
// released it returns the Predictor they went into.
func NewPredictor(m *Model) (*Predictor, error) {
	if m.released {
		return m.pred, nil
	}
	dd, err := m.Features.DenseDim()
	if err != nil {
		return nil, err
	}
	if err := checkShapes(m, dd); err != nil {
		return nil, err
	}
	p := newPredictor(m, dd)
	for h, hm := range m.Heads {
		for j, l := range hm.Models {
			p.fill(h, j, l)
		}
	}
	return p, nil
}

// newPredictor lays out m's predictor from its schema alone, its table
// still empty: fill adds each model's weights.
func newPredictor(m *Model, dd int) *Predictor {
	p := &Predictor{M: m, dd: dd}
	for h, hm := range m.Heads {
		head := &m.Schema.Heads[h]
		ph := predHead{off: p.stride, binary: head.Multi}
		if hm.Trained {
			ph.width = len(head.Values)
			ph.bias = make([]float32, ph.width)
			ph.dense = make([]float32, dd*ph.width)
		}
		p.stride += ph.width
		p.heads = append(p.heads, ph)
	}
	p.table = alignedHalves(m.Features.Buckets * p.stride)
	return p
}

// fill writes model j of head h (l, of the shape checkShapes checks) into
// the table: a single-label head's K classes as its K columns, a
// multi-label head's two-class model j as column j, the difference of its
// two classes.
func (p *Predictor) fill(h, j int, l *Linear) {
	ph := &p.heads[h]
	buckets := p.M.Features.Buckets
	// col writes column c of every bucket; diff selects the two-class
	// difference, else class k.
	col := func(c, k int, diff bool) {
		col := ph.off + c
		val := func(w []float32) float32 {
			if diff {
				return w[1] - w[0]
			}
			return w[k]
		}
		if d := val(l.Default); d != 0 {
			for b := 0; b < buckets; b++ {
				p.table[b*p.stride+col] = toBF16(d)
			}
		}
		for i, b := range l.Cols {
			if int(b) < buckets {
				p.table[int(b)*p.stride+col] = toBF16(val(l.W[i*l.K : (i+1)*l.K]))
			}
		}
		ph.bias[c] = val(l.Bias)
		if len(l.Dense) > 0 {
			for i := 0; i < p.dd; i++ {
				ph.dense[i*ph.width+c] = val(l.Dense[i*l.K : (i+1)*l.K])
			}
		}
	}
	if ph.binary {
		col(j, 0, true)
		return
	}
	for k := 0; k < ph.width; k++ {
		col(k, k, false)
	}
}

// Weights returns the bucket weights the predictor scores bucket b with for
// model j of head h (the head's Models[j]), as that model's Weight(b) gives
// them but in the table's bfloat16 precision: the K class weights of a
// single-label head, and {0, w1 − w0} for a two-class model of a
// multi-label head (the difference is all the table keeps; every
// explanation reads differences or margins of these). dst is reused when
// it is large enough. Explanations use it so that they add up to the
// scores actually computed.
func (p *Predictor) Weights(h, j int, b uint32, dst []float32) []float32 {
	ph := &p.heads[h]
	row := p.table[int(b)*p.stride+ph.off:]
	if ph.binary {
		return append(dst[:0], 0, fromBF16(row[j]))
	}
	dst = dst[:0]
	for k := 0; k < ph.width; k++ {
		dst = append(dst, fromBF16(row[k]))
	}
	return dst
}

// Predict scores a featurized article. dst is reused when it has the right
// shape.
func (p *Predictor) Predict(d *features.Doc, dst []HeadPrediction) []HeadPrediction {
	m := p.M
	if len(dst) != len(m.Heads) {
		dst = make([]HeadPrediction, len(m.Heads))
	}
	var buf [64]float32
	acc := buf[:0]
	if p.stride <= len(buf) {
		acc = buf[:p.stride]
	} else {
		acc = make([]float32, p.stride)
	}
	st := p.stride
	tab := p.table
	unreadable := m.Unreadable(d)
	// Article-wide features feed every head.
	_ = p.touch(d.Shared.Idx, 0)
	for i, b := range d.Shared.Idx {
		v := d.Shared.Val[i]
		row := tab[int(b)*st : int(b)*st+st]
		for c := range acc {
			acc[c] += v * fromBF16(row[c])
		}
	}
	for h := range m.Heads {
		ph := &p.heads[h]
		head := &m.Schema.Heads[h]
		out := &dst[h]
		out.Head = head.Name
		out.Labels = out.Labels[:0]
		out.HasScore = false
		if ph.width == 0 || unreadable {
			// Untrained; or the network alone, with no mention of the
			// example's target to read (its linear part is empty and
			// would give every class the same probability).
			out.Probs = out.Probs[:0]
			out.Label = -1
			continue
		}
		a := acc[ph.off : ph.off+ph.width]
		sp := d.Heads[h]
		_ = p.touch(sp.Idx, ph.off)
		for i, b := range sp.Idx {
			v := sp.Val[i]
			row := tab[int(b)*st+ph.off : int(b)*st+ph.off+ph.width]
			for c := range a {
				a[c] += v * fromBF16(row[c])
			}
		}
		for c := range a {
			a[c] += ph.bias[c]
		}
		if d.Dense != nil && len(ph.dense) > 0 {
			addDense(a, d.Dense[h], ph.dense)
		}
		if net := m.Heads[h].Net; net != nil && d.Seq != nil && !ph.binary {
			p.finish(h, a, out, false)
			p.mix(h, net, d.Seq, out)
		} else {
			p.finish(h, a, out, true)
		}
	}
	return dst
}

// mix replaces out's probabilities by the softmax of ((1−w)·log p_linear +
// w·log p_net)/T, w the network's weight and T the head's temperature
// (out holds p_linear at temperature 1), and sets the label and score
// again.
func (p *Predictor) mix(h int, net *Net, seq *features.Sequence, out *HeadPrediction) {
	var buf [16]float64
	lp := buf[:0]
	if len(out.Probs) <= len(buf) {
		lp = buf[:len(out.Probs)]
	} else {
		lp = make([]float64, len(out.Probs))
	}
	net.LogProbs(seq, lp)
	w := net.Cfg.Weight
	inv := 1.0
	if t := p.M.Heads[h].Temperature; t > 0 {
		inv = 1 / t
	}
	for c, pc := range out.Probs {
		v := w * lp[c]
		if w < 1 {
			v += (1 - w) * math.Log(max(pc, 1e-300))
		}
		out.Probs[c] = v * inv
	}
	softmax(out.Probs)
	out.Label = argmax(out.Probs)
	if sc := p.M.Schema.Heads[h].Score; sc != nil {
		head := &p.M.Schema.Heads[h]
		out.Score = out.Probs[head.Index(sc.Plus)] - out.Probs[head.Index(sc.Minus)]
	}
}

// touch reads one weight of each row that idx will read (column off),
// before the accumulating loop reads them all. The rows are scattered over
// a table of several megabytes, so nearly every one is a cache miss; this
// loop has no other work and no dependency between iterations, so the
// processor keeps many misses in flight at once, where the accumulating
// loop (a dozen multiply-adds a row) only reached a few. It changes no
// arithmetic: the scores are the same bit for bit. It is not inlined, so
// the compiler cannot drop the loads whose result the caller ignores.
//
//go:noinline
func (p *Predictor) touch(idx []uint32, off int) uint16 {
	tab, st := p.table, p.stride
	var x uint16
	for _, b := range idx {
		x |= tab[int(b)*st+off]
	}
	return x
}

// addDense adds the dense features dv times their weights (row-major,
// len(a) columns) to the class scores a. Each class's sum is kept in a
// register through the loop, for the widths of the default schema (3, 4),
// where the general loop stored every partial sum to memory and back;
// the additions are the same and in the same order (zero features
// skipped), so the scores are the same bit for bit.
func addDense(a, dv, dense []float32) {
	switch len(a) {
	case 3:
		dense = dense[:len(dv)*3]
		s0, s1, s2 := a[0], a[1], a[2]
		for j, v := range dv {
			if v == 0 {
				continue
			}
			r := dense[j*3 : j*3+3 : j*3+3]
			s0 += v * r[0]
			s1 += v * r[1]
			s2 += v * r[2]
		}
		a[0], a[1], a[2] = s0, s1, s2
	case 4:
		dense = dense[:len(dv)*4]
		s0, s1, s2, s3 := a[0], a[1], a[2], a[3]
		for j, v := range dv {
			if v == 0 {
				continue
			}
			r := dense[j*4 : j*4+4 : j*4+4]
			s0 += v * r[0]
			s1 += v * r[1]
			s2 += v * r[2]
			s3 += v * r[3]
		}
		a[0], a[1], a[2], a[3] = s0, s1, s2, s3
	default:
		w := len(a)
		for j, v := range dv {
			if v == 0 {
				continue
			}
			row := dense[j*w : j*w+w]
			for c := range a {
				a[c] += v * row[c]
			}
		}
	}
}

// finish turns head h's class scores a into out's probabilities and
// labels: a sigmoid and the thresholds per value of a multi-label head, a
// softmax and its argmax (and the score) for a single-label head.
// With temper false the head's temperature is not applied (mix applies it
// after mixing).
func (p *Predictor) finish(h int, a []float32, out *HeadPrediction, temper bool) {
	m := p.M
	head := &m.Schema.Heads[h]
	out.Probs = resizeF(out.Probs, len(a))
	if p.heads[h].binary {
		hm := &m.Heads[h]
		for v := range a {
			p1 := 1 / (1 + math.Exp(-float64(a[v])))
			out.Probs[v] = p1
			if p1 >= float64(hm.Thresholds[v]) {
				out.Labels = append(out.Labels, v)
			}
		}
		out.Label = -1
		return
	}
	inv := 1.0
	if t := m.Heads[h].Temperature; t > 0 && temper {
		inv = 1 / t
	}
	for c := range a {
		out.Probs[c] = float64(a[c]) * inv
	}
	softmax(out.Probs)
	out.Label = argmax(out.Probs)
	if sc := head.Score; sc != nil {
		out.Score = out.Probs[head.Index(sc.Plus)] - out.Probs[head.Index(sc.Minus)]
		out.HasScore = true
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

// alignedHalves returns n zeroed 16-bit values starting on a 64-byte
// boundary, so that table rows do not straddle cache lines needlessly.
func alignedHalves(n int) []uint16 {
	buf := make([]uint16, n+32)
	off := int(uintptr(unsafe.Pointer(&buf[0]))%64) / 2
	if off != 0 {
		off = 32 - off
	}
	return buf[off : off+n : off+n]
}

// toBF16 rounds f to bfloat16 (round to nearest even).
func toBF16(f float32) uint16 {
	b := math.Float32bits(f)
	if b&0x7fffffff > 0x7f800000 { // NaN
		return uint16(b>>16) | 0x40
	}
	return uint16((b + 0x7fff + (b>>16)&1) >> 16)
}

func fromBF16(h uint16) float32 { return math.Float32frombits(uint32(h) << 16) }

// checkShapes verifies that every model's arrays fit the schema and the
// featurizer, so a model built in memory cannot make prediction index out
// of range.
func checkShapes(m *Model, denseDim int) error {
	if len(m.Heads) != len(m.Schema.Heads) {
		return fmt.Errorf("classifier: %d head models for a schema of %d heads", len(m.Heads), len(m.Schema.Heads))
	}
	for h, hm := range m.Heads {
		if !hm.Trained {
			continue
		}
		head := &m.Schema.Heads[h]
		want, k := 1, len(head.Values)
		if head.Multi {
			want, k = len(head.Values), 2
			if len(hm.Thresholds) != want {
				return fmt.Errorf("classifier: head %q has %d thresholds, want %d", head.Name, len(hm.Thresholds), want)
			}
		}
		if len(hm.Models) != want {
			return fmt.Errorf("classifier: head %q has %d models, want %d", head.Name, len(hm.Models), want)
		}
		if net := hm.Net; net != nil {
			if head.Multi || net.K != k || len(net.Params) != net.layout().size*net.Cfg.Members || net.vec == nil {
				return fmt.Errorf("classifier: head %q: the network does not fit %d classes", head.Name, k)
			}
		}
		for _, l := range hm.Models {
			if l.K != k || len(l.W) != len(l.Cols)*k || len(l.Default) != k || len(l.Bias) != k ||
				(len(l.Dense) != 0 && len(l.Dense) != denseDim*k) {
				return fmt.Errorf("classifier: head %q: weight arrays do not match %d classes and %d dense features", head.Name, k, denseDim)
			}
			for _, c := range l.Cols {
				if int(c) >= m.Features.Buckets {
					return fmt.Errorf("classifier: head %q: bucket %d out of range", head.Name, c)
				}
			}
		}
	}
	return nil
}
