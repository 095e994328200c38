package main

import (
	"github.com/stance-project/stance"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/labels"
)

// jsonlEncoder writes one JSON object per article.
type jsonlEncoder struct {
	s        *labels.Schema
	reserved map[string]bool // keys the program writes itself
}

func newJSONLEncoder(s *labels.Schema) *jsonlEncoder {
	r := map[string]bool{"id": true, "target": true, "explain": true, "coverage": true}
	for _, h := range s.Heads {
		r[h.Name] = true
	}
	return &jsonlEncoder{s: s, reserved: r}
}

func (j *jsonlEncoder) begin(*labels.Article) error { return nil }
func (j *jsonlEncoder) header() []byte              { return nil }
func (j *jsonlEncoder) check(*labels.Article)       {}
func (j *jsonlEncoder) footer(io.Writer) error      { return nil }

func (j *jsonlEncoder) record(b []byte, a *labels.Article, pred []classifier.HeadPrediction, cov *stance.Coverage, ex []stance.HeadExplanation) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, a.ID)
	if a.Target != "" {
		b = append(b, `,"target":`...)
		b = appendJSONString(b, a.Target)
	}
	for _, v := range views(j.s, pred) {
		b = append(b, ',')
		b = appendJSONString(b, v.head.Name)
		b = append(b, ':')
		b = appendHeadJSON(b, &v)
	}
	if cov != nil {
		b = j.appendCoverage(b, cov)
	}
	if ex != nil {
		b = appendExplainJSON(b, ex)
	}
	return append(j.appendMeta(b, a.Meta), '}', '\n')
}

func appendHeadJSON(b []byte, v *headView) []byte {
	if !v.scored {
		return append(b, "null"...)
	}
	if v.head.Multi {
		b = append(b, `{"labels":[`...)
		for i, l := range v.labels {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, l)
		}
		b = append(b, ']')
	} else {
		b = append(b, `{"label":`...)
		b = appendJSONString(b, v.label)
		if v.hasScore {
			b = append(b, `,"score":`...)
			b = appendProb(b, v.score)
			if v.hasExtra {
				b = append(b, ',')
				b = appendJSONString(b, v.head.Score.Extra)
				b = append(b, ':')
				b = appendProb(b, v.extraP)
			}
		}
	}
	b = append(b, `,"probs":{`...)
	for i, x := range v.probs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, v.head.Values[i])
		b = append(b, ':')
		b = appendProb(b, x)
	}
	return append(b, "}}"...)
}

func appendExplainJSON(b []byte, ex []stance.HeadExplanation) []byte {
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
	return append(b, ']')
}

// appendMeta carries the input's metadata through; a key the program
// writes itself becomes input_KEY (input_input_KEY if that is taken too).
func (j *jsonlEncoder) appendMeta(b []byte, meta []labels.Meta) []byte {
	var used map[string]bool
	for _, m := range meta {
		key := m.Key
		if j.reserved[key] {
			if used == nil {
				used = make(map[string]bool, len(meta))
				for _, m := range meta {
					used[m.Key] = true
				}
			}
			key = renameKey(key, func(k string) bool { return j.reserved[k] || used[k] })
			used[key] = true
		}
		b = append(b, ',')
		b = appendJSONString(b, key)
		b = append(b, ':')
		b = append(b, m.Raw...)
	}
	return b
}

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

// appendCoverage writes "coverage": the language, whether the article was
// scored (and why not), and each target head's mention count.
func (j *jsonlEncoder) appendCoverage(b []byte, c *stance.Coverage) []byte {
	b = append(b, `,"coverage":{"lang":`...)
	b = appendJSONString(b, c.Lang)
	b = append(b, `,"scored":`...)
	b = strconv.AppendBool(b, c.Scored)
	if c.Reason != "" {
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, c.Reason)
	}
	if hs := targetHeads(j.s); len(hs) > 0 && c.Scored {
		b = append(b, `,"mentions":{`...)
		for k, h := range hs {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, j.s.Heads[h].Name)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(c.Mentions[h]), 10)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}
