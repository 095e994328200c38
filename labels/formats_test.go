package labels

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

func gz(t *testing.T, dir, name, content string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(content))
	w.Close()
	return writeFile(t, dir, name, b.String())
}

// TestInputFormats reads one small corpus written in every input format
// and checks ids, texts (a title becomes the headline) and metadata.
func TestInputFormats(t *testing.T) {
	dir := t.TempDir()
	const page = `<!doctype html><html><head><title>Baku urges calm</title><style>p{color:red}</style>
<script>var x = "Israel";</script></head><body><nav><a href="/">Home</a> Menu</nav>
<header>Site banner</header><article><h1>Baku urges calm</h1><p>The ministry said it <b>favoured</b> talks.</p>
<p>Tehran &amp; Jerusalem were silent.</p></article><aside>Related: other news</aside><footer>Copyright</footer></body></html>`
	tests := []struct {
		name    string
		file    func() string
		opts    Options
		ids     []string
		texts   []string
		outlets []string // the outlet field, "" when absent
	}{
		{"jsonl with title and numbered ids", func() string {
			return writeFile(t, dir, "t.jsonl", `{"title":"Head one","text":"Body one.","outlet":"A"}`+"\n\n"+`{"id":"x","headline":"Body two","text":"Body two goes on."}`)
		}, Options{}, []string{"t/1", "x"}, []string{"Head one\n\nBody one.", "Body two goes on."}, []string{"A", ""}},
		{"other fields", func() string {
			return writeFile(t, dir, "f.jsonl", `{"doc":"d1","body":"Words.","text":"kept as metadata"}`)
		}, Options{IDField: "doc", TextField: "body"}, []string{"d1"}, []string{"Words."}, []string{""}},
		{"gzipped jsonl", func() string {
			return gz(t, dir, "g.jsonl.gz", `{"id":"g1","text":"Zipped.","outlet":"Z"}`+"\n")
		}, Options{}, []string{"g1"}, []string{"Zipped."}, []string{"Z"}},
		{"json array", func() string {
			return writeFile(t, dir, "arr.json", "[\n {\"id\":\"a1\",\"text\":\"One.\"},\n {\"text\":\"Two.\",\"outlet\":\"B\"}\n]\n")
		}, Options{}, []string{"a1", "arr/2"}, []string{"One.", "Two."}, []string{"", "B"}},
		{"csv", func() string {
			return writeFile(t, dir, "c.csv", "\ufeffid,title,text,outlet\nc1,A head,\"A body, with a comma.\",C\nc2,,\"Two\nlines.\",\n")
		}, Options{}, []string{"c1", "c2"}, []string{"A head\n\nA body, with a comma.", "Two\nlines."}, []string{"C", ""}},
		{"csv without ids", func() string {
			return writeFile(t, dir, "n.csv", "body\nFirst.\nSecond.\n")
		}, Options{TextField: "body"}, []string{"n/2", "n/3"}, []string{"First.", "Second."}, []string{"", ""}},
		{"html", func() string { return writeFile(t, dir, "page.html", page) }, Options{},
			[]string{"page"}, []string{"Baku urges calm\n\nThe ministry said it favoured talks.\n\nTehran & Jerusalem were silent."}, []string{""}},
		{"html without paragraphs", func() string {
			return writeFile(t, dir, "divs.htm", "<html><body><nav>Menu</nav><div>Baku said <i>nothing</i>.</div><div>Talks</div><script>x()</script></body></html>")
		}, Options{}, []string{"divs"}, []string{"Baku said nothing. Talks"}, []string{""}},
		{"gzipped text", func() string { return gz(t, dir, "z.txt.gz", "Plain text.") }, Options{}, []string{"z"}, []string{"Plain text."}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int64
			tt.opts.BytesRead = &n
			p := tt.file()
			arts, err := ReadAll([]string{p}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != len(tt.ids) {
				t.Fatalf("got %d articles, want %d", len(arts), len(tt.ids))
			}
			for i, a := range arts {
				if a.ID != tt.ids[i] || a.Text != tt.texts[i] {
					t.Errorf("article %d: got id %q text %q, want %q %q", i, a.ID, a.Text, tt.ids[i], tt.texts[i])
				}
				if o, _ := a.MetaString("outlet"); o != tt.outlets[i] {
					t.Errorf("article %d: outlet %q, want %q", i, o, tt.outlets[i])
				}
			}
			st, _ := os.Stat(p)
			if n.Load() != st.Size() {
				t.Errorf("BytesRead = %d, want the file's %d bytes", n.Load(), st.Size())
			}
		})
	}
}

