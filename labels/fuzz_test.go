package labels

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets below hold the readers to the package's promise: they
// never panic on input, and every error a user can cause is a *InputError
// naming the file and, for line-oriented formats, the line. Seed corpora
// live in testdata/fuzz/<target>; `go test` replays them, and
//
//	go test -run '^$' -fuzz '^FuzzReadJSONL$' -fuzztime 60s ./labels
//
// explores further.

// jsonlSeeds are JSON Lines inputs that reach the interesting branches.
var jsonlSeeds = []string{
	`{"id":"a","text":"Baku and Tehran"}`,
	"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"y\"}\n",
	`{"id":7,"text":"t","outlet":"IRNA","date":"2024-01-01","tags":[1,{"a":null}],"x":-2.5e3}`,
	`{"id":"e1","text":"Æ said Iran\r\nwon","target":"Iran","span":[7,11],"label":"positive"}`,
	`{"id":"e2","text":"Iran","target":"Iran","span":[0, 4],"label":null}`,
	`{"id":"e3","text":"abc","target":"x","span":[2,1]}`,
	`{"id":"e4","text":"a\ud83d\ude00b\ud800c","target":"b","span":[3,4]}`,
	"\ufeff{\"id\":\"bom\",\"text\":\"x\\r\\ny\\u0000\"}\r\n",
	"{\"id\":\"a\",\"text\":\"\xff\xfe bad utf-8\"}",
	"{\"id\":\"a\",\"text\":\"nul \x00\"}",
	`{"id":"a","text":"x"}` + "\n" + `{"id":"a","text":"dup"}`,
	`{"id":"","text":"x"}`,
	`{"id":"a","id":"b","text":"x"}`,
	`{"id":null,"text":"x"}`,
	`{"id":"a","text":5}`,
	`{"id":"a"}`,
	"\n\n   \n",
	`[1,2,3]`,
	`{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`,
	`{"id":"a","text":"\u00e9\"\\\/\b\f\n\r\t"}`,
	`{"id":"a","text":"x"} trailing`,
}

// checkInputErr fails unless err is a *InputError for file; when needLine,
// it must also name a line.
func checkInputErr(t *testing.T, err error, file string, needLine bool) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %T %q is not an *InputError", err, err)
	}
	if ie.File != file {
		t.Fatalf("error %q names file %q, want %q", err, ie.File, file)
	}
	if needLine && ie.Line < 1 {
		t.Fatalf("error %q names no line", err)
	}
	if ie.Msg == "" || !strings.HasPrefix(err.Error(), file) {
		t.Fatalf("error %q: empty message or not prefixed by the file name", err)
	}
}

// checkArticle checks what every reader promises about an article.
func checkArticle(t *testing.T, a *Article, examples bool) {
	t.Helper()
	if a.ID == "" {
		t.Fatalf("article with an empty id: %+v", a)
	}
	if !utf8.ValidString(a.Text) {
		t.Fatalf("article %q: text is not valid UTF-8: %q", a.ID, a.Text)
	}
	if strings.ContainsRune(a.Text, '\r') {
		t.Fatalf("article %q: text keeps a CR: %q", a.ID, a.Text)
	}
	if a.HasSpan {
		if !examples {
			t.Fatalf("article %q has a span outside example mode", a.ID)
		}
		f, to := a.Span[0], a.Span[1]
		if f < 0 || f > to || to > len(a.Text) {
			t.Fatalf("article %q: span %v out of range for %d bytes", a.ID, a.Span, len(a.Text))
		}
		if !utf8.ValidString(a.Text[:f]) || !utf8.ValidString(a.Text[f:to]) {
			t.Fatalf("article %q: span %v splits a character in %q", a.ID, a.Span, a.Text)
		}
	}
	for _, m := range a.Meta {
		if !json.Valid(m.Raw) {
			t.Fatalf("article %q: meta %q is not valid JSON: %q", a.ID, m.Key, m.Raw)
		}
		if m.Key == "id" || m.Key == "text" {
			t.Fatalf("article %q: %q kept as metadata", a.ID, m.Key)
		}
	}
}

