package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Regression tests for the reliability review (shared/reviews/
// reliability.md, B1–B27), through the CLI in-process. Each case names
// its bug.

// fixtures are small inputs shared by the cases: the first wireN wire
// articles as JSON Lines and their hand labels.
type fixtures struct {
	dir, wire, labels string
}

const wireN = 12

func newFixtures(t *testing.T) *fixtures {
	t.Helper()
	dir := t.TempDir()
	f := &fixtures{dir: dir, wire: filepath.Join(dir, "wire.jsonl"), labels: filepath.Join(dir, "good.jsonl")}
	var arts bytes.Buffer
	ids := map[string]bool{}
	for i := 1; i <= wireN; i++ {
		id := fmt.Sprintf("wire/%03d", i)
		text, err := os.ReadFile(filepath.Join(corpusDir, id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(map[string]string{"id": id, "text": string(text)})
		arts.Write(append(b, '\n'))
		ids[id] = true
	}
	write(t, f.wire, arts.Bytes())
	lab, err := os.ReadFile(corpusLab)
	if err != nil {
		t.Fatal(err)
	}
	var keep bytes.Buffer
	for _, l := range strings.SplitAfter(string(lab), "\n") {
		var rec struct{ ID string }
		if json.Unmarshal([]byte(l), &rec) == nil && ids[rec.ID] {
			keep.WriteString(l)
		}
	}
	write(t, f.labels, keep.Bytes())
	return f
}

func (f *fixtures) path(name string) string { return filepath.Join(f.dir, name) }

// cliCtx runs the command with a context and returns stdout, stderr and
// the exit code.
func cliCtx(ctx context.Context, stdin io.Reader, args ...string) (string, string, int) {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	err := runContext(ctx, args, stdin, &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// jsonLines checks that out is JSON Lines and returns the line count.
func jsonLines(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for _, l := range strings.SplitAfter(out, "\n") {
		if l == "" {
			continue
		}
		if !json.Valid([]byte(l)) || !strings.HasSuffix(l, "\n") {
			t.Fatalf("line %d is not a JSON line: %.100q", n+1, l)
		}
		n++
	}
	return n
}

// checkOneLineMessages checks that every stderr line starts "stance: ".
func checkOneLineMessages(t *testing.T, stderr string) {
	t.Helper()
	for _, l := range stderrLines(stderr) {
		if !strings.HasPrefix(l, "stance: ") && !strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "trained on") {
			t.Errorf("stderr line %q does not start with \"stance: \"", l)
		}
	}
}

type cliCase struct {
	name  string
	args  []string
	stdin string
	code  int
	want  []string // substrings of stderr
	check func(t *testing.T, stdout string)
}

func runCases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := cli(t, c.stdin, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q does not contain %q", errs, w)
				}
			}
			checkOneLineMessages(t, errs)
			if c.check != nil {
				c.check(t, out)
			}
		})
	}
}

func mustEqualFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s changed: it starts %.60q", path, got)
	}
}

// B4, B11: every command stops on a signal, even while blocked reading
// input: exit 3, and nothing is replaced.
func TestB4B11InterruptEveryCommand(t *testing.T) {
	f := newFixtures(t)
	model := write(t, f.path("keep.stance"), defaultModel)
	cases := []struct {
		name string
		args []string
	}{
		{"train", []string{"train", "--corpus", "-", "--labels", f.labels, "-o", model}},
		{"eval", []string{"eval", "--corpus", "-", "--labels", f.labels}},
		{"explain", []string{"explain", "-"}},
		{"score", []string{"score", "-"}},
		{"score -o", []string{"score", "-o", model + ".jsonl", "-"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			start := time.Now()
			_, errs, code := cliCtx(ctx, blockedStdin(t, `{"id":"wire/001","text":"Iran and Israel."}`+"\n"), c.args...)
			if code != 3 || !strings.HasPrefix(errs, "stance: interrupted") {
				t.Errorf("exit %d, %q; want 3 and an interrupted message", code, errs)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v to stop", d)
			}
			mustEqualFile(t, model, defaultModel)
		})
	}
}

