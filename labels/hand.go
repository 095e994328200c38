package labels

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// LabelSet is one article's hand labels. A head absent from Single and
// Multi is not labelled.
type LabelSet struct {
	ID     string
	Single map[string]string   // single-label head → value
	Multi  map[string][]string // multi-label head → values (possibly none)
	// Extra holds the allowed non-label string fields (outlet, date, notes…).
	Extra map[string]string
	File  string
	Line  int
}

// Has reports whether head is labelled in the set.
func (l *LabelSet) Has(head string) bool {
	if _, ok := l.Single[head]; ok {
		return true
	}
	_, ok := l.Multi[head]
	return ok
}

// extraFields are the non-label fields a hand-label record may carry.
// "annotator", "time" and "seconds" are what `stance label` records with
// each article (LabelLog).
var extraFields = []string{"notes", "note", "hard", "outlet", "date", "url", "annotator", "time", "seconds", "register", "source", "title"}

func isExtra(k string) bool {
	return slices.Contains(extraFields, k) || strings.HasPrefix(k, "_") || strings.HasPrefix(k, "x-")
}

// ReadLabels reads a hand-label file for schema s: JSON Lines (the codebook
// format) or, for a .csv file, CSV with a header row naming "id" and the
// heads, multi-label values separated by ';' or '|'; or a Label Studio
// JSON export (a JSON array of tasks, labelstudio.go). Duplicate ids and
// values outside the schema are errors naming the file, line and field; so
// is a file with no records, which is always a mistake. A field or column
// that is neither a head nor a known extra is ignored (ReadLabelsWarn
// warns about it), unless its name is a near miss of a head's ("isreal",
// "Israel"), which is an error: a typo must not silently unlabel a head.
// An empty string, like null, means "not labelled".
func ReadLabels(path string, s *Schema) ([]*LabelSet, error) {
	return ReadLabelsWarn(path, s, nil)
}

// ReadLabelsWarn is ReadLabels calling warn (when not nil) once per
// ignored field or column, and for what a Label Studio export holds that
// is not a label.
func ReadLabelsWarn(path string, s *Schema, warn func(Warning)) ([]*LabelSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("labels %s: %w", path, unwrapPathErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("labels %s is a directory; give a .jsonl or .csv file", path)
	}
	br := bufio.NewReaderSize(&limitReader{r: f, n: MaxLabelFileBytes, name: path}, 1<<16)
	head, _ := br.Peek(8192)
	if isUTF16(head) {
		return nil, inputErr(path, 0, "", "is UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8")
	}
	if looksBinary(head) {
		return nil, inputErr(path, 0, "", "looks like a binary file, not a label file (it holds NUL bytes)")
	}
	if strings.EqualFold(strings.TrimPrefix(extOf(path), "."), "csv") {
		return readLabelsCSV(br, path, s, warn)
	}
	if t := strings.TrimLeft(string(head), " \t\r\n\ufeff"); strings.HasPrefix(t, "[") {
		return readLabelStudio(br, path, s, warn)
	}
	return readLabelsJSONL(br, path, s, warn)
}

// unknownField decides about a field that is neither a head nor a known
// extra: an error when its name is a near miss of a head's, else a
// warning (once per name and file) and nil.
func unknownField(name string, line int, key, what string, s *Schema, warned map[string]bool, warn func(Warning)) error {
	for _, h := range s.Heads {
		if strings.EqualFold(key, h.Name) || editDistance(strings.ToLower(key), h.Name) <= 2 {
			return inputErr(name, line, key, "unknown %s; the heads are %s", what, headNames(s))
		}
	}
	if !warned[key] {
		warned[key] = true
		if warn != nil {
			warn(Warning{File: name, Line: line, Msg: fmt.Sprintf("%s %q is not a head or a known field; ignored", what, key)})
		}
	}
	return nil
}

// editDistance is the Levenshtein distance of a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// MaxLabelFileBytes bounds a label file; MaxLabelLineBytes one record.
const (
	MaxLabelFileBytes = 256 << 20
	MaxLabelLineBytes = 1 << 20
)

