package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/stance-project/stance/features"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Bad input and faults, through the CLI as a user meets them: each case
// states the exit code and the message the user gets.

// runIO runs the command in-process with the given stdin and stdout and
// returns stderr and the exit code.
func runIO(t *testing.T, ctx context.Context, stdin io.Reader, stdout io.Writer, args ...string) (string, int) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var errb bytes.Buffer
	err := runContext(ctx, args, stdin, stdout, &errb)
	code := exitCode(err, &errb)
	return errb.String(), code
}

// stderrLines returns stderr's lines.
func stderrLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func write(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var sampleTexts = []string{
	"Baku and Tehran held talks on trade; Israel was not mentioned.",
	"Israel is a trusted partner of Azerbaijan, Aliyev said, praising cooperation.",
	"The Zionist regime's aggression was condemned by Iran's foreign ministry.",
	"Azerbaijan called on both Israel and Iran to show restraint and stay neutral.",
	"Flights resumed at Baku airport on Monday.",
	"Tehran accused Baku of hosting Israeli drones near the border.",
}

// genJSONL writes n article records to path: id a<i> (zero-padded to
// width), a sample text, and an outlet.
func genJSONL(t *testing.T, path string, n int) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, `{"id":"a%d","text":%q,"outlet":"o%d"}`+"\n", i, sampleTexts[i%len(sampleTexts)], i%3)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkJSONLines checks that out holds n JSON objects whose ids are
// a<from>, a<from+1>, … in order.
func checkJSONLines(t *testing.T, out []byte, from, n int) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(out) == 0 {
		lines = nil
	}
	if len(lines) != n {
		t.Fatalf("%d output lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		var rec struct{ ID string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d is not JSON (%v): %.100s", i+1, err, l)
		}
		if want := "a" + strconv.Itoa(from+i); rec.ID != want {
			t.Fatalf("line %d has id %q, want %q", i+1, rec.ID, want)
		}
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	var broken strings.Builder
	for i := 0; i < 10; i++ {
		if i == 4 {
			broken.WriteString(`{"id":"a4","text":"unterminated` + "\n")
			continue
		}
		fmt.Fprintf(&broken, `{"id":"a%d","text":"Baku and Tehran."}`+"\n", i)
	}
	files := map[string][]byte{
		"empty.txt":     nil,
		"empty.jsonl":   nil,
		"bin.txt":       append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00"), make([]byte, 100)...),
		"bin.jsonl":     []byte("{\"id\":\"a\",\"text\":\"x\"}\n\x00\x01\x02\x03\n"),
		"badutf8.txt":   []byte("Tehran \xff\xfe said Israel \xc3\x28 struck."),
		"badutf8.jsonl": []byte("{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":\"Baku \xff said\"}\n"),
		"broken.jsonl":  []byte(broken.String()),
		"dir/a.txt":     []byte("Baku and Tehran."),
		"dir/b.txt":     []byte("Israel and Iran.\x00"),
		"notobj.jsonl":  []byte("{\"id\":\"a\",\"text\":\"x\"}\n[1,2]\n"),
		"dup.jsonl":     []byte("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"x\"}\n"),
	}
	for name, b := range files {
		write(t, filepath.Join(dir, name), b)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name  string
		args  []string
		code  int
		lines int      // JSON lines on stdout
		want  []string // stderr lines, each a substring of one line, in order
	}{
		{"empty .txt is scored with a warning", []string{"score", p("empty.txt")}, 0, 1,
			[]string{`stance: warning: ` + p("empty.txt") + `: article "empty": empty article`}},
		{"empty .jsonl", []string{"score", p("empty.jsonl")}, 0, 0,
			[]string{`stance: warning: ` + p("empty.jsonl") + `: no records: the file is empty or blank`}},
		{"empty stdin", []string{"score", "-"}, 0, 1,
			[]string{`stance: warning: <stdin>: article "stdin": empty article`}},
		{"binary .txt", []string{"score", p("bin.txt")}, 1, 0,
			[]string{`stance: ` + p("bin.txt") + `: looks like a binary file, not text (it holds NUL bytes)`}},
		{"binary line in .jsonl", []string{"score", p("bin.jsonl")}, 1, 1,
			[]string{`stance: ` + p("bin.jsonl") + `:2: binary data (NUL bytes) where a JSON object was expected`}},
		{"binary file in a directory", []string{"score", p("dir")}, 1, 1,
			[]string{`stance: ` + p("dir/b.txt") + `: looks like a binary file`}},
		{"invalid UTF-8 .txt", []string{"score", p("badutf8.txt")}, 0, 1,
			[]string{`stance: warning: ` + p("badutf8.txt") + `: article "badutf8": invalid UTF-8 replaced with U+FFFD`}},
		{"invalid UTF-8 .jsonl", []string{"score", p("badutf8.jsonl")}, 0, 2,
			[]string{`stance: warning: ` + p("badutf8.jsonl") + `:2: article "b": invalid UTF-8 replaced with U+FFFD`}},
		{"broken line", []string{"score", p("broken.jsonl")}, 1, 4,
			[]string{`stance: ` + p("broken.jsonl") + `:5: malformed JSON: unexpected end of line: unterminated string`}},
		{"broken line, --skip-bad", []string{"score", "--skip-bad", p("broken.jsonl")}, 0, 9,
			[]string{`stance: warning: ` + p("broken.jsonl") + `:5: skipped: malformed JSON`, `stance: --skip-bad: skipped 1 malformed record`}},
		{"not an object", []string{"score", p("notobj.jsonl")}, 1, 1,
			[]string{`stance: ` + p("notobj.jsonl") + `:2: malformed JSON: at byte 1: expected a JSON object`}},
		{"two bad files, --skip-bad", []string{"score", "--skip-bad", p("broken.jsonl"), p("notobj.jsonl")}, 0, 10,
			[]string{`broken.jsonl:5: skipped`, `notobj.jsonl:2: skipped`, `stance: --skip-bad: skipped 2 malformed records`}},
		{"missing input", []string{"score", p("nope.jsonl")}, 1, 0,
			[]string{`stance: input ` + p("nope.jsonl") + `: no such file or directory`}},
		{"output in a missing directory", []string{"score", "-o", p("missing/out.jsonl"), p("dir/a.txt")}, 1, 0,
			[]string{`stance: output ` + p("missing/out.jsonl") + `: directory ` + p("missing") + ` does not exist`}},
		{"--resume with nothing to resume", []string{"score", "--resume", "-o", p("fresh.jsonl"), p("dir/a.txt")}, 1, 0,
			[]string{`does not exist (nothing to resume; run without --resume)`}},
		{"--resume without -o", []string{"score", "--resume", p("dir/a.txt")}, 2, 0,
			[]string{`stance: --resume needs -o FILE and --format jsonl or csv`}},
		{"negative --skip", []string{"score", "--skip", "-1", p("dir/a.txt")}, 2, 0,
			[]string{`stance: --skip must not be negative`}},
		{"--skip past the end", []string{"score", "--skip", "99", p("badutf8.jsonl")}, 0, 0,
			[]string{`article "b": invalid UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			errs, code := runIO(t, context.Background(), nil, &out, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errs)
			}
			n := strings.Count(out.String(), "\n")
			if n != tt.lines {
				t.Errorf("%d output lines, want %d", n, tt.lines)
			}
			lines := stderrLines(errs)
			if len(lines) != len(tt.want) {
				t.Errorf("stderr has %d lines, want %d:\n%s", len(lines), len(tt.want), errs)
			}
			for i, w := range tt.want {
				if i >= len(lines) || !strings.Contains(lines[i], w) {
					t.Errorf("stderr line %d: got %q, want it to contain %q", i+1, at(lines, i), w)
				}
			}
			if _, err := os.Stat(p("missing")); err == nil {
				t.Errorf("the missing output directory was created")
			}
		})
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// A 50 MB article in one file is scored, not refused or crashed on; only
// its first features.MaxTextBytes are featurized, which bounds memory.
func TestScoreHugeArticle(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the minister said talks on trade and security would continue next week in the capital while officials met Baku Tehran Israel condemned welcomed")
	w.WriteString("Headline about Baku\n\n")
	n := 0
	limit := 50 << 20
	if raceEnabled {
		limit = 5 << 20
	}
	for size := 0; size < limit; n++ {
		word := words[rng.IntN(len(words))]
		switch {
		case n%20 == 0:
			word = strings.ToUpper(word[:1]) + word[1:]
		case n%20 == 19:
			word += "."
		}
		if n%400 == 399 {
			word += "\n"
		} else {
			word += " "
		}
		w.WriteString(word)
		size += len(word)
	}
	w.Flush()
	f.Close()
	start := time.Now()
	var out bytes.Buffer
	errs, code := runIO(t, context.Background(), nil, &out, "score", path)
	t.Logf("%d MB article (%d words) scored in %v", limit>>20, n, time.Since(start).Round(time.Millisecond))
	// It is scored; featurizing reads its first features.MaxTextBytes,
	// and a warning says so.
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	wantWarn := fmt.Sprintf("stance: warning: %s: article \"huge\": %d bytes; only the first %d are read\n", path, st.Size(), features.MaxTextBytes)
	if code != 0 || errs != wantWarn {
		t.Fatalf("exit %d, stderr %q; want %q", code, errs, wantWarn)
	}
	var rec struct {
		ID     string
		Israel struct{ Label string }
	}
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil || rec.ID != "huge" || rec.Israel.Label == "" || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("output %.300s (%v)", out.String(), err)
	}
}

// idChecker is a stdout that checks, as lines stream past, that each is a
// JSON record whose id is the next a<i>, without keeping the output.
type idChecker struct {
	n    int
	tail []byte
	err  error
}

func (c *idChecker) Write(p []byte) (int, error) {
	b := p
	if len(c.tail) > 0 {
		b = append(c.tail, p...)
	}
	for c.err == nil {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		want := `{"id":"a` + strconv.Itoa(c.n) + `",`
		if !bytes.HasPrefix(b[:i], []byte(want)) || b[i-1] != '}' {
			c.err = fmt.Errorf("line %d = %.80s, want it to start %s", c.n+1, b[:i], want)
		}
		c.n++
		b = b[i+1:]
	}
	c.tail = append(c.tail[:0], b...)
	return len(p), nil
}

// A million tiny articles stream through in order, in bounded memory.
func TestScoreMillionTinyArticles(t *testing.T) {
	n := 1_000_000
	if raceEnabled {
		n = 100_000
	}
	path := genJSONL(t, filepath.Join(t.TempDir(), "million.jsonl"), n)
	var c idChecker
	start := time.Now()
	errs, code := runIO(t, context.Background(), nil, &c, "score", "--quiet", path)
	elapsed := time.Since(start)
	t.Logf("%d articles scored in %v (%.0f articles/s, GOMAXPROCS %d)", n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), runtime.GOMAXPROCS(0))
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if c.err != nil {
		t.Fatal(c.err)
	}
	if c.n != n || len(c.tail) != 0 {
		t.Fatalf("%d lines (and %d stray bytes), want %d", c.n, len(c.tail), n)
	}
}

// Label files with every kind of mistake: one line naming file:line:field,
// exit 1, nothing written.
func TestBadLabelFilesEveryKind(t *testing.T) {
	corpus := t.TempDir()
	write(t, filepath.Join(corpus, "a.txt"), []byte("Baku and Tehran held talks."))
	write(t, filepath.Join(corpus, "b.txt"), []byte("Israel praised Azerbaijan."))
	tests := []struct {
		name, file, content, want string
	}{
		{"unknown value", "l.jsonl", `{"id":"a","israel":"pr0"}`, `l.jsonl:1: field "israel": unknown value "pr0"; allowed: pro, anti, neutral`},
		{"unknown frame", "l.jsonl", `{"id":"a","frames":["war"]}`, `l.jsonl:1: field "frames": unknown value "war"; allowed: security, economy, diplomacy, humanitarian, legal, identity`},
		{"unknown field", "l.jsonl", `{"id":"a","isreal":"pro"}`, `l.jsonl:1: field "isreal": unknown field; the heads are israel, iran, azerbaijan, frames`},
		{"duplicate id", "l.jsonl", "{\"id\":\"a\",\"iran\":\"pro\"}\n{\"id\":\"a\",\"iran\":\"anti\"}", `l.jsonl:2: field "id": duplicate id "a" (first on line 1)`},
		{"malformed line", "l.jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\",\"iran\":pro}\n", `l.jsonl:2: malformed JSON: at byte 18: expected a value`},
		{"wrong type", "l.jsonl", `{"id":"a","iran":1}`, `l.jsonl:1: field "iran": must be a string, one of pro, anti, neutral; got 1`},
		{"label for an unknown article", "l.jsonl", "{\"id\":\"a\"}\n{\"id\":\"zz\",\"iran\":\"pro\"}", `l.jsonl:2: field "id": no article "zz" in the corpus`},
		{"empty label file", "l.jsonl", "", `l.jsonl: no label records; expected one JSON object per line`},
		{"csv ragged row", "l.csv", "id,israel\na,pro\nb,anti,x\n", `l.csv:3: has 3 fields, the header has 2`},
		{"csv unknown column", "l.csv", "id,isreal\na,pro\n", `l.csv:1: field "isreal": unknown column; the heads are israel, iran, azerbaijan, frames`},
		{"csv unknown value", "l.csv", "id,israel,frames\na,pro,security\nb,maybe,\n", `l.csv:3: field "israel": unknown value "maybe"; allowed: pro, anti, neutral`},
		{"csv unknown frame", "l.csv", "id,frames\na,security;war\n", `l.csv:2: field "frames": unknown value "war"; allowed: security, economy, diplomacy, humanitarian, legal, identity`},
		{"csv column twice", "l.csv", "id,iran,iran\na,pro,anti\n", `l.csv:1: field "iran": column given twice`},
		{"csv duplicate id", "l.csv", "id,israel\na,pro\na,anti\n", `l.csv:3: field "id": duplicate id "a" (first on line 2)`},
		{"csv bad quote", "l.csv", "id,israel\n\"a,pro\n", `l.csv:2: malformed CSV: extraneous or missing " in quoted-field`},
		{"csv no id column", "l.csv", "israel\npro\n", `l.csv:1: field "id": the header has no id column`},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"train", "eval"} {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				lab := write(t, filepath.Join(dir, tt.file), []byte(tt.content))
				model := filepath.Join(dir, "out.stance")
				args := []string{cmd, "--corpus", corpus, "--labels", lab}
				if cmd == "train" {
					args = append(args, "-o", model)
				}
				var out bytes.Buffer
				errs, code := runIO(t, context.Background(), nil, &out, args...)
				if code != 1 {
					t.Errorf("exit %d, want 1", code)
				}
				if want := "stance: " + lab + strings.TrimPrefix(tt.want, tt.file) + "\n"; errs != want {
					t.Errorf("stderr = %q\nwant     %q", errs, want)
				}
				if out.Len() != 0 {
					t.Errorf("stdout = %q, want nothing", out.String())
				}
				if ents, _ := os.ReadDir(dir); len(ents) != 1 {
					t.Errorf("the directory holds %d entries, want only the label file", len(ents))
				}
			})
		}
	}
}

