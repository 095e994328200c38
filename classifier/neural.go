package classifier

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"unsafe"

	"github.com/stance-project/stance/features"
	"gonum.org/v1/gonum/blas/gonum"
)

// NetConfig sets the attention network's shape and training (Net). It is
// stored in model files (TrainConfig.Net).
type NetConfig struct {
	// Hidden is the width of the per-token layer: tanh of a convolution
	// over Window word vectors plus an embedding of the token's distance to
	// the mention. 0: no such layer; attention reads the word vectors.
	Hidden int `json:"hidden"`
	Window int `json:"window"` // tokens the per-token layer reads (odd)
	// Heads is the number of attention heads: each has its own query, a
	// linear map of the mention's mean vector, and its own bias per
	// distance to the mention.
	Heads int `json:"heads"`
	// MLP is the width of the ReLU layer between the attended vectors
	// (and the mention's) and the class scores.
	MLP int `json:"mlp"`
	// Training: Adam with this step, Epochs passes over the rows in seeded
	// orders, Batch rows per step, dropout on the classifier's input, and
	// L2 weight decay.
	Epochs  int     `json:"epochs"`
	Rate    float64 `json:"rate"`
	Batch   int     `json:"batch"`
	Dropout float64 `json:"dropout"`
	L2      float64 `json:"l2"`
	// Weight is the network's share of an ensemble with the linear model:
	// the class scores are (1−Weight)·log p_linear + Weight·log p_net
	// before the softmax. 1: the network alone.
	Weight float64 `json:"weight"`
	// Members is the number of networks trained from different seeds whose
	// log-probabilities are averaged (1: one network).
	Members int `json:"members"`
}

// DefaultNetConfig returns the settings chosen on NewsMTSC dev_mt and
// dev_rw (README, "NewsMTSC"): 4 heads and an MLP of 128 over the word
// vectors, 6 epochs of batches of 32, weight 0.5 in the ensemble.
func DefaultNetConfig() NetConfig {
	return NetConfig{Hidden: 0, Window: 1, Heads: 4, MLP: 128, Epochs: 6, Rate: 2e-3, Batch: 32, Dropout: 0.2, L2: 0, Weight: 0.5, Members: 1}
}

// Validate checks the settings.
func (c *NetConfig) Validate() error {
	switch {
	case c.Hidden < 0 || c.Hidden > 1024:
		return fmt.Errorf("network hidden width %d: use 0 to 1024", c.Hidden)
	case c.Window < 1 || c.Window%2 == 0 || c.Window > 9:
		return fmt.Errorf("network window %d: use an odd number from 1 to 9", c.Window)
	case c.Heads < 1 || c.Heads > 16:
		return fmt.Errorf("network heads %d: use 1 to 16", c.Heads)
	case c.MLP < 1 || c.MLP > 4096:
		return fmt.Errorf("network MLP width %d: use 1 to 4096", c.MLP)
	case c.Epochs < 1 || c.Batch < 1:
		return errors.New("network epochs and batch must be positive")
	// Written so that NaN fails each test.
	case !(c.Rate > 0 && c.Rate <= 1):
		return fmt.Errorf("network rate %v: use a number above 0 and at most 1", c.Rate)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return fmt.Errorf("network dropout %v: use 0 or more and below 1", c.Dropout)
	case !(c.L2 >= 0 && c.L2 <= 1e6):
		return fmt.Errorf("network L2 %v: use 0 to 1e6", c.L2)
	case c.Weight < 0 || c.Weight > 1 || c.Weight != c.Weight:
		return fmt.Errorf("network weight %v: use 0 to 1", c.Weight)
	case c.Members < 1 || c.Members > 32:
		return fmt.Errorf("network members %d: use 1 to 32", c.Members)
	}
	return nil
}

// Distance buckets: 0 is the mention, then 1..distSide-1 left of it and
// distSide.. right of it (distBucket).
const (
	distSide    = 16
	distBuckets = 2 * distSide
)

