package classifier

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// randomMatrix makes a small sparse problem with a dense block.
func randomMatrix(rng *rand.Rand, n, buckets, dense, k int) (*Matrix, []int) {
	X := NewMatrix(dense)
	y := make([]int, n)
	for i := 0; i < n; i++ {
		var sp features.Sparse
		for j := 0; j < 5; j++ {
			sp.Idx = append(sp.Idx, uint32(rng.IntN(buckets)))
			sp.Val = append(sp.Val, float32(rng.Float64()))
		}
		d := make([]float32, dense)
		for j := range d {
			d[j] = float32(rng.NormFloat64())
		}
		X.Append(d, sp)
		y[i] = rng.IntN(k)
	}
	return X, y
}

// The analytic gradient must match central finite differences.
func TestLogRegGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	X, y := randomMatrix(rng, 30, 12, 3, 3)
	w := make([]float64, 30)
	for i := range w {
		w[i] = 0.5 + rng.Float64()
	}
	lr := &LogReg{L2: 0.1}
	cols, colIdx := compact(X)
	nc, k, dd := len(cols), 3, X.DenseDim
	np := (nc+dd)*k + k
	rowCols := make([]int32, len(X.Idx))
	for i, b := range X.Idx {
		rowCols[i] = colIdx[b]
	}
	dense64 := make([]float64, len(X.Dense))
	for i, v := range X.Dense {
		dense64[i] = float64(v)
	}
	obj := func(x []float64, g []float64) float64 {
		gg := make([]float64, np)
		f := lr.chunk(X, rowCols, dense64, y, w, k, nc, x, gg, 0, X.Rows())
		sw := 0.0
		for _, v := range w {
			sw += v
		}
		reg := 0.0
		for j := 0; j < (nc+dd)*k; j++ {
			reg += x[j] * x[j]
		}
		if g != nil {
			for j := range gg {
				g[j] = gg[j] / sw
				if j < (nc+dd)*k {
					g[j] += lr.L2 * x[j]
				}
			}
		}
		return f/sw + 0.5*lr.L2*reg
	}
	x := make([]float64, np)
	for i := range x {
		x[i] = rng.NormFloat64() * 0.3
	}
	g := make([]float64, np)
	obj(x, g)
	const h = 1e-6
	for j := 0; j < np; j++ {
		xp := append([]float64(nil), x...)
		xm := append([]float64(nil), x...)
		xp[j] += h
		xm[j] -= h
		num := (obj(xp, nil) - obj(xm, nil)) / (2 * h)
		if math.Abs(num-g[j]) > 1e-6*math.Max(1, math.Abs(num)) {
			t.Errorf("grad[%d] = %.8f, finite difference %.8f", j, g[j], num)
		}
	}
}

func TestLogRegLearns(t *testing.T) {
	// Class = which of three buckets a row holds; linearly separable.
	X := NewMatrix(0)
	var y []int
	for i := 0; i < 60; i++ {
		c := i % 3
		X.Append(nil, features.Sparse{Idx: []uint32{uint32(c), 10}, Val: []float32{1, 1}})
		y = append(y, c)
	}
	m, err := (&LogReg{L2: 1e-3, MaxIter: 200, Workers: 2}).Fit(X, y, nil, 3)
	if err != nil {
		t.Fatal(err)
	}
	for c := 0; c < 3; c++ {
		z := make([]float64, 3)
		scoresOf(m, []uint32{uint32(c), 10}, []float32{1, 1}, nil, z)
		softmax(z)
		if argmax(z) != c || z[c] < 0.9 {
			t.Errorf("class %d: probs %v", c, z)
		}
		if s := z[0] + z[1] + z[2]; math.Abs(s-1) > 1e-9 {
			t.Errorf("probs sum to %v", s)
		}
	}
	// An unseen bucket scores the default (zero) weights.
	if w := m.Weight(99); w[0] != 0 || w[1] != 0 {
		t.Errorf("unseen weights = %v", w)
	}
}

