package labels

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options control how inputs are read.
type Options struct {
	// Warn receives problems that did not stop reading. Nil discards them.
	Warn func(Warning)
	// SkipBad skips malformed JSON Lines records (with a warning) instead
	// of failing on the first one.
	SkipBad bool
	// Examples reads stance examples: each record must carry "target", and
	// may carry "span" and "label".
	Examples bool
	// Stdin is what the path "-" reads.
	Stdin io.Reader
	// Skip is the number of leading articles to skip (to resume a run).
	Skip int64
}

func (o *Options) warn(w Warning) {
	if o.Warn != nil {
		o.Warn(w)
	}
}

// Reader yields articles one at a time.
type Reader interface {
	// Next returns the next article, or io.EOF after the last.
	Next() (*Article, error)
	// Close releases open files.
	Close() error
}

// Open returns a Reader over the inputs in order. Each path is a directory
// (every .txt file below it, in lexical order), a JSON Lines file (.jsonl,
// .ndjson or .json), another file (one article), or "-" for opts.Stdin
// (JSON Lines when it begins with '{', otherwise one article "stdin").
func Open(paths []string, opts Options) (Reader, error) {
	if len(paths) == 0 {
		return nil, errors.New("no input: give a directory, a .txt or .jsonl file, or - for standard input")
	}
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
		}
	}
	m := &multiReader{paths: paths, opts: opts}
	return m, nil
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

type multiReader struct {
	paths   []string
	opts    Options
	cur     Reader
	skipped int64
	ids     map[string]string // id → where it was first seen, when checking
}

func (m *multiReader) Next() (*Article, error) {
	for {
		if m.cur == nil {
			if len(m.paths) == 0 {
				return nil, io.EOF
			}
			p := m.paths[0]
			m.paths = m.paths[1:]
			r, err := openOne(p, &m.opts)
			if err != nil {
				return nil, err
			}
			m.cur = r
		}
		a, err := m.cur.Next()
		if err == io.EOF {
			m.cur.Close()
			m.cur = nil
			continue
		}
		if err != nil {
			return nil, err
		}
		if m.skipped < m.opts.Skip {
			m.skipped++
			continue
		}
		return a, nil
	}
}

func (m *multiReader) Close() error {
	if m.cur != nil {
		return m.cur.Close()
	}
	return nil
}

func openOne(p string, opts *Options) (Reader, error) {
	if p == "-" {
		if opts.Stdin == nil {
			return nil, errors.New("input -: no standard input")
		}
		br := bufio.NewReaderSize(opts.Stdin, 1<<16)
		// Sniff: JSON Lines starts with '{' after optional BOM and space.
		// Peek no further than needed: standard input may be a terminal or
		// a slow pipe, and reading must not wait for 4 KB to arrive.
		var s string
		for n := 1; n <= 4096; n++ {
			n = min(max(n, br.Buffered()), 4096)
			peek, err := br.Peek(n)
			partBOM := len(peek) < len(bom) && bytes.HasPrefix(bom, peek)
			s = strings.TrimLeft(strings.TrimPrefix(string(peek), string(bom)), " \t\r\n")
			if err != nil || s != "" && !partBOM {
				break
			}
		}
		if strings.HasPrefix(s, "{") || opts.Examples {
			return newJSONLReader(br, "<stdin>", nil, opts), nil
		}
		return &oneFileReader{name: "<stdin>", id: "stdin", r: br, opts: opts}, nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
	}
	if st.IsDir() {
		return newDirReader(p, opts)
	}
	if isJSONL(p) || opts.Examples {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
		}
		return newJSONLReader(f, p, f, opts), nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
	}
	id := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	return &oneFileReader{name: p, id: id, r: f, c: f, opts: opts}, nil
}

func isJSONL(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
}

// readText reads one article from a text file: its first 8 KiB are
// checked for binary data before more is read, and at most MaxTextBytes
// are read.
func readText(r io.Reader, name, id string, opts *Options) (*Article, error) {
	head := make([]byte, 8192)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("input %s: %w", name, unwrapPathErr(err))
	}
	head = head[:n]
	if err := checkText(head, name); err != nil {
		return nil, err
	}
	b := head
	if n == 8192 { // there may be more
		rest, err := io.ReadAll(io.LimitReader(r, MaxTextBytes+1-int64(n)))
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", name, unwrapPathErr(err))
		}
		b = append(head, rest...)
	}
	if len(b) > MaxTextBytes {
		msg := fmt.Sprintf("over %d bytes; only the first %d are read", MaxTextBytes, MaxTextBytes)
		if f, ok := r.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				msg = fmt.Sprintf("%d bytes; only the first %d are read", st.Size(), MaxTextBytes)
			}
		}
		opts.warn(Warning{File: name, ID: id, Msg: msg})
		n := MaxTextBytes
		for n > 0 && !utf8.RuneStart(b[n]) {
			n-- // do not split a character
		}
		b = b[:n]
	}
	return textArticle(name, id, b, opts)
}

// checkText refuses the start of a file that is not UTF-8 text.
func checkText(head []byte, name string) error {
	if isUTF16(head) {
		return inputErr(name, 0, "", "is UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8")
	}
	if looksBinary(head) {
		return inputErr(name, 0, "", "looks like a binary file, not text (it holds NUL bytes)")
	}
	return nil
}

// isUTF16 reports whether b starts with a UTF-16 byte-order mark.
func isUTF16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// textArticle makes an article from a whole text file's bytes.
func textArticle(name, id string, b []byte, opts *Options) (*Article, error) {
	if err := checkText(b, name); err != nil {
		return nil, err
	}
	text, invalid := Clean(b)
	if invalid {
		opts.warn(Warning{File: name, ID: id, Msg: "invalid UTF-8 replaced with U+FFFD"})
	}
	if isBlank(text) {
		opts.warn(Warning{File: name, ID: id, Msg: "empty article"})
	}
	return &Article{ID: id, Text: text, File: name}, nil
}

