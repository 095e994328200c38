package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/stance-project/stance/labels"
)

// labelPool scores the corpus's wire folder (65 synthetic articles) with
// the default model, once for the tests of this file.
func labelPool(t *testing.T) *pool {
	t.Helper()
	m, err := loadModel("")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: os.Stdout, stderr: os.Stderr}
	p, err := loadPool(context.Background(), e, m, []string{filepath.Join(corpusDir, "wire")}, 2)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// press sends keys to the labeller, one message each.
func press(m *labelModel, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m.Update(msg)
	}
}

func readLog(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if l == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		out = append(out, r)
	}
	return out
}

func TestLabelModelKeys(t *testing.T) {
	p := labelPool(t)
	path := filepath.Join(t.TempDir(), "mine.jsonl")
	log, _, err := labels.OpenLabelLog(path, p.schema)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	now := func() time.Time { clock = clock.Add(7 * time.Second); return clock }
	m := newLabelModel(p, log, "active", 1, "ana", now)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})

	first := p.arts[m.cur].ID
	// Enter with no head picked saves nothing and says what is missing.
	press(m, "enter")
	if log.Len() != 0 || !strings.Contains(m.status, "pick israel, iran, azerbaijan first") {
		t.Fatalf("enter with nothing picked: %d records, status %q", log.Len(), m.status)
	}
	// Pick every head by its key; toggle economy on and undo it; save.
	press(m, "1", "5", "8", "e", "u", "enter")
	recs := readLog(t, path)
	if len(recs) != 1 || recs[0]["id"] != first || recs[0]["israel"] != "pro" || recs[0]["iran"] != "anti" || recs[0]["azerbaijan"] != "israel-aligned" {
		t.Fatalf("first record %v", recs)
	}
	_, sug := p.suggestion(p.index[first])
	if got, _ := json.Marshal(recs[0]["frames"]); string(got) != mustJSON(sug["frames"]) {
		t.Errorf("frames %s, want the suggestion %s (economy toggled and undone)", got, mustJSON(sug["frames"]))
	}
	if recs[0]["annotator"] != "ana" || recs[0]["seconds"] == nil || recs[0]["time"] == nil {
		t.Errorf("annotator and time: %v", recs[0])
	}
	second := p.arts[m.cur].ID
	if second == first {
		t.Fatal("the same article again after saving")
	}
	// Accept all on the second; skip the third; back takes the second out.
	press(m, "a")
	third := p.arts[m.cur].ID
	press(m, "n")
	fourth := p.arts[m.cur].ID
	if fourth == third {
		t.Fatal("skip did not move on")
	}
	press(m, "b")
	if p.arts[m.cur].ID != second || log.Len() != 1 || m.single["israel"] == "" {
		t.Fatalf("after back: showing %s with %v, %d records; want %s with its labels, 1 record", p.arts[m.cur].ID, m.single, log.Len(), second)
	}
	press(m, "3", "enter") // relabel: israel neutral
	if p.arts[m.cur].ID != fourth {
		t.Errorf("after relabelling: showing %s, want %s (the one shown before back)", p.arts[m.cur].ID, fourth)
	}
	recs = readLog(t, path)
	if len(recs) != 2 || recs[1]["id"] != second || recs[1]["israel"] != "neutral" {
		t.Fatalf("after relabelling: %v", recs)
	}
	if m.session != 2 {
		t.Errorf("session count %d, want 2", m.session)
	}
	if v := m.View(); !strings.Contains(v, "2 labelled (2 now)") || !strings.Contains(v, p.arts[m.cur].ID) {
		t.Errorf("view:\n%s", v)
	}
	log.Close()

	// A new run on the same file resumes: neither labelled article comes
	// back, and the file is a valid label file.
	log2, _, err := labels.OpenLabelLog(path, p.schema)
	if err != nil {
		t.Fatal(err)
	}
	defer log2.Close()
	m2 := newLabelModel(p, log2, "active", 1, "ana", now)
	for range 3 {
		if id := p.arts[m2.cur].ID; id == first || id == second {
			t.Errorf("resumed run shows %s again", id)
		}
		press(m2, "a")
	}
	if _, err := labels.ReadLabels(path, p.schema); err != nil || log2.Len() != 5 {
		t.Errorf("after resuming: %d records, %v", log2.Len(), err)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestLabelOrders(t *testing.T) {
	p := labelPool(t)
	first := func(order string, seed uint64) string {
		log, _, err := labels.OpenLabelLog(filepath.Join(t.TempDir(), "l.jsonl"), p.schema)
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		return p.arts[newLabelModel(p, log, order, seed, "x", time.Now).cur].ID
	}
	if got := first("input", 1); got != p.arts[0].ID {
		t.Errorf("input order starts at %s, want %s", got, p.arts[0].ID)
	}
	if a, b := first("random", 1), first("random", 1); a != b {
		t.Errorf("random order with one seed starts at %s and at %s", a, b)
	}
	// active starts at the article the ranker puts first.
	pk, _ := p.ranker(nil).Next()
	if got := first("active", 1); got != p.arts[pk.Index].ID {
		t.Errorf("active order starts at %s, want %s", got, p.arts[pk.Index].ID)
	}
}

func TestSuggest(t *testing.T) {
	lab := filepath.Join(t.TempDir(), "done.jsonl")
	out, errs, code := cli(t, "", "suggest", "--format", "jsonl", "--top", "5", filepath.Join(corpusDir, "wire"))
	if code != 0 {
		t.Fatalf("suggest: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(lines), out)
	}
	var top struct {
		ID          string
		Uncertainty float64
		Heads       map[string]struct{ Probs map[string]float64 }
	}
	json.Unmarshal([]byte(lines[0]), &top)
	if top.ID == "" || top.Uncertainty <= 0 || len(top.Heads["israel"].Probs) != 3 {
		t.Errorf("first suggestion %s", lines[0])
	}
	// Labelling the first takes it out of the list.
	os.WriteFile(lab, []byte(`{"id":"`+top.ID+`","israel":"pro"}`+"\n"), 0o644)
	out2, _, code := cli(t, "", "suggest", "--labels", lab, "--top", "3", filepath.Join(corpusDir, "wire"))
	if code != 0 || strings.Contains(out2, " "+top.ID+" ") || !strings.Contains(out2, "least sure") {
		t.Errorf("suggest with labels (exit %d):\n%s", code, out2)
	}
	if _, errs, code := cli(t, "", "label", "--annotator", "x", filepath.Join(corpusDir, "wire")); code != 1 || !strings.Contains(errs, "needs a terminal") {
		t.Errorf("label without a terminal: exit %d, %s", code, errs)
	}
}