// distBucket is the bucket of token i for a mention [m0, m1): exact up to
// 10 tokens away, then logarithmic.
func distBucket(i int, m0, m1 int32) int {
	var d, off int
	switch {
	case int32(i) < m0:
		d, off = int(m0)-i, 0
	case int32(i) >= m1:
		d, off = i-int(m1)+1, distSide-1
	default:
		return 0
	}
	if d > 10 {
		d = 10 + min(bitsLen(d-10), distSide-11)
	}
	return off + d
}

func bitsLen(x int) int {
	n := 0
	for ; x > 0; x >>= 1 {
		n++
	}
	return n
}

// Net is a target-dependent attention network over the embedded word
// vectors (features.DefaultVectors, not trained): for a Sequence, an
// optional per-token layer h_i = tanh(P·[x_{i−w}…x_{i+w}] + pos[d_i] + b),
// the mention's mean t of h over its tokens, per head k attention weights
// α_k = softmax_i(h_i·(Q_k t + q_k)/√dim + bias_k[d_i]) and the attended
// vector c_k = Σ α_ki h_i, then class scores W2·relu(W1·[c_1…c_K, t] + b1)
// + b2. d_i is token i's distance bucket to the mention (distBucket).
// Weights are rounded to float16 at the end of Fit, like the linear
// models'. A Net is safe for concurrent use.
type Net struct {
	Cfg NetConfig
	K   int // classes
	Dim int // word-vector width
	// Params holds every weight, in the order of layout, for each member
	// in turn (NetConfig.Members).
	Params []float32
	// Unread is, after FitNet, how many training examples it could not
	// read (no mention of their target in their text); not saved.
	Unread int
	vec    *features.Vectors
	pool   sync.Pool // *netScratch
}

// netLayout gives the offsets of each weight block in Params.
type netLayout struct {
	in, dh               int // word-vector width, per-token width
	p, pb, pos           int // per-token layer (Hidden > 0)
	q, qb, bias          int // attention
	w1, b1, w2, b2, size int // classifier
}

func (n *Net) layout() netLayout {
	c := n.Cfg
	l := netLayout{in: n.Dim, dh: n.Dim}
	off := 0
	take := func(k int) int { o := off; off += k; return o }
	if c.Hidden > 0 {
		l.dh = c.Hidden
		l.p = take(c.Hidden * c.Window * n.Dim)
		l.pb = take(c.Hidden)
		l.pos = take(distBuckets * c.Hidden)
	}
	l.q = take(c.Heads * l.dh * l.dh)
	l.qb = take(c.Heads * l.dh)
	l.bias = take(c.Heads * distBuckets)
	zin := (c.Heads + 1) * l.dh
	l.w1 = take(c.MLP * zin)
	l.b1 = take(c.MLP)
	l.w2 = take(n.K * c.MLP)
	l.b2 = take(n.K)
	l.size = off
	return l
}

// newNet makes a network of one member with weights drawn from seed
// (Glorot uniform; biases zero).
func newNet(cfg NetConfig, k int, vec *features.Vectors, seed uint64) *Net {
	cfg.Members = 1
	n := &Net{Cfg: cfg, K: k, Dim: vec.Dim, vec: vec}
	l := n.layout()
	n.Params = alignedFloats(l.size)
	r := rand.New(rand.NewPCG(seed, 0x6e6574))
	fill := func(off, fanOut, fanIn int) {
		a := math.Sqrt(6 / float64(fanIn+fanOut))
		for i := off; i < off+fanOut*fanIn; i++ {
			n.Params[i] = float32((2*r.Float64() - 1) * a)
		}
	}
	if cfg.Hidden > 0 {
		fill(l.p, cfg.Hidden, cfg.Window*n.Dim)
	}
	for h := 0; h < cfg.Heads; h++ {
		fill(l.q+h*l.dh*l.dh, l.dh, l.dh)
	}
	fill(l.w1, cfg.MLP, (cfg.Heads+1)*l.dh)
	fill(l.w2, k, cfg.MLP)
	return n
}

