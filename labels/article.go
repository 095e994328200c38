package labels

// Article is one text to score or learn from.
type Article struct {
	ID   string
	Text string
	// Meta holds the input record's other fields (such as outlet, date and
	// url) in input order, as raw JSON, to be carried through to the output.
	Meta []Meta
	// Target and Span are set for stance examples: the example's own target
	// and, when HasSpan, the byte offsets [Span[0], Span[1]) of its mention
	// in Text.
	Target  string
	Span    [2]int
	HasSpan bool
	// Label is an example's gold label ("" when it has none).
	Label string
	// File and Line say where the article came from, for messages.
	File string
	Line int
}

// Meta is one metadata field of an input record.
type Meta struct {
	Key string
	Raw []byte // valid JSON
}

// String returns the field's value if it is a JSON string.
func (m Meta) String() (string, bool) {
	var f []jsonField
	f, err := scanObject(append(append([]byte(`{"v":`), m.Raw...), '}'), f)
	if err != nil || len(f) != 1 || !f[0].IsStr {
		return "", false
	}
	return f[0].Str, true
}

// MetaString returns the metadata field key as a string, and whether it was
// present and a JSON string.
func (a *Article) MetaString(key string) (string, bool) {
	for _, m := range a.Meta {
		if m.Key == key {
			return m.String()
		}
	}
	return "", false
}
