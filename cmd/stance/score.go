package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

const scoreExample = `  stance score --format table testdata/corpus/articles/wire
  stance score -o scores.jsonl --workers 4 articles/ more.jsonl
  cat articles.jsonl | stance score --format csv -
  stance score --model newsmtsc.stance --examples ../shared/data/newsmtsc/test_mt.jsonl`

type scoreOpts struct {
	format   string
	explain  bool
	top      int
	workers  int
	skipBad  bool
	examples bool
	out      string
	resume   bool
	skip     int64
}

func runScore(e *env, args []string) error {
	fs := newFlags(e, "score", "[--model MODEL] [--format jsonl|csv|table] [-o FILE] INPUT...", scoreExample)
	var o scoreOpts
	var modelPath string
	fs.StringVar(&modelPath, "model", "", "model file (default: the model embedded in the binary)")
	fs.StringVar(&o.format, "format", "jsonl", "output format: jsonl, csv or table")
	fs.BoolVar(&o.explain, "explain", false, "add the features and sentences that pushed each decision (jsonl only; slower)")
	fs.IntVar(&o.top, "top", 5, "with --explain, how many features to show per decision")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "goroutines scoring in parallel; output keeps input order")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed JSON Lines records (with a warning) instead of stopping")
	fs.BoolVar(&o.examples, "examples", false, "inputs are stance examples (JSON Lines with a target per record)")
	fs.StringVar(&o.out, "o", "", "write to this file instead of standard output (atomically; FILE.partial while running)")
	fs.BoolVar(&o.resume, "resume", false, "with -o, continue an interrupted run from FILE.partial")
	fs.Int64Var(&o.skip, "skip", 0, "skip the first N input articles (to resume a run written to standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("score needs at least one input: a directory, a .txt or .jsonl file, or - for standard input")
	}
	switch o.format {
	case "jsonl", "csv", "table":
	default:
		return usagef("--format %q: use jsonl, csv or table", o.format)
	}
	if o.explain && o.format != "jsonl" {
		return usagef("--explain needs --format jsonl; for a readable explanation use 'stance explain'")
	}
	if o.resume && (o.out == "" || o.format == "table") {
		return usagef("--resume needs -o FILE and --format jsonl or csv")
	}
	if o.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if o.skip < 0 {
		return usagef("--skip must not be negative")
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	return score(e, m, pos, o)
}

type batch struct {
	seq  int
	arts []*labels.Article
	out  []byte
	rows [][]string
	ends []int    // jsonl: where each article's line ends in out
	meta []string // csv: the metadata columns
}

const batchSize = 64

