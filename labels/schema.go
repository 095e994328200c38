package labels

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
)

// Schema is the set of heads a model predicts.
type Schema struct {
	Name  string `json:"name"`
	Heads []Head `json:"heads"`
}

// Head is one thing to predict about an article: a single-label stance head
// (one value per article) or a multi-label head (any subset of its values).
type Head struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Multi  bool     `json:"multi,omitempty"`
	// Target is what a stance head is about. Nil for heads that are about
	// the whole article (frames), and for example data, where every example
	// names its own target.
	Target *Target `json:"target,omitempty"`
	// Score defines the signed score reported beside the label.
	Score *ScoreDef `json:"score,omitempty"`
}

// Target is the entity a stance head is about, with the surface forms that
// count as a mention of it. Aliases are matched case-insensitively on whole
// tokens; multi-word aliases match token sequences. A one-word alias
// ending in "*" is a stem: it matches every word that begins with it (in
// Arabic and Hebrew script also behind one to three leading clitics), for
// inflected languages ("израил*" matches Израиля, израильский).
type Target struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// ScoreDef names the values behind a head's signed score:
// score = P(Plus) - P(Minus). Extra, when set, is reported on its own under
// its value's name (the codebook's "balanced").
type ScoreDef struct {
	Plus  string `json:"plus"`
	Minus string `json:"minus"`
	Extra string `json:"extra,omitempty"`
}

// Head returns the head with the given name, or nil.
func (s *Schema) Head(name string) *Head {
	for i := range s.Heads {
		if s.Heads[i].Name == name {
			return &s.Heads[i]
		}
	}
	return nil
}

// Index returns the position of value v in h.Values, or -1.
func (h *Head) Index(v string) int { return slices.Index(h.Values, v) }

// Targets returns the targets of the schema's stance heads, in head order.
func (s *Schema) Targets() []*Target {
	var ts []*Target
	for i := range s.Heads {
		if t := s.Heads[i].Target; t != nil {
			ts = append(ts, t)
		}
	}
	return ts
}

// Validate checks a schema for mistakes a user can make in a schema file.
func (s *Schema) Validate(file string) error {
	if len(s.Heads) == 0 {
		return inputErr(file, 0, "heads", "a schema needs at least one head")
	}
	if len(s.Heads) > MaxHeads {
		return inputErr(file, 0, "heads", "%d heads; a schema has at most %d", len(s.Heads), MaxHeads)
	}
	seen := map[string]bool{}
	for i, h := range s.Heads {
		field := fmt.Sprintf("heads[%d]", i)
		if h.Name == "" {
			return inputErr(file, 0, field+".name", "missing head name")
		}
		if !validName(h.Name) {
			return inputErr(file, 0, field+".name", "head name %q: use letters, digits, '-' and '_'", h.Name)
		}
		if reservedNames[h.Name] {
			return inputErr(file, 0, field+".name", "head name %q is reserved", h.Name)
		}
		if seen[h.Name] {
			return inputErr(file, 0, field+".name", "duplicate head %q", h.Name)
		}
		seen[h.Name] = true
		if len(h.Values) < 2 && !h.Multi {
			return inputErr(file, 0, field+".values", "head %q needs at least two values", h.Name)
		}
		if len(h.Values) < 1 {
			return inputErr(file, 0, field+".values", "head %q needs at least one value", h.Name)
		}
		if len(h.Values) > MaxValues {
			return inputErr(file, 0, field+".values", "head %q has %d values; a head has at most %d", h.Name, len(h.Values), MaxValues)
		}
		vs := map[string]bool{}
		for _, v := range h.Values {
			if v == "" || strings.ContainsAny(v, ";|,\n") {
				return inputErr(file, 0, field+".values", "value %q: values must be non-empty and hold no ';', '|', ',' or newline", v)
			}
			if vs[v] {
				return inputErr(file, 0, field+".values", "duplicate value %q", v)
			}
			vs[v] = true
		}
		if h.Target != nil {
			if h.Multi {
				return inputErr(file, 0, field+".target", "multi-label head %q cannot have a target", h.Name)
			}
			if h.Target.Name == "" {
				return inputErr(file, 0, field+".target.name", "missing target name")
			}
			for _, a := range h.Target.Aliases {
				if strings.TrimSpace(a) == "" {
					return inputErr(file, 0, field+".target.aliases", "empty alias")
				}
				if !hasWordChar(a) {
					return inputErr(file, 0, field+".target.aliases", "alias %q has no letter or digit, so it can never match a word", a)
				}
			}
			if len(h.Target.Aliases) == 0 && !hasWordChar(h.Target.Name) {
				return inputErr(file, 0, field+".target.name", "target %q has no letter or digit and no aliases, so it can never match a word", h.Target.Name)
			}
		}
		if sc := h.Score; sc != nil {
			for _, v := range []string{sc.Plus, sc.Minus, sc.Extra} {
				if v != "" && !vs[v] {
					return inputErr(file, 0, field+".score", "value %q is not one of %s", v, strings.Join(h.Values, ", "))
				}
			}
			if sc.Plus == "" || sc.Minus == "" {
				return inputErr(file, 0, field+".score", "score needs both plus and minus")
			}
		}
	}
	return nil
}

