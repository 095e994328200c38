package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1 // the command failed: bad input, I/O error
	exitUsage       = 2 // the command line was wrong
	exitInterrupted = 3 // stopped by SIGINT or SIGTERM; output flushed, resumable
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// interruptedError reports a run stopped by a signal.
type interruptedError struct{ msg string }

func (e *interruptedError) Error() string { return e.msg }

// errHelp is returned after printing help on request.
var errHelp = errors.New("help")

// exitCode prints err as one line starting "stance: " and returns the
// process exit code for it.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	msg := oneLine(err.Error())
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "stance: %s\n", msg)
		return exitUsage
	}
	fmt.Fprintf(stderr, "stance: %s\n", msg)
	var ie *interruptedError
	if errors.As(err, &ie) {
		return exitInterrupted
	}
	return exitFailure
}

// oneLine keeps a message on one line: a line break becomes "; ".
func oneLine(s string) string {
	s = strings.TrimRight(s, "\r\n")
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), "; ")
}

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// context is cancelled by SIGINT or SIGTERM (nil: never).
	context context.Context
	// skipped counts the input records dropped under --skip-bad, for the
	// summary line runContext prints.
	skipped atomic.Int64
	// prog is the running command's progress display (nil: none).
	prog *progress
}

func (e *env) ctx() context.Context {
	if e.context != nil {
		return e.context
	}
	return context.Background()
}

// stickyWriter remembers the first write error, so that a command whose
// output was lost does not exit 0.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run with a context whose cancellation stops a command
// cleanly (main cancels it on SIGINT and SIGTERM).
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	out := &stickyWriter{w: stdout}
	e := &env{stdin: stdin, stdout: out, stderr: stderr, context: ctx}
	err := dispatch(e, args)
	if n := e.skipped.Load(); n > 0 {
		fmt.Fprintf(stderr, "stance: --skip-bad: skipped %d malformed %s (each named in a warning above)\n", n, plural(n, "record", "records"))
	}
	if (err == nil || errors.Is(err, errHelp)) && out.err != nil {
		return fmt.Errorf("write standard output: %v", unwrapErr(out.err))
	}
	return err
}

func dispatch(e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stderr)
		return usagef("no command given; run 'stance help'")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return c.run(e, []string{"-h"})
			}
			return usagef("help: unknown command %q; run 'stance help'", args[1])
		}
		printUsage(e.stdout)
		return nil
	}
	if c := lookup(name); c != nil {
		return c.run(e, args[1:])
	}
	return usagef("unknown command %q; run 'stance help'", name)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// newFlags returns a flag set whose errors are usage errors. The flag
// package prints nothing itself: help requested with -h goes to standard
// output, and an error is one line on standard error.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags, allowing flags after positional arguments.
func parse(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printCommandUsage(e.stdout, fs)
				return nil, errHelp
			}
			return nil, usagef("%s: %v (run 'stance %s -h' for its flags)", fs.Name(), err, fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
