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

// evalPredictions is the part of eval --json these tests read.
type evalPredictions struct {
	Predictions []struct {
		ID    string
		Fold  int
		Heads []struct {
			Head, Gold, Pred string
			GoldLabels       []string `json:"gold_labels"`
			Probs            map[string]float64
			Wrong            bool
		}
	}
}

func evalJSON(t *testing.T, args ...string) evalPredictions {
	t.Helper()
	out, errs, code := cli(t, "", args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	var p evalPredictions
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return p
}

func TestEvalErrorsAndHTML(t *testing.T) {
	lab := subsetLabels(t, "wire/")
	ev := []string{"eval", "--corpus", corpusDir, "--labels", lab}
	all := evalJSON(t, append(ev, "--json")...)
	if len(all.Predictions) != 65 {
		t.Fatalf("--json: %d predictions, want the 65 labelled wire articles", len(all.Predictions))
	}
	var wrong []string // "id head"
	wrongIDs := map[string]bool{}
	for _, a := range all.Predictions {
		if a.Fold != 0 || len(a.Heads) != 4 {
			t.Fatalf("prediction %+v: want fold 0 and four heads", a)
		}
		for _, h := range a.Heads {
			if len(h.Probs) == 0 {
				t.Fatalf("%s %s: no probabilities", a.ID, h.Head)
			}
			if h.GoldLabels == nil && h.Wrong != (h.Gold != h.Pred) {
				t.Errorf("%s %s: gold %s pred %s wrong %v", a.ID, h.Head, h.Gold, h.Pred, h.Wrong)
			}
			if h.Wrong {
				wrong = append(wrong, a.ID+" "+h.Head)
				wrongIDs[a.ID] = true
			}
		}
	}
	if len(wrong) == 0 {
		t.Fatal("the default model gets every wire article right; the test needs a mistake")
	}
	// --errors: one line per wrong head, then a count.
	out, errs, code := cli(t, "", append(ev, "--errors")...)
	if code != 0 {
		t.Fatalf("--errors: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "== wrong predictions") || !strings.Contains(out, fmt.Sprintf("%d wrong of 260 labelled head predictions, in 65 articles", len(wrong))) {
		t.Errorf("--errors output lacks its heading or count:\n%s", out)
	}
	for _, w := range wrong {
		id, head, _ := strings.Cut(w, " ")
		if !regexpLine(out, id, head) {
			t.Errorf("--errors does not list %s", w)
		}
	}
	// --json --errors: only the wrong articles.
	only := evalJSON(t, append(ev, "--json", "--errors")...)
	if len(only.Predictions) != len(wrongIDs) {
		t.Errorf("--json --errors: %d articles, want %d", len(only.Predictions), len(wrongIDs))
	}
	// --html: a page listing every wrong article, with evidence.
	page := filepath.Join(t.TempDir(), "r.html")
	if _, errs, code := cli(t, "", append(ev, "--html", page)...); code != 0 {
		t.Fatalf("--html: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for id := range wrongIDs {
		if !strings.Contains(html, "<td>"+id+"</td>") {
			t.Errorf("report does not list wrong article %s", id)
		}
	}
	if strings.Contains(html, "http://") || strings.Contains(html, "https://") || !strings.Contains(html, "removing &#34;") {
		t.Errorf("report refers outside itself, or shows no evidence sentence")
	}
	// Four heads: confusion, PR and calibration for three, PR for frames.
	if n := strings.Count(html, "<svg"); n != 10 {
		t.Errorf("report has %d plots, want 10", n)
	}
}

// regexpLine reports whether a line of out holds both id and head.
func regexpLine(out, id, head string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " "+id+" ") && strings.Contains(l, " "+head+" ") {
			return true
		}
	}
	return false
}

func TestEvalCVPredictionsAndHTML(t *testing.T) {
	lab := subsetLabels(t, "wire/")
	page := filepath.Join(t.TempDir(), "cv.html")
	p := evalJSON(t, "eval", "--corpus", corpusDir, "--labels", lab, "--cv", "2", "--max-iter", "30", "--json", "--html", page)
	folds := map[int]int{}
	for _, a := range p.Predictions {
		folds[a.Fold]++
	}
	if len(p.Predictions) != 65 || len(folds) != 2 || folds[1] == 0 || folds[2] == 0 {
		t.Errorf("--cv 2: %d predictions in folds %v, want 65 in folds 1 and 2", len(p.Predictions), folds)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// Per head a fold plot as well: 3×4 + 2 for frames.
	if n := strings.Count(string(b), "<svg"); n != 14 || !strings.Contains(string(b), "out of fold") {
		t.Errorf("cross-validated report: %d plots (want 14), or no out-of-fold note", n)
	}
}

func TestEvalHTMLUsage(t *testing.T) {
	lab := subsetLabels(t, "wire/")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--html", "-"}, "--html needs a file name"},
		{[]string{"--html", lab}, "is the same file as the input"},
	} {
		_, errs, code := cli(t, "", append([]string{"eval", "--corpus", corpusDir, "--labels", lab}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// aggregateInput scores the first 24 wire articles with outlet and date
// metadata written here, plus one article in French (written for this
// test) that the default model does not score, and returns the scores.
func aggregateInput(t *testing.T) (scores string, noDate int) {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	dates := []string{`"2024-01-15"`, `"2024-01-28T09:00:00Z"`, `"Tue, 06 Feb 2024 10:00:00 +0000"`, `"2024/02/20"`, `"March 3, 2024"`, `"sometime"`}
	for i := 1; i <= 24; i++ {
		text, err := os.ReadFile(filepath.Join(corpusDir, "wire", fmt.Sprintf("%03d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		outlet := []string{"alpha", "beta"}[i%2]
		d := dates[i%len(dates)]
		if d == `"sometime"` {
			noDate++
		}
		tj, _ := json.Marshal(string(text))
		fmt.Fprintf(&b, `{"id":"w%d","text":%s,"outlet":"%s","date":%s}`+"\n", i, tj, outlet, d)
	}
	b.WriteString(`{"id":"fr","text":"Le ministre des Affaires étrangères a discuté avec son homologue du commerce, des transports et de l'énergie dans la région; les deux parties sont convenues de se revoir.","outlet":"alpha","date":"2024-01-16"}` + "\n")
	in := filepath.Join(dir, "dump.jsonl")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	scores = filepath.Join(dir, "scores.jsonl")
	if _, errs, code := cli(t, "", "score", "-o", scores, in); code != 0 {
		t.Fatalf("score: exit %d: %s", code, errs)
	}
	return scores, noDate
}

func TestAggregateCommand(t *testing.T) {
	scores, noDate := aggregateInput(t)
	out, errs, code := cli(t, "", "aggregate", "--by", "outlet,month", "--format", "json", scores)
	if code != 0 {
		t.Fatalf("aggregate: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, fmt.Sprintf("warning: %d of 25 articles have no usable date", noDate)) {
		t.Errorf("no warning about the undated articles: %q", errs)
	}
	var res struct {
		Records, Unscored int
		NoDate            int `json:"no_date"`
		Groups            []struct {
			Keys        []string
			N, Unscored int
			Heads       []struct {
				Head   string
				N      int
				Shares map[string]float64
				Mean   *float64 `json:"mean_score"`
				Lo     *float64 `json:"ci_low"`
				Hi     *float64 `json:"ci_high"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Records != 25 || res.Unscored != 1 || res.NoDate != noDate {
		t.Errorf("records %d unscored %d no date %d, want 25, 1, %d", res.Records, res.Unscored, res.NoDate, noDate)
	}
	n, keys := 0, []string{}
	for _, g := range res.Groups {
		n += g.N
		keys = append(keys, strings.Join(g.Keys, " "))
		if strings.Join(g.Keys, " ") == "alpha 2024-01" && g.Unscored != 1 {
			t.Errorf("alpha 2024-01: %d unscored, want the French article", g.Unscored)
		}
		for _, h := range g.Heads {
			if h.Head == "israel" && h.N != g.N-g.Unscored {
				t.Errorf("%v israel: %d scored of %d, %d unscored", g.Keys, h.N, g.N, g.Unscored)
			}
			if h.Mean != nil && !(*h.Lo <= *h.Mean && *h.Mean <= *h.Hi) {
				t.Errorf("%v %s: interval [%g, %g] does not hold the mean %g", g.Keys, h.Head, *h.Lo, *h.Hi, *h.Mean)
			}
		}
	}
	if n != 25 {
		t.Errorf("groups hold %d articles, want 25", n)
	}
	if got, want := strings.Join(keys, ", "), "alpha 2024-01, alpha 2024-02, alpha 2024-03, beta 2024-01, beta 2024-02, beta (no date)"; got != want {
		t.Errorf("groups %s, want %s", got, want)
	}
	// CSV: one row per group; the same intervals run after run.
	csvOut, _, code := cli(t, "", "aggregate", "--by", "outlet,month", "--format", "csv", scores)
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if code != 0 || err != nil || len(rows) != len(res.Groups)+1 || rows[0][0] != "outlet" || rows[0][1] != "month" {
		t.Errorf("csv: exit %d, %v, %d rows", code, err, len(rows))
	}
	again, _, _ := cli(t, "", "aggregate", "--by", "outlet,month", "--format", "csv", scores)
	if again != csvOut {
		t.Error("a second run gives other figures")
	}
	// Table and HTML.
	table, _, code := cli(t, "", "aggregate", scores)
	if code != 0 || !strings.Contains(table, "alpha") || !strings.Contains(table, "1 not scored (counted apart, never as neutral)") {
		t.Errorf("table: exit %d:\n%s", code, table)
	}
	page := filepath.Join(t.TempDir(), "a.html")
	if _, errs, code := cli(t, "", "aggregate", "--by", "outlet,week", "--format", "html", "-o", page, scores); code != 0 {
		t.Fatalf("html: exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(page)
	if n := strings.Count(string(b), "<svg"); n != 3 || strings.Contains(string(b), "http") {
		t.Errorf("html: %d charts, want 3 (the heads with a score), and no reference outside", n)
	}
}

func TestAggregateUsage(t *testing.T) {
	scores := filepath.Join(t.TempDir(), "s.jsonl")
	os.WriteFile(scores, []byte(`{"id":"a","text":"not scores"}`+"\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"aggregate"}, 2, "aggregate needs SCORES.jsonl"},
		{[]string{"aggregate", "--by", "outlet,month,week", scores}, 2, "give one of week, month and year"},
		{[]string{"aggregate", "--format", "xml", scores}, 2, `--format "xml"`},
		{[]string{"aggregate", "--resamples", "5", scores}, 2, "at least 100"},
		{[]string{"aggregate", "-o", scores, scores}, 2, "is the same file as the input"},
		{[]string{"aggregate", scores}, 1, "no scored heads found"},
		{[]string{"aggregate", filepath.Join(t.TempDir(), "none.jsonl")}, 1, "none.jsonl"},
	} {
		_, errs, code := cli(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

func TestAggregateInterruptAndWriteError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, errs, code := cliCtx(ctx, blockedStdin(t, `{"id":"a","israel":null,"coverage":{"scored":false}}`+"\n"), "aggregate", "-")
	if code != 3 || !strings.HasPrefix(errs, "stance: interrupted") {
		t.Errorf("interrupted: exit %d, %q; want 3", code, errs)
	}
	scores, _ := aggregateInput(t)
	var errb bytes.Buffer
	err := runContext(context.Background(), []string{"aggregate", scores}, strings.NewReader(""), &failingWriter{w: io.Discard}, &errb)
	if code := exitCode(err, &errb); code != 1 || !strings.Contains(errb.String(), "write standard output") {
		t.Errorf("write error: exit %d, %q", code, errb.String())
	}
}