// FuzzScanObject compares the JSON Lines scanner with encoding/json: what
// the scanner accepts must be valid JSON, and the strings it decodes must
// be what encoding/json decodes.
func FuzzScanObject(f *testing.F) {
	for _, s := range jsonlSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"a":"\ud800\u0041"}`))
	f.Add([]byte(`{"a":"\udc00\ud800x"}`))
	f.Add([]byte(`{"a":"\ud83d"}`))
	f.Add([]byte(`{"a":1e5,"b":-0.0,"c":0e-1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fields, err := scanObject(b, nil)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if !json.Valid(b) {
			t.Fatalf("scanObject accepted %q, which encoding/json rejects", b)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			t.Fatalf("scanObject accepted %q, not a JSON object: %v", b, err)
		}
		for _, fl := range fields {
			if !json.Valid(fl.Raw) {
				t.Fatalf("field %q: raw %q is not valid JSON", fl.Key, fl.Raw)
			}
			if fl.IsStr != (len(fl.Raw) > 0 && fl.Raw[0] == '"') || fl.IsNull != (string(fl.Raw) == "null") {
				t.Fatalf("field %q: raw %q with IsStr %v IsNull %v", fl.Key, fl.Raw, fl.IsStr, fl.IsNull)
			}
			if !fl.IsStr || !utf8.Valid(fl.Raw) {
				continue // encoding/json replaces invalid UTF-8; Clean does that later here
			}
			var want string
			if err := json.Unmarshal(fl.Raw, &want); err != nil {
				t.Fatalf("field %q: %v", fl.Key, err)
			}
			if fl.Str != want {
				t.Fatalf("field %q = %q: scanned %q, encoding/json %q", fl.Key, fl.Raw, fl.Str, want)
			}
		}
	})
}

// FuzzReadJSONL reads fuzz bytes as a JSON Lines file of articles or of
// stance examples, with and without SkipBad.
func FuzzReadJSONL(f *testing.F) {
	for i, s := range jsonlSeeds {
		f.Add([]byte(s), i%2 == 0, i%3 == 0)
	}
	f.Fuzz(func(t *testing.T, b []byte, examples, skipBad bool) {
		var warns []Warning
		opts := Options{Examples: examples, SkipBad: skipBad, Warn: func(w Warning) { warns = append(warns, w) }}
		r := newJSONLReader(bytes.NewReader(b), "in.jsonl", nil, &opts)
		seen := map[string]bool{}
		lines := bytes.Count(b, []byte("\n")) + 1
		prevLine := 0
		for {
			a, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if skipBad {
					t.Fatalf("SkipBad: Next returned %v", err)
				}
				checkInputErr(t, err, "in.jsonl", true)
				break
			}
			checkArticle(t, a, examples)
			if a.File != "in.jsonl" || a.Line < 1 || a.Line > lines || a.Line <= prevLine {
				t.Fatalf("article %q: at %s:%d (previous line %d, %d lines)", a.ID, a.File, a.Line, prevLine, lines)
			}
			prevLine = a.Line
			seen[a.ID] = true
		}
		skipped := 0
		for _, w := range warns {
			if w.File != "in.jsonl" || w.Msg == "" || w.Line < 1 && !strings.HasPrefix(w.Msg, "no records") {
				t.Fatalf("warning %+v lacks a file, line or message", w)
			}
			if w.Skipped {
				skipped++
			}
		}
		if skipped != r.skipped {
			t.Fatalf("%d skip warnings, reader counted %d", skipped, r.skipped)
		}
		// The same bytes through the public entry point (standard input,
		// sniffed), which also checks ids are unique.
		arts, err := ReadAll([]string{"-"}, Options{Examples: examples, SkipBad: skipBad, Stdin: bytes.NewReader(b)})
		if err != nil {
			checkInputErr(t, err, "<stdin>", false)
			return
		}
		for _, a := range arts {
			checkArticle(t, a, examples)
		}
	})
}

// FuzzReadLabels reads fuzz bytes as a hand-label file, JSON Lines or CSV,
// against the codebook schema.
func FuzzReadLabels(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","israel":"pro","iran":null,"frames":[],"outlet":"TASS"}`,
		`{"id":"a","iran":"pr0"}`,
		"{\"id\":\"a\"}\n{\"id\":\"a\"}",
		`{"id":"a","isreal":"pro"}`,
		`{"id":"a","frames":["war"]}`,
		`{"id":"a","frames":["legal","legal"]}`,
		`{"id":"a","frames":"security"}`,
		`{"id":"a","israel":"pro","israel":"anti"}`,
		`{"id":"a","frames":["legal" , "economy"],"x-note":1,"_c":"d","notes":"n"}`,
		`{"israel":"pro"}`,
		"{\"id\":\"a\",\"azerbaijan\":\"balanced\"}\n\n{\"id\":\"b\",\"azerbaijan\":\"none\"}\n",
	} {
		f.Add([]byte(s), false)
	}
	for _, s := range []string{
		"id,israel,iran,azerbaijan,frames\na,pro,,none,security;legal\nb,anti,pro,balanced,-\n",
		"\ufeffid,israel,frames\na,pro,security|legal\n",
		"id,israel\na,maybe\n",
		"id,isreal\na,pro\n",
		"id,israel\na,pro\na,anti\n",
		"id,israel\na,pro,x\n",
		"israel\npro\n",
		"id,notes\n\"a\nb\",\"multi\nline\"\n",
		"id,israel\n\"a,pro\n",
		"",
		"id\n,\n",
	} {
		f.Add([]byte(s), true)
	}
	s := Default()
	f.Fuzz(func(t *testing.T, b []byte, isCSV bool) {
		name := "l.jsonl"
		read := readLabelsJSONL
		if isCSV {
			name, read = "l.csv", readLabelsCSV
		}
		sets, err := read(bytes.NewReader(b), name, s, nil)
		if err != nil {
			// Only "the file holds no records" is about the whole file.
			checkInputErr(t, err, name, !strings.Contains(err.Error(), ": no label r"))
			return
		}
		ids := map[string]bool{}
		for _, l := range sets {
			if l.ID == "" || ids[l.ID] {
				t.Fatalf("empty or duplicate id %q", l.ID)
			}
			ids[l.ID] = true
			if l.File != name || l.Line < 1 {
				t.Fatalf("label set %q at %s:%d", l.ID, l.File, l.Line)
			}
			for head, v := range l.Single {
				h := s.Head(head)
				if h == nil || h.Multi || h.Index(v) < 0 {
					t.Fatalf("label set %q: %s=%q is outside the schema", l.ID, head, v)
				}
			}
			for head, vs := range l.Multi {
				h := s.Head(head)
				if h == nil || !h.Multi {
					t.Fatalf("label set %q: %s is not a multi-label head", l.ID, head)
				}
				for i, v := range vs {
					if h.Index(v) < 0 || slices.Contains(vs[:i], v) {
						t.Fatalf("label set %q: %s=%q", l.ID, head, vs)
					}
				}
			}
		}
	})
}

