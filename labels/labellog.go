package labels

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/stance-project/stance/internal/atomicfile"
)

// LabelLog is a hand-label file (JSON Lines, the codebook format) that
// grows one record at a time, as `stance label` writes it. Every Append is
// written in one call and synced to disk before it returns, so a crash, a
// closed terminal or a killed process loses nothing already appended; a
// record torn by a kill mid-write is dropped, with a warning, when the
// file is opened again. The file is locked while a LabelLog holds it, so
// two labellers cannot interleave records in one file.
//
// The file stays readable by ReadLabels at every moment: the records are
// ordinary label records with three more fields, "annotator", "time"
// (RFC 3339, UTC) and "seconds" (time spent on the article).
type LabelLog struct {
	f      *os.File
	path   string
	schema *Schema
	sets   []*LabelSet
	offs   []int64 // start of each record in the file
	size   int64
	lines  int // lines in the file, each ending in a newline
}

// Entry is one finished article for LabelLog.Append.
type Entry struct {
	ID        string
	Single    map[string]string   // single-label head → value
	Multi     map[string][]string // multi-label head → values (none: an empty set)
	Annotator string
	Time      time.Time
	Seconds   float64
}

// OpenLabelLog opens (or creates) the label file at path for appending,
// reading the records it already holds for schema s. A last line without
// its line ending that is not a whole JSON object, as a kill in the
// middle of a write leaves, is cut off and reported in warn (the file is
// otherwise untouched); any other error in the file is an error, as for
// ReadLabels. CSV files are refused: records are appended as JSON Lines.
func OpenLabelLog(path string, s *Schema) (log *LabelLog, warn string, err error) {
	if strings.EqualFold(extOf(path), ".csv") {
		return nil, "", fmt.Errorf("labels %s: labels are appended as JSON Lines; give a .jsonl file", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, "", fmt.Errorf("labels %s: %w", path, unwrapPathErr(err))
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return nil, "", fmt.Errorf("labels %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, "", fmt.Errorf("labels %s is not a regular file", path)
	}
	if st.Size() > MaxLabelFileBytes {
		return nil, "", fmt.Errorf("labels %s is larger than %d MB; a label file is not that big", path, MaxLabelFileBytes>>20)
	}
	if err := atomicfile.Lock(f); err != nil {
		return nil, "", fmt.Errorf("labels %s is being written by another process (it is locked); finish that one first", path)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, "", fmt.Errorf("labels %s: %w", path, err)
	}
	l := &LabelLog{f: f, path: path, schema: s}
	if data, warn, err = l.mendTail(data); err != nil {
		return nil, "", err
	}
	l.size = int64(len(data))
	l.lines = bytes.Count(data, []byte("\n"))
	if len(bytes.TrimSpace(data)) > 0 {
		if looksBinary(data[:min(len(data), 8192)]) {
			return nil, "", inputErr(path, 0, "", "looks like a binary file, not a label file (it holds NUL bytes)")
		}
		if l.sets, err = readLabelsJSONL(bytes.NewReader(data), path, s, func(Warning) {}); err != nil {
			return nil, "", err
		}
		starts := []int64{0, 0} // starts[k] is where line k (1-based) begins
		for i, b := range data {
			if b == '\n' {
				starts = append(starts, int64(i+1))
			}
		}
		for _, ls := range l.sets {
			l.offs = append(l.offs, starts[ls.Line])
		}
	}
	if _, err := f.Seek(l.size, io.SeekStart); err != nil {
		return nil, "", fmt.Errorf("labels %s: %w", path, err)
	}
	ok = true
	return l, warn, nil
}

// mendTail handles a last line without a line ending: a whole JSON object
// gets its newline; anything else is a torn record and is cut off.
func (l *LabelLog) mendTail(data []byte) ([]byte, string, error) {
	if len(data) == 0 || data[len(data)-1] == '\n' {
		return data, "", nil
	}
	cut := bytes.LastIndexByte(data, '\n') + 1
	tail := data[cut:]
	if _, err := scanObject(tail, nil); err == nil || isBlank(string(tail)) {
		if _, err := l.f.WriteAt([]byte("\n"), int64(len(data))); err != nil {
			return nil, "", fmt.Errorf("labels %s: %w", l.path, err)
		}
		return append(data, '\n'), "", l.sync()
	}
	if err := l.f.Truncate(int64(cut)); err != nil {
		return nil, "", fmt.Errorf("labels %s: cutting a torn last line: %w", l.path, err)
	}
	line := bytes.Count(data[:cut], []byte("\n")) + 1
	warn := fmt.Sprintf("%s:%d: dropped a torn last record (%d bytes, no line end) left by an interrupted run", l.path, line, len(tail))
	return data[:cut], warn, l.sync()
}

func (l *LabelLog) sync() error {
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("labels %s: %w", l.path, err)
	}
	return nil
}

// Sets returns the records in file order. The slice is the log's own: do
// not modify it.
func (l *LabelLog) Sets() []*LabelSet { return l.sets }

// Len is the number of records.
func (l *LabelLog) Len() int { return len(l.sets) }

// Path is the file's name.
func (l *LabelLog) Path() string { return l.path }

// Append writes e as the file's last record and syncs it to disk. An id
// already in the file is an error (the file would no longer be a valid
// label file). After a failed write the file is cut back to where it was.
func (l *LabelLog) Append(e Entry) error {
	for _, ls := range l.sets {
		if ls.ID == e.ID {
			return fmt.Errorf("labels %s: %q is already labelled (line %d)", l.path, e.ID, ls.Line)
		}
	}
	line, err := l.encode(e)
	if err != nil {
		return err
	}
	if _, err := l.f.Write(line); err != nil {
		l.f.Truncate(l.size)
		l.f.Seek(l.size, io.SeekStart)
		return fmt.Errorf("labels %s: %w", l.path, err)
	}
	if err := l.sync(); err != nil {
		return err
	}
	ls := &LabelSet{ID: e.ID, Single: map[string]string{}, Multi: map[string][]string{}, File: l.path, Line: l.lines + 1,
		Extra: map[string]string{"annotator": e.Annotator, "time": e.Time.UTC().Format(time.RFC3339)}}
	for k, v := range e.Single {
		ls.Single[k] = v
	}
	for k, v := range e.Multi {
		ls.Multi[k] = append([]string{}, v...)
	}
	l.sets = append(l.sets, ls)
	l.offs = append(l.offs, l.size)
	l.size += int64(len(line))
	l.lines++
	return nil
}

// encode writes e as one JSON line: id, the heads in schema order, then
// annotator, time and seconds. Values outside the schema are refused.
func (l *LabelLog) encode(e Entry) ([]byte, error) {
	if e.ID == "" {
		return nil, fmt.Errorf("labels: an entry needs an id")
	}
	var b bytes.Buffer
	str := func(s string) { q, _ := json.Marshal(s); b.Write(q) }
	b.WriteString(`{"id":`)
	str(e.ID)
	for _, h := range l.schema.Heads {
		if h.Multi {
			vals, ok := e.Multi[h.Name]
			if !ok {
				continue
			}
			if err := checkMulti(&h, vals); err != nil {
				return nil, fmt.Errorf("labels: %s: head %s: %v", e.ID, h.Name, err)
			}
			fmt.Fprintf(&b, `,%q:[`, h.Name)
			for i, v := range vals {
				if i > 0 {
					b.WriteByte(',')
				}
				str(v)
			}
			b.WriteByte(']')
			continue
		}
		v, ok := e.Single[h.Name]
		if !ok {
			continue
		}
		if h.Index(v) < 0 {
			return nil, fmt.Errorf("labels: %s: head %s: unknown value %q; allowed: %s", e.ID, h.Name, v, strings.Join(h.Values, ", "))
		}
		fmt.Fprintf(&b, `,%q:`, h.Name)
		str(v)
	}
	if e.Annotator != "" {
		b.WriteString(`,"annotator":`)
		str(e.Annotator)
	}
	if !e.Time.IsZero() {
		b.WriteString(`,"time":`)
		str(e.Time.UTC().Format(time.RFC3339))
	}
	if e.Seconds > 0 {
		b.WriteString(`,"seconds":`)
		b.WriteString(strconv.FormatFloat(e.Seconds, 'f', 1, 64))
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// Pop removes the last record from the file (cutting it off and syncing)
// and returns it, so that an annotator can go back and label it again.
// It returns nil when the file holds no records.
func (l *LabelLog) Pop() (*LabelSet, error) {
	n := len(l.sets)
	if n == 0 {
		return nil, nil
	}
	off := l.offs[n-1]
	if err := l.f.Truncate(off); err != nil {
		return nil, fmt.Errorf("labels %s: %w", l.path, err)
	}
	if _, err := l.f.Seek(off, io.SeekStart); err != nil {
		return nil, fmt.Errorf("labels %s: %w", l.path, err)
	}
	if err := l.sync(); err != nil {
		return nil, err
	}
	last := l.sets[n-1]
	l.sets, l.offs, l.size, l.lines = l.sets[:n-1], l.offs[:n-1], off, last.Line-1
	return last, nil
}

// Close releases the file and its lock.
func (l *LabelLog) Close() error { return l.f.Close() }
