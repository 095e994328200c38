package labels

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func entry(id, israel string, frames ...string) Entry {
	return Entry{ID: id, Single: map[string]string{"israel": israel, "iran": "neutral", "azerbaijan": "none"},
		Multi: map[string][]string{"frames": frames}, Annotator: "ana", Time: time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC), Seconds: 12.34}
}

func TestLabelLogAppendReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.jsonl")
	s := Default()
	l, warn, err := OpenLabelLog(path, s)
	if err != nil || warn != "" {
		t.Fatalf("open new: %v, %q", err, warn)
	}
	for _, e := range []Entry{entry("wire/001", "pro", "security"), entry("wire/002", "anti"), entry("wire/003", "neutral", "legal", "diplomacy")} {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Append(entry("wire/002", "pro")); err == nil {
		t.Error("appending an id twice: no error")
	}
	// Another LabelLog on the same file is refused while this one holds it.
	if _, _, err := OpenLabelLog(path, s); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("second open: err %v, want a lock error", err)
	}
	l.Close()

	b, _ := os.ReadFile(path)
	want := `{"id":"wire/001","israel":"pro","iran":"neutral","azerbaijan":"none","frames":["security"],"annotator":"ana","time":"2026-11-30T06:00:00Z","seconds":12.3}` + "\n"
	if first, _, _ := strings.Cut(string(b), "\n"); first+"\n" != want {
		t.Errorf("first record\n got %s\nwant %s", first, want)
	}
	// The ordinary reader accepts the file, annotator and time included.
	sets, err := ReadLabels(path, s)
	if err != nil {
		t.Fatalf("ReadLabels: %v", err)
	}
	if len(sets) != 3 || sets[1].Single["israel"] != "anti" || sets[1].Extra["annotator"] != "ana" || len(sets[1].Multi["frames"]) != 0 || sets[1].Multi["frames"] == nil {
		t.Errorf("read back %+v", sets[1])
	}

	l, warn, err = OpenLabelLog(path, s)
	if err != nil || warn != "" {
		t.Fatalf("reopen: %v, %q", err, warn)
	}
	defer l.Close()
	if l.Len() != 3 || l.Sets()[2].ID != "wire/003" {
		t.Fatalf("reopened with %d records", l.Len())
	}
	last, err := l.Pop()
	if err != nil || last.ID != "wire/003" {
		t.Fatalf("Pop = %v, %v", last, err)
	}
	if err := l.Append(entry("wire/004", "pro")); err != nil {
		t.Fatal(err)
	}
	sets, err = ReadLabels(path, s)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range sets {
		ids = append(ids, x.ID)
	}
	if got := strings.Join(ids, " "); got != "wire/001 wire/002 wire/004" {
		t.Errorf("after Pop and Append: ids %s", got)
	}
	if sets[2].Line != 3 || l.Sets()[2].Line != 3 {
		t.Errorf("line of the new record: file %d, log %d; want 3", sets[2].Line, l.Sets()[2].Line)
	}
}

func TestLabelLogTornTail(t *testing.T) {
	s := Default()
	whole := `{"id":"a","israel":"pro"}` + "\n" + `{"id":"b","israel":"anti"}` + "\n"
	tests := []struct {
		name, content string
		wantIDs       string
		wantWarn      bool
		wantFile      string
	}{
		{"torn record", whole + `{"id":"c","isr`, "a b", true, whole},
		{"whole record without newline", whole + `{"id":"c"}`, "a b c", false, whole + `{"id":"c"}` + "\n"},
		{"clean", whole, "a b", false, whole},
		{"empty", "", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "l.jsonl")
			os.WriteFile(path, []byte(tt.content), 0o644)
			l, warn, err := OpenLabelLog(path, s)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			var ids []string
			for _, x := range l.Sets() {
				ids = append(ids, x.ID)
			}
			if got := strings.Join(ids, " "); got != tt.wantIDs {
				t.Errorf("ids %q, want %q", got, tt.wantIDs)
			}
			if (warn != "") != tt.wantWarn {
				t.Errorf("warning %q, want one: %v", warn, tt.wantWarn)
			}
			if tt.wantWarn && !strings.Contains(warn, "l.jsonl:3: dropped a torn last record") {
				t.Errorf("warning %q does not name the line", warn)
			}
			if b, _ := os.ReadFile(path); string(b) != tt.wantFile {
				t.Errorf("file now %q, want %q", b, tt.wantFile)
			}
			if err := l.Append(entry("z", "neutral")); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadLabels(path, s); err != nil {
				t.Errorf("after Append: %v", err)
			}
		})
	}
}

func TestLabelLogRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","israel":"pr0"}`+"\n"), 0o644)
	if _, _, err := OpenLabelLog(bad, Default()); err == nil || !strings.Contains(err.Error(), `bad.jsonl:1: field "israel": unknown value "pr0"`) {
		t.Errorf("bad value: %v", err)
	}
	if _, _, err := OpenLabelLog(filepath.Join(dir, "x.csv"), Default()); err == nil {
		t.Error("csv: no error")
	}
	l, _, err := OpenLabelLog(filepath.Join(dir, "ok.jsonl"), Default())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	e := entry("a", "pro")
	e.Single["iran"] = "friendly"
	if err := l.Append(e); err == nil {
		t.Error("value outside the schema appended")
	}
}