// limitReader fails, rather than stopping quietly, after n bytes.
type limitReader struct {
	r    io.Reader
	n    int64
	name string
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("larger than %d MB; a label file is not that big", MaxLabelFileBytes>>20)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func extOf(p string) string {
	i := strings.LastIndexByte(p, '.')
	if i < 0 || strings.ContainsAny(p[i:], "/\\") {
		return ""
	}
	return p[i:]
}

func readLabelsJSONL(r io.Reader, name string, s *Schema, warn func(Warning)) ([]*LabelSet, error) {
	lr := newLineReader(r, MaxLabelLineBytes)
	var out []*LabelSet
	warned := map[string]bool{}
	seen := map[string]int{}
	var fields []jsonField
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err == errLineTooLong {
			return nil, inputErr(name, lr.line, "", "line longer than %d MB; a label record is one short JSON object", MaxLabelLineBytes>>20)
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lr.line+1, err)
		}
		if isBlank(string(line)) {
			continue
		}
		ln := lr.line
		if looksBinary(line) {
			return nil, inputErr(name, ln, "", "binary data where a JSON object was expected")
		}
		fields, err = scanObject(line, fields[:0])
		if err != nil {
			return nil, inputErr(name, ln, "", "malformed JSON: %v", err)
		}
		ls := &LabelSet{Single: map[string]string{}, Multi: map[string][]string{}, File: name, Line: ln}
		haveID := false
		for _, f := range fields {
			if f.Key == "id" {
				if haveID {
					return nil, inputErr(name, ln, "id", "given twice")
				}
				switch {
				case f.IsStr && f.Str != "":
					ls.ID = f.Str
				case isNumber(f.Raw):
					ls.ID = string(f.Raw) // as article records allow
				default:
					return nil, inputErr(name, ln, "id", "must be a non-empty string, got %s", short(f.Raw))
				}
				haveID = true
				continue
			}
			h := s.Head(f.Key)
			if h == nil {
				if isExtra(f.Key) {
					if f.IsStr {
						if ls.Extra == nil {
							ls.Extra = map[string]string{}
						}
						ls.Extra[f.Key] = f.Str
					}
					continue
				}
				if err := unknownField(name, ln, f.Key, "field", s, warned, warn); err != nil {
					return nil, err
				}
				continue
			}
			if _, dup := ls.Single[h.Name]; dup || ls.Multi[h.Name] != nil {
				return nil, inputErr(name, ln, f.Key, "given twice")
			}
			if f.IsNull || f.IsStr && f.Str == "" {
				continue // not labelled
			}
			if !h.Multi {
				if !f.IsStr {
					return nil, inputErr(name, ln, f.Key, "must be a string, one of %s; got %s", strings.Join(h.Values, ", "), short(f.Raw))
				}
				if h.Index(f.Str) < 0 {
					return nil, inputErr(name, ln, f.Key, "unknown value %q; allowed: %s", f.Str, strings.Join(h.Values, ", "))
				}
				ls.Single[h.Name] = f.Str
				continue
			}
			vals, err := stringArray(f.Raw)
			if err != nil {
				return nil, inputErr(name, ln, f.Key, "must be an array of strings from %s; %v", strings.Join(h.Values, ", "), err)
			}
			if err := checkMulti(h, vals); err != nil {
				return nil, inputErr(name, ln, f.Key, "%v", err)
			}
			ls.Multi[h.Name] = vals
		}
		if !haveID {
			return nil, inputErr(name, ln, "id", "missing; every label record needs an \"id\"")
		}
		if prev, dup := seen[ls.ID]; dup {
			return nil, inputErr(name, ln, "id", "duplicate id %q (first on line %d)", ls.ID, prev)
		}
		seen[ls.ID] = ln
		out = append(out, ls)
	}
	if len(out) == 0 {
		return nil, inputErr(name, 0, "", "no label records; expected one JSON object per line")
	}
	return out, nil
}

