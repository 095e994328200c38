package classifier

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Over-confident predictions: the model says 0.95 for its pick but is right
// only 70% of the time, so the fitted temperature must soften (T > 1) and
// bring the average confidence of the pick down near 0.70.
func TestFitTemperatureSoftensOverconfidence(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var probs [][]float64
	var gold []int
	for i := 0; i < 4000; i++ {
		pick := rng.IntN(3)
		p := []float64{0.025, 0.025, 0.025}
		p[pick] = 0.95
		g := pick
		if rng.Float64() >= 0.7 {
			g = (pick + 1 + rng.IntN(2)) % 3
		}
		probs, gold = append(probs, p), append(gold, g)
	}
	T := FitTemperature(probs, gold)
	if T <= 1.5 {
		t.Fatalf("temperature %.3f, want well above 1 for over-confident input", T)
	}
	conf := Temper(probs[0], 1/T, nil)
	max := math.Max(conf[0], math.Max(conf[1], conf[2]))
	if math.Abs(max-0.7) > 0.02 {
		t.Fatalf("tempered confidence %.3f, want about 0.70", max)
	}
}

// Under-confident predictions (right 95% of the time at 0.5) sharpen: T < 1.
func TestFitTemperatureSharpensUnderconfidence(t *testing.T) {
	var probs [][]float64
	var gold []int
	for i := 0; i < 1000; i++ {
		p := []float64{0.5, 0.3, 0.2}
		g := 0
		if i%20 == 0 {
			g = 1
		}
		probs, gold = append(probs, p), append(gold, g)
	}
	if T := FitTemperature(probs, gold); T >= 1 {
		t.Fatalf("temperature %.3f, want below 1 for under-confident input", T)
	}
}

func TestFitTemperatureNoRows(t *testing.T) {
	if T := FitTemperature([][]float64{{0.5, 0.5}}, []int{-1}); T != 1 {
		t.Fatalf("temperature %v with no labelled rows, want 1", T)
	}
}

func TestTemperKeepsOrderAndSum(t *testing.T) {
	p := []float64{0.7, 0.2, 0.1}
	q := Temper(p, 0.5, nil)
	if !(q[0] > q[1] && q[1] > q[2]) {
		t.Fatalf("order changed: %v", q)
	}
	if s := q[0] + q[1] + q[2]; math.Abs(s-1) > 1e-12 {
		t.Fatalf("sum %v", s)
	}
	if q[0] >= p[0] {
		t.Fatalf("T=2 should soften the top class: %v", q)
	}
}

// A model that says class 0 at 0.6 for every row, on data that is 90%
// class 1: the offsets must move the decision to class 1.
func TestFitBiasTemperatureShiftsPrior(t *testing.T) {
	var probs [][]float64
	var gold []int
	for i := 0; i < 1000; i++ {
		probs = append(probs, []float64{0.6, 0.4})
		g := 1
		if i%10 == 0 {
			g = 0
		}
		gold = append(gold, g)
	}
	_, b := FitBiasTemperature(probs, gold)
	if b[0] != 0 || b[1] <= 0 {
		t.Fatalf("offsets %v: want b[0] = 0 and b[1] > 0", b)
	}
	q := TemperBias(probs[0], 1, b, nil)
	if math.Abs(q[1]-0.9) > 0.02 {
		t.Fatalf("calibrated P(class 1) = %.3f, want about 0.9", q[1])
	}
}
