package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/stance-project/stance/labels"
)

const tol = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

// Worked example (computed by hand, cross-checked with
// sklearn.metrics.classification_report on the same lists):
//
//	gold = 0 0 0 1 1 2 2 2 2 0
//	pred = 0 1 0 1 2 2 2 0 2 0
//
// confusion rows (gold) × columns (pred): [3 1 0] [0 1 1] [1 0 3]
// class 0: tp 3 fp 1 fn 1 → P .75 R .75 F1 .75, support 4
// class 1: tp 1 fp 1 fn 1 → P .50 R .50 F1 .50, support 2
// class 2: tp 3 fp 1 fn 1 → P .75 R .75 F1 .75, support 4
// accuracy 7/10; macro F1 (.75+.5+.75)/3 = .6667; weighted F1 .7;
// F_avg(0, 1) = (.75+.5)/2 = .625.
var (
	gold = []int{0, 0, 0, 1, 1, 2, 2, 2, 2, 0}
	pred = []int{0, 1, 0, 1, 2, 2, 2, 0, 2, 0}
)

func TestConfusion(t *testing.T) {
	got := Confusion(gold, pred, 3)
	want := [][]int{{3, 1, 0}, {0, 1, 1}, {1, 0, 3}}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("confusion = %v, want %v", got, want)
			}
		}
	}
}

func TestPerClassAndAverages(t *testing.T) {
	rows := PerClass(gold, pred, []string{"a", "b", "c"})
	want := []Row{{"a", .75, .75, .75, 4}, {"b", .5, .5, .5, 2}, {"c", .75, .75, .75, 4}}
	for i, w := range want {
		r := rows[i]
		if r.Label != w.Label || !near(r.Precision, w.Precision) || !near(r.Recall, w.Recall) || !near(r.F1, w.F1) || r.Support != w.Support {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	macro, weighted := Averages(rows)
	if !near(macro.F1, 2.0/3) || !near(weighted.F1, 0.7) || macro.Support != 10 {
		t.Errorf("macro %+v weighted %+v", macro, weighted)
	}
	if a := Accuracy(gold, pred); math.Abs(a-0.7) > tol {
		t.Errorf("accuracy = %v", a)
	}
	if f := FAvg(gold, pred, 3, 0, 1); !near(f, 0.625) {
		t.Errorf("F_avg = %v, want 0.625", f)
	}
}

// A class never predicted has precision 0 (zero_division=0), not NaN.
func TestZeroDivision(t *testing.T) {
	rows := PerClass([]int{0, 1}, []int{0, 0}, []string{"a", "b"})
	// class a: tp 1 fp 1 fn 0 → P .5 R 1 F1 2/3; class b: nothing predicted → 0 0 0.
	if !near(rows[0].F1, 2.0/3) || rows[1].Precision != 0 || rows[1].Recall != 0 || rows[1].F1 != 0 {
		t.Errorf("rows = %+v", rows)
	}
	if Accuracy(nil, nil) != 0 {
		t.Errorf("accuracy of nothing")
	}
}

// Multi-label worked example (by hand):
//
//	gold: {a} {a,b} {}     pred: {a,b} {b} {}
//	a: tp 1 fp 0 fn 1 → P 1 R .5 F1 .6667, support 2
//	b: tp 1 fp 1 fn 0 → P .5 R 1 F1 .6667, support 1
//	micro: tp 2 fp 1 fn 1 → P R F1 .6667, support 3
//	samples: rows (P,R,F1) = (.5,1,.6667) (1,.5,.6667) (0,0,0) → means .5 .5 .4444
func TestMultiLabel(t *testing.T) {
	g := [][]bool{{true, false}, {true, true}, {false, false}}
	p := [][]bool{{true, true}, {false, true}, {false, false}}
	rows, micro := MultiRows(g, p, []string{"a", "b"})
	if !near(rows[0].Precision, 1) || !near(rows[0].Recall, .5) || rows[0].Support != 2 {
		t.Errorf("a = %+v", rows[0])
	}
	if !near(rows[1].Precision, .5) || !near(rows[1].Recall, 1) || rows[1].Support != 1 {
		t.Errorf("b = %+v", rows[1])
	}
	if !near(micro.F1, 2.0/3) || micro.Support != 3 {
		t.Errorf("micro = %+v", micro)
	}
	s := SamplesAvg(g, p)
	if !near(s.Precision, .5) || !near(s.Recall, .5) || !near(s.F1, 4.0/9) {
		t.Errorf("samples = %+v", s)
	}
}

// Worked example: a = x x y y x, b = x y y y x.
// p_o = 4/5; p_e = (3/5)(2/5) + (2/5)(3/5) = .48; kappa = .32/.52 = .6154.
func TestCohenKappa(t *testing.T) {
	k := CohenKappa(strings.Fields("x x y y x"), strings.Fields("x y y y x"))
	if !near(k, 0.32/0.52) {
		t.Errorf("kappa = %v, want %v", k, 0.32/0.52)
	}
	if k := CohenKappa([]string{"x", "x"}, []string{"x", "x"}); k != 1 {
		t.Errorf("constant agreement kappa = %v", k)
	}
}

func TestReportRenders(t *testing.T) {
	head := &labels.Head{Name: "israel", Values: []string{"pro", "anti", "neutral"}, Score: &labels.ScoreDef{Plus: "pro", Minus: "anti"}}
	hr := headReport(head, headData{gold: gold, pred: pred})
	// The baseline predicts the majority value, neutral (2), everywhere.
	hr.Baseline = baselineOf(head, headData{gold: gold, pred: slices.Repeat([]int{2}, len(gold))}, []string{"neutral"})
	rep := &Report{Data: "toy", Method: "by hand", Heads: []HeadReport{hr}}
	var b bytes.Buffer
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"precision", "recall", "f1-score", "support", "macro avg", "weighted avg", "F_avg (pro, anti)", "0.62", "majority baseline (predicts neutral): accuracy 0.40", "order pro, anti, neutral"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Heads[0].Confusion[2][2] != 3 {
		t.Errorf("JSON round trip: %v %+v", err, back)
	}
}

func TestGroupFolds(t *testing.T) {
	folds, names, err := GroupFolds([]string{"wire", "israel", "wire", "az"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "az,israel,wire" || !slices.Equal(folds[2].Test, []int{0, 2}) {
		t.Errorf("names %v folds %v", names, folds)
	}
	if _, _, err := GroupFolds([]string{"a", "a"}); err == nil {
		t.Errorf("one group accepted")
	}
}
