package classifier

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stance-project/stance/features"
)

// netLoss is the cross-entropy of seq's class y under n, in float64.
func netLoss(n *Net, seq *features.Sequence, y int) float64 {
	lp := make([]float64, n.K)
	n.LogProbs(seq, lp)
	return -lp[y]
}

// TestNetGradient compares backward's gradient with central differences
// on every weight block, with and without the per-token layer.
func TestNetGradient(t *testing.T) {
	vec, err := features.DefaultVectors()
	if err != nil {
		t.Fatal(err)
	}
	seq := &features.Sequence{Rows: []int32{5, 17, -1, 230, 1200, 9, 42}, Mention: [2]int32{2, 4}}
	for _, cfg := range []NetConfig{
		{Hidden: 0, Window: 1, Heads: 2, MLP: 8, Epochs: 1, Rate: 1, Batch: 1},
		{Hidden: 6, Window: 3, Heads: 2, MLP: 8, Epochs: 1, Rate: 1, Batch: 1},
	} {
		n := newNet(cfg, 3, vec, 7)
		// Biases start at zero; give them values so their gradients are
		// exercised away from the ReLU's kink.
		for i := range n.Params {
			if n.Params[i] == 0 {
				n.Params[i] = float32(math.Sin(float64(i))) * 0.1
			}
		}
		l := n.layout()
		var s netScratch
		n.forward(seq, &s, &l, nil, 0)
		lp := make([]float64, 3)
		for c, v := range s.out {
			lp[c] = float64(v)
		}
		softmax(lp)
		gout := make([]float32, 3)
		for c := range gout {
			gout[c] = float32(lp[c])
		}
		gout[1]--
		g := make([]float32, l.size)
		n.backward(seq, &s, &l, gout, g)
		checked := 0
		for i := 0; i < l.size; i += 1 + l.size/400 {
			old := n.Params[i]
			const h = 1e-2
			n.Params[i] = old + h
			up := netLoss(n, seq, 1)
			n.Params[i] = old - h
			down := netLoss(n, seq, 1)
			n.Params[i] = old
			num := (up - down) / (2 * h)
			if d := math.Abs(num - float64(g[i])); d > 2e-3+0.05*math.Abs(num) {
				t.Errorf("hidden %d: weight %d: gradient %g, numerically %g", cfg.Hidden, i, g[i], num)
			}
			checked++
		}
		if checked < 100 {
			t.Fatalf("checked %d weights", checked)
		}
	}
}

// syntheticSeqs makes n sequences where the label is the polarity of the
// word right after the mention (0: a word of praise, 1: of blame, 2: a
// plain word), and a decoy word of praise or blame, drawn apart from the
// label, stands ten words further, so that only a model that weighs words
// by their distance to the mention can tell. Words are drawn from seed.
func syntheticSeqs(t testing.TB, n int, seed uint64) ([]*features.Sequence, []int) {
	t.Helper()
	vec, err := features.DefaultVectors()
	if err != nil {
		t.Fatal(err)
	}
	row := func(ws ...string) []int32 {
		var out []int32
		for _, w := range ws {
			r := vec.Lookup(w)
			if r < 0 {
				t.Fatalf("%q is not in the word vectors", w)
			}
			out = append(out, r)
		}
		return out
	}
	praise := row("praised", "admired", "celebrated", "applauded")
	blame := row("blamed", "condemned", "criticized", "attacked")
	plain := row("met", "visited", "called", "saw")
	filler := row("the", "city", "on", "council", "tuesday", "and", "report", "of", "in")
	names := row("smith", "jones", "minister", "mayor")
	r := rand.New(rand.NewPCG(seed, 1))
	var seqs []*features.Sequence
	var y []int
	for i := 0; i < n; i++ {
		label := r.IntN(3)
		near := [][]int32{praise, blame, plain}[label][r.IntN(4)]
		// The decoy says nothing of the label.
		far := [][]int32{praise, blame}[r.IntN(2)][r.IntN(4)]
		var rows []int32
		lead := r.IntN(4)
		for j := 0; j < lead; j++ {
			rows = append(rows, filler[r.IntN(len(filler))])
		}
		m := int32(len(rows))
		rows = append(rows, names[r.IntN(4)], near)
		for j := 0; j < 10; j++ {
			rows = append(rows, filler[r.IntN(len(filler))])
		}
		rows = append(rows, far, filler[r.IntN(len(filler))])
		seqs = append(seqs, &features.Sequence{Rows: rows, Mention: [2]int32{m, m + 1}})
		y = append(y, label)
	}
	return seqs, y
}

