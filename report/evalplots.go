package report

import (
	"fmt"
	"html/template"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/stance-project/stance/eval"
)

// figure is one plot with its caption.
type figure struct {
	Caption string
	SVG     template.HTML
}

// confusionGrid is a confusion matrix as a heat-map grid: column c is
// predicted class c, row r is gold class k-1-r (the first class on top),
// and the value is the share of the gold row.
type confusionGrid struct{ m [][]int }

func (g confusionGrid) Dims() (c, r int) { return len(g.m), len(g.m) }
func (g confusionGrid) X(c int) float64  { return float64(c) }
func (g confusionGrid) Y(r int) float64  { return float64(r) }
func (g confusionGrid) Z(c, r int) float64 {
	row := g.m[len(g.m)-1-r]
	n := 0
	for _, v := range row {
		n += v
	}
	if n == 0 {
		return 0
	}
	return float64(row[c]) / float64(n)
}

// blues runs from white to dark blue.
type blues int

func (b blues) Colors() []color.Color {
	out := make([]color.Color, int(b))
	for i := range out {
		t := float64(i) / float64(int(b)-1)
		out[i] = color.RGBA{uint8(247 - t*(247-8)), uint8(251 - t*(251-48)), uint8(255 - t*(255-107)), 255}
	}
	return out
}

// confusionPlot draws a head's confusion matrix: cells shaded by the
// share of their gold row, labelled with the count and that share.
func confusionPlot(h *eval.HeadReport) (figure, error) {
	k := len(h.Order)
	p := newPlot("confusion matrix: "+h.Head, "predicted", "gold")
	hm := plotter.NewHeatMap(confusionGrid{h.Confusion}, blues(64))
	hm.Min, hm.Max = 0, 1
	p.Add(hm)
	var xys plotter.XYLabels
	var styles []text.Style
	for g, row := range h.Confusion {
		n := 0
		for _, v := range row {
			n += v
		}
		for c, v := range row {
			share := 0.0
			if n > 0 {
				share = float64(v) / float64(n)
			}
			xys.XYs = append(xys.XYs, plotter.XY{X: float64(c), Y: float64(k - 1 - g)})
			xys.Labels = append(xys.Labels, fmt.Sprintf("%d\n%.0f%%", v, 100*share))
			col := color.Color(color.Black)
			if share > 0.55 {
				col = color.White
			}
			styles = append(styles, text.Style{Color: col, Font: font.From(sans, 10), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.TextHandler})
		}
	}
	l, err := plotter.NewLabels(xys)
	if err != nil {
		return figure{}, err
	}
	l.TextStyle = styles
	p.Add(l)
	gold := slices.Clone(h.Order)
	slices.Reverse(gold)
	p.NominalX(h.Order...)
	p.NominalY(gold...)
	p.X.Min, p.X.Max = -0.5, float64(k)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(k)-0.5
	side := vg.Length(110 + 55*k)
	svg, err := svgOf(p, side+40, side)
	return figure{fmt.Sprintf("Confusion matrix of %s (rows: gold, columns: predicted; n=%d). Each cell gives the count and its share of the gold row; the shade is that share.", h.Head, h.N), svg}, err
}

// PRCurve is a precision–recall curve: Recall[i] and Precision[i] at
// the i-th distinct score threshold, from the highest down, after a
// first point at recall 0 and precision 1. AP is the average precision,
// Σ (R_i − R_{i−1}) P_i (scikit-learn's average_precision_score).
type PRCurve struct {
	Recall, Precision []float64
	AP                float64
	Positives         int
}

