package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
)

// interruptible runs f, returning early with an interruptedError when ctx
// is cancelled (SIGINT, SIGTERM), even while f is blocked reading input.
// f keeps running in its goroutine until the process exits; it must not
// write output the caller has not committed.
func interruptible[T any](ctx context.Context, what string, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, &interruptedError{fmt.Sprintf("interrupted while %s; nothing was written", what)}
	}
}

func unwrapErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
