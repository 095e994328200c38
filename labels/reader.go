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
	"strings"
	"sync/atomic"
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
	// IDField and TextField name the fields (JSON) or columns (CSV) that
	// hold an article's id and text; empty means "id" and "text". A record
	// without an id is numbered: FILE/N, with FILE the file's name without
	// its extensions and N the record's line (its position in a JSON
	// array).
	IDField, TextField string
	// BytesRead, if not nil, counts the bytes read from input files and
	// standard input (compressed bytes for .gz files), for progress.
	BytesRead *atomic.Int64
	// keysOnly reads only what carries metadata (see FieldNames).
	keysOnly bool
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
// (every .txt, .html, .htm, .jsonl and .ndjson file below it, also
// gzipped, in lexical order), a JSON Lines file (.jsonl, .ndjson, or .json
// holding objects one a line), a .json file holding a JSON array of
// objects, a CSV file with a header (.csv), an HTML page (.html, .htm: its
// title and main text), another file (one article), any of these gzipped
// (NAME.gz), or "-" for opts.Stdin (a JSON array when it begins with '[',
// JSON Lines when it begins with '{', otherwise one article "stdin").
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
		br := bufio.NewReaderSize(opts.counted(opts.Stdin), 1<<16)
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
		if strings.HasPrefix(s, "[") && !opts.Examples {
			return newArrayReader(br, "<stdin>", "stdin", nil, opts), nil
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
	return openFile(p, fileID(filepath.Base(p)), opts, opts.Examples)
}

func isJSONL(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
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
