package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Regression tests for the output-file bugs of the reliability review
// (B1–B3, B5, B7, B23, B26).

// B1: -o never replaces a FIFO or a device node.
func TestB1OutputNotRegularFile(t *testing.T) {
	f := newFixtures(t)
	fifo := f.path("out.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	paths := []string{fifo}
	dev := f.path("devnull")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
		paths = append(paths, dev)
	} else {
		t.Logf("no device node (%v): the device case is skipped", err)
	}
	for _, p := range paths {
		for _, args := range [][]string{
			{"score", "-o", p, f.wire},
			{"train", "--corpus", f.wire, "--labels", f.labels, "--algo", "nb", "-o", p},
		} {
			_, errs, code := cli(t, "", args...)
			if code != 1 || !strings.Contains(errs, "is not a regular file") {
				t.Errorf("%s -o %s: exit %d, %q", args[0], filepath.Base(p), code, errs)
			}
			if st, _ := os.Lstat(p); st.Mode().IsRegular() {
				t.Fatalf("%s -o %s replaced it with a regular file", args[0], p)
			}
		}
	}
}

// B2: -o naming an input, the labels or the model is refused, even
// through a symlink.
func TestB2OutputIsInput(t *testing.T) {
	f := newFixtures(t)
	labelsCopy, _ := os.ReadFile(f.labels)
	wireCopy, _ := os.ReadFile(f.wire)
	model := write(t, f.path("my.stance"), defaultModel)
	os.Symlink(f.wire, f.path("link.jsonl"))
	schema := write(t, f.path("schema.json"), []byte(`{"name":"s","heads":[{"name":"topic","values":["a","b"]}]}`))
	cases := [][]string{
		{"train", "--corpus", f.wire, "--labels", f.labels, "-o", f.labels},
		{"train", "--corpus", f.wire, "--labels", f.labels, "-o", f.wire},
		{"train", "--corpus", f.wire, "--labels", f.labels, "--schema", schema, "-o", schema},
		{"score", "-o", f.wire, f.wire},
		{"score", "-o", f.path("link.jsonl"), f.wire},
		{"score", "--model", model, "-o", model, f.wire},
	}
	for _, args := range cases {
		_, errs, code := cli(t, "", args...)
		if code != 2 || !strings.Contains(errs, "is the same file as the input") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	mustEqualFile(t, f.labels, labelsCopy)
	mustEqualFile(t, f.wire, wireCopy)
	mustEqualFile(t, model, defaultModel)
}

// B3: a second run writing the same -o is refused while the first owns
// the partial file, and the first run's output is intact.
func TestB3ConcurrentOutputLocked(t *testing.T) {
	f := newFixtures(t)
	out := f.path("conc.jsonl")
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		_, _, code := cliCtx(context.Background(), pr, "score", "-o", out, "-")
		done <- code
	}()
	wire, _ := os.ReadFile(f.wire)
	pw.Write(wire[:bytes.IndexByte(wire, '\n')+1])
	for i := 0; ; i++ { // wait until the first run owns the partial file
		if _, err := os.Stat(out + ".partial"); err == nil {
			break
		}
		if i > 500 {
			t.Fatal("the first run did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, errs, code := cli(t, "", "score", "-o", out, f.wire)
	if code != 1 || !strings.Contains(errs, "another stance run is writing") {
		t.Errorf("second run: exit %d, %q", code, errs)
	}
	pw.Write(wire[bytes.IndexByte(wire, '\n')+1:])
	pw.Close()
	if code := <-done; code != 0 {
		t.Fatalf("first run: exit %d", code)
	}
	got, _ := os.ReadFile(out)
	if n := jsonLines(t, string(got)); n != wireN {
		t.Errorf("output has %d lines, want %d", n, wireN)
	}
}

// blockedStdin is standard input that never ends (a terminal, a slow
// pipe): it yields data, then blocks until closed.
func blockedStdin(t *testing.T, data string) io.Reader {
	pr, pw := io.Pipe()
	go func() { io.WriteString(pw, data) }()
	t.Cleanup(func() { pw.Close() })
	return pr
}

// B5: --resume refuses a partial file written by a different command, and
// inputs shorter than the partial file.
func TestB5ResumeFingerprint(t *testing.T) {
	f := newFixtures(t)
	wire, _ := os.ReadFile(f.wire)
	lines := bytes.SplitAfter(wire, []byte("\n"))
	bad := write(t, f.path("in.jsonl"), append(bytes.Join(lines[:6], nil), "{broken\n"...))
	out := f.path("sw.out")
	if _, errs, code := cli(t, "", "score", "-o", out, bad); code != 1 || !strings.Contains(errs, "6 articles before it") {
		t.Fatalf("setup: exit %d, %q", code, errs)
	}
	partial, _ := os.ReadFile(out + ".partial")
	cases := []cliCase{
		{name: "other format", args: []string{"score", "--format", "csv", "--resume", "-o", out, bad}, code: 1,
			want: []string{"written by a different command (--format jsonl, not csv)"}},
		{name: "other input", args: []string{"score", "--resume", "-o", out, f.wire}, code: 1,
			want: []string{"different inputs"}},
		{name: "other text field", args: []string{"score", "--text-field", "body", "--resume", "-o", out, bad}, code: 1,
			want: []string{"a different --text-field or --id-field"}},
		{name: "other model", args: []string{"score", "--model", write(t, f.path("m2.stance"), defaultModel[:len(defaultModel):len(defaultModel)]), "--explain", "--resume", "-o", out, bad}, code: 1,
			want: []string{"written by a different command"}},
	}
	runCases(t, cases)
	mustEqualFile(t, out+".partial", partial)
	write(t, bad, bytes.Join(lines[:3], nil)) // the input shrank
	_, errs, code := cli(t, "", "score", "--resume", "-o", out, bad)
	if code != 1 || !strings.Contains(errs, "holds 6 articles but the inputs have only 3") {
		t.Errorf("shorter input: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", out)
	}
	os.Remove(bad) // an input gone: refused, and the partial file kept
	if _, errs, code := cli(t, "", "score", "--resume", "-o", out, bad); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing input: exit %d, %q", code, errs)
	}
	mustEqualFile(t, out+".partial", partial)
}

// B7: a CSV partial file torn inside a quoted field holding a newline is
// recovered, and the resumed file is byte for byte the uninterrupted one.
func TestB7ResumeCSVQuotedNewline(t *testing.T) {
	dir := t.TempDir()
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, `{"id":"a%03d","text":%q,"title":"Headline %d\nsecond line"}`+"\n", i, sampleTexts[i%len(sampleTexts)], i)
	}
	input := write(t, filepath.Join(dir, "in.jsonl"), []byte(in.String()))
	full := filepath.Join(dir, "full.csv")
	if _, errs, code := cli(t, "", "score", "--format", "csv", "-o", full, input); code != 0 {
		t.Fatal(errs)
	}
	want, _ := os.ReadFile(full)
	for _, cut := range []int{len(want) / 3, len(want) / 2, len(want) - 3} {
		i := bytes.Index(want[cut:], []byte("\nsecond line")) + cut
		out := filepath.Join(dir, fmt.Sprintf("t%d.csv", cut))
		write(t, out+".partial", want[:i+5])
		writeFingerprint(t, out, "csv", input)
		if _, errs, code := cli(t, "", "score", "--format", "csv", "--resume", "-o", out, input); code != 0 {
			t.Fatalf("resume: exit %d, %s", code, errs)
		}
		mustEqualFile(t, out, want)
	}
}