// netScratch holds one forward pass's activations.
type netScratch struct {
	x     []float32 // L × in: word vectors
	h     []float32 // L × dh: per-token layer (aliases x without one)
	buck  []int     // L: distance buckets
	t     []float32 // dh
	q     []float32 // heads × dh
	alpha []float32 // heads × L
	z     []float32 // (heads+1) × dh, after dropout
	mask  []float32 // dropout multipliers (training)
	u     []float32 // MLP
	out   []float32 // K
	// gradients (training only)
	gh, gz, gt, gq, gu, ga []float32
}

func grow(s []float32, n int) []float32 {
	if cap(s) < n {
		return alignedFloats(n)
	}
	s = s[:n]
	clear(s)
	return s
}

// forward computes the class scores of seq into s.out. With r set it
// applies dropout (training).
func (n *Net) forward(seq *features.Sequence, s *netScratch, l *netLayout, r *rand.Rand, member int) {
	c := n.Cfg
	L := len(seq.Rows)
	in, dh := l.in, l.dh
	m0, m1 := seq.Mention[0], seq.Mention[1]
	s.x = grow(s.x, L*in)
	for i, row := range seq.Rows {
		if row >= 0 {
			n.vec.AddTo(s.x[i*in:(i+1)*in], row, 1)
		}
	}
	if cap(s.buck) < L {
		s.buck = make([]int, L)
	}
	s.buck = s.buck[:L]
	for i := range s.buck {
		s.buck[i] = distBucket(i, m0, m1)
	}
	P := n.Params[member*l.size : (member+1)*l.size]
	if c.Hidden > 0 {
		s.h = grow(s.h, L*dh)
		half := c.Window / 2
		wl := c.Window * in
		for i := 0; i < L; i++ {
			hi := s.h[i*dh : (i+1)*dh]
			copy(hi, P[l.pb:l.pb+dh])
			pos := P[l.pos+s.buck[i]*dh : l.pos+(s.buck[i]+1)*dh]
			for j := range hi {
				hi[j] += pos[j]
			}
			for o := -half; o <= half; o++ {
				ii := i + o
				if ii < 0 || ii >= L {
					continue
				}
				xi := s.x[ii*in : (ii+1)*in]
				col := (o + half) * in
				for j := range hi {
					hi[j] += dot(P[l.p+j*wl+col:l.p+j*wl+col+in], xi)
				}
			}
			for j := range hi {
				hi[j] = float32(math.Tanh(float64(hi[j])))
			}
		}
	} else {
		s.h = s.x
	}
	// The mention's mean.
	s.t = grow(s.t, dh)
	for i := m0; i < m1; i++ {
		axpy(s.t, 1, s.h[int(i)*dh:int(i+1)*dh])
	}
	inv := 1 / float32(m1-m0)
	for j := range s.t {
		s.t[j] *= inv
	}
	zin := (c.Heads + 1) * dh
	s.z = grow(s.z, zin)
	s.q = grow(s.q, c.Heads*dh)
	s.alpha = grow(s.alpha, c.Heads*L)
	scale := 1 / float32(math.Sqrt(float64(dh)))
	for k := 0; k < c.Heads; k++ {
		q := s.q[k*dh : (k+1)*dh]
		Q := P[l.q+k*dh*dh:]
		for j := range q {
			q[j] = P[l.qb+k*dh+j] + dot(Q[j*dh:(j+1)*dh], s.t)
		}
		a := s.alpha[k*L : (k+1)*L]
		mx := float32(math.Inf(-1))
		for i := 0; i < L; i++ {
			a[i] = dot(s.h[i*dh:(i+1)*dh], q)*scale + P[l.bias+k*distBuckets+s.buck[i]]
			mx = max(mx, a[i])
		}
		sum := float32(0)
		for i := range a {
			a[i] = float32(math.Exp(float64(a[i] - mx)))
			sum += a[i]
		}
		ck := s.z[k*dh : (k+1)*dh]
		for i := range a {
			a[i] /= sum
			axpy(ck, a[i], s.h[i*dh:(i+1)*dh])
		}
	}
	copy(s.z[c.Heads*dh:], s.t)
	if r != nil && c.Dropout > 0 {
		s.mask = grow(s.mask, zin)
		keep := float32(1 / (1 - c.Dropout))
		for j := range s.z {
			if r.Float64() >= c.Dropout {
				s.mask[j] = keep
			}
			s.z[j] *= s.mask[j]
		}
	} else {
		s.mask = s.mask[:0]
	}
	s.u = grow(s.u, c.MLP)
	for j := range s.u {
		v := P[l.b1+j] + dot(P[l.w1+j*zin:l.w1+(j+1)*zin], s.z)
		s.u[j] = max(v, 0)
	}
	s.out = grow(s.out, n.K)
	for k := range s.out {
		s.out[k] = P[l.b2+k] + dot(P[l.w2+k*c.MLP:l.w2+(k+1)*c.MLP], s.u)
	}
}

