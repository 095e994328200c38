package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"github.com/stance-project/stance"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// csvEncoder writes a header line and one CSV record per article. The
// metadata columns are the union of every article's fields, in the order
// they first appear (fields, found by a first pass over the inputs); a
// field named like a column the program writes becomes input_NAME, as in
// JSON Lines. A JSON null is an empty cell, and a text cell a spreadsheet
// would run as a formula is escaped (csvSafe).
type csvEncoder struct {
	// fields are the metadata field names, set before the first record
	// (nil: the first article's fields).
	fields   []string
	s        *labels.Schema
	examples bool
	fixed    []string       // the program's columns
	cols     []string       // fixed, then the metadata columns
	meta     map[string]int // metadata key → column
	// want is the header of the partial file being resumed (nil: none).
	want   []string
	warn   func(labels.Warning)
	warned map[string]bool
}

func newCSVEncoder(s *labels.Schema, examples bool, warn func(labels.Warning)) (*csvEncoder, error) {
	cols := []string{"id"}
	if examples {
		cols = append(cols, "target")
	}
	for _, h := range s.Heads {
		cols = append(cols, h.Name)
		if !h.Multi && h.Score != nil {
			cols = append(cols, h.Name+"_score")
			if h.Score.Extra != "" {
				cols = append(cols, h.Name+"_"+h.Score.Extra)
			}
		}
		for _, v := range h.Values {
			cols = append(cols, h.Name+"_p_"+v)
		}
	}
	cols = append(cols, "lang", "scored", "reason")
	for _, h := range targetHeads(s) {
		cols = append(cols, s.Heads[h].Name+"_mentions")
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c] {
			return nil, fmt.Errorf("the model's heads give two CSV columns named %q; use --format jsonl", c)
		}
		seen[c] = true
	}
	return &csvEncoder{s: s, examples: examples, fixed: cols, warn: warn, warned: map[string]bool{}}, nil
}

func (c *csvEncoder) begin(first *labels.Article) error {
	fixed := make(map[string]bool, len(c.fixed))
	for _, k := range c.fixed {
		fixed[k] = true
	}
	fields := c.fields
	if fields == nil {
		for _, m := range first.Meta {
			fields = append(fields, m.Key)
		}
	}
	keys := map[string]bool{}
	for _, k := range fields {
		keys[k] = true
	}
	c.cols = slices.Clone(c.fixed)
	c.meta = map[string]int{}
	used := map[string]bool{}
	for _, key := range fields {
		if _, dup := c.meta[key]; dup {
			continue
		}
		name := key
		if fixed[name] {
			name = renameKey(name, func(k string) bool { return fixed[k] || keys[k] || used[k] })
		}
		used[name] = true
		c.meta[key] = len(c.cols)
		c.cols = append(c.cols, name)
	}
	if c.want != nil && !slices.Equal(c.want, c.cols) {
		return fmt.Errorf("resume: the partial file's CSV header (%d columns) is not the one this command writes (%d columns); run without --resume to start over", len(c.want), len(c.cols))
	}
	return nil
}

func (c *csvEncoder) header() []byte {
	if c.want != nil {
		return nil // the partial file has it
	}
	return appendCSV(nil, c.cols)
}

func (c *csvEncoder) check(a *labels.Article) {
	for _, m := range a.Meta {
		if _, ok := c.meta[m.Key]; !ok && !c.warned[m.Key] {
			c.warned[m.Key] = true
			c.warn(labels.Warning{File: a.File, Line: a.Line, ID: a.ID,
				Msg: fmt.Sprintf("field %q is not a CSV column (the columns were fixed before it appeared) and is dropped; use --format jsonl to keep every field", m.Key)})
		}
	}
}

func (c *csvEncoder) footer(io.Writer) error { return nil }

func (c *csvEncoder) record(b []byte, a *labels.Article, pred []classifier.HeadPrediction, cov *stance.Coverage, _ []stance.HeadExplanation) []byte {
	rec := make([]string, 0, len(c.cols))
	rec = append(rec, csvSafe(a.ID))
	if c.examples {
		rec = append(rec, csvSafe(a.Target))
	}
	for _, v := range views(c.s, pred) {
		rec = appendHeadCSV(rec, &v)
	}
	rec = append(rec, cov.Lang, strconv.FormatBool(cov.Scored), cov.Reason)
	for _, h := range targetHeads(c.s) {
		if cov.Scored {
			rec = append(rec, strconv.Itoa(cov.Mentions[h]))
		} else {
			rec = append(rec, "")
		}
	}
	rec = rec[:len(c.cols)]
	for _, m := range a.Meta {
		if i, ok := c.meta[m.Key]; ok {
			rec[i] = metaCell(m)
		}
	}
	return appendCSV(b, rec)
}

// appendHeadCSV appends a head's columns: label(s), score and extra
// probability (single-label heads with a score), then each value's
// probability; all empty for a head the model has no classifier for.
func appendHeadCSV(rec []string, v *headView) []string {
	h := v.head
	n := 1 + len(h.Values)
	if !h.Multi && h.Score != nil {
		n++
		if h.Score.Extra != "" {
			n++
		}
	}
	if !v.scored {
		return append(rec, make([]string, n)...)
	}
	if h.Multi {
		rec = append(rec, strings.Join(v.labels, ";"))
	} else {
		rec = append(rec, v.label)
		if h.Score != nil {
			rec = append(rec, formatProb(v.score))
			if h.Score.Extra != "" {
				rec = append(rec, formatProb(v.extraP))
			}
		}
	}
	for _, x := range v.probs {
		rec = append(rec, formatProb(x))
	}
	return rec
}

// metaCell is a metadata field as a CSV cell: a string's value, empty for
// null, other JSON as it was; escaped by csvSafe.
func metaCell(m labels.Meta) string {
	if string(m.Raw) == "null" {
		return ""
	}
	v, isStr := m.String()
	if !isStr {
		v = string(m.Raw)
	}
	return csvSafe(v)
}

// csvSafe escapes a cell that a spreadsheet would run as a formula (one
// starting with =, +, -, @, a tab or a carriage return) by putting a
// single quote before it, as OWASP advises; a number such as -0.5 is left
// as it is, so that it stays a number.
func csvSafe(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return v
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil && v[0] != '=' && v[0] != '@' {
		return v
	}
	return "'" + v
}

func appendCSV(b []byte, rec []string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(rec)
	w.Flush()
	return append(b, buf.Bytes()...)
}
