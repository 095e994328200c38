package labels

import (
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// readText reads one article from a text file: its first 8 KiB are
// checked for binary data before more is read, and at most MaxTextBytes
// are read.
func readText(r io.Reader, name, id string, size int64, opts *Options) (*Article, error) {
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
		if size > 0 {
			msg = fmt.Sprintf("%d bytes; only the first %d are read", size, MaxTextBytes)
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
	size     int64 // the file's size, 0 when not known
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
	if o.opts.keysOnly {
		return &Article{ID: o.id, File: o.name}, nil
	}
	return readText(o.r, o.name, o.id, o.size, o.opts)
}

func (o *oneFileReader) Close() error {
	if o.c != nil {
		return o.c.Close()
	}
	return nil
}

// dirReader reads every file below a directory that holds articles
// (.txt, .html, .htm, .jsonl, .ndjson, also gzipped), in lexical order; a
// .txt or HTML file's id is its path below the directory without its
// extensions. Other files are skipped with one warning.
type dirReader struct {
	root  string
	files []string
	opts  *Options
	cur   Reader
}

// inDir reports whether a file in a directory is read as input.
func inDir(p string) bool {
	base := p
	if gzipped(p) {
		base = p[:len(p)-3]
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".txt", ".html", ".htm", ".jsonl", ".ndjson":
		return true
	}
	return false
}

func newDirReader(root string, opts *Options) (*dirReader, error) {
	var files, skipped []string
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
		switch {
		case inDir(p):
			files = append(files, p)
		case !strings.HasPrefix(d.Name(), "."):
			skipped = append(skipped, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("input %s: %w", root, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("input %s: no .txt, .html, .jsonl or .ndjson files in the directory", root)
	}
	if len(skipped) > 0 {
		opts.warn(Warning{File: root, Msg: fmt.Sprintf("skipped %d %s that %s not .txt, .html, .jsonl or .ndjson (first %s)", len(skipped), pluralS(len(skipped), "file", "files"), pluralS(len(skipped), "is", "are"), skipped[0])})
	}
	sort.Strings(files)
	return &dirReader{root: root, files: files, opts: opts}, nil
}

func pluralS(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (d *dirReader) Next() (*Article, error) {
	for {
		if d.cur != nil {
			a, err := d.cur.Next()
			if err != io.EOF {
				return a, err
			}
			d.cur.Close()
			d.cur = nil
		}
		if len(d.files) == 0 {
			return nil, io.EOF
		}
		p := d.files[0]
		d.files = d.files[1:]
		k := kindOf(p)
		if d.opts.keysOnly && (k == kindText || k == kindHTML) {
			continue // no metadata
		}
		rel, err := filepath.Rel(d.root, p)
		if err != nil {
			rel = filepath.Base(p)
		}
		id := filepath.ToSlash(filepath.Join(filepath.Dir(rel), fileID(filepath.Base(rel))))
		r, err := openFile(p, id, d.opts, false)
		if err != nil {
			return nil, err
		}
		d.cur = r
	}
}

func (d *dirReader) Close() error {
	if d.cur != nil {
		return d.cur.Close()
	}
	return nil
}