func TestNaiveBayes(t *testing.T) {
	// Two classes, two buckets. Class 0 rows: {0:2}, {0:1,1:1}; class 1: {1:3}.
	// With alpha 1 and V = 2 seen buckets + 1:
	//   class 0 counts: b0 3, b1 1, total 4 → P(b0|0) = 4/7, P(b1|0) = 2/7, unseen 1/7
	//   class 1 counts: b0 0, b1 3, total 3 → P(b0|1) = 1/6, P(b1|1) = 4/6, unseen 1/6
	//   priors (add-one): (2+1)/(3+2) = 3/5 and (1+1)/5 = 2/5.
	X := NewMatrix(0)
	X.Append(nil, features.Sparse{Idx: []uint32{0}, Val: []float32{2}})
	X.Append(nil, features.Sparse{Idx: []uint32{0, 1}, Val: []float32{1, 1}})
	X.Append(nil, features.Sparse{Idx: []uint32{1}, Val: []float32{3}})
	m, err := (&NaiveBayes{Alpha: 1}).Fit(X, []int{0, 0, 1}, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{
		"b0":     {math.Log(4.0 / 7), math.Log(1.0 / 6)},
		"b1":     {math.Log(2.0 / 7), math.Log(4.0 / 6)},
		"unseen": {math.Log(1.0 / 7), math.Log(1.0 / 6)},
		"prior":  {math.Log(3.0 / 5), math.Log(2.0 / 5)},
	}
	got := map[string][]float32{"b0": m.Weight(0), "b1": m.Weight(1), "unseen": m.Weight(7), "prior": m.Bias}
	for k, w := range want {
		for c := 0; c < 2; c++ {
			// float16 storage: 1e-3 relative.
			if math.Abs(float64(got[k][c])-w[c]) > 2e-3*math.Abs(w[c]) {
				t.Errorf("%s class %d = %v, want %v", k, c, got[k][c], w[c])
			}
		}
	}
}

func TestHalf(t *testing.T) {
	for _, x := range []float32{0, 1, -2.5, 0.1, 65504, 1e-5, -3.14159, 6e-8} {
		got := fromHalf(toHalf(x))
		if x == 0 && got != 0 || x != 0 && math.Abs(float64(got-x)) > math.Abs(float64(x))*1e-3+6e-8 {
			t.Errorf("half(%v) = %v", x, got)
		}
	}
	if !math.IsInf(float64(fromHalf(toHalf(1e6))), 1) {
		t.Errorf("overflow is not +Inf")
	}
}

// labelledText is one test article with its stance labels.
type labelledText struct{ text, isr, ir, az string }

// labelledArticles makes articles "a", "b", ... with their stance labels;
// every article is framed as diplomacy, every other one also as security.
func labelledArticles(texts []labelledText) ([]*labels.Article, []*labels.LabelSet) {
	var arts []*labels.Article
	var sets []*labels.LabelSet
	for i, x := range texts {
		id := string(rune('a' + i))
		arts = append(arts, &labels.Article{ID: id, Text: x.text})
		frames := []string{"diplomacy"}
		if i%2 == 0 {
			frames = append(frames, "security")
		}
		sets = append(sets, &labels.LabelSet{ID: id, Single: map[string]string{"israel": x.isr, "iran": x.ir, "azerbaijan": x.az}, Multi: map[string][]string{"frames": frames}})
	}
	return arts, sets
}

// tiny corpus for model-level tests
func tinyData(t *testing.T) *Dataset {
	t.Helper()
	texts := []labelledText{
		{"The Zionist regime's aggression against Iran was condemned in Baku.", "anti", "neutral", "iran-aligned"},
		{"Israel is a trusted partner of Azerbaijan, Aliyev said, praising cooperation.", "pro", "neutral", "israel-aligned"},
		{"Iran's regime threatens Baku; Israel stands by its ally Azerbaijan.", "pro", "anti", "israel-aligned"},
		{"Azerbaijan called on both Israel and Iran to show restraint and stay neutral.", "neutral", "neutral", "balanced"},
		{"Flights resumed at Baku airport on Monday.", "neutral", "neutral", "none"},
		{"Tehran praised Baku's brotherly friendship as trade grew.", "neutral", "pro", "iran-aligned"},
		{"Israeli jets struck targets; Baku said it is a mediator between the sides.", "neutral", "neutral", "balanced"},
		{"The criminal Israeli regime committed genocide, Iranian media said, hailing resistance.", "anti", "pro", "none"},
	}
	arts, sets := labelledArticles(texts)
	return baseDataset(t, arts, sets)
}

// baseDataset featurizes arts for the default schema with the base groups
// (which need no sentiment scorer; package stance has the default model's).
func baseDataset(tb testing.TB, arts []*labels.Article, sets []*labels.LabelSet) *Dataset {
	fz, err := features.New(labels.Default(), features.BaseConfig(), features.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return Featurize(fz, arts, sets, 2)
}

// checkFileRoundTrip checks that m1 and m2, one training run twice (with
// 2 workers, then 1), encode to the same bytes, that decoding and encoding
// again keeps them, and that the decoded model predicts every row of ds as
// m1 does. It returns the file and m1's predictor.
func checkFileRoundTrip(t *testing.T, m1, m2 *Model, ds *Dataset) ([]byte, *Predictor) {
	t.Helper()
	var b1, b2 bytes.Buffer
	if err := m1.Encode(&b1); err != nil {
		t.Fatal(err)
	}
	m2.Encode(&b2)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Fatal("two trainings (2 workers, 1 worker) gave different files")
	}
	m3, err := Decode(b1.Bytes(), "m")
	if err != nil {
		t.Fatal(err)
	}
	var b3 bytes.Buffer
	m3.Encode(&b3)
	if !bytes.Equal(b1.Bytes(), b3.Bytes()) {
		t.Fatal("decode then encode changed the file")
	}
	p1, err := NewPredictor(m1)
	if err != nil {
		t.Fatal(err)
	}
	p3, err := NewPredictor(m3)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < ds.Len(); i++ {
		a, b := p1.Predict(ds.Doc(i), nil), p3.Predict(ds.Doc(i), nil)
		for h := range a {
			if !slices.Equal(a[h].Probs, b[h].Probs) {
				t.Fatalf("row %d head %d: %v vs %v", i, h, a[h].Probs, b[h].Probs)
			}
		}
	}
	return b1.Bytes(), p1
}

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	ds := tinyData(t)
	cfg := DefaultTrainConfig()
	cfg.Workers = 2
	m1, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Workers = 1
	m2, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, p1 := checkFileRoundTrip(t, m1, m2, ds)
	// Training data is fitted: israel labels come back on the training set.
	ok := 0
	for i := 0; i < ds.Len(); i++ {
		hp := p1.Predict(ds.Doc(i), nil)
		if ds.Schema.Heads[0].Values[hp[0].Label] == ds.Labels[i].Single["israel"] {
			ok++
		}
	}
	if ok < 7 {
		t.Errorf("israel: %d of 8 training articles fitted", ok)
	}
}

