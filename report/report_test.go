package report

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stance-project/stance/aggregate"
	"github.com/stance-project/stance/eval"
)

func TestPRCurve(t *testing.T) {
	// scikit-learn: average_precision_score([1, 0, 1, 0], [.9, .8, .7, .6])
	// = 0.5·1 + 0.5·(2/3) = 0.8333.
	c := prCurve([]float64{0.9, 0.8, 0.7, 0.6}, []bool{true, false, true, false})
	if math.Abs(c.AP-5.0/6) > 1e-12 {
		t.Errorf("AP %g, want 0.8333", c.AP)
	}
	wantR := []float64{0, 0.5, 0.5, 1, 1}
	wantP := []float64{1, 1, 0.5, 2.0 / 3, 0.5}
	for i := range wantR {
		if math.Abs(c.Recall[i]-wantR[i]) > 1e-12 || math.Abs(c.Precision[i]-wantP[i]) > 1e-12 {
			t.Fatalf("curve %v %v, want %v %v", c.Recall, c.Precision, wantR, wantP)
		}
	}
	// Tied scores make one point: average_precision_score([1, 0, 1],
	// [.5, .5, .2]) = 0.5·0.5 + 0.5·(2/3) = 0.5833.
	c = prCurve([]float64{0.5, 0.5, 0.2}, []bool{true, false, true})
	if len(c.Recall) != 3 || math.Abs(c.AP-(0.25+1.0/3)) > 1e-12 {
		t.Errorf("ties: %v %v AP %g, want 3 points and AP 0.5833", c.Recall, c.Precision, c.AP)
	}
	if c := prCurve([]float64{0.3}, []bool{false}); c.Positives != 0 || c.Recall != nil {
		t.Errorf("no positives: %+v", c)
	}
}

// testReport is an evaluation made up for the test: a single-label head
// under two-fold cross-validation and a multi-label head.
func testReport() *eval.Report {
	vals := []string{"pro", "anti", "neutral"}
	single := eval.HeadReport{Head: "israel", N: 4, Order: vals,
		Rows: []eval.Row{
			{Label: "pro", Precision: 1, Recall: 0.5, F1: 0.67, Support: 2},
			{Label: "anti", Precision: 1, Recall: 1, F1: 1, Support: 1},
			{Label: "neutral", Precision: 0.5, Recall: 1, F1: 0.67, Support: 1}},
		Confusion:   [][]int{{1, 0, 1}, {0, 1, 0}, {0, 0, 1}},
		Accuracy:    0.75,
		FoldMacroF1: []float64{0.6, 0.8},
		Baseline:    &eval.Baseline{Predicts: []string{"pro"}, MacroF1: 0.22, Accuracy: 0.5},
	}
	single.Macro, single.Weighted = eval.Averages(single.Rows)
	fr := []string{"security", "economy"}
	multi := eval.HeadReport{Head: "frames", Multi: true, N: 4,
		Rows:        []eval.Row{{Label: "security", Precision: 1, Recall: 1, F1: 1, Support: 2}, {Label: "economy", Support: 1}},
		Micro:       &eval.Row{Label: "micro avg"},
		FoldMacroF1: []float64{0.5, 0.5},
	}
	multi.Macro, multi.Weighted = eval.Averages(multi.Rows)
	p := func(x ...float64) eval.LabelProbs { return eval.LabelProbs{Labels: vals, P: x} }
	f := func(x ...float64) eval.LabelProbs { return eval.LabelProbs{Labels: fr, P: x} }
	arts := []eval.ArticlePrediction{
		{ID: "t/1", Fold: 1, Heads: []eval.ArticleHead{
			{Head: "israel", Gold: "pro", Pred: "pro", Probs: p(0.8, 0.1, 0.1)},
			{Head: "frames", GoldLabels: []string{"security"}, PredLabels: []string{"security"}, Probs: f(0.9, 0.1)}}},
		{ID: "t/<2>", Fold: 1, Heads: []eval.ArticleHead{
			{Head: "israel", Gold: "pro", Pred: "neutral", Probs: p(0.3, 0.1, 0.6), Wrong: true, Evidence: []string{"israel=neutral: word:calm +0.40"}},
			{Head: "frames", GoldLabels: []string{"security", "economy"}, PredLabels: []string{"security"}, Probs: f(0.8, 0.3), Wrong: true}}},
		{ID: "t/3", Fold: 2, Heads: []eval.ArticleHead{
			{Head: "israel", Gold: "anti", Pred: "anti", Probs: p(0.1, 0.7, 0.2)},
			{Head: "frames", GoldLabels: []string{}, PredLabels: []string{}, Probs: f(0.2, 0.1)}}},
		{ID: "t/4", Fold: 2, Heads: []eval.ArticleHead{
			{Head: "israel", Gold: "neutral", Pred: "neutral", Probs: p(0.2, 0.2, 0.6)},
			{Head: "frames", GoldLabels: []string{}, PredLabels: []string{}, Probs: f(0.1, 0.2)}}},
	}
	return &eval.Report{Data: "made-up data", Method: "2-fold cross-validation", Heads: []eval.HeadReport{single, multi}, Articles: arts}
}