// FuzzReadDir writes fuzz bytes to a .txt file in a corpus directory and
// to a .jsonl file beside it, and reads both the way the CLI does.
func FuzzReadDir(f *testing.F) {
	f.Add([]byte("Headline\r\n\r\nBody text."), []byte(`{"id":"j","text":"x"}`))
	f.Add([]byte("\ufeffTehran \xff said"), []byte("{\"id\":\"j\",\"text\":\"\xff\"}\n"))
	f.Add([]byte("abc\x00\x01"), []byte("not json\n"))
	f.Add([]byte("  \n"), []byte(""))
	f.Add([]byte("{\"id\":\"x\",\"text\":\"a .txt file that looks like JSON\"}"), []byte("\n\n"))
	dir := f.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(filepath.Join(corpus, "sub"), 0o755); err != nil {
		f.Fatal(err)
	}
	os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("A fixed article."), 0o644)
	txt := filepath.Join(corpus, "sub", "fuzz.txt")
	jsonl := filepath.Join(dir, "c.jsonl")
	f.Fuzz(func(t *testing.T, txtBytes, jsonlBytes []byte) {
		if err := os.WriteFile(txt, txtBytes, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonl, jsonlBytes, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, skipBad := range []bool{false, true} {
			arts, err := ReadAll([]string{corpus, jsonl}, Options{SkipBad: skipBad, Warn: func(w Warning) {
				if w.File != txt && w.File != jsonl {
					t.Fatalf("warning %v names %q", w, w.File)
				}
			}})
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("error %T %q is not an *InputError", err, err)
				}
				switch ie.File {
				case txt:
					if ie.Line != 0 {
						t.Fatalf("error %q: a .txt file's error names line %d", err, ie.Line)
					}
				case jsonl:
					checkInputErr(t, err, jsonl, true)
				default:
					t.Fatalf("error %q names %q", err, ie.File)
				}
				continue
			}
			if len(arts) < 2 || arts[0].ID != "a" || arts[1].ID != "sub/fuzz" {
				t.Fatalf("articles %d, ids %v", len(arts), ids(arts))
			}
			for _, a := range arts {
				checkArticle(t, a, false)
			}
		}
	})
}

func ids(arts []*Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

// FuzzParseSchema: a schema file never panics the parser, and a schema it
// accepts is valid, within the bounds, and survives a JSON round trip.
func FuzzParseSchema(f *testing.F) {
	def, _ := json.Marshal(Default())
	f.Add(def)
	f.Add([]byte(`{"name":"t","heads":[{"name":"topic","values":["a","b"]}]}`))
	f.Add([]byte(`{"name":"t","heads":[{"name":"x","values":["a","b"],"target":{"name":"***","aliases":["..."]}}]}`))
	f.Add([]byte(`{"name":"t","heads":[{"name":"topic","values":["a","b"]}]} {}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	f.Add([]byte{0xFF, 0xFE, '{', 0})
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSchema(b, "fuzz.json")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if err := s.Validate("again"); err != nil {
			t.Fatalf("accepted, then invalid: %v", err)
		}
		if len(s.Heads) > MaxHeads {
			t.Fatalf("%d heads", len(s.Heads))
		}
		for _, h := range s.Heads {
			if len(h.Values) > MaxValues {
				t.Fatalf("%d values", len(h.Values))
			}
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := ParseSchema(out, "again")
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, s, s2)
		}
	})
}