// TestNetLearnsNearWords trains on the synthetic task and checks held-out
// accuracy: the label is the word next to the mention, against a polar
// decoy ten words away (a model blind to distance would confuse the two
// polar words whenever they disagree, half the time).
func TestNetLearnsNearWords(t *testing.T) {
	train, ytrain := syntheticSeqs(t, 300, 1)
	test, ytest := syntheticSeqs(t, 150, 2)
	cfg := DefaultNetConfig()
	cfg.Epochs, cfg.Rate = 15, 3e-3
	net, err := FitNet(train, ytrain, nil, 3, cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	lp := make([]float64, 3)
	for i, s := range test {
		net.LogProbs(s, lp)
		if argmax(lp) == ytest[i] {
			right++
		}
	}
	if acc := float64(right) / float64(len(test)); acc < 0.9 {
		t.Errorf("held-out accuracy %.2f, want at least 0.9", acc)
	}
	// The mention's neighbour draws more attention than the decoy.
	att := net.Attention(test[0])
	m := test[0].Mention[1]
	if att[m] <= att[len(att)-2] {
		t.Errorf("attention on the word after the mention %.3f, on the decoy %.3f", att[m], att[len(att)-2])
	}
}

// TestFitNetDeterministic: the same data, settings and seed give the same
// weights bit for bit; another seed gives others.
func TestFitNetDeterministic(t *testing.T) {
	seqs, y := syntheticSeqs(t, 120, 3)
	cfg := DefaultNetConfig()
	cfg.Epochs = 2
	fit := func(seed uint64) []float32 {
		n, err := FitNet(seqs, y, nil, 3, cfg, seed)
		if err != nil {
			t.Fatal(err)
		}
		return n.Params
	}
	a, b, c := fit(1), fit(1), fit(2)
	if !slices.Equal(a, b) {
		t.Error("two fits with the same seed differ")
	}
	if slices.Equal(a, c) {
		t.Error("fits with seeds 1 and 2 are the same")
	}
}

// Training is the same whatever the heap's state, for sizes whose
// buffers Go would align to only 8 bytes (an MLP of 5 or 6, a per-token
// layer of 6): gonum's Sdot sums in an order that depends on its
// operands' alignment, so the network aligns every buffer itself.
func TestFitNetAlignment(t *testing.T) {
	seqs, y := syntheticSeqs(t, 60, 3)
	for _, shape := range []struct{ mlp, hidden, window int }{{6, 0, 0}, {5, 0, 0}, {8, 6, 3}} {
		cfg := DefaultNetConfig()
		cfg.Epochs, cfg.MLP, cfg.Hidden = 1, shape.mlp, shape.hidden
		if shape.window > 0 {
			cfg.Window = shape.window
		}
		var first []float32
		var keep [][]float32
		for run := range 6 {
			// Shift where the next small allocations land.
			for range run {
				keep = append(keep, make([]float32, 5))
			}
			n, err := FitNet(seqs, y, nil, 3, cfg, 1)
			if err != nil {
				t.Fatal(err)
			}
			if run == 0 {
				first = n.Params
			} else if !slices.Equal(first, n.Params) {
				t.Fatalf("MLP %d, hidden %d: run %d differs from run 0", shape.mlp, shape.hidden, run)
			}
		}
		_ = keep
	}
}