// selfContained fails t when page refers to anything outside itself.
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []string{"http://", "https://", "<script", "<link", "<img", "<iframe", "url(", "@import", "src="} {
		if strings.Contains(page, bad) {
			i := strings.Index(page, bad)
			t.Errorf("page is not self-contained: %q at %q", bad, page[max(0, i-60):min(len(page), i+60)])
		}
	}
}

func TestWriteEval(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, testReport()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	selfContained(t, page)
	// Plots: israel has a confusion matrix, PR curves, a reliability
	// diagram and folds (4); frames PR curves and folds (2).
	if n := strings.Count(page, "<svg"); n != 6 {
		t.Errorf("%d <svg> elements, want 6", n)
	}
	if n := strings.Count(page, "<figure>"); n != 6 {
		t.Errorf("%d figures, want 6", n)
	}
	// The wrong article is listed (escaped) in both heads' tables with its
	// evidence; the right ones are not.
	if n := strings.Count(page, "<td>t/&lt;2&gt;</td>"); n != 2 {
		t.Errorf("wrong article listed %d times, want 2", n)
	}
	for _, right := range []string{"<td>t/1</td>", "<td>t/3</td>", "<td>t/4</td>"} {
		if strings.Contains(page, right) {
			t.Errorf("right article %s listed as wrong", right)
		}
	}
	for _, want := range []string{"word:calm &#43;0.40", "Wrong: 1 of 4 articles", "security&#43;economy", "pro 0.30 anti 0.10 neutral 0.60", "ECE", "macro-F1 per fold: mean 0.70", "majority baseline (predicts pro)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Deterministic.
	var b2 bytes.Buffer
	if err := Write(&b2, testReport()); err != nil || !bytes.Equal(b.Bytes(), b2.Bytes()) {
		t.Errorf("second rendering differs (%v)", err)
	}
}

func TestWriteEvalWithoutArticles(t *testing.T) {
	rep := testReport()
	rep.Articles = nil
	rep.Heads[0].FoldMacroF1, rep.Heads[1].FoldMacroF1 = nil, nil
	var b bytes.Buffer
	if err := Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	// Only the confusion matrix can be drawn without predictions.
	if n := strings.Count(b.String(), "<svg"); n != 1 {
		t.Errorf("%d <svg> elements, want 1", n)
	}
}

func testAggregate(t *testing.T, by string) *aggregate.Result {
	t.Helper()
	opt := aggregate.DefaultOptions()
	var err error
	if opt.By, opt.Period, err = aggregate.ParseBy(by); err != nil {
		t.Fatal(err)
	}
	a := aggregate.New(opt)
	var in strings.Builder
	for i, c := range []struct{ outlet, date, label, score string }{
		{"North <Post>", "2024-01-03", "pro", "0.7"}, {"North <Post>", "2024-01-20", "anti", "-0.5"},
		{"North <Post>", "2024-02-11", "neutral", "0.1"}, {"South Daily", "2024-01-09", "anti", "-0.6"},
		{"South Daily", "2024-03-01", "anti", "-0.9"}, {"South Daily", "2024-03-04", "neutral", "-0.1"},
	} {
		in.WriteString(`{"id":"` + string(rune('a'+i)) + `","israel":{"label":"` + c.label + `","score":` + c.score +
			`,"probs":{"pro":0.3,"anti":0.3,"neutral":0.4}},"frames":{"labels":[],"probs":{"security":0.1}},"coverage":{"lang":"en","scored":true},"outlet":"` +
			c.outlet + `","date":"` + c.date + `"}` + "\n")
	}
	if err := a.Read(strings.NewReader(in.String()), "s.jsonl"); err != nil {
		t.Fatal(err)
	}
	return a.Result()
}

func TestWriteAggregate(t *testing.T) {
	for _, c := range []struct {
		by   string
		rows int
	}{{"outlet,month", 4}, {"outlet", 2}} {
		var b bytes.Buffer
		if err := WriteAggregate(&b, testAggregate(t, c.by)); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		selfContained(t, page)
		// One chart: israel has a score, frames has none.
		if n := strings.Count(page, "<svg"); n != 1 {
			t.Errorf("--by %s: %d <svg> elements, want 1", c.by, n)
		}
		if n := regexp.MustCompile(`<tr><td>`).FindAllStringIndex(page, -1); len(n) != c.rows {
			t.Errorf("--by %s: %d table rows, want %d", c.by, len(n), c.rows)
		}
		if !strings.Contains(page, "North &lt;Post&gt;") || strings.Contains(page, "North <Post>") {
			t.Errorf("--by %s: outlet name not escaped", c.by)
		}
	}
}

func TestWrongMostConfidentFirst(t *testing.T) {
	rep := testReport()
	h := &rep.Articles[3].Heads[0] // t/4: a mistake at P 0.90, above t/<2>'s 0.60
	h.Pred, h.Wrong, h.Probs.P = "pro", true, []float64{0.9, 0.05, 0.05}
	var b bytes.Buffer
	if err := Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	i, j := strings.Index(page, "<td>t/4</td>"), strings.Index(page, "<td>t/&lt;2&gt;</td>")
	if i < 0 || j < 0 || i > j {
		t.Errorf("t/4 (P 0.90) at %d, t/<2> (P 0.60) at %d; want the more confident mistake first", i, j)
	}
	if !strings.Contains(page, "Wrong: 2 of 4 articles, the most confident mistakes first") {
		t.Error("heading does not count two mistakes")
	}
}
