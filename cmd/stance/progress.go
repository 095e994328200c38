package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a long command's progress on standard error when it is
// a terminal (a bar with rate and time remaining when the total is known,
// a spinner with a count and rate when it is not), and ends with a
// one-line summary there. When standard error is not a terminal (a log, a
// pipe) it writes nothing, so that scripts see only warnings and errors.
// --quiet silences both.
type progress struct {
	w     io.Writer
	show  bool // draw bars: standard error is a terminal and not --quiet
	quiet bool
	start time.Time

	mu   sync.Mutex
	bar  *progressbar.ProgressBar
	step string // the current step's name (see stepDone)
	tick chan struct{}
	wg   sync.WaitGroup
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// startProgress starts a command's progress display; e.warn-style
// messages clear the bar first (env.clearProgress).
func startProgress(e *env, quiet bool) *progress {
	p := &progress{w: e.stderr, show: !quiet && isTerminal(e.stderr), quiet: quiet, start: time.Now()}
	e.prog = p
	return p
}

// stage starts a new bar (total < 0: a spinner); bytes shows the counts
// as bytes, otherwise as unit.
func (p *progress) stage(desc string, total int64, bytes bool, unit string) {
	if p == nil || !p.show {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Exit()
		clearLine(p.w)
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(24),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit))
	}
	p.bar = progressbar.NewOptions64(total, opts...)
}

// set moves the bar to n and, if desc is not empty, renames it.
func (p *progress) set(n int64, desc string) {
	if p == nil || !p.show {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		return
	}
	if desc != "" {
		p.bar.Describe(desc)
	}
	p.bar.Set64(n)
}

// stepDone is a classifier.TrainConfig.Progress: a bar per kind of step
// (heads trained, folds cross-validated).
func (p *progress) stepDone(step string, done, total int) {
	if p == nil || !p.show {
		return
	}
	p.mu.Lock()
	same := p.step == step
	p.step = step
	p.mu.Unlock()
	if !same {
		what := map[string]string{"head": "training heads", "fold": "cross-validating"}[step]
		if what == "" {
			what = step
		}
		p.stage(what, int64(total), false, step+"s")
	}
	p.set(int64(done), "")
}

// poll calls f every 200 ms until finish, to update the bar from counters
// other goroutines advance.
func (p *progress) poll(f func()) {
	if p == nil || !p.show {
		return
	}
	p.tick = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.tick:
				return
			case <-t.C:
				f()
			}
		}
	}()
}

// clear erases the bar, so that a message starts on a clean line; the
// next update draws it again.
func (p *progress) clear() {
	if p == nil || !p.show {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		clearLine(p.w)
	}
}

// clearLine erases the terminal line the bar is on (the library's own
// Clear leaves a spinner's line as it was).
func clearLine(w io.Writer) { io.WriteString(w, "\r\033[K") }

// finish stops polling and erases the bar.
func (p *progress) finish() {
	if p == nil {
		return
	}
	if p.tick != nil {
		close(p.tick)
		p.wg.Wait()
		p.tick = nil
	}
	p.mu.Lock()
	if p.bar != nil {
		p.bar.Exit()
		if p.show {
			clearLine(p.w)
		}
		p.bar = nil
	}
	p.mu.Unlock()
}

// summary finishes the display and writes one line on a terminal,
// unless --quiet.
func (p *progress) summary(format string, args ...any) {
	if p == nil {
		return
	}
	p.finish()
	if p.show {
		fmt.Fprintf(p.w, "stance: "+format+"\n", args...)
	}
}

// seconds is the time since the command started.
func (p *progress) seconds() float64 { return time.Since(p.start).Seconds() }

// inputBytes is the size of the inputs (every regular file below a
// directory), or -1 when one of them is standard input or not a regular
// file, whose size is not known in advance.
func inputBytes(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return -1
		case st.Mode().IsRegular():
			n += st.Size()
		case st.IsDir():
			filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					if info, err := d.Info(); err == nil {
						n += info.Size()
					}
				}
				return nil
			})
		default:
			return -1
		}
	}
	return n
}

// megabytes formats a byte count as MB with one decimal.
func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
