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

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "stance: %v\nRun 'stance help' for usage.\n", err)
		return exitUsage
	}
	var ie *interruptedError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "stance: %v\n", err)
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "stance: %v\n", err)
	return exitFailure
}

type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// context is cancelled by SIGINT or SIGTERM (nil: never).
	context context.Context
	// skipped counts the input records dropped under --skip-bad, for the
	// summary line runContext prints.
	skipped atomic.Int64
}

type command struct {
	name, summary string
	run           func(e *env, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"score", "score articles: stance per head, signed scores, frames", runScore},
		{"train", "train a model on a labelled corpus or stance examples", runTrain},
		{"eval", "report precision, recall and F1 against hand labels", runEval},
		{"explain", "show why each head decided what it did for one article", runExplain},
		{"version", "print the version and the default model's provenance", runVersion},
	}
}

const mainUsage = `stance reads news articles and scores each one's stance toward Israel and
toward Iran, how it frames Azerbaijan's position between them, and the
frames it uses (security, economy, diplomacy, humanitarian, legal, identity).

Usage:
  stance <command> [flags] [arguments]

Commands:
%s
Run 'stance <command> -h' for a command's flags and an example.

Example:
  stance score --format table testdata/corpus/articles/wire
`

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run with a context whose cancellation stops a batch run
// cleanly (main cancels it on SIGINT and SIGTERM).
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, context: ctx}
	if len(args) == 0 {
		printUsage(stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					return c.run(e, []string{"-h"})
				}
			}
		}
		printUsage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == name {
			err := c.run(e, args[1:])
			if n := e.skipped.Load(); n > 0 {
				fmt.Fprintf(stderr, "stance: --skip-bad: skipped %d malformed %s (each named in a warning above)\n", n, plural(n, "record", "records"))
			}
			return err
		}
	}
	return usagef("unknown command %q", name)
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// newFlags returns a flag set whose errors are usage errors and whose help
// text carries an example.
func newFlags(e *env, name, synopsis, example string) *flag.FlagSet {
	fs := flag.NewFlagSet("stance "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := e.stdout
		fmt.Fprintf(w, "Usage: stance %s %s\n\nFlags:\n", name, synopsis)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		fmt.Fprintf(w, "\nExample:\n%s\n", example)
	}
	return fs
}

// parse parses flags, allowing flags after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp // the flag package has printed the usage
			}
			return nil, usagef("%s: %v", fs.Name(), err)
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
