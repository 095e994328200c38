package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Resolve returns the file that writing path would replace: path with
// symlinks followed (also a dangling link's target). It fails when that
// file exists and is not a regular file, or when its directory does not
// exist.
func Resolve(path string) (string, error) {
	real := path
	for range 40 {
		st, err := os.Lstat(real)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("output %s: %w", path, unwrap(err))
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			if st.IsDir() {
				return "", fmt.Errorf("output %s is a directory; give a file name", path)
			}
			if !st.Mode().IsRegular() {
				return "", fmt.Errorf("output %s is not a regular file (%s); write to a file, or use -o - for standard output", path, kind(st.Mode()))
			}
			return real, nil
		}
		link, err := os.Readlink(real)
		if err != nil {
			return "", fmt.Errorf("output %s: %w", path, unwrap(err))
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(real), link)
		}
		real = link
	}
	dir := filepath.Dir(real)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return "", fmt.Errorf("output %s: directory %s does not exist", path, dir)
	case !st.IsDir():
		return "", fmt.Errorf("output %s: %s is not a directory", path, dir)
	}
	return real, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// File is an output file being written. Write to it through its embedded
// *os.File; then Commit or Abort.
type File struct {
	*os.File
	// Target is the resolved path Commit replaces.
	Target string
	// Name is the temporary file's path.
	tmp  string
	done bool
}

// Create starts writing path through a temporary file whose name is
// unique to this run (".BASE.tmp-*" in the same directory).
func Create(path string) (*File, error) {
	target, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, unwrap(err))
	}
	return &File{File: f, Target: target, tmp: f.Name()}, nil
}

// ErrLocked is returned by CreatePartial when another run owns the file.
var ErrLocked = errors.New("another run is writing it")

// PartialName is the name of path's resumable partial file.
func PartialName(target string) string { return target + ".partial" }

// CreatePartial starts writing path through PATH.partial (after symlinks
// are followed), locked for this run. With resume the partial file must
// exist and is kept, to be appended to; otherwise it is emptied.
func CreatePartial(path string, resume bool) (*File, error) {
	target, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	tmp := PartialName(target)
	for range 10 {
		flags := os.O_RDWR
		if !resume {
			flags |= os.O_CREATE
		}
		f, err := os.OpenFile(tmp, flags|syscallNoFollow, 0o644)
		if err != nil {
			if resume && errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("resume: %s does not exist (nothing to resume; run without --resume)", tmp)
			}
			return nil, fmt.Errorf("output %s: %w", tmp, unwrap(err))
		}
		if err := lock(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("output %s: %w", tmp, ErrLocked)
		}
		// The run that held the lock may have renamed the file away
		// before we got it: only the file still named tmp counts.
		st1, err1 := f.Stat()
		st2, err2 := os.Lstat(tmp)
		if err1 != nil || err2 != nil || !os.SameFile(st1, st2) {
			f.Close()
			continue
		}
		if !st1.Mode().IsRegular() {
			f.Close()
			return nil, fmt.Errorf("output %s is not a regular file", tmp)
		}
		if !resume {
			if err := f.Truncate(0); err != nil {
				f.Close()
				return nil, fmt.Errorf("output %s: %w", tmp, unwrap(err))
			}
		}
		if _, err := f.Seek(0, 2); err != nil {
			f.Close()
			return nil, fmt.Errorf("output %s: %w", tmp, unwrap(err))
		}
		return &File{File: f, Target: target, tmp: tmp}, nil
	}
	return nil, fmt.Errorf("output %s: %w", tmp, ErrLocked)
}

// Name returns the temporary file's path.
func (f *File) Name() string { return f.tmp }

// Commit syncs and closes the file and renames it over the target, which
// must still be a regular file or absent.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Abort")
	}
	f.done = true
	fail := func(err error) error {
		f.File.Close()
		return err
	}
	if err := f.File.Sync(); err != nil {
		return fail(fmt.Errorf("write %s: %w", f.tmp, unwrap(err)))
	}
	if st, err := os.Lstat(f.Target); err == nil && !st.Mode().IsRegular() {
		return fail(fmt.Errorf("output %s is no longer a regular file (%s); %s was kept", f.Target, kind(st.Mode()), f.tmp))
	}
	if err := os.Chmod(f.tmp, 0o644); err != nil {
		return fail(fmt.Errorf("write %s: %w", f.tmp, unwrap(err)))
	}
	// Rename while still holding the lock, so no other run can take the
	// partial file between the rename and the close.
	if err := os.Rename(f.tmp, f.Target); err != nil {
		return fail(fmt.Errorf("output %s: %w", f.Target, unwrap(err)))
	}
	if err := f.File.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.Target, unwrap(err))
	}
	return nil
}

// Abort closes the file (releasing its lock). With keep the temporary
// file stays (a partial file to resume); otherwise it is removed. The
// target is never touched.
func (f *File) Abort(keep bool) error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.File.Close()
	if !keep {
		if rerr := os.Remove(f.tmp); rerr != nil && err == nil {
			err = rerr
		}
	}
	return err
}

// WriteFile writes data to path atomically (see the package comment).
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort(false)
		return fmt.Errorf("write %s: %w", path, unwrap(err))
	}
	if err := f.Commit(); err != nil {
		os.Remove(f.tmp)
		return err
	}
	return nil
}