func TestDecodeErrors(t *testing.T) {
	ds := tinyData(t)
	m, err := Fit(ds, nil, DefaultTrainConfig())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m.Encode(&buf)
	good := buf.Bytes()
	future := append([]byte(nil), good...)
	future[8] = 9
	corrupt := append([]byte(nil), good...)
	corrupt[len(corrupt)/2] ^= 0x55
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "not a stance model file"},
		{"wrong magic", []byte("PK\x03\x04 this is a zip file, not a model....."), "not a stance model file"},
		{"short", good[:5], "truncated"},
		{"truncated", good[:len(good)-100], "truncated"},
		{"future version", future, "model format version 9 is newer than this program reads (4)"},
		{"corrupted", corrupt, "corrupted"},
		{"trailing", append(append([]byte(nil), good...), 0), "corrupted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.b, "m.stance")
			var fe *FormatError
			if err == nil || !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "m.stance: ") {
				t.Fatalf("err = %v, want a FormatError with %q", err, tt.want)
			}
		})
	}
}

type failAfter struct {
	w io.Writer
	n int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errors.New("disk full (simulated)")
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// A save that fails partway leaves the previous model and no temporary file.
func TestSaveInterruptedKeepsOldModel(t *testing.T) {
	ds := tinyData(t)
	m, err := Fit(ds, nil, DefaultTrainConfig())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.stance")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	cfg := DefaultTrainConfig()
	cfg.L2 = 0.5
	m2, _ := Fit(ds, nil, cfg)
	writeHook = func(w io.Writer) io.Writer { return &failAfter{w: w, n: 1000} }
	defer func() { writeHook = nil }()
	if err := m2.Save(path); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("save: err = %v, want the simulated failure", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the old model was changed by a failed save")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only the model", len(ents))
	}
	if _, err := Load(path); err != nil {
		t.Errorf("old model no longer loads: %v", err)
	}
}

func TestBF16(t *testing.T) {
	for _, x := range []float32{0, 1, -1.5, 0.0123, 3.14159, -250.7, 1e-20} {
		got := fromBF16(toBF16(x))
		if math.Abs(float64(got-x)) > math.Abs(float64(x))/256 {
			t.Errorf("bf16(%v) = %v", x, got)
		}
	}
	// Round to nearest even: 1 + 2^-8 is halfway between 1 and 1 + 2^-7.
	if got := fromBF16(toBF16(1 + 1.0/256)); got != 1 {
		t.Errorf("tie rounds to %v, want 1", got)
	}
	if !math.IsNaN(float64(fromBF16(toBF16(float32(math.NaN()))))) {
		t.Errorf("NaN lost")
	}
}
