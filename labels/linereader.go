package labels

import (
	"bufio"
	"bytes"
	"io"
)

// lineReader reads lines of any length, reusing one buffer. The slice it
// returns is valid until the next call.
type lineReader struct {
	r    *bufio.Reader
	buf  []byte
	line int
	// max is the longest line accepted, in bytes; 0 means no limit.
	max int
	// midBOM is set when a line after the first began with a UTF-8
	// byte-order mark (which next drops), as after `cat a.jsonl b.jsonl`.
	midBOM bool
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 1<<16), max: max}
}

// next returns the next line without its line ending, or io.EOF.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	for {
		frag, err := lr.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			lr.buf = append(lr.buf, frag...)
			if lr.max > 0 && len(lr.buf) > lr.max {
				// Drop the rest of the line, so reading can go on.
				for err == bufio.ErrBufferFull {
					_, err = lr.r.ReadSlice('\n')
				}
				lr.buf = lr.buf[:0]
				lr.line++
				if err != nil && err != io.EOF {
					return nil, err
				}
				return nil, errLineTooLong
			}
			continue
		}
		if len(lr.buf) == 0 {
			lr.buf = frag
		} else {
			lr.buf = append(lr.buf, frag...)
		}
		if err == io.EOF && len(lr.buf) == 0 {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		lr.line++
		b := bytes.TrimSuffix(lr.buf, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if lr.line == 1 {
			b = bytes.TrimPrefix(b, bom)
		} else if bytes.HasPrefix(b, bom) {
			lr.midBOM = true
			b = b[len(bom):]
		}
		// ReadSlice's buffer is overwritten by the next read: own a copy
		// only when the caller keeps it (the callers here do not).
		return b, nil
	}
}

type lineTooLong struct{}

func (lineTooLong) Error() string { return "line too long" }

var errLineTooLong error = lineTooLong{}
