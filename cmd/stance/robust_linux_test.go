//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The same with a real write error on the output file: a process limit on
// file size (RLIMIT_FSIZE) makes writes fail with EFBIG partway through.
// The test runs the CLI in a child process so the limit stays there.
func TestScoreFileWriteError(t *testing.T) {
	dir := t.TempDir()
	in := genJSONL(t, filepath.Join(dir, "in.jsonl"), 3000)
	out := write(t, filepath.Join(dir, "scores.jsonl"), []byte("yesterday's scores\n"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperFileSizeLimit$")
	cmd.Env = append(os.Environ(), "STANCE_HELPER_FSIZE=300000", "STANCE_HELPER_ARGS="+strings.Join([]string{"score", "-o", out, in}, "\x1f"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("child: %v, stderr %q; want exit 1", err, stderr.String())
	}
	m := regexp.MustCompile(`^stance: write ` + regexp.QuoteMeta(out) + `: file too large; (\d+) complete articles are in ` + regexp.QuoteMeta(out) + `\.partial \(--resume continues from there\), and ` + regexp.QuoteMeta(out) + ` was not touched\n$`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("stderr = %q", stderr.String())
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday's scores\n" {
		t.Errorf("%s was changed: %q", out, b)
	}
	partial, _ := os.ReadFile(out + ".partial")
	if len(partial) != 300000 {
		t.Errorf(".partial holds %d bytes, want the 300000 the limit allows", len(partial))
	}
	complete := bytes.Count(partial, []byte("\n"))
	checkJSONLines(t, partial[:bytes.LastIndexByte(partial, '\n')+1], 0, complete)
	claimed, _ := strconv.Atoi(m[1])
	t.Logf("the message claims %d articles in .partial; it holds %d complete lines", claimed, complete)
	if claimed < complete {
		t.Errorf("the message claims %d articles, fewer than the %d in .partial", claimed, complete)
	}
	if claimed != complete {
		t.Errorf("the message claims %d articles, .partial holds %d", claimed, complete)
	}
	// --resume cuts the torn last line and completes the run.
	var stdout bytes.Buffer
	errs, code := runIO(t, context.Background(), nil, &stdout, "score", "--resume", "-o", out, in)
	if code != 0 || !strings.Contains(errs, fmt.Sprintf("resuming after %d articles", complete)) {
		t.Fatalf("resume: exit %d, stderr %q", code, errs)
	}
	final, _ := os.ReadFile(out)
	checkJSONLines(t, final, 0, 3000)
}

// TestHelperFileSizeLimit is the child process of TestScoreFileWriteError.
func TestHelperFileSizeLimit(t *testing.T) {
	limit := os.Getenv("STANCE_HELPER_FSIZE")
	if limit == "" {
		t.Skip("a helper process for TestScoreFileWriteError")
	}
	n, _ := strconv.ParseUint(limit, 10, 64)
	signal.Ignore(syscall.SIGXFSZ) // a write past the limit fails with EFBIG instead
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(9)
	}
	err := run(strings.Split(os.Getenv("STANCE_HELPER_ARGS"), "\x1f"), os.Stdin, io.Discard, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}