// Model files that are not what this program wrote are refused with the
// file's name and what is wrong.
func TestBadModelFiles(t *testing.T) {
	dir := t.TempDir()
	good := defaultModel
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x01
		return b
	}
	version := func(v byte) []byte {
		b := bytes.Clone(good)
		b[8] = v
		return b
	}
	payloadLen := func(delta int64) []byte {
		b := bytes.Clone(good)
		binary.LittleEndian.PutUint64(b[16:], uint64(int64(binary.LittleEndian.Uint64(b[16:]))+delta))
		return b
	}
	article := write(t, filepath.Join(dir, "a.txt"), []byte("Baku and Tehran."))
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"truncated", good[:len(good)/2], fmt.Sprintf("truncated: %d bytes, the header promises %d", len(good)/2, len(good))},
		{"truncated in the preamble", good[:10], "truncated: 10 bytes, shorter than a model file's header"},
		{"one flipped byte in the header", flip(100), "corrupted: checksum mismatch"},
		{"one flipped byte in the weights", flip(len(good) / 2), "corrupted: checksum mismatch"},
		{"one flipped byte in the checksum", flip(len(good) - 1), "corrupted: checksum mismatch"},
		{"payload length one too long", payloadLen(+1), fmt.Sprintf("truncated: %d bytes, the header promises %d", len(good), len(good)+1)},
		{"payload length one too short", payloadLen(-1), "corrupted: 1 bytes of trailing data"},
		{"wrong magic", append([]byte("GIF89a"), good[6:]...), `not a stance model file (no "STANCEMD" magic number)`},
		{"a text file", []byte("id,israel\na,pro\n"), `not a stance model file`},
		{"empty", nil, "not a stance model file (the file is empty)"},
		{"future version", version(5), "model format version 5 is newer than this program reads (4); use a newer stance"},
		{"version 0", version(0), "unknown model format version 0 (this program reads 1 to 4)"},
		{"trailing data", append(bytes.Clone(good), '\n'), "corrupted: 1 bytes of trailing data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := write(t, filepath.Join(dir, "m.stance"), tt.b)
			var out bytes.Buffer
			errs, code := runIO(t, context.Background(), nil, &out, "score", "--model", m, article)
			if want := "stance: " + m + ": " + tt.want; code != 1 || !strings.HasPrefix(errs, want) || len(stderrLines(errs)) != 1 || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, %d bytes out; want 1 and %q", code, errs, out.Len(), want)
			}
		})
	}
	_, code := runIO(t, context.Background(), nil, io.Discard, "score", "--model", write(t, filepath.Join(dir, "ok.stance"), good), article)
	if code != 0 {
		t.Errorf("the unchanged model: exit %d", code)
	}
}

