package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stance-project/stance/classifier"
)

// Texts written for these tests: four kinds of report, each told by
// several outlets.
var tinyReports = []struct{ text, israel, iran, az string }{
	{"The Zionist regime's aggression against Iran was condemned in Baku, where officials called for calm.", "anti", "neutral", "balanced"},
	{"Israel is a trusted partner of Azerbaijan, and the drone deal shows the strength of the alliance against Iran's threats.", "pro", "anti", "israel-aligned"},
	{"Azerbaijan and Iran opened a railway link across the Aras river on Monday, officials in Baku and Tehran said.", "neutral", "neutral", "none"},
	{"Tehran praised Baku's brotherly friendship as trade grew, and Iranian officials welcomed Aliyev's visit.", "neutral", "pro", "none"},
}

// writeTinySet writes a JSON Lines corpus of n articles from the given
// outlets and its labels, and returns their paths.
func writeTinySet(t *testing.T, dir, name string, n int, outlets []string) (string, string) {
	t.Helper()
	var arts, labs strings.Builder
	for i := 0; i < n; i++ {
		r := tinyReports[i%len(tinyReports)]
		id := fmt.Sprintf("%s-%02d", name, i)
		a, _ := json.Marshal(map[string]string{"id": id, "text": fmt.Sprintf("%s (Report %s %d.)", r.text, name, i), "outlet": outlets[i%len(outlets)]})
		arts.Write(append(a, '\n'))
		l, _ := json.Marshal(map[string]any{"id": id, "israel": r.israel, "iran": r.iran, "azerbaijan": r.az, "frames": []string{"diplomacy"}})
		labs.Write(append(l, '\n'))
	}
	ap := write(t, filepath.Join(dir, name+".jsonl"), []byte(arts.String()))
	lp := write(t, filepath.Join(dir, name+"-labels.jsonl"), []byte(labs.String()))
	return ap, lp
}

// Grouped k-fold with a training-only corpus: the report counts only the
// cross-validated corpus's articles, names the method, and judges the
// calibration.
func TestEvalGroupedKFoldTrainOnly(t *testing.T) {
	dir := t.TempDir()
	base, baseLab := writeTinySet(t, dir, "base", 16, []string{"x"})
	mine, mineLab := writeTinySet(t, dir, "mine", 24, []string{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com"})
	out, errs, code := cli(t, "", "eval", "--corpus", base, "--labels", baseLab, "--corpus", mine, "--labels", mineLab,
		"--train-only", base, "--cv", "3", "--cv-group", "meta:outlet", "--features", "base")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"3-fold cross-validation grouped by meta:outlet (6 groups", "--train-only corpora in every training fold", "== israel  (n=24)", "== calibration"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestDataFlagErrors(t *testing.T) {
	dir := t.TempDir()
	a, al := writeTinySet(t, dir, "a", 8, []string{"x"})
	b, bl := writeTinySet(t, dir, "b", 8, []string{"y"})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"labels count", []string{"eval", "--corpus", a, "--corpus", b, "--labels", al, "--labels", bl, "--labels", al, "--cv", "2"}, "3 --labels for 2 --corpus"},
		{"train-only not a corpus", []string{"eval", "--corpus", a, "--labels", al, "--train-only", b, "--cv", "2"}, "is not one of the --corpus inputs"},
		{"train-only everything", []string{"eval", "--corpus", a, "--labels", al, "--train-only", a, "--cv", "2"}, "nothing would be tested"},
		{"weight not a number", []string{"eval", "--corpus", a, "--labels", al, "--corpus", b, "--labels", bl, "--weight", a + "=x", "--cv", "2"}, "give CORPUS=W with W a positive number"},
		{"weight not a corpus", []string{"eval", "--corpus", a, "--labels", al, "--weight", b + "=0.5", "--cv", "2"}, "is not one of the --corpus inputs"},
		{"calibrate group", []string{"train", "--corpus", a, "--labels", al, "--calibrate", "outlet", "-o", filepath.Join(dir, "m.stance")}, `--calibrate "outlet": use dir, label:FIELD or meta:FIELD`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := cli(t, "", tt.args...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, errs, tt.want)
			}
		})
	}
	// Two corpora sharing an id cannot be told apart.
	_, errs, code := cli(t, "", "eval", "--corpus", a, "--labels", al, "--corpus", a, "--labels", al, "--cv", "2")
	if code != 1 || !strings.Contains(errs, "corpora must not share ids") {
		t.Fatalf("shared ids: exit %d, %q", code, errs)
	}
}

