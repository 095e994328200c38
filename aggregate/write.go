package aggregate

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Columns returns the names of the group key columns: the By fields, then
// the period.
func (r *Result) Columns() []string {
	cols := append([]string{}, r.By...)
	if r.Period != None {
		cols = append(cols, string(r.Period))
	}
	return cols
}

// Summary is one line on what was read: records, unscored, and records
// with no usable date.
func (r *Result) Summary() string {
	s := fmt.Sprintf("%d articles in %d groups; %d not scored (counted apart, never as neutral)", r.Records, len(r.Groups), r.Unscored)
	if r.Period != None {
		s += fmt.Sprintf("; %d with no usable date in field %q (grouped under %s)", r.NoDate, r.DateField, NoDate)
	}
	return s
}

// WriteTable writes one line per group and head: the group's keys, its
// articles and unscored articles, then the head's articles, the share of
// each value and the mean score with its interval.
func (r *Result) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	hdr := append(r.Columns(), "articles", "unscored", "head", "n", "shares", "mean score", fmt.Sprintf("%.0f%% CI", 100*r.Level))
	fmt.Fprintln(tw, strings.Join(hdr, "\t"))
	for _, g := range r.Groups {
		for i, h := range g.Heads {
			cells := append([]string{}, g.Keys...)
			n, un := strconv.Itoa(g.N), strconv.Itoa(g.Unscored)
			if i > 0 {
				for c := range cells {
					cells[c] = ""
				}
				n, un = "", ""
			}
			var shares []string
			for v, s := range h.Shares.Share {
				shares = append(shares, fmt.Sprintf("%s %.0f%%", h.Shares.Values[v], 100*s))
			}
			mean, ci := "", ""
			if h.Mean != nil {
				mean, ci = fmt.Sprintf("%+.2f", *h.Mean), fmt.Sprintf("[%+.2f, %+.2f]", *h.Lo, *h.Hi)
			}
			if h.N == 0 {
				shares = []string{"-"}
			}
			cells = append(cells, n, un, h.Head, strconv.Itoa(h.N), strings.Join(shares, " "), mean, ci)
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, r.Summary())
	return err
}

// WriteCSV writes one row per group: its keys, articles, unscored, then
// per head HEAD_n, HEAD_share_VALUE for each value, and, for a head with
// a score, HEAD_mean_score, HEAD_ci_low and HEAD_ci_high (empty when no
// article was scored). A cell that a spreadsheet would run as a formula
// is prefixed with an apostrophe.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	hdr := append(r.Columns(), "articles", "unscored")
	for _, h := range r.Heads {
		hdr = append(hdr, h.Name+"_n")
		for _, v := range h.Values {
			hdr = append(hdr, h.Name+"_share_"+v)
		}
		if h.Score {
			hdr = append(hdr, h.Name+"_mean_score", h.Name+"_ci_low", h.Name+"_ci_high")
		}
	}
	if err := cw.Write(hdr); err != nil {
		return err
	}
	num := func(x *float64) string {
		if x == nil {
			return ""
		}
		return strconv.FormatFloat(*x, 'f', 4, 64)
	}
	for _, g := range r.Groups {
		row := make([]string, 0, len(hdr))
		for _, k := range g.Keys {
			row = append(row, safeCell(k))
		}
		row = append(row, strconv.Itoa(g.N), strconv.Itoa(g.Unscored))
		for i, h := range r.Heads {
			st := g.Heads[i]
			row = append(row, strconv.Itoa(st.N))
			for _, s := range st.Shares.Share {
				if st.N == 0 {
					row = append(row, "")
					continue
				}
				row = append(row, strconv.FormatFloat(s, 'f', 4, 64))
			}
			if h.Score {
				row = append(row, num(st.Mean), num(st.Lo), num(st.Hi))
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from running a cell as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteJSON writes the result as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