// backward adds to g the gradient of the loss whose gradient with respect
// to the class scores is gout, for the pass in s.
func (n *Net) backward(seq *features.Sequence, s *netScratch, l *netLayout, gout []float32, g []float32) {
	c := n.Cfg
	P := n.Params[:l.size] // training: one member
	L := len(seq.Rows)
	in, dh := l.in, l.dh
	zin := (c.Heads + 1) * dh
	s.gu = grow(s.gu, c.MLP)
	for k, gk := range gout {
		g[l.b2+k] += gk
		axpy(g[l.w2+k*c.MLP:l.w2+(k+1)*c.MLP], gk, s.u)
		axpy(s.gu, gk, P[l.w2+k*c.MLP:l.w2+(k+1)*c.MLP])
	}
	s.gz = grow(s.gz, zin)
	for j, gu := range s.gu {
		if s.u[j] <= 0 {
			continue
		}
		g[l.b1+j] += gu
		axpy(g[l.w1+j*zin:l.w1+(j+1)*zin], gu, s.z)
		axpy(s.gz, gu, P[l.w1+j*zin:l.w1+(j+1)*zin])
	}
	if len(s.mask) > 0 {
		for j := range s.gz {
			s.gz[j] *= s.mask[j]
		}
	}
	s.gh = grow(s.gh, L*dh)
	s.gt = grow(s.gt, dh)
	copy(s.gt, s.gz[c.Heads*dh:])
	s.gq = grow(s.gq, dh)
	s.ga = grow(s.ga, L)
	scale := 1 / float32(math.Sqrt(float64(dh)))
	for k := 0; k < c.Heads; k++ {
		gc := s.gz[k*dh : (k+1)*dh]
		a := s.alpha[k*L : (k+1)*L]
		q := s.q[k*dh : (k+1)*dh]
		mean := float32(0)
		for i := 0; i < L; i++ {
			hi := s.h[i*dh : (i+1)*dh]
			axpy(s.gh[i*dh:(i+1)*dh], a[i], gc)
			s.ga[i] = dot(hi, gc)
			mean += a[i] * s.ga[i]
		}
		clear(s.gq)
		for i := 0; i < L; i++ {
			ds := a[i] * (s.ga[i] - mean)
			g[l.bias+k*distBuckets+s.buck[i]] += ds
			axpy(s.gh[i*dh:(i+1)*dh], ds*scale, q)
			axpy(s.gq, ds*scale, s.h[i*dh:(i+1)*dh])
		}
		Q := P[l.q+k*dh*dh:]
		for j, gq := range s.gq {
			g[l.qb+k*dh+j] += gq
			axpy(g[l.q+k*dh*dh+j*dh:l.q+k*dh*dh+(j+1)*dh], gq, s.t)
			axpy(s.gt, gq, Q[j*dh:(j+1)*dh])
		}
	}
	m0, m1 := seq.Mention[0], seq.Mention[1]
	inv := 1 / float32(m1-m0)
	for i := m0; i < m1; i++ {
		axpy(s.gh[int(i)*dh:int(i+1)*dh], inv, s.gt)
	}
	if c.Hidden == 0 {
		return
	}
	half := c.Window / 2
	wl := c.Window * in
	for i := 0; i < L; i++ {
		gh := s.gh[i*dh : (i+1)*dh]
		hi := s.h[i*dh : (i+1)*dh]
		for j := range gh {
			gh[j] *= 1 - hi[j]*hi[j]
		}
		axpy(g[l.pb:l.pb+dh], 1, gh)
		axpy(g[l.pos+s.buck[i]*dh:l.pos+(s.buck[i]+1)*dh], 1, gh)
		for o := -half; o <= half; o++ {
			ii := i + o
			if ii < 0 || ii >= L {
				continue
			}
			xi := s.x[ii*in : (ii+1)*in]
			col := (o + half) * in
			for j, v := range gh {
				if v != 0 {
					axpy(g[l.p+j*wl+col:l.p+j*wl+col+in], v, xi)
				}
			}
		}
	}
}

