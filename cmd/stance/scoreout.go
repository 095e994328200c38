package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/stance-project/stance/internal/atomicfile"
)

// scoreOutput is where score writes: standard output, or FILE through a
// locked FILE.partial that is renamed to FILE only when the run succeeds.
type scoreOutput struct {
	w     io.Writer
	f     *atomicfile.File // nil for standard output
	out   string
	done  int64 // articles already in the partial file (--resume)
	fresh bool  // this run created the partial file
}

func openOutput(e *env, o scoreOpts, fp *fingerprint, enc encoder) (*scoreOutput, error) {
	if o.out == "" {
		return &scoreOutput{w: e.stdout}, nil
	}
	f, err := atomicfile.CreatePartial(o.out, o.resume)
	if errors.Is(err, atomicfile.ErrLocked) {
		return nil, fmt.Errorf("%v: another stance run is writing %s; wait for it to finish", err, o.out)
	}
	if err != nil {
		return nil, err
	}
	so := &scoreOutput{w: f, f: f, out: o.out, fresh: !o.resume}
	fpName := fingerprintName(f.Name())
	if !o.resume {
		if err := os.WriteFile(fpName, fp.encode(), 0o644); err != nil {
			so.abort(false)
			return nil, fmt.Errorf("output %s: %v", fpName, unwrapErr(err))
		}
		return so, nil
	}
	if err := checkFingerprint(f.Name(), fp); err != nil {
		f.Abort(true)
		return nil, err
	}
	n, header, err := recoverPartial(f.File, o.format)
	if err != nil {
		f.Abort(true)
		return nil, err
	}
	so.done = n
	if c, ok := enc.(*csvEncoder); ok && header != nil {
		c.want = header // keep the columns the interrupted run chose
	}
	fmt.Fprintf(e.stderr, "stance: resuming after %d articles already in %s\n", n, f.Name())
	return so, nil
}

// abort closes the output; keep leaves the partial file to resume.
func (so *scoreOutput) abort(keep bool) {
	if so.f == nil {
		return
	}
	so.f.Abort(keep)
	if !keep {
		os.Remove(fingerprintName(so.f.Name()))
	}
}

// finish ends the run: it commits the output when everything went well
// and otherwise says, in one line, what is where.
func (so *scoreOutput) finish(e *env, writeErr, readErr error, complete, skip int64) error {
	total := so.done + complete
	interrupted := e.ctx().Err() != nil
	if so.f == nil {
		switch {
		case writeErr != nil:
			return fmt.Errorf("write output: %v (after %d complete articles)", unwrapErr(writeErr), total)
		case readErr != nil:
			return readErr
		case interrupted:
			return &interruptedError{fmt.Sprintf("interrupted: %d articles written; to continue, run the same command with --skip %d", total, skip+complete)}
		}
		return nil
	}
	partial := so.f.Name()
	if writeErr == nil && (readErr != nil || interrupted) {
		writeErr = so.f.Sync() // what is there must survive a crash
	}
	switch {
	case writeErr != nil:
		so.abort(true)
		return fmt.Errorf("write %s: %v; %d complete articles are in %s (--resume continues from there), and %s was not touched", so.out, unwrapErr(writeErr), total, partial, so.out)
	case readErr != nil && total == 0 && so.fresh:
		so.abort(false)
		return fmt.Errorf("%v; %s was not touched", readErr, so.out)
	case readErr != nil:
		so.abort(true)
		return fmt.Errorf("%v; %d articles before it were scored into %s; %s was not touched", readErr, total, partial, so.out)
	case interrupted:
		so.abort(true)
		return &interruptedError{fmt.Sprintf("interrupted: %d articles scored into %s; run the same command with --resume to continue", total, partial)}
	}
	if err := so.f.Commit(); err != nil {
		return err
	}
	os.Remove(fingerprintName(partial))
	return nil
}
