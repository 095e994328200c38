package labels

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
		invalid        bool
	}{
		{"plain", "Baku and Tehran", "Baku and Tehran", false},
		{"bom", "\ufeffBaku", "Baku", false},
		{"crlf", "a\r\nb\rc", "a\nb\nc", false},
		{"invalid", "Baku\xff\xfe!", "Baku\uFFFD\uFFFD!", true},
		{"non-ascii kept", "Əliyev – İran", "Əliyev – İran", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, inv := Clean([]byte(tt.in))
			if got != tt.want || inv != tt.invalid {
				t.Errorf("Clean(%q) = %q, %v; want %q, %v", tt.in, got, inv, tt.want, tt.invalid)
			}
		})
	}
}

func TestScanObject(t *testing.T) {
	good := []struct {
		in   string
		keys []string
		strs []string
	}{
		{`{}`, nil, nil},
		{`{"id":"a","text":"b"}`, []string{"id", "text"}, []string{"a", "b"}},
		{` { "id" : "x\"y\\z\n\u00e9\ud83d\ude00" , "n": [1, {"a": null}, -2.5e3, true] } `, []string{"id", "n"}, []string{"x\"y\\z\né😀", ""}},
	}
	for _, tt := range good {
		fs, err := scanObject([]byte(tt.in), nil)
		if err != nil {
			t.Errorf("scanObject(%q): %v", tt.in, err)
			continue
		}
		if len(fs) != len(tt.keys) {
			t.Errorf("scanObject(%q): %d fields, want %d", tt.in, len(fs), len(tt.keys))
			continue
		}
		for i, f := range fs {
			if f.Key != tt.keys[i] || (f.IsStr && f.Str != tt.strs[i]) {
				t.Errorf("scanObject(%q) field %d = %q:%q, want %q:%q", tt.in, i, f.Key, f.Str, tt.keys[i], tt.strs[i])
			}
		}
	}
	bad := []string{``, `[]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":"b"} x`, `{"a":"\q"}`, `{"a":01}`, `{"a":"` + "\x01" + `"}`, `{"a":tru}`, `{"a":"unterminated}`, `{a:1}`}
	for _, in := range bad {
		if _, err := scanObject([]byte(in), nil); err == nil {
			t.Errorf("scanObject(%q): no error", in)
		}
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadJSONLErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"malformed", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\n", "c.jsonl:2: malformed JSON"},
		{"empty id", `{"id":"","text":"x"}`, `c.jsonl:1: field "id": must not be empty`},
		{"id type", `{"id":[1],"text":"x"}`, `c.jsonl:1: field "id": must be a string or a number`},
		{"missing text", `{"id":"a"}`, `c.jsonl:1: field "text": missing`},
		{"text type", `{"id":"a","text":5}`, `c.jsonl:1: field "text": must be a string`},
		{"duplicate", "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}", `c.jsonl:2: field "id": duplicate id "a"`},
		{"binary", "{\"id\":\"a\",\"text\":\"x\x00\"}", `c.jsonl:1: binary data`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, "c.jsonl", tt.content)
			_, err := ReadAll([]string{p}, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v, want one containing %q", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not an *InputError", err)
			}
		})
	}
}

