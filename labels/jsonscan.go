package labels

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A small, strict scanner for the one shape this package reads: a JSON object
// per line. It decodes string values without reflection and keeps every other
// value as raw JSON, in input order, so metadata passes through unchanged.

// jsonField is one member of a scanned object.
type jsonField struct {
	Key    string
	Raw    []byte // the value as it appeared, valid JSON
	Str    string // the decoded value when IsStr
	IsStr  bool
	IsNull bool
}

type jsonScanner struct {
	b   []byte
	pos int
}

var errTrailing = errors.New("unexpected data after the object")

// scanObject parses b as one JSON object. Fields are appended to dst.
func scanObject(b []byte, dst []jsonField) ([]jsonField, error) {
	s := jsonScanner{b: b}
	s.ws()
	if !s.eat('{') {
		return dst, s.errf("expected a JSON object")
	}
	s.ws()
	if s.eat('}') {
		return dst, s.end()
	}
	for {
		s.ws()
		if s.peek() != '"' {
			return dst, s.errf("expected a quoted key")
		}
		key, err := s.str()
		if err != nil {
			return dst, err
		}
		s.ws()
		if !s.eat(':') {
			return dst, s.errf("expected ':' after key %q", key)
		}
		s.ws()
		f := jsonField{Key: key}
		start := s.pos
		switch s.peek() {
		case '"':
			f.Str, err = s.str()
			f.IsStr = true
		case 'n':
			err = s.lit("null")
			f.IsNull = true
		default:
			err = s.value(0)
		}
		if err != nil {
			return dst, err
		}
		f.Raw = b[start:s.pos]
		dst = append(dst, f)
		s.ws()
		if s.eat(',') {
			continue
		}
		if s.eat('}') {
			return dst, s.end()
		}
		return dst, s.errf("expected ',' or '}'")
	}
}

func (s *jsonScanner) end() error {
	s.ws()
	if s.pos != len(s.b) {
		return errTrailing
	}
	return nil
}

func (s *jsonScanner) errf(format string, args ...any) error {
	if s.pos >= len(s.b) {
		return fmt.Errorf("unexpected end of line: "+format, args...)
	}
	return fmt.Errorf("at byte %d: "+format, append([]any{s.pos + 1}, args...)...)
}

func (s *jsonScanner) peek() byte {
	if s.pos < len(s.b) {
		return s.b[s.pos]
	}
	return 0
}

func (s *jsonScanner) eat(c byte) bool {
	if s.pos < len(s.b) && s.b[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

func (s *jsonScanner) ws() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *jsonScanner) lit(w string) error {
	if len(s.b)-s.pos >= len(w) && string(s.b[s.pos:s.pos+len(w)]) == w {
		s.pos += len(w)
		return nil
	}
	return s.errf("invalid literal")
}

const maxDepth = 512

// value skips one JSON value, checking its syntax.
func (s *jsonScanner) value(depth int) error {
	if depth > maxDepth {
		return s.errf("nesting too deep")
	}
	switch c := s.peek(); {
	case c == '"':
		_, err := s.str()
		return err
	case c == '{':
		s.pos++
		s.ws()
		if s.eat('}') {
			return nil
		}
		for {
			s.ws()
			if s.peek() != '"' {
				return s.errf("expected a quoted key")
			}
			if _, err := s.str(); err != nil {
				return err
			}
			s.ws()
			if !s.eat(':') {
				return s.errf("expected ':'")
			}
			s.ws()
			if err := s.value(depth + 1); err != nil {
				return err
			}
			s.ws()
			if s.eat(',') {
				continue
			}
			if s.eat('}') {
				return nil
			}
			return s.errf("expected ',' or '}'")
		}
	case c == '[':
		s.pos++
		s.ws()
		if s.eat(']') {
			return nil
		}
		for {
			s.ws()
			if err := s.value(depth + 1); err != nil {
				return err
			}
			s.ws()
			if s.eat(',') {
				continue
			}
			if s.eat(']') {
				return nil
			}
			return s.errf("expected ',' or ']'")
		}
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	default:
		return s.errf("expected a value")
	}
}

func (s *jsonScanner) number() error {
	start := s.pos
	s.eat('-')
	if s.eat('0') {
	} else if c := s.peek(); c >= '1' && c <= '9' {
		for c := s.peek(); c >= '0' && c <= '9'; c = s.peek() {
			s.pos++
		}
	} else {
		return s.errf("invalid number")
	}
	if s.eat('.') {
		n := 0
		for c := s.peek(); c >= '0' && c <= '9'; c = s.peek() {
			s.pos++
			n++
		}
		if n == 0 {
			return s.errf("invalid number")
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.pos++
		if c := s.peek(); c == '+' || c == '-' {
			s.pos++
		}
		n := 0
		for c := s.peek(); c >= '0' && c <= '9'; c = s.peek() {
			s.pos++
			n++
		}
		if n == 0 {
			return s.errf("invalid number")
		}
	}
	if s.pos == start {
		return s.errf("invalid number")
	}
	return nil
}

// str decodes a JSON string starting at the opening quote.
func (s *jsonScanner) str() (string, error) {
	s.pos++ // opening quote
	start := s.pos
	// Fast path: no escapes and no control characters.
	for i := s.pos; i < len(s.b); i++ {
		c := s.b[i]
		if c == '"' {
			s.pos = i + 1
			return string(s.b[start:i]), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	// A decoded string is never longer than its escaped form, so one
	// buffer of that size holds it: an article's text (escaped line
	// breaks) no longer grows a buffer from 64 bytes up, copying it a
	// dozen times.
	end := start
	for end < len(s.b) && s.b[end] != '"' {
		if s.b[end] == '\\' {
			end++
		}
		end++
	}
	out := make([]byte, 0, min(end, len(s.b))-start)
	for s.pos < len(s.b) {
		c := s.b[s.pos]
		switch {
		case c == '"':
			s.pos++
			return string(out), nil
		case c < 0x20:
			return "", s.errf("control character in string")
		case c == '\\':
			s.pos++
			if s.pos >= len(s.b) {
				return "", s.errf("unterminated escape")
			}
			e := s.b[s.pos]
			s.pos++
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := s.hex4()
				if !ok {
					return "", s.errf("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair is consumed only when it decodes; otherwise the
					// lone surrogate becomes U+FFFD and the next escape is
					// read on its own, as encoding/json does.
					pair := utf8.RuneError
					if s.pos+1 < len(s.b) && s.b[s.pos] == '\\' && s.b[s.pos+1] == 'u' {
						save := s.pos
						s.pos += 2
						if x, ok := s.hex4(); ok {
							pair = utf16.DecodeRune(r, x)
						}
						if pair == utf8.RuneError {
							s.pos = save
						}
					}
					r = pair
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", s.errf("invalid escape \\%c", e)
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			s.pos++
		default:
			// Invalid UTF-8 is kept as it is; Clean replaces it and warns.
			out = append(out, c)
			s.pos++
		}
	}
	return "", s.errf("unterminated string")
}

func (s *jsonScanner) hex4() (rune, bool) {
	if len(s.b)-s.pos < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.b[s.pos:s.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.pos += 4
	return rune(v), true
}