// dot and axpy are gonum's BLAS (assembly kernels on amd64): the
// network's time is nearly all in them. Sdot's order of summation depends
// on the 16-byte alignment of its operands, so every buffer they read
// comes from alignedFloats (and offsets into them are fixed by the
// layout): the sums, and so training and prediction, are the same on
// every run whatever the network's sizes (TestFitNetAlignment).
func dot(a, b []float32) float32 {
	if len(a) == 0 {
		return 0
	}
	return blas32.Sdot(len(a), a, 1, b, 1)
}

// axpy adds alpha·x to y.
func axpy(y []float32, alpha float32, x []float32) {
	if len(y) == 0 {
		return
	}
	blas32.Saxpy(len(y), alpha, x, 1, y, 1)
}

var blas32 gonum.Implementation

// alignedFloats returns n zeroed float32s starting on a 64-byte boundary.
// Go gives allocations of 17–24 bytes only 8-byte alignment, which differs
// from run to run with the heap's state.
func alignedFloats(n int) []float32 {
	buf := make([]float32, n+16)
	off := int(uintptr(unsafe.Pointer(unsafe.SliceData(buf)))%64) / 4
	if off != 0 {
		off = 16 - off
	}
	return buf[off : off+n : off+n]
}

// FitNet trains a network on sequences seqs (nil entries are skipped) with
// labels y in [0, k) and optional per-row weights w (nil means 1), by Adam
// on the weighted mean cross-entropy, one goroutine: the same data,
// settings and seed give the same weights.
func FitNet(seqs []*features.Sequence, y []int, w []float64, k int, cfg NetConfig, seed uint64) (*Net, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(seqs) != len(y) || w != nil && len(w) != len(y) {
		return nil, errors.New("classifier: sequences, labels and weights differ in length")
	}
	vec, err := features.DefaultVectors()
	if err != nil {
		return nil, err
	}
	var rows []int
	sum := 0.0
	unread := 0
	for i, s := range seqs {
		if y[i] < 0 || y[i] >= k {
			return nil, fmt.Errorf("classifier: label %d out of range [0, %d)", y[i], k)
		}
		if s == nil || len(s.Rows) == 0 || s.Mention[1] <= s.Mention[0] {
			unread++
			continue
		}
		rows = append(rows, i)
		if w != nil {
			sum += w[i]
		} else {
			sum++
		}
	}
	if len(rows) == 0 || sum <= 0 {
		return nil, errors.New("classifier: no example has its target's mention in its text; the network needs one")
	}
	scale := float64(len(rows)) / sum
	out := &Net{Cfg: cfg, K: k, Dim: vec.Dim, vec: vec, Unread: unread}
	size := out.layout().size
	out.Params = alignedFloats(size * cfg.Members)
	for m := 0; m < cfg.Members; m++ {
		// Member 0 uses seed itself, so one network is the same whatever
		// Members is.
		n := fitMember(seqs, rows, y, w, scale, k, cfg, vec, seed+uint64(m)*0x9e3779b97f4a7c15)
		copy(out.Params[m*size:], n.Params)
	}
	return out, nil
}