// failingWriter fails every write after n bytes, like a full disk.
type failingWriter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("no space left on device (simulated)")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errDiskFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

var afterRe = regexp.MustCompile(`\(after (\d+) complete articles\)`)

// Standard output that fills up partway: exit 1 and a message saying so.
func TestScoreStdoutWriteError(t *testing.T) {
	in := genJSONL(t, filepath.Join(t.TempDir(), "in.jsonl"), 3000)
	var got bytes.Buffer
	start := time.Now()
	errs, code := runIO(t, context.Background(), nil, &failingWriter{w: &got, n: 200_000}, "score", in)
	if code != 1 || !strings.HasPrefix(errs, "stance: write output: "+errDiskFull.Error()+" (after ") || len(stderrLines(errs)) != 1 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// What reached the output is whole records, in order, up to the cut.
	complete := bytes.Count(got.Bytes(), []byte("\n"))
	checkJSONLines(t, got.Bytes()[:bytes.LastIndexByte(got.Bytes(), '\n')+1], 0, complete)
	m := afterRe.FindStringSubmatch(errs)
	claimed, _ := strconv.Atoi(m[1])
	t.Logf("the message claims %d articles; %d complete lines reached the output; %v", claimed, complete, time.Since(start).Round(time.Millisecond))
	if claimed < complete {
		t.Errorf("the message claims %d articles, fewer than the %d written", claimed, complete)
	}
	if claimed != complete {
		t.Errorf("the message claims %d articles, %d were written", claimed, complete)
	}
}