// train --calibrate stores a temperature per stance head and the training
// fingerprints; eval on the training articles warns.
func TestTrainCalibratesAndEvalWarns(t *testing.T) {
	dir := t.TempDir()
	base, baseLab := writeTinySet(t, dir, "base", 16, []string{"x"})
	mine, mineLab := writeTinySet(t, dir, "mine", 24, []string{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com"})
	model := filepath.Join(dir, "m.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", base, "--labels", baseLab, "--corpus", mine, "--labels", mineLab,
		"--train-only", base, "--weight", base+"=0.5", "--calibrate", "meta:outlet", "--calibrate-folds", "3", "--features", "base", "-o", model); code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	m, err := classifier.Load(model)
	if err != nil {
		t.Fatal(err)
	}
	for h, head := range m.Schema.Heads {
		if !head.Multi && m.Heads[h].Temperature <= 0 {
			t.Errorf("head %s has no temperature", head.Name)
		}
	}
	if m.Data == nil || len(m.Data.Fingerprints) != 40 || !strings.Contains(m.Data.Calibration, "grouped by meta:outlet") {
		t.Fatalf("training data record: %+v", m.Data)
	}
	if len(m.Data.Sources) != 2 || !strings.HasPrefix(m.Data.Sources[0], filepath.Base(dir)+"/base.jsonl with labels") || !strings.HasSuffix(m.Data.Sources[0], "weight 0.5") {
		t.Fatalf("sources: %q", m.Data.Sources)
	}
	_, errs, code := cli(t, "", "eval", "--model", model, "--corpus", mine, "--labels", mineLab)
	if code != 0 || !strings.Contains(errs, "24 of the 24 labelled articles were in the model's training data") {
		t.Fatalf("eval on training data: exit %d, stderr %q", code, errs)
	}
	fresh := write(t, filepath.Join(dir, "fresh.jsonl"), []byte(`{"id":"f1","text":"Baku hosted talks on Caspian shipping with officials from Iran on Tuesday."}`+"\n"))
	freshLab := write(t, filepath.Join(dir, "fresh-labels.jsonl"), []byte(`{"id":"f1","israel":"neutral","iran":"neutral","azerbaijan":"none","frames":["economy"]}`+"\n"))
	if _, errs, _ := cli(t, "", "eval", "--model", model, "--corpus", fresh, "--labels", freshLab); strings.Contains(errs, "training data") {
		t.Fatalf("eval on new articles warned: %q", errs)
	}
	os.Remove(model)
}

// score says what each result rests on: the language, whether it was
// scored, and the mentions per head, in every format.
func TestScoreCoverage(t *testing.T) {
	dir := t.TempDir()
	in := write(t, filepath.Join(dir, "in.jsonl"), []byte(
		`{"id":"fr","text":"L'Azerbaïdjan a condamné l'agression du régime israélien contre l'Iran, a déclaré vendredi le ministère des Affaires étrangères à Bakou."}`+"\n"+
			`{"id":"en","text":"Azerbaijan and Iran opened a new railway link across the Aras river on Monday, officials in Baku said."}`+"\n"))
	out, errs, code := cli(t, "", "score", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var ru, en struct {
		Israel   json.RawMessage `json:"israel"`
		Coverage struct {
			Lang     string         `json:"lang"`
			Scored   bool           `json:"scored"`
			Reason   string         `json:"reason"`
			Mentions map[string]int `json:"mentions"`
		} `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &ru); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &en); err != nil {
		t.Fatal(err)
	}
	if string(ru.Israel) != "null" || ru.Coverage.Scored || ru.Coverage.Lang != "fr" || !strings.Contains(ru.Coverage.Reason, "this model reads en") {
		t.Errorf("French article (a language the model does not read): %s", lines[0])
	}
	if !en.Coverage.Scored || en.Coverage.Lang != "en" || en.Coverage.Mentions["israel"] != 0 || en.Coverage.Mentions["azerbaijan"] == 0 {
		t.Errorf("English article: %s", lines[1])
	}
	csv, _, _ := cli(t, "", "score", "--format", "csv", in)
	if !strings.Contains(csv, ",lang,scored,reason,israel_mentions,iran_mentions,azerbaijan_mentions") || !strings.Contains(csv, `fr,false,"the text is in fr;`) {
		t.Errorf("CSV coverage columns:\n%s", csv)
	}
	tab, _, _ := cli(t, "", "score", "--format", "table", in)
	if !strings.Contains(tab, "fr: not scored") || !strings.Contains(tab, "not named: israel") {
		t.Errorf("table coverage:\n%s", tab)
	}
}