// TestInputFormatErrors checks that each reader names file, line or
// record, and field.
func TestInputFormatErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, content string
		opts                Options
		want                string
	}{
		{"array record field", "a.json", `[{"id":"a","text":"x"},{"id":"b"}]`, Options{}, `a.json: record 2: field "text": missing`},
		{"array malformed", "m.json", `[{"id":"a","text":"x"}, {"id":]`, Options{}, `m.json: record 2: malformed JSON`},
		{"array not closed", "o.json", `[{"id":"a","text":"x"}`, Options{}, `o.json: malformed JSON`},
		{"csv no text column", "c.csv", "id,body\na,x\n", Options{}, `c.csv:1: field "text": no such column; the header has id, body`},
		{"csv field count", "d.csv", "id,text\na,x\nb,y,z\n", Options{}, `d.csv:3: has 3 fields, the header has 2`},
		{"csv empty id", "e.csv", "id,text\n,x\n", Options{}, `e.csv:2: field "id": must not be empty`},
		{"custom text field missing", "f.jsonl", `{"id":"a","text":"x"}`, Options{TextField: "body"}, `f.jsonl:1: field "body": missing`},
		{"not gzip", "g.jsonl.gz", "plain", Options{}, `g.jsonl.gz: not a gzip file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.file, tt.content)
			_, err := ReadAll([]string{p}, tt.opts)
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

// TestDirMixed reads a directory of .txt, .jsonl and .html files, warning
// once about the files it skips.
func TestDirMixed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "Text file.")
	writeFile(t, dir, "b/dump.jsonl", `{"id":"j1","text":"Record.","outlet":"O"}`)
	writeFile(t, dir, "c.html", "<title>T</title><p>Para.</p>")
	writeFile(t, dir, "notes.md", "# not read")
	var warns []string
	arts, err := ReadAll([]string{dir}, Options{Warn: func(w Warning) { warns = append(warns, w.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "a j1 c" {
		t.Errorf("ids %q, want %q", got, "a j1 c")
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "skipped 1 file") || !strings.Contains(warns[0], "notes.md") {
		t.Errorf("warnings %q, want one naming notes.md", warns)
	}
	names, err := FieldNames([]string{dir, writeFile(t, dir, "x.csv", "text,date,outlet\nx,1,2\n")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names, ","); got != "outlet,date" {
		t.Errorf("FieldNames = %q, want outlet,date", got)
	}
}

// FuzzFormats holds the JSON array, CSV and HTML readers to the readers'
// promises: no panic, every error an *InputError naming the file, every
// article with an id and valid UTF-8 text.
func FuzzFormats(f *testing.F) {
	f.Add([]byte(`[{"id":"a","text":"x"},{"text":"y","title":"T"}]`), uint8(0))
	f.Add([]byte(`[{"id":1,"text":"x"}, 5]`), uint8(0))
	f.Add([]byte("id,text,outlet\na,\"x, y\",o\nb,z\n"), uint8(1))
	f.Add([]byte("text\n\"open\n"), uint8(1))
	f.Add([]byte("<title>T</title><p>a<b>b</b></p><script>x</script><div>c"), uint8(2))
	f.Add([]byte("<p><p><nav><p>x</nav></p>"), uint8(2))
	names := []string{"in.json", "in.csv", "in.html"}
	f.Fuzz(func(t *testing.T, b []byte, kind uint8) {
		name := names[int(kind)%len(names)]
		dir := t.TempDir()
		p := writeFile(t, dir, name, string(b))
		r, err := Open([]string{p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for range 10000 {
			a, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkInputErr(t, err, p, false)
				return
			}
			if a.ID == "" || !utf8.ValidString(a.Text) {
				t.Fatalf("article %+v: empty id or invalid UTF-8", a)
			}
		}
	})
}
