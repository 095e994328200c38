package labels

import (
	"bytes"
	"unicode/utf8"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Clean returns b as text: without a leading byte-order mark, with CRLF and
// lone CR turned into LF, and with every invalid UTF-8 sequence replaced by
// U+FFFD. invalid reports whether any replacement was made.
func Clean(b []byte) (text string, invalid bool) {
	b = bytes.TrimPrefix(b, bom)
	clean := true
	for _, c := range b {
		if c == '\r' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return string(b), false
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c == '\r' {
			out = append(out, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			continue
		}
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			out = append(out, "\uFFFD"...)
			invalid = true
			i++
			continue
		}
		out = append(out, b[i:i+size]...)
		i += size
	}
	return string(out), invalid
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// Truncate returns the longest prefix of s of at most n bytes that does
// not split a UTF-8 sequence.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
