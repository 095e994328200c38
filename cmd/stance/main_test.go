package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	corpusDir = "../../testdata/corpus/articles"
	corpusLab = "../../testdata/corpus/labels.jsonl"
	shared    = "../../../shared"
)

// cli runs the command in-process and returns stdout, stderr and the exit code.
func cli(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// subsetLabels writes the corpus labels whose id starts with one of the
// prefixes to a temporary file.
func subsetLabels(t *testing.T, prefixes ...string) string {
	t.Helper()
	b, err := os.ReadFile(corpusLab)
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		for _, p := range prefixes {
			if strings.HasPrefix(l, `{"id":"`+p) {
				keep = append(keep, l)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "labels.jsonl")
	os.WriteFile(p, []byte(strings.Join(keep, "\n")+"\n"), 0o644)
	return p
}

func TestTrainEvalRoundTrip(t *testing.T) {
	lab := subsetLabels(t, "wire/", "israel/")
	model := filepath.Join(t.TempDir(), "m.stance")
	_, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "-o", model)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "trained on 435 articles") || !strings.Contains(errs, "israel       125 labelled") {
		t.Errorf("train summary: %s", errs)
	}
	out, errs, code := cli(t, "", "eval", "--corpus", corpusDir, "--labels", lab, "--model", model)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errs)
	}
	for _, want := range []string{"== israel  (n=125)", "== frames  (n=125)", "macro avg", "confusion matrix", "majority baseline"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q", want)
		}
	}
	// A retrain gives the same bytes.
	model2 := filepath.Join(t.TempDir(), "m2.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "-o", model2, "--workers", "1"); code != 0 {
		t.Fatalf("retrain: %s", errs)
	}
	b1, _ := os.ReadFile(model)
	b2, _ := os.ReadFile(model2)
	if !bytes.Equal(b1, b2) {
		t.Errorf("retrained model differs (%d vs %d bytes)", len(b1), len(b2))
	}
}

