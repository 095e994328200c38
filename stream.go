package stance

import (
	"context"
	"iter"
	"runtime"
)

// ScoreAll scores the articles of in with workers goroutines (0:
// GOMAXPROCS) and yields their results in input order, whatever the number
// of workers. At most a few articles per worker are in flight, so memory
// stays flat however long in is.
//
// The error is nil for every result unless ctx ends first: then ScoreAll
// yields one zero Result with ctx.Err() and stops. Stopping the loop early
// (break) stops the workers; in itself is then not drained.
func (m *Model) ScoreAll(ctx context.Context, in iter.Seq[Article], workers int) iter.Seq2[Result, error] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(Result, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type job struct {
			a   Article
			out chan Result
		}
		jobs := make(chan job)
		// pending holds each article's future in input order; its buffer
		// bounds the articles in flight.
		pending := make(chan chan Result, 4*workers)
		for range workers {
			go func() {
				w := m.NewWorker()
				for j := range jobs {
					j.out <- w.Score(&j.a)
				}
			}()
		}
		complete := false // the whole input was read; set before pending closes
		go func() {
			defer close(pending)
			defer close(jobs)
			for a := range in {
				out := make(chan Result, 1)
				select {
				case pending <- out:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- job{a, out}:
				case <-ctx.Done():
					return
				}
			}
			complete = true
		}()
		for out := range pending {
			select {
			case r := <-out:
				if !yield(r, nil) {
					return
				}
			case <-ctx.Done():
				yield(Result{}, ctx.Err())
				return
			}
		}
		if !complete {
			yield(Result{}, ctx.Err())
		}
	}
}
