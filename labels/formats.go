package labels

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The input formats besides .txt files and JSON Lines: gzipped files, JSON
// arrays, CSV files and HTML pages. Each keeps the readers' rules: an
// error names the file, the line (or record) and the field.

func (o *Options) idField() string {
	if o.IDField != "" {
		return o.IDField
	}
	return "id"
}

func (o *Options) textField() string {
	if o.TextField != "" {
		return o.TextField
	}
	return "text"
}

// counted wraps r so that what is read from it counts in o.BytesRead.
func (o *Options) counted(r io.Reader) io.Reader {
	if o.BytesRead == nil {
		return r
	}
	return &countingReader{r: r, o: o}
}

type countingReader struct {
	r io.Reader
	o *Options
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.o.BytesRead.Add(int64(n))
	return n, err
}

// isTitleField reports whether a record's field holds its headline.
func isTitleField(key string) bool { return key == "title" || key == "headline" }

// withHeadline puts a record's title before its text as the headline (a
// line of its own followed by a blank line, as in a .txt file), unless the
// text already starts with it.
func withHeadline(title, text string) string {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" || strings.HasPrefix(strings.TrimSpace(text), title) {
		return text
	}
	t, _ := Clean([]byte(title))
	return t + "\n\n" + text
}

// numbered is the id of a record that has none: the file's name without
// its extensions, a slash and the record's line (or number).
func (j *jsonlReader) numbered(n int) string {
	return fileID(filepath.Base(j.name)) + "/" + strconv.Itoa(n)
}

// fileID is a file's name without its extensions (".txt", ".jsonl.gz").
func fileID(base string) string {
	if base == "<stdin>" {
		return "stdin"
	}
	if strings.EqualFold(filepath.Ext(base), ".gz") {
		base = base[:len(base)-3]
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// fileKind is how a file is read, from its extension (under a .gz).
type fileKind int

const (
	kindText fileKind = iota
	kindJSONL
	kindJSON // JSON Lines, or a JSON array when it starts with '['
	kindCSV
	kindHTML
)

func kindOf(p string) fileKind {
	ext := strings.ToLower(filepath.Ext(p))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(p[:len(p)-3]))
	}
	switch ext {
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".json":
		return kindJSON
	case ".csv":
		return kindCSV
	case ".html", ".htm":
		return kindHTML
	}
	return kindText
}

// gzipped reports whether p names a gzipped file.
func gzipped(p string) bool { return strings.EqualFold(filepath.Ext(p), ".gz") }

// multiCloser closes several closers, innermost first.
type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// openFile opens the file p, whose article (for a file holding one) has
// the id id; asJSONL reads any file as JSON Lines (stance examples).
func openFile(p, id string, opts *Options, asJSONL bool) (Reader, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", p, unwrapPathErr(err))
	}
	var r io.Reader = bufio.NewReaderSize(opts.counted(f), 1<<16)
	c := multiCloser{f}
	if gzipped(p) {
		zr, err := gzip.NewReader(r)
		if err != nil {
			f.Close()
			return nil, inputErr(p, 0, "", "not a gzip file: %v", err)
		}
		r = &gzipErrReader{r: zr, name: p}
		c = multiCloser{zr, f}
	}
	kind := kindOf(p)
	if asJSONL {
		kind = kindJSONL
	}
	switch kind {
	case kindJSONL:
		return newJSONLReader(r, p, c, opts), nil
	case kindJSON:
		br := bufio.NewReader(r)
		if first, _ := firstByte(br); first == '[' {
			return newArrayReader(br, p, fileID(filepath.Base(p)), c, opts), nil
		}
		return newJSONLReader(br, p, c, opts), nil
	case kindCSV:
		return newCSVReader(r, p, c, opts)
	case kindHTML:
		return &htmlReader{name: p, id: id, r: r, c: c, opts: opts}, nil
	}
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && !gzipped(p) {
		size = st.Size()
	}
	return &oneFileReader{name: p, id: id, size: size, r: r, c: c, opts: opts}, nil
}

// gzipErrReader names the file in a decompression error.
type gzipErrReader struct {
	r    io.Reader
	name string
}

func (g *gzipErrReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("corrupt gzip data: %v", err)
	}
	return n, err
}

// firstByte returns the first byte after a byte-order mark and white
// space, without consuming it.
func firstByte(br *bufio.Reader) (byte, error) {
	for i := 0; ; i++ {
		b, err := br.Peek(i + 1)
		if err != nil {
			return 0, err
		}
		c := b[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case i < len(bom) && c == bom[i] && string(b) == string(bom[:i+1]):
		default:
			return c, nil
		}
		if i > 4096 {
			return 0, nil
		}
	}
}

// arrayReader reads a JSON array of objects, one article each. Errors
// name the record (its position in the array) instead of a line.
type arrayReader struct {
	j       *jsonlReader // parses each record
	dec     *json.Decoder
	started bool
	n       int
}

func newArrayReader(r io.Reader, name, stem string, c io.Closer, opts *Options) *arrayReader {
	j := &jsonlReader{name: name, c: c, opts: opts}
	return &arrayReader{j: j, dec: json.NewDecoder(io.LimitReader(r, 1<<40))}
}

func (a *arrayReader) Close() error { return a.j.Close() }