// fitMember trains one network on the given rows (FitNet).
func fitMember(seqs []*features.Sequence, rows, y []int, w []float64, scale float64, k int, cfg NetConfig, vec *features.Vectors, seed uint64) *Net {
	n := newNet(cfg, k, vec, seed)
	l := n.layout()
	grad := alignedFloats(l.size)
	m1, m2 := make([]float64, l.size), make([]float64, l.size)
	const beta1, beta2, eps = 0.9, 0.999, 1e-8
	var s netScratch
	gout := alignedFloats(k)
	probs := make([]float64, k)
	step := 0
	r := rand.New(rand.NewPCG(seed, 0x64726f70))
	for e := 0; e < cfg.Epochs; e++ {
		order := rand.New(rand.NewPCG(seed, uint64(e)+1)).Perm(len(rows))
		for b := 0; b < len(order); b += cfg.Batch {
			end := min(b+cfg.Batch, len(order))
			clear(grad)
			for _, o := range order[b:end] {
				i := rows[o]
				n.forward(seqs[i], &s, &l, r, 0)
				for c, v := range s.out {
					probs[c] = float64(v)
				}
				softmax(probs)
				wi := scale
				if w != nil {
					wi *= w[i]
				}
				for c := range gout {
					gout[c] = float32(probs[c] * wi)
				}
				gout[y[i]] -= float32(wi)
				n.backward(seqs[i], &s, &l, gout, grad)
			}
			step++
			bs := float64(end - b)
			c1 := 1 - math.Pow(beta1, float64(step))
			c2 := 1 - math.Pow(beta2, float64(step))
			for j, gj := range grad {
				gv := float64(gj)/bs + cfg.L2*float64(n.Params[j])
				m1[j] = beta1*m1[j] + (1-beta1)*gv
				m2[j] = beta2*m2[j] + (1-beta2)*gv*gv
				n.Params[j] -= float32(cfg.Rate * (m1[j] / c1) / (math.Sqrt(m2[j]/c2) + eps))
			}
		}
	}
	roundHalf(n.Params)
	return n
}

// LogProbs writes the network's class log-probabilities for seq to dst
// (len K).
func (n *Net) LogProbs(seq *features.Sequence, dst []float64) {
	s, _ := n.pool.Get().(*netScratch)
	if s == nil {
		s = &netScratch{}
	}
	l := n.layout()
	var buf [16]float64
	lp := buf[:0]
	if n.K <= len(buf) {
		lp = buf[:n.K]
	} else {
		lp = make([]float64, n.K)
	}
	clear(dst)
	for m := 0; m < n.Cfg.Members; m++ {
		n.forward(seq, s, &l, nil, m)
		for c, v := range s.out {
			lp[c] = float64(v)
		}
		lse := logSumExp(lp)
		for c := range dst {
			dst[c] += (lp[c] - lse) / float64(n.Cfg.Members)
		}
	}
	n.pool.Put(s)
	// The mean of the members' log-probabilities, normalised again.
	lse := logSumExp(dst)
	for c := range dst {
		dst[c] -= lse
	}
}

// Attention returns the attention weights over seq's tokens (Rows), the
// mean over the heads and members.
func (n *Net) Attention(seq *features.Sequence) []float64 {
	var s netScratch
	l := n.layout()
	L := len(seq.Rows)
	out := make([]float64, L)
	for m := 0; m < n.Cfg.Members; m++ {
		n.forward(seq, &s, &l, nil, m)
		for k := 0; k < n.Cfg.Heads; k++ {
			for i := 0; i < L; i++ {
				out[i] += float64(s.alpha[k*L+i]) / float64(n.Cfg.Heads*n.Cfg.Members)
			}
		}
	}
	return out
}

// bind attaches the embedded word vectors to a decoded network.
func (n *Net) bind() error {
	vec, err := features.DefaultVectors()
	if err != nil {
		return err
	}
	if vec.Dim != n.Dim {
		return fmt.Errorf("network reads %d-d word vectors, the embedded table has %d", n.Dim, vec.Dim)
	}
	n.vec = vec
	return nil
}
