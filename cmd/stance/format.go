package main

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"':
				b = append(b, '\\', '"')
			case '\\':
				b = append(b, '\\', '\\')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, `\u00`...)
				b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, `\u202`...)
				b = append(b, "0123456789abcdef"[r&0xF])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendProb(b []byte, x float64) []byte { return strconv.AppendFloat(b, x, 'f', 4, 64) }

// outputKeys are the keys scoring writes itself; input metadata with the
// same key is renamed "input_KEY".
func outputKeys(s *labels.Schema) []string {
	keys := []string{"id", "target", "explain"}
	for _, h := range s.Heads {
		keys = append(keys, h.Name)
	}
	return keys
}

// appendJSONL renders one scored article as a JSON line.
func appendJSONL(b []byte, s *labels.Schema, reserved []string, a *labels.Article, pred []classifier.HeadPrediction, ex []stance.HeadExplanation) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, a.ID)
	if a.Target != "" {
		b = append(b, `,"target":`...)
		b = appendJSONString(b, a.Target)
	}
	for h := range s.Heads {
		head := &s.Heads[h]
		p := &pred[h]
		b = append(b, ',')
		b = appendJSONString(b, head.Name)
		b = append(b, ':')
		if len(p.Probs) == 0 {
			b = append(b, "null"...)
			continue
		}
		if head.Multi {
			b = append(b, `{"labels":[`...)
			for i, v := range p.Labels {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, head.Values[v])
			}
			b = append(b, `],"probs":{`...)
		} else {
			b = append(b, `{"label":`...)
			b = appendJSONString(b, head.Values[p.Label])
			if p.HasScore {
				b = append(b, `,"score":`...)
				b = appendProb(b, p.Score)
				if ex := head.Score.Extra; ex != "" {
					b = append(b, ',')
					b = appendJSONString(b, ex)
					b = append(b, ':')
					b = appendProb(b, p.Probs[head.Index(ex)])
				}
			}
			b = append(b, `,"probs":{`...)
		}
		for v, x := range p.Probs {
			if v > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, head.Values[v])
			b = append(b, ':')
			b = appendProb(b, x)
		}
		b = append(b, "}}"...)
	}
	if ex != nil {
		b = append(b, `,"explain":[`...)
		for i, e := range ex {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"decision":`...)
			b = appendJSONString(b, e.Decision)
			b = append(b, `,"features":[`...)
			for j, c := range e.Features {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"feature":`...)
				b = appendJSONString(b, c.Feature)
				b = append(b, `,"effect":`...)
				b = appendProb(b, c.Effect)
				b = append(b, '}')
			}
			b = append(b, `],"sentences":[`...)
			for j, se := range e.Sentences {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"sentence":`...)
				b = appendJSONString(b, se.Sentence)
				b = append(b, `,"effect":`...)
				b = appendProb(b, se.Effect)
				b = append(b, '}')
			}
			b = append(b, "]}"...)
		}
		b = append(b, ']')
	}
	for _, m := range a.Meta {
		b = append(b, ',')
		key := m.Key
		if slices.Contains(reserved, key) {
			key = "input_" + key
		}
		b = appendJSONString(b, key)
		b = append(b, ':')
		b = append(b, m.Raw...)
	}
	return append(b, '}', '\n')
}

// csvHeader returns the CSV columns for a schema; meta are the metadata
// keys carried (taken from the first article).
func csvHeader(s *labels.Schema, examples bool, meta []string) []string {
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
	return append(cols, meta...)
}

func csvRecord(s *labels.Schema, examples bool, meta []string, a *labels.Article, pred []classifier.HeadPrediction) []string {
	rec := []string{a.ID}
	if examples {
		rec = append(rec, a.Target)
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	for h := range s.Heads {
		head := &s.Heads[h]
		p := &pred[h]
		if len(p.Probs) == 0 {
			n := 1 + len(head.Values)
			if !head.Multi && head.Score != nil {
				n++
				if head.Score.Extra != "" {
					n++
				}
			}
			rec = append(rec, make([]string, n)...)
			continue
		}
		if head.Multi {
			var vs []string
			for _, v := range p.Labels {
				vs = append(vs, head.Values[v])
			}
			rec = append(rec, strings.Join(vs, ";"))
		} else {
			rec = append(rec, head.Values[p.Label])
			if head.Score != nil {
				rec = append(rec, f(p.Score))
				if head.Score.Extra != "" {
					rec = append(rec, f(p.Probs[head.Index(head.Score.Extra)]))
				}
			}
		}
		for _, x := range p.Probs {
			rec = append(rec, f(x))
		}
	}
	for _, k := range meta {
		v, ok := a.MetaString(k)
		if !ok {
			for _, m := range a.Meta {
				if m.Key == k {
					v = string(m.Raw)
				}
			}
		}
		rec = append(rec, v)
	}
	return rec
}

func appendCSV(b []byte, rec []string) []byte {
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	w.Write(rec)
	w.Flush()
	return append(b, sb.String()...)
}

// tableRow renders one article for the table format.
func tableRow(s *labels.Schema, a *labels.Article, pred []classifier.HeadPrediction) []string {
	row := []string{a.ID}
	if a.Target != "" {
		row = append(row, a.Target)
	}
	for h := range s.Heads {
		head := &s.Heads[h]
		p := &pred[h]
		switch {
		case len(p.Probs) == 0:
			row = append(row, "-")
		case head.Multi:
			var vs []string
			for _, v := range p.Labels {
				vs = append(vs, head.Values[v])
			}
			if len(vs) == 0 {
				vs = []string{"-"}
			}
			row = append(row, strings.Join(vs, ", "))
		case p.HasScore && head.Score.Extra != "":
			row = append(row, fmt.Sprintf("%s (%+.2f, %s %.2f)", head.Values[p.Label], p.Score, head.Score.Extra, p.Probs[head.Index(head.Score.Extra)]))
		case p.HasScore:
			row = append(row, fmt.Sprintf("%s (%+.2f)", head.Values[p.Label], p.Score))
		default:
			row = append(row, fmt.Sprintf("%s (%.2f)", head.Values[p.Label], p.Probs[p.Label]))
		}
	}
	return row
}