// B11: articles read before the signal are scored and written; the
// message says how to continue.
func TestB11SlowStdinFlushedOnInterrupt(t *testing.T) {
	var in strings.Builder
	for i := range 4 {
		fmt.Fprintf(&in, `{"id":"a%d","text":%q}`+"\n", i, sampleTexts[i])
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	go func() {
		io.WriteString(pw, in.String()) // returns once the command has read it all
		time.Sleep(300 * time.Millisecond)
		cancel()
	}()
	out, errs, code := cliCtx(ctx, pr, "score", "-")
	if code != 3 || !strings.Contains(errs, "--skip 4") {
		t.Errorf("exit %d, %q; want 3 and --skip 4", code, errs)
	}
	checkJSONLines(t, []byte(out), 0, 4)
}

// B6: metadata is carried through without duplicate keys or columns;
// fields the CSV header cannot hold are named in a warning.
func TestB6Metadata(t *testing.T) {
	dir := t.TempDir()
	later := write(t, filepath.Join(dir, "later.jsonl"), []byte(`{"id":"a","text":"Iran"}`+"\n"+`{"id":"b","text":"Israel","outlet":"X","date":"2024"}`+"\n"))
	collide := write(t, filepath.Join(dir, "collide.jsonl"), []byte(`{"id":"a","text":"Iran","israel":"pro","input_israel":"x","frames":[1],"israel_score":2}`+"\n"))
	runCases(t, []cliCase{
		{name: "csv later keys", args: []string{"score", "--format", "csv", later}, code: 0, check: func(t *testing.T, out string) {
			// The columns are the union of every record's fields.
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			h := strings.Join(recs[0], ",")
			if !strings.HasSuffix(h, ",outlet,date") || recs[2][len(recs[2])-2] != "X" || recs[1][len(recs[1])-1] != "" {
				t.Errorf("header %q, rows %q", h, recs[1:])
			}
		}},
		{name: "csv collisions", args: []string{"score", "--format", "csv", collide}, code: 0, check: func(t *testing.T, out string) {
			recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]string{}
			for i, c := range recs[0] {
				if _, dup := seen[c]; dup {
					t.Errorf("duplicate column %q", c)
				}
				seen[c] = recs[1][i]
			}
			if seen["input_input_israel"] != "pro" || seen["input_israel"] != "x" || seen["input_frames"] != "[1]" || seen["input_israel_score"] != "2" {
				t.Errorf("renamed columns: %v", seen)
			}
		}},
		{name: "jsonl collisions", args: []string{"score", collide}, code: 0, check: func(t *testing.T, out string) {
			keys := jsonKeys(t, out)
			seen := map[string]bool{}
			for _, k := range keys {
				if seen[k] {
					t.Errorf("key %q appears twice in %s", k, out)
				}
				seen[k] = true
			}
			if !seen["input_input_israel"] || !seen["input_frames"] {
				t.Errorf("keys %v", keys)
			}
		}},
	})
	schema := write(t, filepath.Join(dir, "s.json"), []byte(`{"name":"s","heads":[{"name":"explain","values":["a","b"]}]}`))
	lab := write(t, filepath.Join(dir, "l.jsonl"), []byte(`{"id":"a","explain":"a"}`+"\n"))
	_, errs, code := cli(t, "", "train", "--schema", schema, "--corpus", later, "--labels", lab, "-o", filepath.Join(dir, "m"))
	if code != 1 || !strings.Contains(errs, `head name "explain" is reserved`) {
		t.Errorf("head named explain: exit %d, %q", code, errs)
	}
}

