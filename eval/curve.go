package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/internal/folds"
)

// StratifiedFoldsOf splits only the given rows of ds into k folds
// stratified like StratifiedFolds; the folds hold ds row indices, and
// rows not given are in none.
func StratifiedFoldsOf(ds *classifier.Dataset, rows []int, k int, seed uint64) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	if k > len(rows) {
		return nil, fmt.Errorf("%d folds for %d articles; use at most %d", k, len(rows), len(rows))
	}
	y := make([]int, len(rows))
	head := strataHead(ds.Schema)
	for j, i := range rows {
		y[j] = -1
		if l := ds.Labels[i]; head != nil && l != nil {
			if v, ok := l.Single[head.Name]; ok {
				y[j] = head.Index(v)
			}
		}
	}
	fs := folds.Stratified(y, k, seed)
	for f := range fs {
		fs[f].Train = mapRows(fs[f].Train, rows)
		fs[f].Test = mapRows(fs[f].Test, rows)
	}
	return fs, nil
}

func mapRows(idx, rows []int) []int {
	out := make([]int, len(idx))
	for j, i := range idx {
		out[j] = rows[i]
	}
	slices.Sort(out)
	return out
}

// LabelledRows returns the rows of ds labelled for at least one head.
func LabelledRows(ds *classifier.Dataset) []int {
	var rows []int
	for i, l := range ds.Labels {
		if l != nil {
			rows = append(rows, i)
		}
	}
	return rows
}

// CurvePoint is the cross-validated macro-F1 of every head with N labels.
type CurvePoint struct {
	N int `json:"n"`
	// MacroF1 is parallel to LearningCurve.Heads; NaN-free: a head with no
	// labelled test row at this size has -1.
	MacroF1 []float64 `json:"macro_f1"`
}

// LearningCurve is cross-validated macro-F1 per head at growing numbers
// of labels.
type LearningCurve struct {
	Data   string       `json:"data"`
	Method string       `json:"method"`
	Heads  []string     `json:"heads"`
	Points []CurvePoint `json:"points"`
}

// CurveSizes are the label counts a learning curve is measured at: 25,
// 50, 100, 200, … doubling, below n, then n itself.
func CurveSizes(n int) []int {
	var out []int
	for s := 25; s < n; s *= 2 {
		out = append(out, s)
	}
	return append(out, n)
}

// Learn computes a learning curve over the labelled rows in pool.
// foldsOf makes the cross-validation folds of a set of rows (stratified or
// grouped); at each size the first size rows of one fixed seeded shuffle
// of pool are cross-validated, so each point's labels include the previous
// point's, as they would for an analyst labelling more.
func Learn(ds *classifier.Dataset, cfg classifier.TrainConfig, pool []int, sizes []int, seed uint64, foldsOf func(rows []int) ([]Fold, error)) (*LearningCurve, error) {
	rows := slices.Clone(pool)
	rng := rand.New(rand.NewPCG(seed, 0xc0ffee))
	rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
	lc := &LearningCurve{}
	for _, h := range ds.Schema.Heads {
		lc.Heads = append(lc.Heads, h.Name)
	}
	for _, n := range sizes {
		n = min(n, len(rows))
		sub := slices.Clone(rows[:n])
		slices.Sort(sub)
		fs, err := foldsOf(sub)
		if err != nil {
			return nil, fmt.Errorf("%d labels: %w", n, err)
		}
		rep, err := CrossValidate(ds, cfg, fs)
		if err != nil {
			return nil, fmt.Errorf("%d labels: %w", n, err)
		}
		p := CurvePoint{N: n}
		for _, hr := range rep.Heads {
			f := -1.0
			if hr.N > 0 {
				f = hr.Macro.F1
			}
			p.MacroF1 = append(p.MacroF1, f)
		}
		lc.Points = append(lc.Points, p)
		if n == len(rows) {
			break
		}
	}
	return lc, nil
}

// WriteText writes the curve as a table: one row per size, one column per
// head.
func (lc *LearningCurve) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "data:   %s\nmethod: %s\n\ncross-validated macro-F1 by number of labelled articles\n\n", lc.Data, lc.Method)
	fmt.Fprintf(&b, "%8s", "labels")
	for _, h := range lc.Heads {
		fmt.Fprintf(&b, "  %12s", h)
	}
	b.WriteString("\n")
	for _, p := range lc.Points {
		fmt.Fprintf(&b, "%8d", p.N)
		for _, f := range p.MacroF1 {
			if f < 0 {
				fmt.Fprintf(&b, "  %12s", "-")
			} else {
				fmt.Fprintf(&b, "  %12.3f", f)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the curve as indented JSON.
func (lc *LearningCurve) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(lc)
}
