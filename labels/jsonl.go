package labels

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonlReader reads one article (or example) per line.
type jsonlReader struct {
	name   string
	lr     *lineReader
	c      io.Closer
	opts   *Options
	fields []jsonField
	// Skipped counts malformed lines skipped under SkipBad.
	skipped int
	// records counts the records read, to warn about an empty file.
	records int
}

// MaxTextBytes bounds the text read for one article; the rest of a longer
// text file is not read (features featurizes no more either).
const MaxTextBytes = 4 << 20

// MaxRecordBytes bounds one JSON Lines record: a 4 MB article with room
// for escapes and metadata.
const MaxRecordBytes = 16 << 20

func newJSONLReader(r io.Reader, name string, c io.Closer, opts *Options) *jsonlReader {
	return &jsonlReader{name: name, lr: newLineReader(r, MaxRecordBytes), c: c, opts: opts}
}

func (j *jsonlReader) Close() error {
	if j.c != nil {
		return j.c.Close()
	}
	return nil
}

func (j *jsonlReader) Next() (*Article, error) { return j.next() }

func (j *jsonlReader) next() (*Article, error) {
	for {
		line, err := j.lr.next()
		if err == io.EOF {
			if j.records == 0 && j.skipped == 0 {
				j.records = -1 // warn once
				j.opts.warn(Warning{File: j.name, Msg: "no records: the file is empty or blank"})
			}
			return nil, io.EOF
		}
		var ierr *InputError
		switch {
		case err == errLineTooLong:
			ierr = inputErr(j.name, j.lr.line, "", "record longer than %d MB; an article is read up to %d MB", MaxRecordBytes>>20, MaxTextBytes>>20)
		case err != nil:
			return nil, fmt.Errorf("%s:%d: %w", j.name, j.lr.line+1, err)
		case j.lr.line == 1 && isUTF16(line):
			return nil, inputErr(j.name, 0, "", "is UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8")
		}
		if j.lr.midBOM {
			j.lr.midBOM = false
			j.opts.warn(Warning{File: j.name, Line: j.lr.line, Msg: "a UTF-8 byte-order mark starts this line (were files concatenated?); it was ignored"})
		}
		if ierr == nil && isBlank(string(line)) {
			continue
		}
		var a *Article
		if ierr == nil {
			a, ierr = j.parse(line, j.lr.line)
		}
		if ierr != nil {
			if j.opts.SkipBad {
				j.skipped++
				j.opts.warn(Warning{File: j.name, Line: j.lr.line, Msg: "skipped: " + ierr.Msg, Skipped: true})
				continue
			}
			return nil, ierr
		}
		j.records++
		return a, nil
	}
}

