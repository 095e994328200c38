package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"github.com/stance-project/stance"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// tableEncoder collects rows and renders one text table at the end; its
// records are kept in memory (as CSV lines) until then.
type tableEncoder struct {
	s        *labels.Schema
	examples bool
	rows     bytes.Buffer
}

func (t *tableEncoder) begin(*labels.Article) error { return nil }
func (t *tableEncoder) header() []byte              { return nil }
func (t *tableEncoder) check(*labels.Article)       {}

func (t *tableEncoder) record(b []byte, a *labels.Article, pred []classifier.HeadPrediction, cov *stance.Coverage, _ []stance.HeadExplanation) []byte {
	row := []string{a.ID}
	if t.examples {
		row = append(row, a.Target)
	}
	for _, v := range views(t.s, pred) {
		row = append(row, tableCell(&v))
	}
	return appendCSV(b, append(row, coverageCell(t.s, cov)))
}

// coverageCell is the table's last column: the language, "not scored"
// for a language the model does not read, and the target heads whose
// target the article never names.
func coverageCell(s *labels.Schema, c *stance.Coverage) string {
	if !c.Scored {
		return c.Lang + ": not scored"
	}
	cell := c.Lang
	var absent []string
	for _, h := range targetHeads(s) {
		if c.Mentions[h] == 0 {
			absent = append(absent, s.Heads[h].Name)
		}
	}
	if len(absent) > 0 {
		cell += "; not named: " + strings.Join(absent, ", ")
	}
	return strings.TrimPrefix(cell, "; ")
}

// collect keeps a record for the footer instead of writing it.
func (t *tableEncoder) collect(rec []byte) { t.rows.Write(rec) }

func tableCell(v *headView) string {
	switch {
	case !v.scored:
		return "-"
	case v.head.Multi && len(v.labels) == 0:
		return "-"
	case v.head.Multi:
		return strings.Join(v.labels, ", ")
	case v.hasExtra:
		return fmt.Sprintf("%s (%+.2f, %s %.2f)", v.label, v.score, v.head.Score.Extra, v.extraP)
	case v.hasScore:
		return fmt.Sprintf("%s (%+.2f)", v.label, v.score)
	default:
		return fmt.Sprintf("%s (%.2f)", v.label, v.probs[v.head.Index(v.label)])
	}
}

func (t *tableEncoder) footer(w io.Writer) error {
	tb := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	)
	hdr := []any{"id"}
	if t.examples {
		hdr = append(hdr, "target")
	}
	for _, h := range t.s.Heads {
		hdr = append(hdr, h.Name)
	}
	hdr = append(hdr, "coverage")
	tb.Header(hdr...)
	cr := csv.NewReader(&t.rows)
	cr.FieldsPerRecord = -1
	for {
		r, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		cells := make([]any, len(r))
		for i, c := range r {
			cells[i] = c
		}
		if err := tb.Append(cells...); err != nil {
			return err
		}
	}
	return tb.Render()
}