// jsonKeys returns the top-level keys of a JSON object, duplicates kept.
func jsonKeys(t *testing.T, s string) []string {
	dec := json.NewDecoder(strings.NewReader(s))
	var keys []string
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %q", s)
	}
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// B8, B15, B17, B18: invalid settings are usage errors (exit 2) before
// any work, in one line on standard error, with nothing on standard
// output and no file left behind.
func TestB8B15B17B18InvalidSettings(t *testing.T) {
	f := newFixtures(t)
	train := []string{"train", "--corpus", f.wire, "--labels", f.labels, "-o", f.path("x.stance")}
	ev := []string{"eval", "--corpus", f.wire, "--labels", f.labels}
	with := func(base []string, more ...string) []string { return append(append([]string{}, base...), more...) }
	var cases []cliCase
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"B8 score --top -5", []string{"score", "--explain", "--top", "-5", "-o", f.path("neg.jsonl"), f.wire}, "--top -5"},
		{"B15 train --l2 NaN", with(train, "--l2", "NaN"), "--l2 NaN"},
		{"B15 train --l2 Inf", with(train, "--l2", "Inf"), "--l2 +Inf"},
		{"B15 eval --l2 NaN", with(ev, "--cv", "3", "--l2", "NaN"), "--l2 NaN"},
		{"B17 --max-iter 0", with(train, "--max-iter", "0"), "--max-iter 0"},
		{"B17 --max-iter -5", with(train, "--max-iter", "-5"), "--max-iter -5"},
		{"B17 train --workers 0", with(train, "--workers", "0"), "--workers"},
		{"B17 eval --workers -4", with(ev, "--workers", "-4"), "--workers"},
		{"B17 --features ''", with(train, "--features", ""), "--features is empty"},
		{"B17 --cv-group with more --cv folds than groups", with(ev, "--cv-group", "dir", "--cv", "5"), "use at most"},
		{"B18 unknown flag", []string{"score", "--bogus", f.wire}, "score: flag provided but not defined: -bogus"},
	} {
		cases = append(cases, cliCase{name: c.name, args: c.args, code: 2, want: []string{c.want}, check: func(t *testing.T, out string) {
			if out != "" {
				t.Errorf("stdout: %.80q", out)
			}
		}})
	}
	runCases(t, cases)
	_, errs, _ := cli(t, "", "score", "--bogus", f.wire)
	if len(stderrLines(errs)) != 1 || strings.Contains(errs, "stance: stance") {
		t.Errorf("B18: stderr %q, want one line with one prefix", errs)
	}
	if ents, _ := filepath.Glob(f.path("*.partial")); len(ents) > 0 {
		t.Errorf("B8: files left behind: %v", ents)
	}
	if _, err := os.Stat(f.path("x.stance")); err == nil {
		t.Error("a model was written")
	}
}

// B17: degenerate training data is an error or a clear warning.
func TestB17DegenerateTraining(t *testing.T) {
	f := newFixtures(t)
	one := write(t, f.path("one.jsonl"), []byte(`{"id":"wire/001","israel":"pro"}`+"\n"))
	var same bytes.Buffer
	for i := 1; i <= wireN; i++ {
		fmt.Fprintf(&same, `{"id":"wire/%03d","israel":"neutral","iran":"neutral"}`+"\n", i)
	}
	oneClass := write(t, f.path("same.jsonl"), same.Bytes())
	mixed := write(t, f.path("mixed.jsonl"), append(same.Bytes(), []byte(`{"id":"wire/001","frames":["security"]}`+"\n")...))
	_ = mixed
	runCases(t, []cliCase{
		{name: "one labelled article", args: []string{"train", "--corpus", f.wire, "--labels", one, "-o", f.path("a.stance")}, code: 1,
			want: []string{"only 1 labelled article; training needs at least 2"}},
		{name: "one class", args: []string{"train", "--algo", "nb", "--corpus", f.wire, "--labels", oneClass, "-o", f.path("b.stance")}, code: 1,
			want: []string{`warning: head israel: every labelled article is "neutral"`, "no head has labels of two different classes"}},
		{name: "B24 cv with one labelled article", args: []string{"eval", "--cv", "2", "--corpus", f.wire, "--labels", one}, code: 1,
			want: []string{"only 1 labelled article"}},
	})
}