func score(e *env, m *classifier.Model, inputs []string, o scoreOpts) error {
	eng, err := stance.New(m)
	if err != nil {
		return err
	}
	// Setup leaves garbage (the decoded model file, temporary maps); give
	// it back before a long run so peak memory is the working set.
	debug.FreeOSMemory()
	examples := o.examples
	for _, h := range m.Schema.Heads {
		if h.Target == nil && !h.Multi && len(m.Schema.Targets()) == 0 {
			examples = true // a model trained on stance examples reads examples
		}
	}
	// Where the output goes.
	var w io.Writer = e.stdout
	var partial string
	var pf *os.File
	done := int64(0) // articles already in the output (resume)
	var csvMeta []string
	csvStarted := false
	if o.out != "" {
		if err := checkOutputPath(o.out); err != nil {
			return err
		}
		partial = o.out + ".partial"
		if o.resume {
			n, header, err := recoverPartial(partial, o.format)
			if err != nil {
				return err
			}
			done = n
			if header != nil {
				// Keep the columns the interrupted run chose.
				csvStarted = true
				if fixed := len(csvHeader(m.Schema, examples, nil)); len(header) >= fixed {
					csvMeta = header[fixed:]
				}
			}
			pf, err = os.OpenFile(partial, os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return fmt.Errorf("resume: %w", err)
			}
			fmt.Fprintf(e.stderr, "stance: resuming after %d articles already in %s\n", n, partial)
		} else {
			pf, err = os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
			if err != nil {
				return fmt.Errorf("output %s: %w", o.out, err)
			}
		}
		w = pf
	}
	// cw counts the bytes that reached the output, so that a failed write
	// reports exactly how many articles are complete.
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	opts := labels.Options{Warn: warner(e), SkipBad: o.skipBad, Examples: examples, Stdin: e.stdin, Skip: o.skip + done}
	r, err := labels.Open(inputs, opts)
	if err != nil {
		if pf != nil {
			pf.Close()
			if !o.resume {
				os.Remove(partial)
			}
		}
		return err
	}
	defer r.Close()

	// stop ends reading early: on a signal (e.ctx) or a failed write.
	stop, cancel := context.WithCancel(e.ctx())
	defer cancel()
	reserved := outputKeys(m.Schema)
	var tableRows [][]string

	work := make(chan *batch, o.workers)
	results := make(chan *batch, o.workers*2)
	var wg sync.WaitGroup
	for i := 0; i < o.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sw := eng.NewWorker()
			var pred []classifier.HeadPrediction
			for b := range work {
				for _, a := range b.arts {
					var ex []stance.HeadExplanation
					if o.explain {
						pred, ex = eng.ExplainPredictions(a, o.top)
					} else {
						pred = sw.Predict(a, pred)
					}
					switch o.format {
					case "jsonl":
						b.out = appendJSONL(b.out, m.Schema, reserved, a, pred, ex)
						b.ends = append(b.ends, len(b.out))
					case "csv":
						b.rows = append(b.rows, csvRecord(m.Schema, examples, b.meta, a, pred))
					case "table":
						b.rows = append(b.rows, tableRow(m.Schema, a, pred))
					}
				}
				b.arts = nil
				results <- b
			}
		}()
	}
	// Reader: batches in input order; a read error ends the input. The CSV
	// metadata columns are fixed here, from the first article, so that they
	// do not depend on which worker finishes first.
	var readErr error
	go func() {
		defer close(work)
		seq := 0
		cur := &batch{seq: seq}
		for stop.Err() == nil {
			a, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr = err
				break
			}
			if csvMeta == nil {
				csvMeta = []string{}
				for _, mt := range a.Meta {
					csvMeta = append(csvMeta, mt.Key)
				}
			}
			if len(a.Text) > features.MaxTextBytes {
				warner(e)(labels.Warning{File: a.File, Line: a.Line, ID: a.ID, Msg: fmt.Sprintf("%d bytes; only the first %d are read", len(a.Text), features.MaxTextBytes)})
			}
			cur.arts = append(cur.arts, a)
			cur.meta = csvMeta
			if len(cur.arts) == batchSize {
				work <- cur
				seq++
				cur = &batch{seq: seq}
			}
		}
		if len(cur.arts) > 0 {
			work <- cur
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Writer: in input order. ends holds the output offsets at which the
	// articles not yet known to be written end.
	pending := map[int]*batch{}
	next := 0
	var queued, complete int64 // articles handed to the buffer; articles known written
	var ends []int64
	var offset int64
	var writeErr error
	write := func(b []byte) {
		if writeErr == nil {
			_, writeErr = bw.Write(b)
			offset += int64(len(b))
		}
	}
	endArticle := func() {
		queued++
		ends = append(ends, offset)
		k := 0
		for k < len(ends) && ends[k] <= cw.n {
			k++
		}
		if k > 0 {
			complete += int64(k)
			ends = append(ends[:0], ends[k:]...)
		}
	}
	for b := range results {
		pending[b.seq] = b
		for {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr != nil {
				continue
			}
			switch o.format {
			case "jsonl":
				start := 0
				for _, end := range nb.ends {
					write(nb.out[start:end])
					start = end
					endArticle()
				}
			case "csv":
				if !csvStarted && len(nb.rows) > 0 {
					write(appendCSV(nil, csvHeader(m.Schema, examples, nb.meta)))
					csvStarted = true
				}
				for _, rec := range nb.rows {
					write(appendCSV(nil, rec))
					endArticle()
				}
			case "table":
				tableRows = append(tableRows, nb.rows...)
				queued += int64(len(nb.rows))
			}
			if writeErr != nil {
				cancel() // nothing more can be written: stop reading
			}
		}
	}
	if writeErr == nil && o.format == "table" {
		writeErr = renderScoreTable(bw, m.Schema, examples, tableRows)
	}
	if writeErr == nil {
		writeErr = bw.Flush()
	}
	if writeErr == nil {
		complete = queued
	} else {
		for _, end := range ends {
			if end <= cw.n {
				complete++
			}
		}
	}
	if writeErr == nil && pf != nil {
		writeErr = pf.Sync()
	}
	if pf != nil {
		if err := pf.Close(); err != nil && writeErr == nil {
			writeErr = err
		}
	}
	total := done + complete
	if writeErr != nil {
		if pf != nil {
			return fmt.Errorf("write %s: %v; %d complete articles are in %s (--resume continues from there), and %s was not touched", o.out, unwrapErr(writeErr), total, partial, o.out)
		}
		return fmt.Errorf("write output: %v (after %d complete articles)", unwrapErr(writeErr), total)
	}
	if readErr != nil {
		if pf != nil {
			return fmt.Errorf("%v\n%d articles before it were scored into %s; %s was not touched", readErr, total, partial, o.out)
		}
		return readErr
	}
	if e.ctx().Err() != nil {
		if pf != nil {
			return &interruptedError{fmt.Sprintf("interrupted: %d articles scored into %s; run the same command with --resume to continue", total, partial)}
		}
		return &interruptedError{fmt.Sprintf("interrupted: %d articles written; to continue, run the same command with --skip %d", total, o.skip+complete)}
	}
	if pf != nil {
		if err := os.Rename(partial, o.out); err != nil {
			return fmt.Errorf("output %s: %w", o.out, err)
		}
	}
	return nil
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

// checkOutputPath refuses an output path that cannot become a file.
func checkOutputPath(out string) error {
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("output %s is a directory; give a file name", out)
	}
	dir := filepath.Dir(out)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("output %s: directory %s does not exist", out, dir)
	case !st.IsDir():
		return fmt.Errorf("output %s: %s is not a directory", out, dir)
	}
	return nil
}