// isNumber reports whether raw, valid JSON, is a number.
func isNumber(raw []byte) bool {
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

func headNames(s *Schema) string {
	var n []string
	for _, h := range s.Heads {
		n = append(n, h.Name)
	}
	return strings.Join(n, ", ")
}

func checkMulti(h *Head, vals []string) error {
	for i, v := range vals {
		if h.Index(v) < 0 {
			return fmt.Errorf("unknown value %q; allowed: %s", v, strings.Join(h.Values, ", "))
		}
		if slices.Contains(vals[:i], v) {
			return fmt.Errorf("value %q given twice", v)
		}
	}
	return nil
}

func stringArray(raw []byte) ([]string, error) {
	// Reuse the scanner: wrap the array as an object member.
	s := jsonScanner{b: raw}
	s.ws()
	if !s.eat('[') {
		return nil, errors.New("not an array")
	}
	out := []string{}
	s.ws()
	if s.eat(']') {
		return out, nil
	}
	for {
		s.ws()
		if s.peek() != '"' {
			return nil, errors.New("holds a non-string")
		}
		v, err := s.str()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		s.ws()
		if s.eat(',') {
			continue
		}
		if s.eat(']') {
			return out, nil
		}
		return nil, errors.New("malformed array")
	}
}

func readLabelsCSV(r io.Reader, name string, s *Schema, warn func(Warning)) ([]*LabelSet, error) {
	cr := csv.NewReader(stripBOM(r))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, inputErr(name, 1, "", "empty file; expected a header row naming id and the heads")
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	idCol := -1
	cols := make([]*Head, len(header))
	for i, c := range header {
		c = strings.TrimSpace(c)
		for _, prev := range header[:i] {
			if strings.TrimSpace(prev) == c {
				return nil, inputErr(name, 1, c, "column given twice")
			}
		}
		if c == "id" {
			idCol = i
			continue
		}
		if h := s.Head(c); h != nil {
			cols[i] = h
			continue
		}
		if !isExtra(c) {
			if err := unknownField(name, 1, c, "column", s, map[string]bool{}, warn); err != nil {
				return nil, err
			}
		}
	}
	if idCol < 0 {
		return nil, inputErr(name, 1, "id", "the header has no id column")
	}
	var out []*LabelSet
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			if len(out) == 0 {
				return nil, inputErr(name, 0, "", "no label rows after the header")
			}
			return out, nil
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		ln, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, inputErr(name, ln, "", "has %d fields, the header has %d", len(rec), len(header))
		}
		ls := &LabelSet{ID: strings.TrimSpace(rec[idCol]), Single: map[string]string{}, Multi: map[string][]string{}, File: name, Line: ln}
		if ls.ID == "" {
			return nil, inputErr(name, ln, "id", "must not be empty")
		}
		for i, h := range cols {
			if h == nil {
				continue
			}
			v := strings.TrimSpace(rec[i])
			if !h.Multi {
				if v == "" {
					continue
				}
				if h.Index(v) < 0 {
					return nil, inputErr(name, ln, h.Name, "unknown value %q; allowed: %s", v, strings.Join(h.Values, ", "))
				}
				ls.Single[h.Name] = v
				continue
			}
			if v == "" {
				continue // not labelled; "-" marks an empty set
			}
			vals := []string{}
			if v != "-" {
				for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '|' }) {
					vals = append(vals, strings.TrimSpace(p))
				}
			}
			if err := checkMulti(h, vals); err != nil {
				return nil, inputErr(name, ln, h.Name, "%v", err)
			}
			ls.Multi[h.Name] = vals
		}
		if prev, dup := seen[ls.ID]; dup {
			return nil, inputErr(name, ln, "id", "duplicate id %q (first on line %d)", ls.ID, prev)
		}
		seen[ls.ID] = ln
		out = append(out, ls)
	}
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line {
			return inputErr(name, pe.StartLine, "", "malformed CSV: the quoted field that opens on this line is not closed (found by line %d)", pe.Line)
		}
		return inputErr(name, pe.Line, "", "malformed CSV: %v", pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

type bomStripper struct {
	r     io.Reader
	first bool
}

func stripBOM(r io.Reader) io.Reader { return &bomStripper{r: r, first: true} }

func (b *bomStripper) Read(p []byte) (int, error) {
	if !b.first {
		return b.r.Read(p)
	}
	b.first = false
	buf := make([]byte, 3)
	n, err := io.ReadFull(b.r, buf)
	if n == 3 && string(buf) == string(bom) {
		return b.r.Read(p)
	}
	rest := io.MultiReader(strings.NewReader(string(buf[:n])), b.r)
	b.r = rest
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, err
	}
	return b.r.Read(p)
}

// Join matches hand labels to articles by id. A label for an article that
// is not in the corpus is an error naming the label file and line. The
// result is parallel to arts; an article without labels gets nil.
func Join(arts []*Article, sets []*LabelSet) ([]*LabelSet, error) {
	idx := make(map[string]int, len(arts))
	for i, a := range arts {
		idx[a.ID] = i
	}
	out := make([]*LabelSet, len(arts))
	for _, l := range sets {
		i, ok := idx[l.ID]
		if !ok {
			return nil, inputErr(l.File, l.Line, "id", "no article %q in the corpus", l.ID)
		}
		out[i] = l
	}
	return out, nil
}