// prCurve computes the precision–recall curve of scores against
// positive (parallel slices). With no positives the curve is empty.
func prCurve(scores []float64, positive []bool) PRCurve {
	idx := make([]int, len(scores))
	pos := 0
	for i := range idx {
		idx[i] = i
		if positive[i] {
			pos++
		}
	}
	c := PRCurve{Positives: pos}
	if pos == 0 {
		return c
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	c.Recall, c.Precision = []float64{0}, []float64{1}
	tp, n := 0, 0
	for j, i := range idx {
		n++
		if positive[i] {
			tp++
		}
		if j+1 < len(idx) && scores[idx[j+1]] == scores[i] {
			continue // one point per distinct threshold
		}
		r, p := float64(tp)/float64(pos), float64(tp)/float64(n)
		c.AP += (r - c.Recall[len(c.Recall)-1]) * p
		c.Recall, c.Precision = append(c.Recall, r), append(c.Precision, p)
	}
	return c
}

// headScores returns, for value v of head, each labelled article's
// probability of v and whether its gold labels have v.
func headScores(arts []eval.ArticlePrediction, head string, v int, value string) (scores []float64, positive []bool) {
	for _, a := range arts {
		for _, h := range a.Heads {
			if h.Head != head || v >= len(h.Probs.P) {
				continue
			}
			scores = append(scores, h.Probs.P[v])
			if h.GoldLabels != nil {
				positive = append(positive, slices.Contains(h.GoldLabels, value))
			} else {
				positive = append(positive, h.Gold == value)
			}
		}
	}
	return scores, positive
}

// prPlot draws one precision–recall curve per class (one-vs-rest), with
// each class's average precision and its base rate.
func prPlot(h *eval.HeadReport, arts []eval.ArticlePrediction) (figure, bool, error) {
	p := newPlot("precision–recall: "+h.Head, "recall", "precision")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1.02
	p.Add(plotter.NewGrid())
	p.Legend.Top, p.Legend.Left = false, true
	drawn := 0
	for v, row := range h.Rows {
		s, pos := headScores(arts, h.Head, v, row.Label)
		c := prCurve(s, pos)
		if c.Positives == 0 {
			continue
		}
		pts := make(plotter.XYs, len(c.Recall))
		for i := range pts {
			pts[i] = plotter.XY{X: c.Recall[i], Y: c.Precision[i]}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return figure{}, false, err
		}
		l.Color, l.Width, l.StepStyle = colorOf(v), vg.Points(1.5), plotter.PreStep
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s  AP %.2f (base %.2f)", row.Label, c.AP, float64(c.Positives)/float64(len(s))), l)
		drawn++
	}
	if drawn == 0 {
		return figure{}, false, nil
	}
	svg, err := svgOf(p, 330, 300)
	return figure{fmt.Sprintf("Precision against recall for each class of %s, one class against the rest, as the threshold on its probability falls (drawn as steps, whose area is the AP). AP is the average precision; base is the share of articles in the class (what a random ranking scores).", h.Head), svg}, true, err
}

// topLabel returns each labelled article's top probability for a
// single-label head and whether that pick was right.
func topLabel(arts []eval.ArticlePrediction, head string) (conf []float64, correct []bool) {
	for _, a := range arts {
		for _, h := range a.Heads {
			if h.Head != head || h.GoldLabels != nil || len(h.Probs.P) == 0 {
				continue
			}
			k := 0
			for c, x := range h.Probs.P {
				if x > h.Probs.P[k] {
					k = c
				}
			}
			conf = append(conf, h.Probs.P[k])
			correct = append(correct, h.Probs.Labels[k] == h.Gold)
		}
	}
	return conf, correct
}

// reliabilityPlot draws a single-label head's reliability diagram: the
// accuracy of its picks against their confidence, in eval.ECEBins bins,
// beside the diagonal of perfect calibration; the title gives the ECE.
func reliabilityPlot(h *eval.HeadReport, arts []eval.ArticlePrediction) (figure, bool, error) {
	conf, correct := topLabel(arts, h.Head)
	if len(conf) == 0 {
		return figure{}, false, nil
	}
	e := eval.ECE(conf, correct, eval.ECEBins)
	p := newPlot(fmt.Sprintf("calibration: %s (ECE %.3f)", h.Head, e), "confidence (top probability)", "accuracy")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(plotter.NewGrid())
	diag, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return figure{}, false, err
	}
	diag.Dashes, diag.Color = []vg.Length{vg.Points(4), vg.Points(3)}, color.Gray{Y: 120}
	p.Add(diag)
	p.Legend.Add("perfect calibration", diag)
	var pts plotter.XYs
	var bars []plot.Plotter
	for _, b := range eval.ReliabilityBins(conf, correct, eval.ECEBins) {
		if b.Count == 0 {
			continue
		}
		// The bin's gap between confidence and accuracy, shaded.
		gap, err := plotter.NewPolygon(plotter.XYs{{X: b.Lo, Y: b.Confidence}, {X: b.Hi, Y: b.Confidence}, {X: b.Hi, Y: b.Accuracy}, {X: b.Lo, Y: b.Accuracy}})
		if err != nil {
			return figure{}, false, err
		}
		gap.Color, gap.LineStyle.Width = color.RGBA{213, 94, 0, 60}, 0
		bars = append(bars, gap)
		pts = append(pts, plotter.XY{X: b.Confidence, Y: b.Accuracy})
	}
	p.Add(bars...)
	l, s, err := plotter.NewLinePoints(pts)
	if err != nil {
		return figure{}, false, err
	}
	l.Color, s.Color, l.Width = colorOf(0), colorOf(0), vg.Points(1.5)
	p.Add(l, s)
	p.Legend.Add("observed", l, s)
	svg, err := svgOf(p, 330, 300)
	return figure{fmt.Sprintf("Reliability of %s: for the %d articles, the share of right picks against the probability the model gave its pick, in %d equal-width bins (points at each bin's mean confidence; shaded: the gap to the diagonal). ECE is the mean gap, weighted by the bins' counts.", h.Head, len(conf), eval.ECEBins), svg}, true, err
}