func TestEvalCV(t *testing.T) {
	lab := subsetLabels(t, "wire/", "az-state/")
	out, errs, code := cli(t, "", "eval", "--corpus", corpusDir, "--labels", lab, "--cv", "3", "--max-iter", "60")
	if code != 0 {
		t.Fatalf("eval --cv: exit %d: %s", code, errs)
	}
	for _, want := range []string{"3-fold stratified cross-validation", "== azerbaijan  (n=130)", "precision", "recall", "f1-score", "macro-F1 per fold", "gold \\ pred"} {
		if !strings.Contains(out, want) {
			t.Errorf("cv output lacks %q:\n%s", want, out)
		}
	}
	out, errs, code = cli(t, "", "eval", "--corpus", corpusDir, "--labels", lab, "--cv-group", "dir", "--max-iter", "60", "--json")
	if code != 0 {
		t.Fatalf("eval --cv-group: exit %d: %s", code, errs)
	}
	var rep struct {
		Method string
		Heads  []struct {
			Head        string
			N           int
			FoldMacroF1 []float64 `json:"fold_macro_f1"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json: %v", err)
	}
	if !strings.Contains(rep.Method, "2 groups: az-state, wire") || len(rep.Heads[0].FoldMacroF1) != 2 {
		t.Errorf("grouped cv: %+v", rep)
	}
}

func TestScoreFormats(t *testing.T) {
	dir := filepath.Join(corpusDir, "wire")
	out, errs, code := cli(t, "", "score", dir)
	if code != 0 {
		t.Fatalf("score: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 65 {
		t.Fatalf("%d lines, want 65", len(lines))
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "israel", "iran", "azerbaijan", "frames"} {
		if rec[k] == nil {
			t.Errorf("record lacks %q: %s", k, lines[0])
		}
	}
	var az struct {
		Label    string
		Score    float64
		Balanced float64
		Probs    map[string]float64
	}
	json.Unmarshal(rec["azerbaijan"], &az)
	sum := 0.0
	for _, p := range az.Probs {
		sum += p
	}
	if len(az.Probs) != 4 || sum < 0.999 || sum > 1.001 || az.Score != az.Probs["israel-aligned"]-az.Probs["iran-aligned"] && abs(az.Score-(az.Probs["israel-aligned"]-az.Probs["iran-aligned"])) > 2e-4 || abs(az.Balanced-az.Probs["balanced"]) > 1e-9 {
		t.Errorf("azerbaijan = %+v (sum %v)", az, sum)
	}
	out, _, code = cli(t, "", "score", "--format", "csv", dir)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 66 || recs[0][0] != "id" || !strings.Contains(strings.Join(recs[0], ","), "azerbaijan_balanced") {
		t.Errorf("csv: code %d err %v, %d records, header %v", code, err, len(recs), recs[0])
	}
	out, _, code = cli(t, "", "score", "--format", "table", dir)
	if code != 0 || !strings.Contains(out, "| id ") || !strings.Contains(out, "azerbaijan") || strings.Count(out, "\n") < 65 {
		t.Errorf("table: code %d\n%s", code, out)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestScoreStdinMetadataAndOrder(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 300; i++ {
		in.WriteString(`{"id":"a` + string(rune('0'+i%10)) + `-` + itoa(i) + `","text":"Baku and Tehran held talks; Israel was not mentioned.","outlet":"Wire","israel":"gold"}` + "\n")
	}
	out1, errs, code := cli(t, in.String(), "score", "--workers", "1", "-")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	out4, _, _ := cli(t, in.String(), "score", "--workers", "4", "-")
	if out1 != out4 {
		t.Fatal("output differs between 1 and 4 workers")
	}
	first := strings.SplitN(out1, "\n", 2)[0]
	if !strings.HasPrefix(first, `{"id":"a0-0",`) || !strings.Contains(first, `"outlet":"Wire"`) || !strings.Contains(first, `"input_israel":"gold"`) {
		t.Errorf("first line = %s", first)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestBadLabelFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"unknown value", `{"id":"wire/001","israel":"pr0"}`, `bad.jsonl:1: field "israel": unknown value "pr0"; allowed: pro, anti, neutral`},
		{"duplicate id", "{\"id\":\"wire/001\"}\n{\"id\":\"wire/001\"}", `bad.jsonl:2: field "id": duplicate id "wire/001"`},
		{"malformed line", "{\"id\":\"wire/001\"}\n{\"id\": nope}", `bad.jsonl:2: malformed JSON`},
		{"unknown article", "{\"id\":\"wire/001\"}\n{\"id\":\"nowhere/9\",\"iran\":\"pro\"}", `bad.jsonl:2: field "id": no article "nowhere/9" in the corpus`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lab := filepath.Join(dir, "bad.jsonl")
			os.WriteFile(lab, []byte(tt.content), 0o644)
			model := filepath.Join(dir, "out.stance")
			_, errs, code := cli(t, "", "train", "--corpus", corpusDir, "--labels", lab, "-o", model)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "stance: ") || !strings.Contains(last, tt.want) {
				t.Errorf("stderr = %q, want a line with %q", errs, tt.want)
			}
			if _, err := os.Stat(model); !os.IsNotExist(err) {
				t.Errorf("a model was written")
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				t.Errorf("directory holds %d files, want only the label file", len(ents))
			}
		})
	}
}

func TestModelFileErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.stance")
	os.WriteFile(good, defaultModel, 0o644)
	trunc := filepath.Join(dir, "trunc.stance")
	os.WriteFile(trunc, defaultModel[:len(defaultModel)/2], 0o644)
	future := filepath.Join(dir, "future.stance")
	f := append([]byte(nil), defaultModel...)
	f[8] = 5
	os.WriteFile(future, f, 0o644)
	other := filepath.Join(dir, "other.stance")
	os.WriteFile(other, []byte("\x89PNG\r\n\x1a\n not a model"), 0o644)
	article := filepath.Join(corpusDir, "wire", "001.txt")
	for _, tt := range []struct{ path, want string }{
		{trunc, "trunc.stance: truncated"},
		{future, "future.stance: model format version 5 is newer than this program reads (4)"},
		{other, "other.stance: not a stance model file"},
		{filepath.Join(dir, "missing.stance"), "missing.stance: no such file"},
	} {
		_, errs, code := cli(t, "", "score", "--model", tt.path, article)
		if code != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("score --model %s: exit %d, stderr %q; want 1 and %q", filepath.Base(tt.path), code, errs, tt.want)
		}
	}
	if _, errs, code := cli(t, "", "score", "--model", good, article); code != 0 {
		t.Errorf("good model: %d %s", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{}, {"frobnicate"}, {"score"}, {"score", "--format", "xml", "x"}, {"train", "--corpus", "x"},
		{"eval", "--model", "m", "--cv", "5", "--examples", "x"}, {"score", "--nope", "x"}, {"explain"},
	} {
		_, errs, code := cli(t, "", args...)
		if code != 2 || !strings.HasPrefix(errs, "stance: ") && !strings.Contains(errs, "\nstance: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a 'stance:' message", args, code, errs)
		}
	}
	for _, c := range []string{"score", "train", "eval", "explain", "export"} {
		out, _, code := cli(t, "", c, "-h")
		if code != 0 || !strings.Contains(out, "Example:") || !strings.Contains(out, "stance "+c) {
			t.Errorf("%s -h: exit %d\n%s", c, code, out)
		}
	}
}

func TestOutputFileAndMissingDir(t *testing.T) {
	article := filepath.Join(corpusDir, "wire", "002.txt")
	_, errs, code := cli(t, "", "score", "-o", "/nonexistent-dir/x.jsonl", article)
	if code != 1 || !strings.Contains(errs, "directory /nonexistent-dir does not exist") {
		t.Errorf("exit %d, %q", code, errs)
	}
	out := filepath.Join(t.TempDir(), "s.jsonl")
	if _, errs, code := cli(t, "", "score", "-o", out, article); code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	b, _ := os.ReadFile(out)
	if !bytes.HasPrefix(b, []byte(`{"id":"002"`)) {
		t.Errorf("output = %s", b)
	}
	if _, err := os.Stat(out + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial file left behind")
	}
}

func TestExplain(t *testing.T) {
	out, errs, code := cli(t, "", "explain", filepath.Join(corpusDir, "iran-state", "001.txt"))
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	for _, want := range []string{"israel:", "iran:", "azerbaijan:", "frames:", "features that pushed toward", "sentences whose removal"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	out, _, code = cli(t, "", "score", "--explain", filepath.Join(corpusDir, "iran-state", "001.txt"))
	if code != 0 || !strings.Contains(out, `"explain":[{"decision":"israel=`) {
		t.Errorf("score --explain: %s", out)
	}
}

// The README's examples and the done-when checks on real data from
// ../shared: skipped when it is absent.
func needShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("../shared is absent (%v): skipping the checks on real data", err)
	}
}

func TestSeeds(t *testing.T) {
	needShared(t)
	out, errs, code := cli(t, "", "score", filepath.Join(shared, "seeds"))
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	n := 0
	for sc.Scan() {
		var r map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"israel", "iran", "azerbaijan", "frames"} {
			if r[k] == nil || string(r[k]) == "null" {
				t.Errorf("seed %s lacks %s", r["id"], k)
			}
		}
		n++
	}
	if n != 5 {
		t.Errorf("%d seeds scored, want 5", n)
	}
	out, errs, code = cli(t, "", "eval", "--corpus", filepath.Join(shared, "seeds"), "--labels", filepath.Join(shared, "labels", "seeds.jsonl"))
	if code != 0 || !strings.Contains(out, "== israel  (n=5)") || !strings.Contains(out, "== azerbaijan  (n=5)") {
		t.Errorf("eval seeds: %d %s\n%s", code, errs, out)
	}
}

func TestNewsMTSCExamples(t *testing.T) {
	needShared(t)
	if testing.Short() {
		t.Skip("short mode")
	}
	train := filepath.Join(shared, "data", "newsmtsc", "train.jsonl")
	dev := filepath.Join(shared, "data", "newsmtsc", "dev_mt.jsonl")
	// A slice of train keeps the test quick; make bench-newsmtsc runs all.
	b, err := os.ReadFile(train)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	small := filepath.Join(t.TempDir(), "train-1500.jsonl")
	os.WriteFile(small, []byte(strings.Join(lines[:1500], "")), 0o644)
	model := filepath.Join(t.TempDir(), "n.stance")
	if _, errs, code := cli(t, "", "train", "--examples", small, "-o", model); code != 0 {
		t.Fatalf("train: %s", errs)
	}
	out, errs, code := cli(t, "", "eval", "--model", model, "--examples", dev)
	if code != 0 {
		t.Fatalf("eval: %s", errs)
	}
	for _, want := range []string{"== stance  (n=442)", "negative", "neutral", "positive", "F_avg (positive, negative)"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval lacks %q:\n%s", want, out)
		}
	}
	out, _, code = cli(t, "", "score", "--model", model, "--examples", "--format", "csv", dev)
	if code != 0 || !strings.HasPrefix(out, "id,target,stance,stance_score") {
		t.Errorf("score examples: %d %.200s", code, out)
	}
}
