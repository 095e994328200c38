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

	"golang.org/x/sys/unix"
)

// openPTY returns a pseudo-terminal's controller and terminal ends.
func openPTY(t *testing.T) (ctl, tty *os.File) {
	t.Helper()
	ctl, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(ctl.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open terminal end: %v", err)
	}
	return ctl, tty
}

// runOnTTY runs the command in-process with standard error on a
// pseudo-terminal and returns what the terminal showed.
func runOnTTY(t *testing.T, args ...string) (string, int) {
	t.Helper()
	ctl, tty := openPTY(t)
	defer ctl.Close()
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, ctl); close(done) }() // ends with EIO once tty closes
	err := runContext(context.Background(), args, strings.NewReader(""), io.Discard, tty)
	code := exitCode(err, tty)
	tty.Close()
	<-done
	return shown.String(), code
}

// TestProgress: on a terminal, score draws a bar and ends with a summary;
// on a pipe it writes nothing; --quiet silences both.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, `{"id":"a%d","text":"Israel and Iran traded accusations while Baku called for restraint. Talks resumed."}`+"\n", i)
	}
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out.jsonl")
	summary := "stance: scored 40 articles ("

	shown, code := runOnTTY(t, "score", "-o", out, in)
	if code != 0 {
		t.Fatalf("tty: exit %d: %q", code, shown)
	}
	if !strings.Contains(shown, "scoring") || !strings.Contains(shown, "%") || !strings.Contains(shown, summary) {
		t.Errorf("terminal shows %q, want a bar with a percentage and the summary", shown)
	}

	errs, code := runIO(t, context.Background(), nil, io.Discard, "score", "-o", out, in)
	if code != 0 || errs != "" {
		t.Errorf("pipe: exit %d, stderr %q; want nothing", code, errs)
	}

	shown, code = runOnTTY(t, "score", "--quiet", "-o", out, in)
	if code != 0 || shown != "" {
		t.Errorf("--quiet on a terminal: exit %d, shows %q; want nothing", code, shown)
	}
}

// TestProgressStdin: standard input's size is unknown, so the terminal
// shows a spinner with a count, not a percentage.
func TestProgressStdin(t *testing.T) {
	ctl, tty := openPTY(t)
	defer ctl.Close()
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&shown, ctl); close(done) }()
	stdin := strings.Repeat(`{"id":"x","text":"Iran and Israel."}`+"\n", 1)
	err := runContext(context.Background(), []string{"score", "-"}, strings.NewReader(stdin), io.Discard, tty)
	code := exitCode(err, tty)
	tty.Close()
	<-done
	s := shown.String()
	if code != 0 || !strings.Contains(s, "scoring") || strings.Contains(s, "%") || !strings.Contains(s, "stance: scored 1 article (") {
		t.Errorf("exit %d, terminal shows %q; want a spinner without a percentage, and the summary", code, s)
	}
}

// TestProgressEval: cross-validation shows its folds on a terminal and
// ends with a summary; on a pipe only the summary.
func TestProgressEval(t *testing.T) {
	dir := t.TempDir()
	var arts, labs strings.Builder
	for i := range 15 { // five of each class: no warning about rare classes
		v := []string{"anti", "neutral", "pro"}[i%3]
		fmt.Fprintf(&arts, `{"id":"%d","text":"Israel was described as %s number %d."}`+"\n", i, v, i)
		fmt.Fprintf(&labs, `{"id":"%d","israel":"%s"}`+"\n", i, v)
	}
	a, l := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "l.jsonl")
	os.WriteFile(a, []byte(arts.String()), 0o644)
	os.WriteFile(l, []byte(labs.String()), 0o644)
	args := []string{"eval", "--corpus", a, "--labels", l, "--cv", "3", "--features", "ngrams"}
	shown, code := runOnTTY(t, args...)
	if code != 0 || !strings.Contains(shown, "featurizing 15 articles") || !strings.Contains(shown, "cross-validating") || !strings.Contains(shown, "stance: evaluated 15 labelled articles (") {
		t.Errorf("tty: exit %d, shows %q", code, shown)
	}
	errs, code := runIO(t, context.Background(), nil, io.Discard, args...)
	if code != 0 || errs != "" {
		t.Errorf("pipe: exit %d, stderr %q", code, errs)
	}
}