// A run to -o FILE that fails partway (bad input) leaves an existing FILE
// as it was and the scored articles in FILE.partial.
func TestScoreFileFailureKeepsExisting(t *testing.T) {
	dir := t.TempDir()
	var in strings.Builder
	for i := 0; i < 1000; i++ {
		if i == 700 {
			in.WriteString("{\"id\":\"a700\",\"text\":\"cut short\n")
			continue
		}
		fmt.Fprintf(&in, `{"id":"a%d","text":%q}`+"\n", i, sampleTexts[i%len(sampleTexts)])
	}
	input := write(t, filepath.Join(dir, "in.jsonl"), []byte(in.String()))
	out := write(t, filepath.Join(dir, "scores.jsonl"), []byte("yesterday's scores\n"))
	errs, code := runIO(t, context.Background(), nil, io.Discard, "score", "-o", out, input)
	want := "stance: " + input + ":701: malformed JSON: unexpected end of line: unterminated string; " +
		"700 articles before it were scored into " + out + ".partial; " + out + " was not touched\n"
	if code != 1 || errs != want {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, errs, want)
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday's scores\n" {
		t.Errorf("%s was changed: %q", out, b)
	}
	partial, err := os.ReadFile(out + ".partial")
	if err != nil {
		t.Fatal(err)
	}
	checkJSONLines(t, partial, 0, 700)
}

