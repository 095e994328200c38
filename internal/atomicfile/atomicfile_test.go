package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestResolveRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "f.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	for name, path := range map[string]string{"fifo": fifo, "dir": dir, "missing dir": filepath.Join(dir, "no", "x")} {
		if _, err := Resolve(path); err == nil {
			t.Errorf("%s: Resolve(%s) = nil error, want a refusal", name, path)
		}
	}
}

func TestSymlinkFollowed(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.txt")
	link := filepath.Join(dir, "link.txt")
	os.WriteFile(target, []byte("old"), 0o644)
	if err := os.Symlink("target.txt", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a regular file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q, want %q", b, "new")
	}
}

func TestPartialLocked(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	a, err := CreatePartial(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CreatePartial(out, false); !errors.Is(err, ErrLocked) {
		t.Fatalf("second CreatePartial: got %v, want ErrLocked", err)
	}
	a.WriteString("done\n")
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "done\n" {
		t.Errorf("got %q", b)
	}
	if _, err := os.Stat(PartialName(out)); !os.IsNotExist(err) {
		t.Errorf("partial file left behind: %v", err)
	}
	b, err := CreatePartial(out, false)
	if err != nil {
		t.Fatal(err)
	}
	b.Abort(true)
	c, err := CreatePartial(out, true)
	if err != nil {
		t.Fatalf("resume after abort: %v", err)
	}
	c.Abort(false)
}
