package report

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/stance-project/stance/eval"
)

// evalPage is what the evaluation template shows.
type evalPage struct {
	Data, Method string
	Heads        []evalHead
	Calibration  []eval.Calibration
	ECEBins      int
	Articles     int
	CV           bool
}

type evalHead struct {
	Name     string
	N        int
	Rows     []evalRow
	Sums     []evalRow
	Folds    string
	Baseline string
	Figures  []figure
	Wrong    []wrongRow
	Labelled int // articles with a prediction for this head
	Single   bool
}

type evalRow struct {
	Label                 string
	Precision, Recall, F1 string
	Support               string
}

type wrongRow struct {
	ID, Fold, Gold, Pred, Probs string
	Evidence                    []string
	conf                        float64 // the probability of the wrong pick
}

func rowOf(r eval.Row) evalRow {
	return evalRow{r.Label, f2(r.Precision), f2(r.Recall), f2(r.F1), fmt.Sprint(r.Support)}
}

func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

// Write writes rep as one self-contained HTML page: per head the
// classification table, a confusion-matrix heat map, precision–recall
// curves per class, a reliability diagram with the ECE (single-label
// heads), the macro-F1 of each fold (under cross-validation), and the
// articles the head got wrong with their probabilities and evidence.
// The curves, the reliability diagram and the wrong articles need
// rep.Articles; without them those parts are left out.
func Write(w io.Writer, rep *eval.Report) error {
	pg := evalPage{Data: rep.Data, Method: rep.Method, Calibration: rep.Calibration, ECEBins: eval.ECEBins, Articles: len(rep.Articles)}
	for i := range rep.Heads {
		h := &rep.Heads[i]
		eh := evalHead{Name: h.Head, N: h.N, Single: !h.Multi}
		if h.N == 0 {
			pg.Heads = append(pg.Heads, eh)
			continue
		}
		for _, r := range h.Rows {
			eh.Rows = append(eh.Rows, rowOf(r))
		}
		if h.Multi {
			eh.Sums = append(eh.Sums, rowOf(*h.Micro))
		} else {
			eh.Sums = append(eh.Sums, evalRow{Label: "accuracy", F1: f2(h.Accuracy), Support: fmt.Sprint(h.N)})
		}
		eh.Sums = append(eh.Sums, rowOf(h.Macro), rowOf(h.Weighted))
		if h.Samples != nil {
			eh.Sums = append(eh.Sums, rowOf(*h.Samples))
		}
		if h.FAvg != nil {
			eh.Sums = append(eh.Sums, evalRow{Label: "F_avg (" + strings.Join(h.FAvgOf, ", ") + ")", F1: f2(*h.FAvg)})
		}
		if b := h.Baseline; b != nil {
			pred := strings.Join(b.Predicts, "+")
			if pred == "" {
				pred = "nothing"
			}
			eh.Baseline = fmt.Sprintf("majority baseline (predicts %s): macro-F1 %.2f", pred, b.MacroF1)
			if !h.Multi {
				eh.Baseline += fmt.Sprintf(", accuracy %.2f", b.Accuracy)
			}
		}
		if len(h.FoldMacroF1) > 0 {
			pg.CV = true
			m, sd := eval.MeanSD(h.FoldMacroF1)
			eh.Folds = fmt.Sprintf("macro-F1 per fold: mean %.2f, sd %.2f over %d folds", m, sd, len(h.FoldMacroF1))
		}
		if err := eh.figures(h, rep.Articles); err != nil {
			return err
		}
		eh.wrong(h.Head, rep.Articles)
		pg.Heads = append(pg.Heads, eh)
	}
	return evalTemplate.Execute(w, pg)
}

// figures draws the head's plots in the order the page shows them.
func (eh *evalHead) figures(h *eval.HeadReport, arts []eval.ArticlePrediction) error {
	if h.Confusion != nil {
		f, err := confusionPlot(h)
		if err != nil {
			return err
		}
		eh.Figures = append(eh.Figures, f)
	}
	for _, plot := range []func() (figure, bool, error){
		func() (figure, bool, error) { return prPlot(h, arts) },
		func() (figure, bool, error) { return reliabilityPlot(h, arts) },
		func() (figure, bool, error) { return foldPlot(h) },
	} {
		f, ok, err := plot()
		if err != nil {
			return err
		}
		if ok {
			eh.Figures = append(eh.Figures, f)
		}
	}
	return nil
}