// B23: train -o DIR fails before training.
func TestB23TrainOutputDirectory(t *testing.T) {
	f := newFixtures(t)
	runCases(t, []cliCase{
		{name: "directory", args: []string{"train", "--corpus", f.wire, "--labels", f.labels, "-o", f.dir}, code: 1, want: []string{"is a directory; give a file name"}},
	})
	if os.Geteuid() == 0 {
		t.Log("root: the read-only directory case is skipped (root may write anyway)")
		return
	}
	ro := f.path("ro")
	os.Mkdir(ro, 0o555)
	runCases(t, []cliCase{
		{name: "read-only directory", args: []string{"train", "--corpus", f.wire, "--labels", f.labels, "-o", filepath.Join(ro, "m.stance")}, code: 1, want: []string{"permission denied"}},
	})
}

// B26: -o - is standard output; -o LINK writes the link's target.
func TestB26OutputDashAndSymlink(t *testing.T) {
	f := newFixtures(t)
	runCases(t, []cliCase{
		{name: "-o -", args: []string{"score", "-o", "-", f.wire}, check: func(t *testing.T, out string) {
			if n := jsonLines(t, out); n != wireN {
				t.Errorf("%d records, want %d", n, wireN)
			}
		}},
	})
	if _, err := os.Stat("-"); err == nil {
		t.Error("a file named - was written")
	}
	target := write(t, f.path("target.jsonl"), []byte("old\n"))
	link := f.path("link.jsonl")
	os.Symlink("target.jsonl", link)
	if _, errs, code := cli(t, "", "score", "-o", link, f.wire); code != 0 {
		t.Fatal(errs)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a regular file")
	}
	if b, _ := os.ReadFile(target); bytes.Count(b, []byte("\n")) != wireN {
		t.Errorf("target holds %q", b)
	}
}
