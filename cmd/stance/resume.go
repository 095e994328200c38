package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A fingerprint says which command wrote a partial file, so that --resume
// continues only the same command: the output format, the model (its
// SHA-256), the settings that change the output, and the inputs. It is
// kept beside the partial file, in FILE.partial.fingerprint, as lines of
// "key value"; input paths are quoted Go strings.
type fingerprint struct {
	format, model     string
	examples, explain bool
	top               int
	skip              int64
	inputs            []string
	// fields names --text-field and --id-field when either is not the
	// default ("" when both are), as the inputs read differently.
	fields string
}

const fingerprintMagic = "stance resume fingerprint 1"

// maxFingerprintBytes bounds a fingerprint file read into memory.
const maxFingerprintBytes = 1 << 20

func fingerprintName(partial string) string { return partial + ".fingerprint" }

func (f *fingerprint) encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nformat %s\nmodel %s\nexamples %t\nexplain %t\ntop %d\nskip %d\n",
		fingerprintMagic, f.format, f.model, f.examples, f.explain, f.top, f.skip)
	if f.fields != "" {
		fmt.Fprintf(&b, "fields %s\n", strconv.Quote(f.fields))
	}
	for _, in := range f.inputs {
		fmt.Fprintf(&b, "input %s\n", strconv.Quote(in))
	}
	return b.Bytes()
}

// parseFingerprint parses what encode wrote.
func parseFingerprint(b []byte) (*fingerprint, error) {
	if len(b) > maxFingerprintBytes {
		return nil, errors.New("too large")
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != fingerprintMagic {
		return nil, errors.New("not a fingerprint this program wrote")
	}
	f := &fingerprint{}
	seen := map[string]bool{}
	for i, l := range lines[1:] {
		key, val, ok := strings.Cut(l, " ")
		if !ok {
			return nil, fmt.Errorf("line %d: no value", i+2)
		}
		if key != "input" && seen[key] {
			return nil, fmt.Errorf("line %d: %s given twice", i+2, key)
		}
		seen[key] = true
		var err error
		switch key {
		case "format":
			f.format = val
		case "model":
			f.model = val
		case "examples":
			f.examples, err = strconv.ParseBool(val)
		case "explain":
			f.explain, err = strconv.ParseBool(val)
		case "top":
			f.top, err = strconv.Atoi(val)
		case "skip":
			f.skip, err = strconv.ParseInt(val, 10, 64)
		case "fields":
			f.fields, err = strconv.Unquote(val)
		case "input":
			var in string
			in, err = strconv.Unquote(val)
			f.inputs = append(f.inputs, in)
		default:
			return nil, fmt.Errorf("line %d: unknown key %q", i+2, key)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %v", i+2, key, err)
		}
	}
	for _, k := range []string{"format", "model", "examples", "explain", "top", "skip"} {
		if !seen[k] {
			return nil, fmt.Errorf("no %s", k)
		}
	}
	return f, nil
}

// diff names the first setting in which two fingerprints differ ("" when
// they are the same command).
func (f *fingerprint) diff(g *fingerprint) string {
	switch {
	case f.format != g.format:
		return fmt.Sprintf("--format %s, not %s", f.format, g.format)
	case f.model != g.model:
		return "a different model"
	case f.examples != g.examples:
		return "a different --examples"
	case f.explain != g.explain || f.explain && f.top != g.top:
		return "a different --explain or --top"
	case f.skip != g.skip:
		return fmt.Sprintf("--skip %d, not %d", f.skip, g.skip)
	case !slices.Equal(f.inputs, g.inputs):
		return "different inputs"
	case f.fields != g.fields:
		return "a different --text-field or --id-field"
	}
	return ""
}

// absInputs returns the inputs as absolute paths, for a fingerprint.
func absInputs(in []string) []string {
	out := make([]string, len(in))
	for i, p := range in {
		out[i] = p
		if p != "-" {
			if a, err := filepath.Abs(p); err == nil {
				out[i] = a
			}
		}
	}
	return out
}

// checkFingerprint refuses to resume a partial file another command wrote.
func checkFingerprint(partial string, want *fingerprint) error {
	name := fingerprintName(partial)
	b, err := readBounded(name, maxFingerprintBytes, "resume fingerprint")
	if err != nil {
		return fmt.Errorf("resume: %s has no readable fingerprint (%v); run without --resume to start over", partial, unwrapErr(err))
	}
	got, err := parseFingerprint(b)
	if err != nil {
		return fmt.Errorf("resume: %s: %v; run without --resume to start over", name, err)
	}
	if d := got.diff(want); d != "" {
		return fmt.Errorf("resume: %s was written by a different command (%s); run that command with --resume, or run without --resume to start over", partial, d)
	}
	return nil
}

// recoverPartial counts the complete records in an interrupted run's
// output file and cuts off a trailing incomplete one. For CSV it also
// returns the header (nil when the file has none yet). It reads the file
// as a stream, never whole.
func recoverPartial(f *os.File, format string) (int64, []string, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, nil, err
	}
	var n, keep int64
	var header []string
	var err error
	if format == "csv" {
		n, keep, header, err = completeCSV(f, f)
	} else {
		n, keep, err = completeLines(f)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("resume: %s: %v", f.Name(), err)
	}
	if err := f.Truncate(keep); err != nil {
		return 0, nil, fmt.Errorf("resume: %w", err)
	}
	if _, err := f.Seek(keep, io.SeekStart); err != nil {
		return 0, nil, fmt.Errorf("resume: %w", err)
	}
	return n, header, nil
}

// completeLines counts the newline-terminated lines of r and where the
// last one ends.
func completeLines(r io.Reader) (n, end int64, err error) {
	buf := make([]byte, 1<<16)
	var off int64
	for {
		k, err := r.Read(buf)
		if k > 0 {
			n += int64(bytes.Count(buf[:k], []byte{'\n'}))
			if i := bytes.LastIndexByte(buf[:k], '\n'); i >= 0 {
				end = off + int64(i) + 1
			}
			off += int64(k)
		}
		if err == io.EOF {
			return n, end, nil
		}
		if err != nil {
			return 0, 0, err
		}
	}
}

// completeCSV counts the complete CSV records after the header and where
// the last one ends. A record is complete when it parses and ends with a
// newline; a newline inside a quoted field does not end one. at reads the
// same bytes as r, to look at the last one.
func completeCSV(r io.Reader, at io.ReaderAt) (n, end int64, header []string, err error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var prev int64
	for {
		rec, err := cr.Read()
		if err != nil {
			break // io.EOF, or a torn last record: keep what came before
		}
		if header != nil && len(rec) != len(header) {
			break
		}
		prev, end = end, cr.InputOffset()
		if header == nil {
			header = slices.Clone(rec)
		} else {
			n++
		}
	}
	if end > 0 {
		var last [1]byte
		if _, err := at.ReadAt(last[:], end-1); err != nil {
			return 0, 0, nil, err
		}
		if last[0] != '\n' { // the last record was cut short
			end = prev
			if n > 0 {
				n--
			} else {
				header = nil
			}
		}
	}
	return n, end, header, nil
}
