package main

import (
	"bufio"
	"context"
	"fmt"
	"github.com/stance-project/stance"
	"io"
	"sync"
	"sync/atomic"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

const batchSize = 64

// pipeline scores articles in parallel and hands the records to a sink in
// input order. A reader goroutine reads articles; a batcher groups them
// into batches of up to batchSize (sending a smaller batch at once when no
// article is waiting, so that slow input is not held back); workers score
// batches; the caller's goroutine writes them in order.
//
// On cancellation (a signal) the reader is abandoned, even if blocked in a
// read, and every article already read is scored and written.
type pipeline struct {
	r          labels.Reader
	enc        encoder
	model      *stance.Model
	explain    bool
	top        int
	workers    int
	skipDone   int64 // articles already in the partial file being resumed
	needTarget bool  // a stance-examples model: every article needs a target
	warn       func(labels.Warning)
	nread      *atomic.Int64 // counts the articles read (nil: not counted)
}

type item struct {
	a   *labels.Article
	err error
}

type job struct {
	seq  int
	arts []*labels.Article
	out  []byte
	ends []int // where each article's record ends in out
}

// run scores every article and writes each record to s. It returns the
// first read error, if any (the articles before it are written).
func (pl *pipeline) run(ctx context.Context, s *sink) error {
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item, batchSize)
	work := make(chan *job, pl.workers)
	results := make(chan *job, pl.workers*2)
	go pl.read(stop, items)
	var readErr error
	go func() {
		defer close(work)
		readErr = pl.batch(stop, items, work)
	}()
	var wg sync.WaitGroup
	for range pl.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pl.score(work, results)
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]*job{}
	next := 0
	for j := range results {
		pending[j.seq] = j
		for nj, ok := pending[next]; ok; nj, ok = pending[next] {
			delete(pending, next)
			next++
			s.writeJob(nj)
			if s.err != nil {
				cancel() // nothing more can be written: stop reading
			}
		}
	}
	return readErr
}

// read sends the articles to items, in order, until EOF, an error or stop.
func (pl *pipeline) read(stop context.Context, items chan<- item) {
	defer close(items)
	send := func(it item) bool {
		select {
		case items <- it:
			return true
		case <-stop.Done():
			return false
		}
	}
	var n, skipped int64
	for stop.Err() == nil {
		a, err := pl.r.Next()
		if err == io.EOF {
			if skipped < pl.skipDone {
				send(item{err: fmt.Errorf("resume: the partial file holds %d articles but the inputs have only %d; they changed since the interrupted run; run without --resume to start over", pl.skipDone, skipped)})
			}
			return
		}
		if err == nil && n == 0 {
			err = pl.enc.begin(a)
		}
		if err != nil {
			send(item{err: err})
			return
		}
		n++
		if pl.nread != nil {
			pl.nread.Add(1)
		}
		if skipped < pl.skipDone {
			skipped++
			continue
		}
		if pl.needTarget && a.Target == "" {
			send(item{err: &labels.InputError{File: a.File, Line: a.Line, Field: "target",
				Msg: fmt.Sprintf("article %q has no target; this model was trained on stance examples and scores JSON Lines records with a \"target\"", a.ID)}})
			return
		}
		pl.enc.check(a)
		if len(a.Text) > features.MaxTextBytes {
			pl.warn(labels.Warning{File: a.File, Line: a.Line, ID: a.ID, Msg: fmt.Sprintf("%d bytes; only the first %d are read", len(a.Text), features.MaxTextBytes)})
		}
		if pl.explain && len(a.Text) > maxExplainBytes && !a.HasSpan {
			pl.warn(labels.Warning{File: a.File, Line: a.Line, ID: a.ID, Msg: fmt.Sprintf("%d bytes; the explanation covers the first %d KB", len(a.Text), maxExplainBytes>>10)})
		}
		if !send(item{a: a}) {
			return
		}
	}
}

// batch groups items into jobs. It returns the read error that ended the
// input, if any.
func (pl *pipeline) batch(stop context.Context, items <-chan item, work chan<- *job) error {
	seq := 0
	var cur []*labels.Article
	flush := func() {
		if len(cur) > 0 {
			work <- &job{seq: seq, arts: cur}
			seq++
			cur = nil
		}
	}
	for {
		var it item
		var ok bool
		if len(cur) > 0 {
			select {
			case it, ok = <-items:
			default:
				flush() // nothing waiting: do not hold these back
				continue
			}
		} else {
			select {
			case it, ok = <-items:
			case <-stop.Done():
				return nil
			}
		}
		if !ok {
			flush()
			return nil
		}
		if it.err != nil {
			flush()
			return it.err
		}
		cur = append(cur, it.a)
		if len(cur) == batchSize {
			flush()
		}
	}
}

func (pl *pipeline) score(work <-chan *job, results chan<- *job) {
	w := pl.model.NewWorker()
	var pred []classifier.HeadPrediction
	for j := range work {
		for _, a := range j.arts {
			var ex []stance.HeadExplanation
			var cov stance.Coverage
			pred, cov = w.PredictCoverage(a, pred)
			if pl.explain && cov.Scored {
				pred, ex = explainArticle(pl.model, a, pl.top, nil)
			}
			j.out = pl.enc.record(j.out, a, pred, &cov, ex)
			j.ends = append(j.ends, len(j.out))
		}
		j.arts = nil
		results <- j
	}
}

// sink writes records and counts the articles known to be complete in
// the output, byte for byte, so that a failed write can say how many are.
type sink struct {
	enc      encoder
	cw       *countingWriter
	bw       *bufio.Writer
	started  bool
	offset   int64   // bytes handed to bw
	ends     []int64 // where the records not yet known complete end
	queued   int64   // records handed to bw
	complete int64   // records known to be in the output
	err      error
}

func newSink(w io.Writer, enc encoder) *sink {
	cw := &countingWriter{w: w}
	return &sink{enc: enc, cw: cw, bw: bufio.NewWriterSize(cw, 1<<16)}
}

func (s *sink) write(b []byte) {
	if s.err == nil {
		_, s.err = s.bw.Write(b)
		s.offset += int64(len(b))
	}
}

func (s *sink) writeJob(j *job) {
	if s.err != nil {
		return
	}
	if t, ok := s.enc.(*tableEncoder); ok {
		t.collect(j.out)
		s.queued += int64(len(j.ends))
		return
	}
	if !s.started && len(j.ends) > 0 {
		s.write(s.enc.header())
		s.started = true
	}
	start := 0
	for _, end := range j.ends {
		s.write(j.out[start:end])
		start = end
		s.queued++
		s.ends = append(s.ends, s.offset)
		k := 0
		for k < len(s.ends) && s.ends[k] <= s.cw.n {
			k++
		}
		if k > 0 {
			s.complete += int64(k)
			s.ends = append(s.ends[:0], s.ends[k:]...)
		}
	}
}

// finish writes the footer and flushes; it returns the first write error.
func (s *sink) finish() error {
	if s.err == nil {
		s.err = s.enc.footer(s.bw)
	}
	if s.err == nil {
		s.err = s.bw.Flush()
	}
	if s.err == nil {
		s.complete = s.queued
		return nil
	}
	for _, end := range s.ends {
		if end <= s.cw.n {
			s.complete++
		}
	}
	return s.err
}

// countingWriter counts the bytes its writer accepted.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