// reservedNames are keys and columns scoring writes itself, or fields of
// an input record; a head cannot be named so.
var reservedNames = map[string]bool{"id": true, "text": true, "target": true, "explain": true, "span": true, "label": true, "coverage": true}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func validName(s string) bool {
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// LoadSchema reads a JSON schema file.
func LoadSchema(path string) (*Schema, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", path, unwrapPathErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("schema %s is a directory; give a JSON file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxSchemaBytes+1))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", path, unwrapPathErr(err))
	}
	if len(b) > MaxSchemaBytes {
		return nil, inputErr(path, 0, "", "larger than %d KB; a schema is a short JSON object", MaxSchemaBytes>>10)
	}
	return ParseSchema(b, path)
}

// Bounds on a schema, so that the tables a model keeps per value stay
// small.
const (
	MaxSchemaBytes = 1 << 20
	MaxHeads       = 64
	MaxValues      = 1024 // per head
)

// ParseSchema parses a JSON schema; file names the source in errors.
func ParseSchema(b []byte, file string) (*Schema, error) {
	b = bytes.TrimPrefix(b, bom)
	if isUTF16(b) {
		return nil, inputErr(file, 0, "", "is UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, inputErr(file, 0, "", "empty file; a schema is a JSON object with \"name\" and \"heads\"")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Schema
	if err := dec.Decode(&s); err != nil {
		if err == io.ErrUnexpectedEOF {
			err = errors.New("unexpected end of file")
		}
		return nil, inputErr(file, lineOf(b, dec.InputOffset()), "", "not a valid schema: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, inputErr(file, lineOf(b, dec.InputOffset()), "", "not a valid schema: more after the schema object; a schema file holds one JSON object")
	}
	if err := s.Validate(file); err != nil {
		return nil, err
	}
	return &s, nil
}

func lineOf(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// Default returns the codebook schema (CODEBOOK.md v1).
func Default() *Schema {
	return &Schema{
		Name: "codebook-v1",
		Heads: []Head{
			{
				Name:   "israel",
				Values: []string{"pro", "anti", "neutral"},
				Target: &Target{Name: "Israel", Aliases: append([]string{
					"Israel", "Israeli", "Israelis", "Tel Aviv", "Netanyahu", "IDF",
					"Zionist", "Zionists", "Zionist regime", "Mossad", "Knesset", "Herzog",
					"Jewish state", "Israeli regime", "occupying regime", "usurping entity",
					"Gallant", "Lapid", "Bennett", "Sa'ar", "Israel Katz", "Netanyahu's",
				}, israelAliasesML...)},
				Score: &ScoreDef{Plus: "pro", Minus: "anti"},
			},
			{
				Name:   "iran",
				Values: []string{"pro", "anti", "neutral"},
				Target: &Target{Name: "Iran", Aliases: append([]string{
					"Iran", "Iranian", "Iranians", "Tehran", "Islamic Republic", "IRGC",
					"Khamenei", "Pezeshkian", "Araghchi", "Raisi", "Amir-Abdollahian",
					"Rouhani", "Zarif", "Revolutionary Guards", "Revolutionary Guard",
					"Quds Force", "Islamic Republic of Iran", "Ayatollah",
				}, iranAliasesML...)},
				Score: &ScoreDef{Plus: "pro", Minus: "anti"},
			},
			{
				Name:   "azerbaijan",
				Values: []string{"balanced", "israel-aligned", "iran-aligned", "none"},
				Target: &Target{Name: "Azerbaijan", Aliases: append([]string{
					"Azerbaijan", "Azerbaijani", "Azerbaijanis", "Azeri", "Baku", "Aliyev",
					"Bayramov", "Hajiyev", "Republic of Azerbaijan", "SOCAR",
				}, azerbaijanAliasesML...)},
				Score: &ScoreDef{Plus: "israel-aligned", Minus: "iran-aligned", Extra: "balanced"},
			},
			{
				Name:   "frames",
				Values: []string{"security", "economy", "diplomacy", "humanitarian", "legal", "identity"},
				Multi:  true,
			},
		},
	}
}

// ExampleSchema is the schema for stance-example data, where each example
// names its own target: one single-label head "stance" over the given
// values. When the values include a polar pair (positive/negative, pro/anti,
// favor/against) the head gets a signed score.
func ExampleSchema(values []string) *Schema {
	vs := slices.Clone(values)
	slices.Sort(vs)
	h := Head{Name: "stance", Values: vs}
	for _, p := range [][2]string{{"positive", "negative"}, {"pro", "anti"}, {"favor", "against"}, {"FAVOR", "AGAINST"}} {
		if slices.Contains(vs, p[0]) && slices.Contains(vs, p[1]) {
			h.Score = &ScoreDef{Plus: p[0], Minus: p[1]}
			break
		}
	}
	return &Schema{Name: "examples", Heads: []Head{h}}
}