// B9: reads are bounded: a .txt that is /dev/zero, a model, labels or
// schema that is /dev/zero, and an over-long JSON Lines record are
// refused without reading them whole.
func TestB9BoundedReads(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	f := newFixtures(t)
	zdir := f.path("zdir")
	write(t, filepath.Join(zdir, "a.txt"), []byte("Iran"))
	os.Symlink("/dev/zero", filepath.Join(zdir, "zero.txt"))
	long := write(t, f.path("long.jsonl"), []byte(`{"id":"x","text":"`+strings.Repeat("a", 17<<20)+`"}`+"\n"+`{"id":"y","text":"Iran"}`+"\n"))
	runCases(t, []cliCase{
		{name: "txt is /dev/zero", args: []string{"score", zdir}, code: 1, want: []string{"zero.txt: looks like a binary file"}},
		{name: "model is /dev/zero", args: []string{"score", "--model", "/dev/zero", f.wire}, code: 1, want: []string{"model /dev/zero is not a regular file"}},
		{name: "labels are /dev/zero", args: []string{"eval", "--corpus", f.wire, "--labels", "/dev/zero"}, code: 1, want: []string{"binary file"}},
		{name: "schema is /dev/zero", args: []string{"train", "--schema", "/dev/zero", "--corpus", f.wire, "--labels", f.labels, "-o", f.path("z.stance")}, code: 1, want: []string{"/dev/zero: larger than 1024 KB"}},
		{name: "record over 16 MB", args: []string{"score", "--skip-bad", long}, code: 0, want: []string{"long.jsonl:1: skipped: record longer than 16 MB"},
			check: func(t *testing.T, out string) {
				if n := jsonLines(t, out); n != 1 {
					t.Errorf("%d records, want 1", n)
				}
			}},
	})
}

// B10: a schema and bucket count whose table would not fit are refused
// before training (and such a model before scoring).
func TestB10TableBound(t *testing.T) {
	f := newFixtures(t)
	vals := make([]string, 1000)
	for i := range vals {
		vals[i] = fmt.Sprintf("v%d", i)
	}
	b, _ := json.Marshal(map[string]any{"name": "t", "heads": []map[string]any{{"name": "topic", "values": vals}}})
	schema := write(t, f.path("1k.json"), b)
	lab := write(t, f.path("1k.jsonl"), []byte(`{"id":"wire/001","topic":"v1"}`+"\n"+`{"id":"wire/002","topic":"v2"}`+"\n"))
	vals = append(vals, make([]string, 2000)...)
	for i := range vals {
		vals[i] = fmt.Sprintf("v%d", i)
	}
	b, _ = json.Marshal(map[string]any{"name": "t", "heads": []map[string]any{{"name": "topic", "values": vals}}})
	big := write(t, f.path("3k.json"), b)
	runCases(t, []cliCase{
		{name: "values × buckets", args: []string{"train", "--schema", schema, "--corpus", f.wire, "--labels", lab, "--buckets", "4194304", "-o", f.path("m")}, code: 2,
			want: []string{"1000 values × 4194304 buckets need a table"}},
		{name: "too many values", args: []string{"train", "--schema", big, "--corpus", f.wire, "--labels", lab, "-o", f.path("m")}, code: 1,
			want: []string{`has 3000 values; a head has at most 1024`}},
	})
}

// B12: explain's cost is bounded: a 400 KB article is explained on its
// first 16 KB, quickly, and says so.
func TestB12ExplainLongArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	art := write(t, filepath.Join(dir, "ex_400.txt"), []byte(strings.Repeat("Iran and Israel exchanged strikes while Baku urged calm. ", 7100)))
	start := time.Now()
	out, errs, code := cli(t, "", "explain", art)
	if code != 0 || !strings.Contains(errs, "the explanation covers the first 16 KB") || !strings.Contains(out, "israel:") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("explain took %v", d)
	}
}

