package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stance-project/stance/labels"
)

// tmuxSession drives the stance binary in a detached tmux session, as a
// person at an 80x24 terminal would. Sessions run on a tmux server of
// their own (socket), apart from any other tmux on the machine.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func tmux(socket string, args ...string) *exec.Cmd {
	return exec.Command("tmux", append([]string{"-S", socket}, args...)...)
}

func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := tmux(s.socket, "send-keys", "-t", s.name, k).CombinedOutput(); err != nil {
			s.t.Fatalf("tmux send-keys %s: %v: %s", k, err, out)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

func (s *tmuxSession) pane() string {
	out, _ := tmux(s.socket, "capture-pane", "-p", "-t", s.name).Output()
	return string(out)
}

// waitFor waits until cond holds, failing the test after 20 s with what
// the pane shows.
func (s *tmuxSession) waitFor(what string, cond func() bool) {
	s.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	s.t.Fatalf("waiting for %s; the pane shows:\n%s", what, s.pane())
}

func (s *tmuxSession) waitPane(sub string) {
	s.t.Helper()
	s.waitFor(fmt.Sprintf("%q on the screen", sub), func() bool { return strings.Contains(s.pane(), sub) })
}

func lineCount(path string) int {
	b, _ := os.ReadFile(path)
	return strings.Count(string(b), "\n")
}

// TestLabelInTmux labels articles through a real terminal, kills the
// labeller with SIGKILL, resumes, and checks that the file is what eval
// and train read.
func TestLabelInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the terminal test needs it")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "stance")
	if out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v: %s", err, out)
	}
	wire, _ := filepath.Abs(filepath.Join(corpusDir, "wire"))
	labelsFile := filepath.Join(dir, "mine.jsonl")
	pidFile, errFile := filepath.Join(dir, "pid"), filepath.Join(dir, "stderr")
	socket := filepath.Join(dir, "tmux")
	t.Cleanup(func() { tmux(socket, "kill-server").Run() })
	// A session that outlives the labeller's keeps the server up: a
	// server that exits with its last session refuses the next one while
	// it goes down.
	if out, err := tmux(socket, "new-session", "-d", "-s", "keep", "sleep 600").CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	start := func(name string) *tmuxSession {
		cmd := fmt.Sprintf("echo $$ > %s; exec env USER=tester %s label --labels %s %s 2> %s", pidFile, bin, labelsFile, wire, errFile)
		if out, err := tmux(socket, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmd).CombinedOutput(); err != nil {
			t.Fatalf("tmux new-session: %v: %s", err, out)
		}
		return &tmuxSession{t: t, socket: socket, name: name}
	}
	base := "label"

	s := start(base + "-1")
	s.waitPane("0 labelled (0 now)")
	// The whole screen fits 80x24: the key line is on the last row.
	rows := strings.Split(strings.TrimRight(s.pane(), "\n"), "\n")
	if len(rows) != 24 || !strings.Contains(rows[23], "enter save") || !strings.Contains(s.pane(), "frames") {
		t.Errorf("screen at 80x24 (%d rows):\n%s", len(rows), s.pane())
	}
	s.send("1", "a") // israel pro, the rest as suggested
	s.waitFor("the first record", func() bool { return lineCount(labelsFile) == 1 })
	s.send("2", "a")
	s.waitFor("the second record", func() bool { return lineCount(labelsFile) == 2 })
	s.send("a")
	s.waitFor("the third record", func() bool { return lineCount(labelsFile) == 3 })
	s.waitPane("3 labelled (3 now)")

	// Kill it as a closed laptop or the OOM killer would.
	b, _ := os.ReadFile(pidFile)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("pid file: %q", b)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	sets, err := labels.ReadLabels(labelsFile, labels.Default())
	if err != nil || len(sets) != 3 || sets[0].Single["israel"] != "pro" || sets[1].Single["israel"] != "anti" {
		t.Fatalf("after SIGKILL: %d records, %v", len(sets), err)
	}
	// A kill in the middle of a write would leave a torn record; make one.
	f, _ := os.OpenFile(labelsFile, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"id":"999","isr`)
	f.Close()

	s = start(base + "-2")
	s.waitPane("3 labelled (0 now)")
	s.send("3", "6", "0", "e", "Enter") // neutral, neutral, none, economy toggled
	s.waitFor("the fourth record", func() bool { return lineCount(labelsFile) == 4 })
	s.send("b")
	s.waitPane("back to")
	if lineCount(labelsFile) != 3 {
		t.Errorf("back left %d records, want 3", lineCount(labelsFile))
	}
	s.send("Enter")
	s.waitFor("the fourth record again", func() bool { return lineCount(labelsFile) == 4 })
	s.send("n", "a")
	s.waitFor("the fifth record", func() bool { return lineCount(labelsFile) == 5 })
	s.send("q")
	s.waitFor("the labeller to quit", func() bool {
		b, _ := os.ReadFile(errFile)
		return strings.Contains(string(b), "2 articles labelled now, 5 in")
	})
	errs, _ := os.ReadFile(errFile)
	if !strings.Contains(string(errs), "dropped a torn last record") {
		t.Errorf("no warning about the torn record: %s", errs)
	}

	sets, err = labels.ReadLabels(labelsFile, labels.Default())
	if err != nil || len(sets) != 5 {
		t.Fatalf("final file: %d records, %v", len(sets), err)
	}
	r := sets[3]
	if r.Single["israel"] != "neutral" || r.Single["iran"] != "neutral" || r.Single["azerbaijan"] != "none" || r.Extra["annotator"] != "tester" {
		t.Errorf("relabelled record %+v", r)
	}
	// The file is what eval and train read.
	if _, errs, code := cli(t, "", "eval", "--corpus", wire, "--labels", labelsFile); code != 0 {
		t.Errorf("eval --labels: exit %d: %s", code, errs)
	}
	model := filepath.Join(dir, "m.stance")
	if _, errs, code := cli(t, "", "train", "--corpus", wire, "--labels", labelsFile, "--features", "base", "--max-iter", "20", "-o", model); code != 0 {
		t.Errorf("train --labels: exit %d: %s", code, errs)
	}
	// And what train --from adapts a model with.
	adapted := filepath.Join(dir, "adapted.stance")
	if _, errs, code := cli(t, "", "train", "--from", model, "--corpus", wire, "--labels", labelsFile, "--l2", "1", "-o", adapted); code != 0 {
		t.Errorf("train --from: exit %d: %s", code, errs)
	}
}