// wrong lists the articles whose head was predicted wrong; for a
// single-label head, the most confident mistakes first.
func (eh *evalHead) wrong(head string, arts []eval.ArticlePrediction) {
	defer func() {
		slices.SortStableFunc(eh.Wrong, func(a, b wrongRow) int { return cmp.Compare(b.conf, a.conf) })
	}()
	for _, a := range arts {
		for _, h := range a.Heads {
			if h.Head != head {
				continue
			}
			eh.Labelled++
			if !h.Wrong {
				continue
			}
			fold := ""
			if a.Fold > 0 {
				fold = fmt.Sprint(a.Fold)
			}
			conf := 0.0
			if i := slices.Index(h.Probs.Labels, h.Pred); h.GoldLabels == nil && i >= 0 {
				conf = h.Probs.P[i]
			}
			eh.Wrong = append(eh.Wrong, wrongRow{ID: a.ID, Fold: fold, Gold: h.GoldString(), Pred: h.PredString(), Probs: h.Probs.String(), Evidence: h.Evidence, conf: conf})
		}
	}
}

var evalTemplate = template.Must(template.New("eval").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stance evaluation</title>
<style>{{css}}</style>
</head>
<body>
<h1>stance evaluation</h1>
<p class="meta">data: {{.Data}}</p>
<p class="meta">method: {{.Method}}</p>
{{if .CV}}<p class="note">Cross-validated: every prediction on this page was made by a model that did not train on that article (out of fold).</p>{{end}}
<p class="meta">Heads: {{range $i, $h := .Heads}}{{if $i}} · {{end}}<a href="#head-{{$h.Name}}">{{$h.Name}}</a>{{end}}{{if .Calibration}} · <a href="#calibration">calibration</a>{{end}}</p>
{{range .Heads}}
<h2 id="head-{{.Name}}">{{.Name}} <small>(n={{.N}})</small></h2>
{{if eq .N 0}}<p>No labelled articles for this head.</p>{{else}}
<table>
<tr><th></th><th>precision</th><th>recall</th><th>f1-score</th><th>support</th></tr>
{{range .Rows}}<tr><td>{{.Label}}</td><td class="num">{{.Precision}}</td><td class="num">{{.Recall}}</td><td class="num">{{.F1}}</td><td class="num">{{.Support}}</td></tr>
{{end}}{{range .Sums}}<tr class="sum"><td>{{.Label}}</td><td class="num">{{.Precision}}</td><td class="num">{{.Recall}}</td><td class="num">{{.F1}}</td><td class="num">{{.Support}}</td></tr>
{{end}}</table>
{{if .Baseline}}<p class="meta">{{.Baseline}}</p>{{end}}
{{if .Folds}}<p class="meta">{{.Folds}}</p>{{end}}
<div class="figs">
{{range .Figures}}<figure>{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}</div>
{{if .Labelled}}<h3>Wrong: {{len .Wrong}} of {{.Labelled}} articles{{if .Single}}, the most confident mistakes first{{end}}</h3>
{{if .Wrong}}<table>
<tr><th>id</th><th>fold</th><th>gold</th><th>predicted</th><th>probabilities</th><th>top evidence for the prediction</th></tr>
{{range .Wrong}}<tr><td>{{.ID}}</td><td class="num">{{.Fold}}</td><td>{{.Gold}}</td><td>{{.Pred}}</td><td>{{.Probs}}</td><td class="ev">{{range .Evidence}}<div>{{.}}</div>{{end}}</td></tr>
{{end}}</table>{{end}}{{end}}
{{end}}{{end}}
{{if .Calibration}}<h2 id="calibration">calibration</h2>
<p class="meta">Temperature scaling of the out-of-fold probabilities; ECE over {{.ECEBins}} bins; after: each fold tempered with a temperature fitted on the other folds.</p>
<table>
<tr><th>head</th><th>n</th><th>temperature</th><th>ECE before</th><th>ECE after</th></tr>
{{range .Calibration}}<tr><td>{{.Head}}</td><td class="num">{{.N}}</td><td class="num">{{printf "%.2f" .Temperature}}</td><td class="num">{{printf "%.3f" .ECEBefore}}</td><td class="num">{{printf "%.3f" .ECEAfter}}</td></tr>
{{end}}</table>{{end}}
<p class="meta">Made by stance eval --html. The page is self-contained: no scripts, no external files.</p>
</body>
</html>
`))