// B13: CSV output is linear in the number of metadata keys.
func TestB13CSVManyKeys(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"id":"k","text":"Iran"`)
	for i := range 60000 {
		fmt.Fprintf(&b, `,"k%d":%d`, i, i)
	}
	b.WriteString("}\n")
	in := write(t, filepath.Join(dir, "mk.jsonl"), []byte(b.String()))
	start := time.Now()
	out, errs, code := cli(t, "", "score", "--format", "csv", in)
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Fatalf("exit %d, %s", code, errs)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v (quadratic?)", d)
	}
}

// B14: a write error on standard output is exit 1, for every command.
func TestB14StdoutWriteErrors(t *testing.T) {
	f := newFixtures(t)
	for _, args := range [][]string{
		{"explain", filepath.Join(corpusDir, "wire/002.txt")},
		{"eval", "--corpus", f.wire, "--labels", f.labels},
		{"version"},
		{"help"},
		{"score", "-h"},
	} {
		var errb bytes.Buffer
		err := runContext(context.Background(), args, strings.NewReader(""), &failingWriter{w: io.Discard}, &errb)
		if code := exitCode(err, &errb); code != 1 || !strings.Contains(errb.String(), "write standard output") {
			t.Errorf("%v: exit %d, %q", args, code, errb.String())
		}
	}
}

// B16: a model without targets trained on a corpus scores that corpus;
// a model trained on stance examples refuses articles without a target.
func TestB16ExamplesMode(t *testing.T) {
	f := newFixtures(t)
	schema := write(t, f.path("topic.json"), []byte(`{"name":"t","heads":[{"name":"topic","values":["war","peace","trade"]}]}`))
	var lab bytes.Buffer
	var ex bytes.Buffer
	for i := 1; i <= wireN; i++ {
		fmt.Fprintf(&lab, `{"id":"wire/%03d","topic":%q}`+"\n", i, []string{"war", "peace", "trade"}[i%3])
		fmt.Fprintf(&ex, `{"id":"e%d","text":%q,"target":"Iran","label":%q}`+"\n", i, sampleTexts[i%len(sampleTexts)], []string{"pro", "anti"}[i%2])
	}
	labels := write(t, f.path("topic.jsonl"), lab.Bytes())
	examples := write(t, f.path("ex.jsonl"), ex.Bytes())
	topic, exModel := f.path("topic.stance"), f.path("ex.stance")
	runCases(t, []cliCase{
		{name: "train topic", args: []string{"train", "--algo", "nb", "--schema", schema, "--corpus", f.wire, "--labels", labels, "-o", topic}},
		{name: "train examples", args: []string{"train", "--algo", "nb", "--examples", examples, "-o", exModel}},
		{name: "topic model scores the corpus", args: []string{"score", "--model", topic, f.wire}, check: func(t *testing.T, out string) {
			if strings.Count(out, `"topic":{"label"`) != wireN {
				t.Errorf("output: %.200s", out)
			}
		}},
		{name: "examples model refuses articles", args: []string{"score", "--model", exModel, filepath.Join(corpusDir, "wire")}, code: 1,
			want: []string{"has no target; this model was trained on stance examples"}},
		{name: "examples model scores examples", args: []string{"score", "--model", exModel, examples}},
	})
}

// B19, B20, B21, B22, B24, B25, B27: messages name the problem, in one
// line.
func TestMessages(t *testing.T) {
	f := newFixtures(t)
	utf16 := []byte{0xFF, 0xFE, 'I', 0, 'r', 0, 'a', 0, 'n', 0}
	nul := write(t, f.path("nul.jsonl"), []byte(`{"id":"a","text":"Iran"}`+"\n"+"{\x00}\n"))
	u16txt := write(t, f.path("u16.txt"), utf16)
	u16jsonl := write(t, f.path("u16.jsonl"), utf16)
	midBOM := write(t, f.path("mixedbom.jsonl"), []byte(`{"id":"a","text":"Iran"}`+"\n\xEF\xBB\xBF"+`{"id":"b","text":"Israel"}`+"\n"))
	quote := write(t, f.path("q.csv"), []byte("id,israel\nwire/001,pro\nwire/002,\"neutral\nwire/003,anti\nwire/004,anti\n"))
	empty := write(t, f.path("empty.json"), nil)
	twoDocs := write(t, f.path("two.json"), []byte(`{"name":"t","heads":[{"name":"topic","values":["a","b"]}]} {}`))
	punct := write(t, f.path("punct.json"), []byte(`{"name":"t","heads":[{"name":"x","values":["a","b"],"target":{"name":"***","aliases":["..."]}}]}`))
	multi := write(t, f.path("multi.jsonl"), []byte(`{"id":"a","text":"Iran"}`+"\n"+`{"id":"b","text":"Israel"}`+"\n"))
	dupText := write(t, f.path("dup.jsonl"), []byte(`{"id":"a","text":"Iran","text":"Israel"}`+"\n"))
	train := func(more ...string) []string {
		return append([]string{"train", "--corpus", f.wire, "--labels", f.labels, "-o", f.path("m.stance")}, more...)
	}
	runCases(t, []cliCase{
		{name: "B19 binary record with -o", args: []string{"score", "-o", f.path("keep.jsonl"), nul}, code: 1,
			want: []string{"nul.jsonl:2: binary data", "1 articles before it were scored into"}},
		{name: "B20 UTF-16 txt", args: []string{"explain", u16txt}, code: 1, want: []string{"u16.txt: is UTF-16 text", "iconv"}},
		{name: "B20 UTF-16 jsonl", args: []string{"score", u16jsonl}, code: 1, want: []string{"u16.jsonl: is UTF-16 text"}},
		{name: "B21 BOM on a later line", args: []string{"score", midBOM}, code: 0, want: []string{"mixedbom.jsonl:2: a UTF-8 byte-order mark starts this line"}},
		{name: "B22 CSV unbalanced quote", args: []string{"eval", "--corpus", f.wire, "--labels", quote}, code: 1, want: []string{"q.csv:3: malformed CSV: the quoted field that opens on this line is not closed"}},
		{name: "B24 missing schema", args: train("--schema", f.path("nope.json")), code: 1, want: []string{"schema " + f.path("nope.json") + ": no such file"}},
		{name: "B24 empty schema", args: train("--schema", empty), code: 1, want: []string{"empty.json: empty file; a schema is a JSON object"}},
		{name: "B24 two schema documents", args: train("--schema", twoDocs), code: 1, want: []string{"more after the schema object"}},
		{name: "B24 labels directory", args: []string{"eval", "--corpus", f.wire, "--labels", f.dir}, code: 1, want: []string{"labels " + f.dir + " is a directory"}},
		{name: "B24 punctuation target", args: train("--schema", punct), code: 1, want: []string{`alias "..." has no letter or digit`}},
		{name: "B25 explain directory", args: []string{"explain", filepath.Join(corpusDir, "wire")}, code: 2, want: []string{"holds more than one"}},
		{name: "B25 explain multi.jsonl", args: []string{"explain", multi}, code: 2, want: []string{"holds more than one"}},
		{name: "B27 duplicate text", args: []string{"score", dupText}, code: 1, want: []string{`dup.jsonl:1: field "text": given twice`}},
	})
}

// B24: train lists at most a few value counts per head.
func TestB24TrainCountsLine(t *testing.T) {
	f := newFixtures(t)
	vals := make([]string, 200)
	for i := range vals {
		vals[i] = fmt.Sprintf("v%d", i)
	}
	b, _ := json.Marshal(map[string]any{"name": "t", "heads": []map[string]any{{"name": "topic", "values": vals}}})
	schema := write(t, f.path("200.json"), b)
	var lab bytes.Buffer
	for i := 1; i <= wireN; i++ {
		fmt.Fprintf(&lab, `{"id":"wire/%03d","topic":"v%d"}`+"\n", i, i)
	}
	labels := write(t, f.path("200.jsonl"), lab.Bytes())
	_, errs, code := cli(t, "", "train", "--algo", "nb", "--buckets", "4096", "--schema", schema, "--corpus", f.wire, "--labels", labels, "-o", f.path("m"))
	if code != 0 {
		t.Fatal(errs)
	}
	for _, l := range stderrLines(errs) {
		if len(l) > 400 {
			t.Errorf("line of %d bytes: %.100q", len(l), l)
		}
	}
}
