package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/stance-project/stance/labels"
)

// inputFlags name the fields of structured inputs (JSON, CSV) that hold an
// article's id and text.
type inputFlags struct {
	textField, idField string
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.textField, "text-field", "text", "the JSON field or CSV column holding an article's text")
	fs.StringVar(&f.idField, "id-field", "id", "the JSON field or CSV column holding an article's id (records without one are numbered FILE/LINE)")
}

func (f *inputFlags) check() error {
	switch {
	case strings.TrimSpace(f.textField) == "":
		return usagef("--text-field is empty: name the field that holds the text")
	case strings.TrimSpace(f.idField) == "":
		return usagef("--id-field is empty: name the field that holds the id")
	case f.textField == f.idField:
		return usagef("--text-field and --id-field are both %q", f.textField)
	}
	return nil
}

// fingerprint describes the field names for a resume fingerprint: "" for
// the defaults.
func (f *inputFlags) fingerprint() string {
	if f.textField == "text" && f.idField == "id" {
		return ""
	}
	return fmt.Sprintf("text-field=%s id-field=%s", f.textField, f.idField)
}

// apply sets the field names on reader options.
func (f *inputFlags) apply(o labels.Options) labels.Options {
	o.TextField, o.IDField = f.textField, f.idField
	return o
}

// formatOf returns the output format: the --format given, else the one
// -o's extension names (.csv, .jsonl, .ndjson), else jsonl. A --format
// that contradicts the extension is a usage error.
func formatOf(fs *flag.FlagSet, format, out string) (string, error) {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "format" })
	ext := ""
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv":
		ext = "csv"
	case ".jsonl", ".ndjson":
		ext = "jsonl"
	}
	switch {
	case ext == "":
		return format, nil
	case !set:
		return ext, nil
	case format != ext:
		return "", usagef("--format %s contradicts -o %s, which names a .%s file; drop --format or change the file's name", format, out, strings.TrimPrefix(filepath.Ext(out), "."))
	}
	return format, nil
}

// csvFields returns the metadata field names of all the inputs, for the
// CSV header, in a first pass over them. Standard input is copied to a
// temporary file first (so memory stays flat), which e.stdin then reads;
// the file is removed when cleanup is called. Interrupted while copying,
// it keeps the complete lines copied so far: interrupted reports it, and
// those articles are scored, as score does with what it has read.
func csvFields(e *env, inputs []string, opts labels.Options) (fields []string, cleanup func(), interrupted bool, err error) {
	cleanup = func() {}
	if slices.Contains(inputs, "-") {
		tmp, err := os.CreateTemp("", "stance-stdin-*")
		if err != nil {
			return nil, cleanup, false, fmt.Errorf("standard input: %v", unwrapErr(err))
		}
		os.Remove(tmp.Name()) // unlinked: it goes when closed
		cleanup = func() { tmp.Close() }
		if interrupted, err = spool(e, tmp); err != nil {
			cleanup()
			return nil, func() {}, false, fmt.Errorf("standard input: %v", unwrapErr(err))
		}
		opts.Stdin = tmp
		defer tmp.Seek(0, io.SeekStart)
		e.stdin = tmp
	}
	fields, err = labels.FieldNames(inputs, opts)
	if err != nil {
		cleanup()
		return nil, func() {}, false, err
	}
	return fields, cleanup, interrupted, nil
}

// spool copies standard input to tmp until EOF or a signal; after a
// signal, tmp holds the complete lines read before it.
func spool(e *env, tmp *os.File) (interrupted bool, err error) {
	var mu sync.Mutex
	stopped := false
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 1<<16)
		for {
			n, rerr := e.stdin.Read(buf)
			mu.Lock()
			if stopped {
				mu.Unlock()
				return
			}
			_, werr := tmp.Write(buf[:n])
			mu.Unlock()
			switch {
			case werr != nil:
				done <- werr
				return
			case rerr == io.EOF:
				done <- nil
				return
			case rerr != nil:
				done <- rerr
				return
			}
		}
	}()
	select {
	case err = <-done:
		if err != nil {
			return false, err
		}
		_, err = tmp.Seek(0, io.SeekStart)
		return false, err
	case <-e.ctx().Done():
	}
	mu.Lock()
	stopped = true
	mu.Unlock()
	// Keep complete lines only: a record torn by the signal is not read.
	end, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return true, err
	}
	keep := int64(0)
	buf := make([]byte, 1<<16)
	for off := end; off > 0 && keep == 0; {
		n := min(off, int64(len(buf)))
		off -= n
		if _, err := tmp.ReadAt(buf[:n], off); err != nil {
			return true, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			keep = off + int64(i) + 1
		}
	}
	if err := tmp.Truncate(keep); err != nil {
		return true, err
	}
	_, err = tmp.Seek(0, io.SeekStart)
	return true, err
}