func TestReadJSONLSkipBad(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "c.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\nnot json\n\n{\"id\":\"b\",\"text\":\"y\",\"outlet\":\"IRNA\"}\n")
	var warns []Warning
	arts, err := ReadAll([]string{p}, Options{SkipBad: true, Warn: func(w Warning) { warns = append(warns, w) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[1].ID != "b" || arts[1].Line != 4 {
		t.Fatalf("got %d articles (%+v), want a and b (line 4)", len(arts), arts)
	}
	if v, ok := arts[1].MetaString("outlet"); !ok || v != "IRNA" {
		t.Errorf("outlet meta = %q, %v", v, ok)
	}
	if len(warns) != 1 || warns[0].Line != 2 {
		t.Errorf("warnings = %v, want one for line 2", warns)
	}
}

func TestReadDirAndWarnings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b/2.txt", "\ufeffHeadline\r\n\r\nBody text.")
	writeFile(t, dir, "a.txt", "First")
	writeFile(t, dir, "b/empty.txt", "  \n")
	writeFile(t, dir, "bad.txt", "Tehran \xff said")
	writeFile(t, dir, "notes.md", "ignored")
	var warns []string
	arts, err := ReadAll([]string{dir}, Options{Warn: func(w Warning) { warns = append(warns, w.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, ","), "a,b/2,b/empty,bad"; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	if arts[1].Text != "Headline\n\nBody text." {
		t.Errorf("text = %q", arts[1].Text)
	}
	joined := strings.Join(warns, "\n")
	for _, want := range []string{`article "b/empty": empty article`, `article "bad": invalid UTF-8`} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings %q lack %q", joined, want)
		}
	}
	bin := writeFile(t, t.TempDir(), "x.txt", "abc\x00\x01")
	if _, err := ReadAll([]string{bin}, Options{}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary file: err = %v", err)
	}
}

func TestExampleSpan(t *testing.T) {
	// "Æ" is two bytes: code-point offsets differ from byte offsets.
	line := `{"id":"e1","text":"Æ said Iran\r\nwon","target":"Iran","span":[7,11],"label":"positive"}`
	p := writeFile(t, t.TempDir(), "ex.jsonl", line)
	arts, err := ReadAll([]string{p}, Options{Examples: true})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	if got := a.Text[a.Span[0]:a.Span[1]]; got != "Iran" || !a.HasSpan {
		t.Errorf("span text = %q, want Iran", got)
	}
	if a.Label != "positive" || a.Target != "Iran" {
		t.Errorf("label %q target %q", a.Label, a.Target)
	}
	for _, bad := range []string{`[7]`, `[9,2]`, `[0,99]`, `"x"`} {
		l := strings.Replace(line, `[7,11]`, bad, 1)
		p := writeFile(t, t.TempDir(), "ex.jsonl", l)
		if _, err := ReadAll([]string{p}, Options{Examples: true}); err == nil || !strings.Contains(err.Error(), `field "span"`) {
			t.Errorf("span %s: err = %v", bad, err)
		}
	}
	p = writeFile(t, t.TempDir(), "ex.jsonl", `{"id":"e","text":"t"}`)
	if _, err := ReadAll([]string{p}, Options{Examples: true}); err == nil || !strings.Contains(err.Error(), `field "target"`) {
		t.Errorf("missing target: err = %v", err)
	}
}

func TestReadLabelsErrors(t *testing.T) {
	s := Default()
	tests := []struct {
		name, file, content, want string
	}{
		{"unknown value", "l.jsonl", `{"id":"a","iran":"pr0"}`, `l.jsonl:1: field "iran": unknown value "pr0"; allowed: pro, anti, neutral`},
		{"duplicate id", "l.jsonl", "{\"id\":\"a\"}\n{\"id\":\"a\"}", `l.jsonl:2: field "id": duplicate id "a" (first on line 1)`},
		{"malformed", "l.jsonl", "{\"id\":\"a\"}\n{\"id\":", `l.jsonl:2: malformed JSON`},
		{"unknown field", "l.jsonl", `{"id":"a","isreal":"pro"}`, `l.jsonl:1: field "isreal": unknown field`},
		{"bad frame", "l.jsonl", `{"id":"a","frames":["war"]}`, `l.jsonl:1: field "frames": unknown value "war"`},
		{"frames not array", "l.jsonl", `{"id":"a","frames":"security"}`, `l.jsonl:1: field "frames": must be an array`},
		{"missing id", "l.jsonl", `{"israel":"pro"}`, `l.jsonl:1: field "id": missing`},
		{"csv unknown value", "l.csv", "id,israel,frames\na,pro,security\nb,maybe,\n", `l.csv:3: field "israel": unknown value "maybe"`},
		{"csv unknown column", "l.csv", "id,isreal\na,pro\n", `l.csv:1: field "isreal": unknown column`},
		{"csv duplicate", "l.csv", "id,israel\na,pro\na,anti\n", `l.csv:3: field "id": duplicate id "a"`},
		{"csv ragged", "l.csv", "id,israel\na,pro,x\n", `l.csv:2: has 3 fields`},
		{"csv no id", "l.csv", "israel\npro\n", `l.csv:1: field "id": the header has no id column`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), tt.file, tt.content)
			_, err := ReadLabels(p, s)
			if err == nil || !strings.HasSuffix(err.Error(), strings.TrimPrefix(tt.want, tt.file)) && !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestReadLabelsMissingMeansUnlabelled(t *testing.T) {
	p := writeFile(t, t.TempDir(), "l.jsonl", `{"id":"a","israel":"pro","iran":null,"frames":[],"outlet":"TASS"}`)
	ls, err := ReadLabels(p, Default())
	if err != nil {
		t.Fatal(err)
	}
	l := ls[0]
	if !l.Has("israel") || l.Has("iran") || l.Has("azerbaijan") || !l.Has("frames") {
		t.Errorf("Has: israel %v iran %v azerbaijan %v frames %v", l.Has("israel"), l.Has("iran"), l.Has("azerbaijan"), l.Has("frames"))
	}
	if l.Extra["outlet"] != "TASS" {
		t.Errorf("extra = %v", l.Extra)
	}
	csvp := writeFile(t, t.TempDir(), "l.csv", "\ufeffid,israel,iran,frames\na,pro,,security;legal\n")
	ls, err = ReadLabels(csvp, Default())
	if err != nil {
		t.Fatal(err)
	}
	if ls[0].Has("iran") || strings.Join(ls[0].Multi["frames"], ",") != "security,legal" {
		t.Errorf("csv labels = %+v", ls[0])
	}
}

func TestJoinUnknownArticle(t *testing.T) {
	arts := []*Article{{ID: "a"}}
	_, err := Join(arts, []*LabelSet{{ID: "a"}, {ID: "zz", File: "l.jsonl", Line: 7}})
	if err == nil || err.Error() != `l.jsonl:7: field "id": no article "zz" in the corpus` {
		t.Fatalf("err = %v", err)
	}
}

func TestSchemaFile(t *testing.T) {
	good := `{"name":"t","heads":[{"name":"climate","values":["favor","against","none"],"target":{"name":"Climate","aliases":["climate change"]},"score":{"plus":"favor","minus":"against"}}]}`
	s, err := ParseSchema([]byte(good), "s.json")
	if err != nil {
		t.Fatal(err)
	}
	if s.Heads[0].Target.Aliases[0] != "climate change" {
		t.Errorf("schema = %+v", s)
	}
	bad := []struct{ in, want string }{
		{`{"heads":[]}`, "at least one head"},
		{`{"heads":[{"name":"x","values":["a"]}]}`, "at least two values"},
		{`{"heads":[{"name":"x","values":["a","a"]}]}`, "duplicate value"},
		{`{"heads":[{"name":"x","values":["a","b"],"score":{"plus":"a","minus":"c"}}]}`, `value "c" is not one of`},
		{`{"heads":[{"name":"x","values":["a","b"],"colour":1}]}`, "not a valid schema"},
	}
	for _, b := range bad {
		if _, err := ParseSchema([]byte(b.in), "s.json"); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("ParseSchema(%s) = %v, want %q", b.in, err, b.want)
		}
	}
	if err := Default().Validate("default"); err != nil {
		t.Errorf("default schema: %v", err)
	}
}