// A CSV .partial cut right after its header (a disk that filled up after
// the first line) is resumed without a second header.
func TestResumeCSVHeaderOnly(t *testing.T) {
	dir := t.TempDir()
	in := genJSONL(t, filepath.Join(dir, "in.jsonl"), 10)
	ref := filepath.Join(dir, "ref.csv")
	if _, code := runIO(t, context.Background(), nil, io.Discard, "score", "--format", "csv", "-o", ref, in); code != 0 {
		t.Fatal("reference run failed")
	}
	want, _ := os.ReadFile(ref)
	out := filepath.Join(dir, "out.csv")
	header := want[:bytes.IndexByte(want, '\n')+1]
	write(t, out+".partial", append(bytes.Clone(header), "a0,neut"...)) // torn first row
	writeFingerprint(t, out, "csv", in)
	if errs, code := runIO(t, context.Background(), nil, io.Discard, "score", "--format", "csv", "--resume", "-o", out, in); code != 0 {
		t.Fatalf("resume: exit %d, %s", code, errs)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, want) {
		t.Errorf("resumed CSV differs from the uninterrupted one; it starts:\n%.400s", got)
	}
}

// Nothing lost: a failed train leaves the existing model byte for byte.
func TestFailedTrainKeepsModel(t *testing.T) {
	dir := t.TempDir()
	model := write(t, filepath.Join(dir, "existing.stance"), defaultModel)
	lab := write(t, filepath.Join(dir, "bad.jsonl"), []byte("{\"id\":\"wire/001\",\"israel\":\"pro\"}\n{\"id\":\"wire/002\",\"israel\":\"pr0\"}\n"))
	errs, code := runIO(t, context.Background(), nil, io.Discard, "train", "--corpus", corpusDir, "--labels", lab, "-o", model)
	if code != 1 || !strings.Contains(errs, `bad.jsonl:2: field "israel": unknown value "pr0"`) {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(model); !bytes.Equal(b, defaultModel) {
		t.Fatal("the existing model was changed")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("the directory holds %d entries, want the model and the labels", len(ents))
	}
}

// cancelReader cancels a context once n bytes have been read from it.
type cancelReader struct {
	r      io.Reader
	n      int
	cancel context.CancelFunc
	// hold, when set, makes every read after the cancel wait until it is
	// closed: as with a signal, the rest of the input is not already
	// there to be read the moment the signal arrives.
	hold      <-chan struct{}
	cancelled bool
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if c.cancelled && c.hold != nil {
		<-c.hold
	}
	k, err := c.r.Read(p)
	c.n -= k
	if c.n <= 0 {
		c.cancel()
		c.cancelled = true
	}
	return k, err
}

// cancelWriter cancels a context once n bytes have been written to it.
type cancelWriter struct {
	w      io.Writer
	n      int
	cancel context.CancelFunc
}

func (c *cancelWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n -= k
	if c.n <= 0 {
		c.cancel()
	}
	return k, err
}

var interruptedFileRe = regexp.MustCompile(`^stance: interrupted: (\d+) articles scored into (\S+); run the same command with --resume to continue\n$`)

// Interrupted (SIGINT/SIGTERM cancel the context) while writing -o FILE:
// exit 3, a message with the count and --resume; --resume then completes
// FILE byte for byte as an uninterrupted run would have written it.
func TestInterruptAndResume(t *testing.T) {
	n := 20000
	if raceEnabled {
		n = 4000
	}
	dir := t.TempDir()
	in := genJSONL(t, filepath.Join(dir, "in.jsonl"), n)
	input, _ := os.ReadFile(in)
	for _, format := range []string{"jsonl", "csv"} {
		t.Run(format, func(t *testing.T) {
			ref := filepath.Join(dir, "ref."+format)
			if errs, code := runIO(t, context.Background(), nil, io.Discard, "score", "--format", format, "-o", ref, in); code != 0 {
				t.Fatalf("uninterrupted run: exit %d, %s", code, errs)
			}
			want, _ := os.ReadFile(ref)
			out := filepath.Join(dir, "out."+format)
			// Stop after about a third of the input has been read.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdin := &cancelReader{r: bytes.NewReader(input), n: len(input) / 3, cancel: cancel}
			if format == "csv" {
				// The CSV header needs all of standard input first: it is
				// copied to a file by a goroutine, which could otherwise
				// read the whole input before the signal is seen (it did
				// on a busy machine, and with GOMAXPROCS=1).
				hold := make(chan struct{})
				t.Cleanup(func() { close(hold) })
				stdin.hold = hold
			}
			errs, code := runIO(t, ctx, stdin, io.Discard, "score", "--format", format, "-o", out, "-")
			m := interruptedFileRe.FindStringSubmatch(errs)
			if code != exitInterrupted || m == nil || m[2] != out+".partial" {
				t.Fatalf("exit %d, stderr %q; want %d and the interrupted message", code, errs, exitInterrupted)
			}
			done, _ := strconv.Atoi(m[1])
			if done == 0 || done >= n {
				t.Fatalf("%d articles scored before the interruption, want some but not all %d", done, n)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("%s exists after an interrupted run", out)
			}
			partial, _ := os.ReadFile(out + ".partial")
			if !bytes.HasPrefix(want, partial) {
				t.Fatalf("the %d-byte .partial is not a prefix of the uninterrupted output", len(partial))
			}
			errs, code = runIO(t, context.Background(), bytes.NewReader(input), io.Discard, "score", "--format", format, "-o", out, "--resume", "-")
			if code != 0 || errs != fmt.Sprintf("stance: resuming after %d articles already in %s.partial\n", done, out) {
				t.Fatalf("resume: exit %d, stderr %q", code, errs)
			}
			got, _ := os.ReadFile(out)
			if !bytes.Equal(got, want) {
				t.Fatalf("the resumed %s (%d bytes) differs from the uninterrupted run (%d bytes)", out, len(got), len(want))
			}
			if format == "jsonl" {
				checkJSONLines(t, got, 0, n)
			}
			if _, err := os.Stat(out + ".partial"); !os.IsNotExist(err) {
				t.Errorf(".partial left behind")
			}
			t.Logf("%s: interrupted after %d of %d articles; resumed to an identical file", format, done, n)
		})
	}
}

var interruptedStdoutRe = regexp.MustCompile(`^stance: interrupted: (\d+) articles written; to continue, run the same command with --skip (\d+)\n$`)

// Interrupted while writing to standard output: exit 3 and the --skip to
// continue with; the two outputs together are the uninterrupted output.
func TestInterruptStdoutAndSkip(t *testing.T) {
	n := 20000
	if raceEnabled {
		n = 4000
	}
	in := genJSONL(t, filepath.Join(t.TempDir(), "in.jsonl"), n)
	var want bytes.Buffer
	if errs, code := runIO(t, context.Background(), nil, &want, "score", in); code != 0 {
		t.Fatalf("uninterrupted run: exit %d, %s", code, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var first bytes.Buffer
	errs, code := runIO(t, ctx, nil, &cancelWriter{w: &first, n: want.Len() / 4, cancel: cancel}, "score", in)
	m := interruptedStdoutRe.FindStringSubmatch(errs)
	if code != exitInterrupted || m == nil || m[1] != m[2] {
		t.Fatalf("exit %d, stderr %q; want %d and the interrupted message", code, errs, exitInterrupted)
	}
	done, _ := strconv.Atoi(m[1])
	checkJSONLines(t, first.Bytes(), 0, done)
	var rest bytes.Buffer
	if errs, code := runIO(t, context.Background(), nil, &rest, "score", "--quiet", "--skip", m[2], in); code != 0 || errs != "" {
		t.Fatalf("--skip %s: exit %d, %s", m[2], code, errs)
	}
	if got := append(first.Bytes(), rest.Bytes()...); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("the two runs together (%d bytes) differ from the uninterrupted output (%d bytes)", len(got), want.Len())
	}
	t.Logf("interrupted after %d of %d articles; --skip %d completed it", done, n, done)
}

// Output is the same, byte for byte, whatever the number of workers.
func TestWorkersSameOutput(t *testing.T) {
	dir := t.TempDir()
	in := genJSONL(t, filepath.Join(dir, "in.jsonl"), 700)
	// A long first article makes the first batch the slowest.
	var skew strings.Builder
	fmt.Fprintf(&skew, `{"id":"s0","text":%q,"outlet":"W"}`+"\n", strings.Repeat("Baku and Tehran held long talks. ", 3000))
	for i := 1; i < 300; i++ {
		fmt.Fprintf(&skew, `{"id":"s%d","text":%q,"outlet":"W"}`+"\n", i, sampleTexts[i%len(sampleTexts)])
	}
	skewed := write(t, filepath.Join(dir, "skewed.jsonl"), []byte(skew.String()))
	// Metadata keys that differ between articles.
	var mixed strings.Builder
	for i := 0; i < 300; i++ {
		key := "outlet"
		if i >= batchSize {
			key = "date"
		}
		text := sampleTexts[i%len(sampleTexts)]
		if i == 0 {
			text = strings.Repeat("Baku and Tehran held long talks. ", 3000)
		}
		fmt.Fprintf(&mixed, `{"id":"m%d","text":%q,%q:"v%d"}`+"\n", i, text, key, i)
	}
	mixedMeta := write(t, filepath.Join(dir, "mixed.jsonl"), []byte(mixed.String()))
	wire := filepath.Join(corpusDir, "wire")
	for _, tt := range []struct {
		name   string
		inputs []string
	}{
		{"generated", []string{in}},
		{"corpus and generated", []string{wire, in}},
		{"slow first batch", []string{skewed}},
		{"metadata keys differ", []string{mixedMeta}},
	} {
		for _, format := range []string{"jsonl", "csv"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				var outs [][]byte
				for _, w := range []string{"1", "4"} {
					var out bytes.Buffer
					args := append([]string{"score", "--format", format, "--workers", w}, tt.inputs...)
					if errs, code := runIO(t, context.Background(), nil, &out, args...); code != 0 {
						t.Fatalf("--workers %s: exit %d, %s", w, code, errs)
					}
					outs = append(outs, out.Bytes())
				}
				if !bytes.Equal(outs[0], outs[1]) {
					l1, l4 := strings.SplitN(string(outs[0]), "\n", 2)[0], strings.SplitN(string(outs[1]), "\n", 2)[0]
					t.Fatalf("--workers 1 and 4 differ (%d vs %d bytes); first lines:\n%.300s\n%.300s", len(outs[0]), len(outs[1]), l1, l4)
				}
				if format == "csv" {
					recs, err := csv.NewReader(bytes.NewReader(outs[0])).ReadAll()
					if err != nil || len(recs) < 2 {
						t.Fatalf("csv: %d records, %v", len(recs), err)
					}
				}
			})
		}
	}
}

