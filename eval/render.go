package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/stance-project/stance/classifier"
)

func f2(x float64) string { return fmt.Sprintf("%.2f", x) }

func newTable(w io.Writer) *tablewriter.Table {
	return tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignRight),
		tablewriter.WithRowAlignment(tw.AlignRight),
	)
}

// WriteText renders the report as tables: per head a classification
// report, the confusion matrix and the baseline.
func (r *Report) WriteText(w io.Writer) error {
	if r.Data != "" || r.Method != "" {
		fmt.Fprintf(w, "data:   %s\nmethod: %s\n", r.Data, r.Method)
	}
	for _, h := range r.Heads {
		fmt.Fprintf(w, "\n== %s  (n=%d)\n", h.Head, h.N)
		if h.Unscored > 0 {
			fmt.Fprintf(w, "%d labelled articles not scored (%s), left out of the figures below\n", h.Unscored, classifier.UnreadableReason)
		}
		if h.N == 0 {
			fmt.Fprintln(w, "no labelled articles for this head")
			continue
		}
		t := newTable(w)
		t.Header("", "precision", "recall", "f1-score", "support")
		for _, row := range h.Rows {
			t.Append(row.Label, f2(row.Precision), f2(row.Recall), f2(row.F1), fmt.Sprint(row.Support))
		}
		if !h.Multi {
			t.Append("accuracy", "", "", f2(h.Accuracy), fmt.Sprint(h.N))
		} else {
			t.Append(h.Micro.Label, f2(h.Micro.Precision), f2(h.Micro.Recall), f2(h.Micro.F1), fmt.Sprint(h.Micro.Support))
		}
		for _, row := range []Row{h.Macro, h.Weighted} {
			t.Append(row.Label, f2(row.Precision), f2(row.Recall), f2(row.F1), fmt.Sprint(row.Support))
		}
		if h.Samples != nil {
			t.Append(h.Samples.Label, f2(h.Samples.Precision), f2(h.Samples.Recall), f2(h.Samples.F1), fmt.Sprint(h.Samples.Support))
		}
		if h.FAvg != nil {
			t.Append("F_avg ("+strings.Join(h.FAvgOf, ", ")+")", "", "", f2(*h.FAvg), "")
		}
		if err := t.Render(); err != nil {
			return err
		}
		if len(h.FoldMacroF1) > 0 {
			m, sd := MeanSD(h.FoldMacroF1)
			fmt.Fprintf(w, "macro-F1 per fold: mean %.2f, sd %.2f over %d folds\n", m, sd, len(h.FoldMacroF1))
		}
		if b := h.Baseline; b != nil {
			pred := strings.Join(b.Predicts, "+")
			if pred == "" {
				pred = "nothing"
			}
			if h.Multi {
				fmt.Fprintf(w, "majority baseline (predicts %s): macro-F1 %.2f\n", pred, b.MacroF1)
			} else {
				fmt.Fprintf(w, "majority baseline (predicts %s): accuracy %.2f, macro-F1 %.2f", pred, b.Accuracy, b.MacroF1)
				if b.FAvg != nil {
					fmt.Fprintf(w, ", F_avg %.2f", *b.FAvg)
				}
				fmt.Fprintln(w)
			}
		}
		if h.Confusion != nil {
			fmt.Fprintf(w, "confusion matrix (rows: gold, columns: predicted; order %s)\n", strings.Join(h.Order, ", "))
			t := newTable(w)
			hdr := []any{"gold \\ pred"}
			for _, o := range h.Order {
				hdr = append(hdr, o)
			}
			t.Header(hdr...)
			for i, row := range h.Confusion {
				cells := []any{h.Order[i]}
				for _, c := range row {
					cells = append(cells, fmt.Sprint(c))
				}
				t.Append(cells...)
			}
			if err := t.Render(); err != nil {
				return err
			}
		}
	}
	return r.writeCalibration(w)
}

// writeCalibration writes the calibration table, if there is one.
func (r *Report) writeCalibration(w io.Writer) error {
	if len(r.Calibration) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\n== calibration (temperature scaling of the out-of-fold probabilities; ECE over %d bins, after = each fold tempered with a temperature fitted on the other folds)\n", ECEBins)
	t := newTable(w)
	t.Header("head", "n", "temperature", "ECE before", "ECE after")
	for _, c := range r.Calibration {
		t.Append(c.Head, fmt.Sprint(c.N), fmt.Sprintf("%.2f", c.Temperature), fmt.Sprintf("%.3f", c.ECEBefore), fmt.Sprintf("%.3f", c.ECEAfter))
	}
	return t.Render()
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// MeanSD returns the mean and sample standard deviation of x (0, 0 for
// none; sd 0 for one value).
func MeanSD(x []float64) (float64, float64) {
	if len(x) == 0 {
		return 0, 0
	}
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	if len(x) < 2 {
		return m, 0
	}
	s := 0.0
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return m, math.Sqrt(s / float64(len(x)-1))
}
