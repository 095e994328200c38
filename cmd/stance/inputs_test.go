package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCSVUnionOfFields scores records with different fields, a field that
// collides with an output column, a null and formula-like values, from a
// file and from standard input, and reads the CSV back as pandas would
// (by header name).
func TestCSVUnionOfFields(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Iran and Israel talked.","title":"=HYPERLINK(\"x\")"}`,
		`{"id":"b","text":"Baku stayed neutral.","outlet":"Daily","date":"2025-01-02","israel":"pro","input_israel":"kept"}`,
		`{"id":"@c","text":"Tehran spoke.","outlet":null,"tags":["x"],"wordcount":-12}`,
	}, "\n") + "\n"
	dir := t.TempDir()
	p := filepath.Join(dir, "in.jsonl")
	os.WriteFile(p, []byte(in), 0o644)
	for _, src := range []string{"file", "stdin"} {
		t.Run(src, func(t *testing.T) {
			stdin, arg := "", p
			if src == "stdin" {
				stdin, arg = in, "-"
			}
			out := filepath.Join(t.TempDir(), "s.csv")
			_, errs, code := cli(t, stdin, "score", "-o", out, arg) // .csv implies --format csv
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			f, _ := os.Open(out)
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatalf("not CSV: %v", err)
			}
			header := recs[0]
			col := func(name string) int {
				i := slices.Index(header, name)
				if i < 0 {
					t.Fatalf("no column %q in %q", name, header)
				}
				return i
			}
			for _, c := range []string{"title", "outlet", "date", "input_input_israel", "input_israel", "tags", "wordcount"} {
				col(c)
			}
			// Declared order: first appearance.
			if i, j := col("title"), col("wordcount"); i > j {
				t.Errorf("title after wordcount: %q", header)
			}
			for i, name := range header {
				if slices.Index(header, name) != i {
					t.Errorf("column %q twice", name)
				}
			}
			b, c := recs[2], recs[3]
			// As in JSON Lines: israel would become input_israel, which the
			// record has, so it becomes input_input_israel.
			if b[col("input_israel")] != "kept" || b[col("input_input_israel")] != "pro" {
				t.Errorf("renamed fields: input_israel %q, input_input_israel %q", b[col("input_israel")], b[col("input_input_israel")])
			}
			if b[col("outlet")] != "Daily" || b[col("date")] != "2025-01-02" {
				t.Errorf("later fields: outlet %q date %q", b[col("outlet")], b[col("date")])
			}
			if c[col("outlet")] != "" || c[col("wordcount")] != "-12" || c[col("tags")] != `["x"]` {
				t.Errorf("null/number/array cells: %q %q %q", c[col("outlet")], c[col("wordcount")], c[col("tags")])
			}
			if got := recs[1][col("title")]; got != `'=HYPERLINK("x")` {
				t.Errorf("formula title written as %q", got)
			}
			if got := c[col("id")]; got != "'@c" {
				t.Errorf("id @c written as %q", got)
			}
			if strings.HasPrefix(c[col("israel_score")], "'") {
				t.Errorf("a negative score was escaped: %q", c[col("israel_score")])
			}
		})
	}
}

func TestFormatFromOutputName(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","text":"Iran."}`+"\n"), 0o644)
	out := filepath.Join(dir, "x.jsonl")
	if _, errs, code := cli(t, "", "score", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), `{"id":"a"`) {
		t.Errorf("x.jsonl holds %q", b)
	}
	_, errs, code := cli(t, "", "score", "--format", "jsonl", "-o", filepath.Join(dir, "y.csv"), in)
	if code != 2 || !strings.Contains(errs, "--format jsonl contradicts -o") {
		t.Errorf("contradiction: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.csv")); err == nil {
		t.Errorf("y.csv written despite the error")
	}
}

// TestScoreInputFields reads a CSV export with its own column names.
func TestScoreInputFields(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "export.csv")
	os.WriteFile(in, []byte("body,headline,outlet\n\"Israel and Iran, again.\",Talks,X\nBaku spoke.,,Y\n"), 0o644)
	out, errs, code := cli(t, "", "score", "--text-field", "body", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"id":"export/2"`) || !strings.Contains(lines[1], `"outlet":"Y"`) {
		t.Errorf("got %q", out)
	}
	_, errs, code = cli(t, "", "score", in)
	if code != 1 || !strings.Contains(errs, `export.csv:1: field "text": no such column`) {
		t.Errorf("without --text-field: exit %d, %q", code, errs)
	}
}

// TestInfo trains a small model and checks that info reports what went
// into it, in text and JSON.
func TestInfo(t *testing.T) {
	dir := t.TempDir()
	arts := filepath.Join(dir, "a.jsonl")
	lab := filepath.Join(dir, "l.jsonl")
	os.WriteFile(arts, []byte(`{"id":"1","text":"Israel struck a target."}
{"id":"2","text":"Iran condemned Israel."}
{"id":"3","text":"Baku called for calm."}
`), 0o644)
	os.WriteFile(lab, []byte(`{"id":"1","israel":"anti"}
{"id":"2","israel":"anti"}
{"id":"3","israel":"neutral"}
`), 0o644)
	model := filepath.Join(dir, "m.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", arts, "--labels", lab, "--features", "ngrams", "--l2", "0.01", "--class-weight", "none", "-o", model); code != 0 {
		t.Fatalf("train: exit %d, %s", code, errs)
	}
	out, errs, code := cli(t, "", "info", model)
	if code != 0 {
		t.Fatalf("info: exit %d, %s", code, errs)
	}
	for _, want := range []string{"features: ngrams;", "L2 0.01", "class weights none", "israel       3 labelled: pro 0, anti 2, neutral 1",
		"iran         not trained", "3 distinct training texts", "source: ", "calibration: none"} {
		if !strings.Contains(out, want) {
			t.Errorf("info text lacks %q:\n%s", want, out)
		}
	}
	js, _, code := cli(t, "", "info", "--json", model)
	var in modelInfo
	if err := json.Unmarshal([]byte(js), &in); code != 0 || err != nil {
		t.Fatalf("info --json: exit %d, %v", code, err)
	}
	if in.Heads[0].Counts["anti"] != 2 || in.Training.Fingerprints != 3 || in.Settings.L2 != 0.01 {
		t.Errorf("info --json: %+v", in)
	}
	if _, errs, code := cli(t, "", "info", filepath.Join(dir, "none.stance")); code != 1 || !strings.Contains(errs, "none.stance") {
		t.Errorf("missing model: exit %d, %q", code, errs)
	}
}