// parse reads one record; ln is its line (its record number in a JSON
// array).
func (j *jsonlReader) parse(line []byte, ln int) (*Article, *InputError) {
	if looksBinary(line) {
		return nil, inputErr(j.name, ln, "", "binary data (NUL bytes) where a JSON object was expected")
	}
	var err error
	j.fields, err = scanObject(line, j.fields[:0])
	if err != nil {
		return nil, inputErr(j.name, ln, "", "malformed JSON: %v", err)
	}
	a := &Article{File: j.name, Line: ln}
	idField, textField := j.opts.idField(), j.opts.textField()
	var haveID, haveText, haveTarget bool
	var span []byte
	var title string
	for _, f := range j.fields {
		switch {
		case f.Key == idField:
			if haveID {
				return nil, inputErr(j.name, ln, idField, "given twice")
			}
			haveID = true
			switch {
			case f.IsStr:
				a.ID = f.Str
			case isNumber(f.Raw):
				a.ID = string(f.Raw) // numeric ids are accepted as their text
			default:
				return nil, inputErr(j.name, ln, idField, "must be a string or a number, got %s", short(f.Raw))
			}
			if a.ID == "" {
				return nil, inputErr(j.name, ln, idField, "must not be empty")
			}
		case f.Key == textField:
			if haveText {
				return nil, inputErr(j.name, ln, textField, "given twice")
			}
			if !f.IsStr {
				return nil, inputErr(j.name, ln, textField, "must be a string, got %s", short(f.Raw))
			}
			haveText = true
			a.Text = f.Str
		case f.Key == "target" && j.opts.Examples:
			if haveTarget {
				return nil, inputErr(j.name, ln, "target", "given twice")
			}
			if !f.IsStr {
				return nil, inputErr(j.name, ln, "target", "must be a string, got %s", short(f.Raw))
			}
			haveTarget = true
			a.Target = f.Str
		case f.Key == "span" && j.opts.Examples:
			if !f.IsNull {
				span = f.Raw
			}
		case f.Key == "label" && j.opts.Examples:
			if f.IsNull {
				continue
			}
			if !f.IsStr || f.Str == "" {
				return nil, inputErr(j.name, ln, "label", "must be a non-empty string, got %s", short(f.Raw))
			}
			a.Label = f.Str
		default:
			if title == "" && f.IsStr && isTitleField(f.Key) {
				title = f.Str
			}
			a.Meta = append(a.Meta, Meta{Key: f.Key, Raw: clone(f.Raw)})
		}
	}
	if !haveID {
		a.ID = j.numbered(ln)
	}
	if !haveText {
		return nil, inputErr(j.name, ln, textField, "missing; every record needs a %q string (choose another field with --text-field)", textField)
	}
	if !j.opts.Examples {
		a.Text = withHeadline(title, a.Text)
	}
	if j.opts.Examples && !haveTarget {
		return nil, inputErr(j.name, ln, "target", "missing; every stance example needs a \"target\"")
	}
	if ierr := j.setText(a, span); ierr != nil {
		return nil, ierr
	}
	return a, nil
}

// setText cleans a.Text (read raw from the record) and, for an example
// with a span, maps the span from code points in the raw text to bytes in
// the cleaned text.
func (j *jsonlReader) setText(a *Article, span []byte) *InputError {
	ln := a.Line
	raw := a.Text
	var from, to int
	if span != nil {
		var ok bool
		from, to, ok = parseSpan(span)
		if !ok {
			return inputErr(j.name, ln, "span", "must be [from, to] with 0 <= from <= to, got %s", short(span))
		}
		n := utf8.RuneCountInString(raw)
		if to > n {
			return inputErr(j.name, ln, "span", "[%d, %d] runs past the end of the text (%d characters)", from, to, n)
		}
		// Spans count Unicode code points; clean each part apart so the
		// offsets survive cleaning.
		bf, bt := runeToByte(raw, from), runeToByte(raw, to)
		pre, i1 := Clean([]byte(raw[:bf]))
		mid, i2 := Clean([]byte(raw[bf:bt]))
		post, i3 := Clean([]byte(raw[bt:]))
		a.Text = pre + mid + post
		a.Span = [2]int{len(pre), len(pre) + len(mid)}
		a.HasSpan = true
		if i1 || i2 || i3 {
			j.opts.warn(Warning{File: j.name, Line: ln, ID: a.ID, Msg: "invalid UTF-8 replaced with U+FFFD"})
		}
	} else {
		text, invalid := Clean([]byte(raw))
		if invalid {
			j.opts.warn(Warning{File: j.name, Line: ln, ID: a.ID, Msg: "invalid UTF-8 replaced with U+FFFD"})
		}
		a.Text = text
	}
	if isBlank(a.Text) {
		j.opts.warn(Warning{File: j.name, Line: ln, ID: a.ID, Msg: "empty article"})
	}
	return nil
}

func runeToByte(s string, n int) int {
	i := 0
	for k := range s {
		if i == n {
			return k
		}
		i++
	}
	return len(s)
}

// parseSpan parses a span, a JSON array of two non-negative integers
// [from, to] with from <= to. JSON white space may appear anywhere between
// tokens.
func parseSpan(raw []byte) (from, to int, ok bool) {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, string(raw))
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return 0, 0, false
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	if len(parts) != 2 {
		return 0, 0, false
	}
	var v [2]int
	for i, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" || len(p) > 1 && p[0] == '0' {
			return 0, 0, false
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return 0, 0, false
		}
		v[i] = n
	}
	if v[0] > v[1] {
		return 0, 0, false
	}
	return v[0], v[1], true
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func short(b []byte) string {
	s := string(b)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
