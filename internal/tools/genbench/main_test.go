package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100MB": 100e6, "1GB": 1e9, "1.5mb": 1.5e6, "2KiB": 2048, "1GiB": 1 << 30, "5000": 5000, "7B": 7} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "ten"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences("He said \"no.\" Then he left. It cost 5 U.S. dollars? 2024 was hard!\n\nNew paragraph")
	want := []string{`He said "no."`, "Then he left.", "It cost 5 U.S. dollars?", "2024 was hard!", "New paragraph"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// The same seed gives the same bytes; each line is a valid record.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	corpus := "../../../testdata/corpus/articles"
	labels := "../../../testdata/corpus/labels.jsonl"
	gen := func(name string, seed string) []byte {
		var stderr bytes.Buffer
		out := filepath.Join(dir, name)
		if err := run([]string{"-size", "200KB", "-seed", seed, "-corpus", corpus, "-labels", labels, "-o", out}, nil, &stderr); err != nil {
			t.Fatal(err, stderr.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	a, b, c := gen("a.jsonl", "7"), gen("b.jsonl", "7"), gen("c.jsonl", "8")
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different output")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds, same output")
	}
	var stderr bytes.Buffer
	txt := filepath.Join(dir, "d.txt")
	if err := run([]string{"-size", "200KB", "-seed", "7", "-corpus", corpus, "-labels", labels, "-o", filepath.Join(dir, "d.jsonl"), "-text", txt}, nil, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	text, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(text, []byte("\n")) != bytes.Count(a, []byte("\n")) {
		t.Fatalf("-text: %d lines for %d articles", bytes.Count(text, []byte("\n")), bytes.Count(a, []byte("\n")))
	}
	if len(a) < 200e3 {
		t.Fatalf("wrote %d bytes, want at least 200000", len(a))
	}
	for i, l := range bytes.Split(bytes.TrimSuffix(a, []byte("\n")), []byte("\n")) {
		var r record
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if r.ID == "" || r.Outlet == "" || r.Date == "" || len(r.Sources) < 2 || !strings.Contains(r.Text, "\n\n") {
			t.Fatalf("line %d: incomplete record %+v", i+1, r)
		}
		if n := len(strings.Fields(r.Text)); n < 150 {
			t.Fatalf("line %d: %d words", i+1, n)
		}
	}
}
