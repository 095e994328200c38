package labels

import (
	"fmt"
	"strings"
)

// InputError is an error in a file a user supplied. It names the file, the
// line (1-based; 0 when the whole file is at fault) and the field.
type InputError struct {
	File  string
	Line  int
	Field string
	Msg   string
	// Record is the record's position in a JSON array (1-based), named
	// instead of a line; 0 otherwise.
	Record int
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

func inputErr(file string, line int, field, format string, args ...any) *InputError {
	return &InputError{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Warning is a problem that did not stop reading, such as text that was not
// valid UTF-8 or an empty article.
type Warning struct {
	File string
	Line int
	ID   string
	Msg  string
	// Skipped is set when the record was dropped (Options.SkipBad), so a
	// caller can count what was lost.
	Skipped bool
}

func (w Warning) String() string {
	loc := w.File
	if w.Line > 0 {
		loc = fmt.Sprintf("%s:%d", w.File, w.Line)
	}
	if w.ID != "" {
		return fmt.Sprintf("%s: article %q: %s", loc, w.ID, w.Msg)
	}
	return loc + ": " + w.Msg
}