func (a *arrayReader) Next() (*Article, error) {
	name := a.j.name
	if !a.started {
		a.started = true
		if t, err := a.dec.Token(); err != nil || t != json.Delim('[') {
			return nil, inputErr(name, 0, "", "malformed JSON: expected an array of objects")
		}
	}
	for {
		if !a.dec.More() {
			if t, err := a.dec.Token(); err != nil || t != json.Delim(']') {
				return nil, inputErr(name, 0, "", "malformed JSON: the array is not closed")
			}
			if a.n == 0 {
				a.j.opts.warn(Warning{File: name, Msg: "no records: the array is empty"})
			}
			return nil, io.EOF
		}
		a.n++
		var raw json.RawMessage
		if err := a.dec.Decode(&raw); err != nil {
			return nil, &InputError{File: name, Record: a.n, Msg: "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: ")}
		}
		if len(raw) > MaxRecordBytes {
			return nil, &InputError{File: name, Record: a.n, Msg: fmt.Sprintf("record longer than %d MB", MaxRecordBytes>>20)}
		}
		art, ierr := a.j.parse(raw, a.n)
		if ierr != nil {
			ierr.Record, ierr.Line = a.n, 0
			if a.j.opts.SkipBad {
				a.j.opts.warn(Warning{File: name, Msg: fmt.Sprintf("record %d skipped: %s", a.n, ierr.Msg), Skipped: true})
				continue
			}
			return nil, ierr
		}
		art.Line = 0
		return art, nil
	}
}

// csvReader reads a CSV file with a header: one article per record, its
// text in the text column, its id in the id column (or numbered), and
// every other column as metadata.
type csvReader struct {
	name          string
	r             *csv.Reader
	c             io.Closer
	opts          *Options
	header        []string
	idCol, txtCol int
	titleCol      int
}

func newCSVReader(r io.Reader, name string, c io.Closer, opts *Options) (*csvReader, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	h, err := cr.Read()
	if err == io.EOF {
		c.Close()
		return nil, inputErr(name, 0, "", "empty CSV file: the first line must be a header naming the %q column", opts.textField())
	}
	if err != nil {
		c.Close()
		return nil, csvErr(name, err)
	}
	x := &csvReader{name: name, r: cr, c: c, opts: opts, header: append([]string(nil), h...), idCol: -1, txtCol: -1, titleCol: -1}
	if len(x.header) > 0 {
		x.header[0] = strings.TrimPrefix(x.header[0], string(bom))
	}
	for i, col := range x.header {
		switch {
		case col == opts.idField() && x.idCol < 0:
			x.idCol = i
		case col == opts.textField() && x.txtCol < 0:
			x.txtCol = i
		case isTitleField(col) && x.titleCol < 0:
			x.titleCol = i
		}
	}
	if x.txtCol < 0 {
		c.Close()
		return nil, inputErr(name, 1, opts.textField(), "no such column; the header has %s (choose the text column with --text-field)", strings.Join(x.header, ", "))
	}
	return x, nil
}

func (x *csvReader) Close() error { return x.c.Close() }

func (x *csvReader) Next() (*Article, error) {
	for {
		rec, err := x.r.Read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if x.opts.SkipBad && errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				x.opts.warn(Warning{File: x.name, Line: pe.StartLine, Msg: "skipped: " + pe.Err.Error(), Skipped: true})
				continue
			}
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				return nil, inputErr(x.name, pe.StartLine, "", "has %d fields, the header has %d", len(rec), len(x.header))
			}
			return nil, csvErr(x.name, err)
		}
		line, _ := x.r.FieldPos(0)
		a := &Article{File: x.name, Line: line}
		if x.idCol >= 0 {
			a.ID = rec[x.idCol]
			if a.ID == "" {
				return nil, inputErr(x.name, line, x.opts.idField(), "must not be empty")
			}
		} else {
			a.ID = fileID(filepath.Base(x.name)) + "/" + strconv.Itoa(line)
		}
		if x.opts.keysOnly {
			for i, col := range x.header {
				if i != x.idCol && i != x.txtCol {
					a.Meta = append(a.Meta, Meta{Key: col})
				}
			}
			return a, nil
		}
		for i, col := range x.header {
			if i == x.idCol || i == x.txtCol {
				continue
			}
			raw := []byte("null")
			if rec[i] != "" {
				raw = appendJSONStr(nil, rec[i])
			}
			a.Meta = append(a.Meta, Meta{Key: col, Raw: raw})
		}
		title := ""
		if x.titleCol >= 0 {
			title = rec[x.titleCol]
		}
		text, invalid := Clean([]byte(rec[x.txtCol]))
		if invalid {
			x.opts.warn(Warning{File: x.name, Line: line, ID: a.ID, Msg: "invalid UTF-8 replaced with U+FFFD"})
		}
		a.Text = withHeadline(title, text)
		if isBlank(a.Text) {
			x.opts.warn(Warning{File: x.name, Line: line, ID: a.ID, Msg: "empty article"})
		}
		return a, nil
	}
}

// appendJSONStr appends s as a JSON string.
func appendJSONStr(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// FieldNames returns the metadata field names of every article in the
// inputs, each once, in the order they first appear: what a CSV writer
// needs for its header before the first record. It reads the structured
// inputs (JSON Lines, JSON arrays, CSV) and skips the files that hold one
// article and no metadata. "-" reads opts.Stdin, which the caller must
// give again for the scoring pass (a file it can rewind). Warnings are not
// given (the scoring pass gives them).
func FieldNames(paths []string, opts Options) ([]string, error) {
	opts.Warn, opts.Skip, opts.BytesRead, opts.keysOnly = nil, 0, nil, true
	opts.SkipBad = true // the scoring pass reports bad records
	r, err := Open(paths, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var names []string
	seen := map[string]bool{}
	for {
		a, err := r.Next()
		if err == io.EOF {
			return names, nil
		}
		if err != nil {
			return nil, err
		}
		for _, m := range a.Meta {
			if !seen[m.Key] {
				seen[m.Key] = true
				names = append(names, m.Key)
			}
		}
	}
}