// looksBinary reports whether b holds a NUL byte in its first 8 KiB, as
// text files never do.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	for _, c := range b {
		if c == 0 {
			return true
		}
	}
	return false
}

type oneFileReader struct {
	name, id string
	r        io.Reader
	c        io.Closer
	opts     *Options
	done     bool
}

func (o *oneFileReader) Next() (*Article, error) {
	if o.done {
		return nil, io.EOF
	}
	o.done = true
	return readText(o.r, o.name, o.id, o.opts)
}

func (o *oneFileReader) Close() error {
	if o.c != nil {
		return o.c.Close()
	}
	return nil
}

type dirReader struct {
	root  string
	files []string
	opts  *Options
}

func newDirReader(root string, opts *Options) (*dirReader, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(p), ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", root, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("input %s: no .txt files in the directory", root)
	}
	sort.Strings(files)
	return &dirReader{root: root, files: files, opts: opts}, nil
}

func (d *dirReader) Next() (*Article, error) {
	if len(d.files) == 0 {
		return nil, io.EOF
	}
	p := d.files[0]
	d.files = d.files[1:]
	rel, err := filepath.Rel(d.root, p)
	if err != nil {
		rel = filepath.Base(p)
	}
	id := filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
	}
	defer f.Close()
	return readText(f, p, id, d.opts)
}

func (d *dirReader) Close() error { return nil }

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
			a, ierr = j.parse(line)
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

func (j *jsonlReader) parse(line []byte) (*Article, *InputError) {
	ln := j.lr.line
	if looksBinary(line) {
		return nil, inputErr(j.name, ln, "", "binary data (NUL bytes) where a JSON object was expected")
	}
	var err error
	j.fields, err = scanObject(line, j.fields[:0])
	if err != nil {
		return nil, inputErr(j.name, ln, "", "malformed JSON: %v", err)
	}
	a := &Article{File: j.name, Line: ln}
	var haveID, haveText, haveTarget bool
	var span []byte
	for _, f := range j.fields {
		switch f.Key {
		case "id":
			if haveID {
				return nil, inputErr(j.name, ln, "id", "given twice")
			}
			haveID = true
			switch {
			case f.IsStr:
				a.ID = f.Str
			case isNumber(f.Raw):
				a.ID = string(f.Raw) // numeric ids are accepted as their text
			default:
				return nil, inputErr(j.name, ln, "id", "must be a string or a number, got %s", short(f.Raw))
			}
			if a.ID == "" {
				return nil, inputErr(j.name, ln, "id", "must not be empty")
			}
		case "text":
			if haveText {
				return nil, inputErr(j.name, ln, "text", "given twice")
			}
			if !f.IsStr {
				return nil, inputErr(j.name, ln, "text", "must be a string, got %s", short(f.Raw))
			}
			haveText = true
			a.Text = f.Str
		case "target":
			if j.opts.Examples {
				if haveTarget {
					return nil, inputErr(j.name, ln, "target", "given twice")
				}
				if !f.IsStr {
					return nil, inputErr(j.name, ln, "target", "must be a string, got %s", short(f.Raw))
				}
				haveTarget = true
				a.Target = f.Str
				continue
			}
			a.Meta = append(a.Meta, Meta{Key: f.Key, Raw: clone(f.Raw)})
		case "span":
			if j.opts.Examples {
				if !f.IsNull {
					span = f.Raw
				}
				continue
			}
			a.Meta = append(a.Meta, Meta{Key: f.Key, Raw: clone(f.Raw)})
		case "label":
			if j.opts.Examples {
				if f.IsNull {
					continue
				}
				if !f.IsStr || f.Str == "" {
					return nil, inputErr(j.name, ln, "label", "must be a non-empty string, got %s", short(f.Raw))
				}
				a.Label = f.Str
				continue
			}
			a.Meta = append(a.Meta, Meta{Key: f.Key, Raw: clone(f.Raw)})
		default:
			a.Meta = append(a.Meta, Meta{Key: f.Key, Raw: clone(f.Raw)})
		}
	}
	if !haveID {
		return nil, inputErr(j.name, ln, "id", "missing; every record needs an \"id\"")
	}
	if !haveText {
		return nil, inputErr(j.name, ln, "text", "missing; every record needs a \"text\" string")
	}
	if j.opts.Examples && !haveTarget {
		return nil, inputErr(j.name, ln, "target", "missing; every stance example needs a \"target\"")
	}
	raw := a.Text
	var from, to int
	if span != nil {
		var ok bool
		from, to, ok = parseSpan(span)
		if !ok {
			return nil, inputErr(j.name, ln, "span", "must be [from, to] with 0 <= from <= to, got %s", short(span))
		}
		n := utf8.RuneCountInString(raw)
		if to > n {
			return nil, inputErr(j.name, ln, "span", "[%d, %d] runs past the end of the text (%d characters)", from, to, n)
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
	return a, nil
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

// ReadAll reads every article from the inputs and checks that ids are
// unique.
func ReadAll(paths []string, opts Options) ([]*Article, error) {
	r, err := Open(paths, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []*Article
	seen := map[string]*Article{}
	for {
		a, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if !opts.Examples {
			if prev, dup := seen[a.ID]; dup {
				return nil, inputErr(a.File, a.Line, "id", "duplicate id %q (first in %s)", a.ID, where(prev))
			}
			seen[a.ID] = a
		}
		out = append(out, a)
	}
}

func where(a *Article) string {
	if a.Line > 0 {
		return fmt.Sprintf("%s:%d", a.File, a.Line)
	}
	return a.File
}