// foldPlot draws each cross-validation fold's macro-F1 with their mean
// and, when known, the majority baseline.
func foldPlot(h *eval.HeadReport) (figure, bool, error) {
	f := h.FoldMacroF1
	if len(f) == 0 {
		return figure{}, false, nil
	}
	mean, sd := eval.MeanSD(f)
	p := newPlot(fmt.Sprintf("macro-F1 per fold: %s (mean %.2f, sd %.2f)", h.Head, mean, sd), "fold", "macro-F1")
	p.Y.Min, p.Y.Max = 0, 1
	p.X.Min, p.X.Max = 0.5, float64(len(f))+0.5
	p.Add(plotter.NewGrid())
	pts := make(plotter.XYs, len(f))
	for i, v := range f {
		pts[i] = plotter.XY{X: float64(i + 1), Y: v}
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return figure{}, false, err
	}
	s.Color, s.Radius = colorOf(0), vg.Points(3.5)
	p.Add(s)
	hline := func(y float64, c color.Color, name string, dashed bool) error {
		l, err := plotter.NewLine(plotter.XYs{{X: 0.5, Y: y}, {X: float64(len(f)) + 0.5, Y: y}})
		if err != nil {
			return err
		}
		l.Color = c
		if dashed {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(l)
		p.Legend.Add(name, l)
		return nil
	}
	if err := hline(mean, colorOf(0), "mean", false); err != nil {
		return figure{}, false, err
	}
	if h.Baseline != nil {
		if err := hline(h.Baseline.MacroF1, colorOf(1), "majority baseline", true); err != nil {
			return figure{}, false, err
		}
	}
	p.Legend.Top = true
	ticks := make([]plot.Tick, len(f))
	for i := range f {
		ticks[i] = plot.Tick{Value: float64(i + 1), Label: fmt.Sprint(i + 1)}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	w := vg.Length(260 + 12*len(f))
	svg, err := svgOf(p, min(w, 640), 240)
	return figure{fmt.Sprintf("Macro-F1 of %s in each of the %d cross-validation folds (each fold's model tested on articles it was not trained on), their mean, and the majority-class baseline's pooled macro-F1.", h.Head, len(f)), svg}, true, err
}