func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

func unwrapErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// recoverPartial counts the complete records in an interrupted run's
// output and cuts off a trailing incomplete one. For CSV it also returns
// the header (nil when the file has none yet).
func recoverPartial(path, format string) (int64, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, nil, fmt.Errorf("resume: %w (nothing to resume; run without --resume)", unwrapErr(err))
	}
	keep := len(b)
	if i := lastIndexByte(b, '\n'); i+1 != len(b) {
		keep = i + 1 // an incomplete last line
	}
	var n int64
	var header []string
	if format == "csv" {
		cr := csv.NewReader(bytesReader(b[:keep]))
		cr.FieldsPerRecord = -1
		recs, err := cr.ReadAll()
		if err != nil {
			return 0, nil, fmt.Errorf("resume: %s is not a CSV this program wrote: %v", path, err)
		}
		if len(recs) > 0 {
			header = recs[0]
			n = int64(len(recs) - 1)
		}
	} else {
		n = int64(countLines(b[:keep]))
	}
	if keep != len(b) {
		if err := os.Truncate(path, int64(keep)); err != nil {
			return 0, nil, fmt.Errorf("resume: %w", err)
		}
	}
	return n, header, nil
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

func (e *env) ctx() context.Context {
	if e.context != nil {
		return e.context
	}
	return context.Background()
}