// Scoring the same input from several goroutines at once (as a server
// embedding the CLI's code would) gives each the same output.
func TestConcurrentRuns(t *testing.T) {
	in := genJSONL(t, filepath.Join(t.TempDir(), "in.jsonl"), 500)
	var want bytes.Buffer
	if _, code := runIO(t, context.Background(), nil, &want, "score", "--format", "csv", in); code != 0 {
		t.Fatal("reference run failed")
	}
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 3)
	codes := make([]int, 3)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var errb bytes.Buffer
			codes[i] = exitCode(run([]string{"score", "--format", "csv", "--workers", "2", in}, strings.NewReader(""), &outs[i], &errb), &errb)
		}()
	}
	wg.Wait()
	for i := range outs {
		if codes[i] != 0 || !bytes.Equal(outs[i].Bytes(), want.Bytes()) {
			t.Errorf("run %d: exit %d, output equal %v", i, codes[i], bytes.Equal(outs[i].Bytes(), want.Bytes()))
		}
	}
}

// writeFingerprint writes the resume fingerprint of "score --format
// format -o out inputs..." with the default model, as that run would.
func writeFingerprint(t *testing.T, out, format string, inputs ...string) {
	t.Helper()
	m, err := loadModel("")
	if err != nil {
		t.Fatal(err)
	}
	fp := &fingerprint{format: format, model: m.sum, top: 5, inputs: absInputs(inputs)}
	write(t, fingerprintName(out+".partial"), fp.encode())
}
