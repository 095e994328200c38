package main

import (
	"context"
	"fmt"
	"github.com/stance-project/stance"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/stance-project/stance/labels"
)

const scoreExample = `  stance score --format table testdata/corpus/articles/wire
  stance score -o scores.jsonl --workers 4 articles/ more.jsonl
  cat articles.jsonl | stance score --format csv -
  stance score --text-field body --id-field doc -o scores.csv export.json.gz
  stance score --model newsmtsc.stance --examples ../shared/data/newsmtsc/test_mt.jsonl`

type scoreOpts struct {
	model    string
	format   string
	explain  bool
	top      int
	workers  int
	skipBad  bool
	examples bool
	out      string
	resume   bool
	skip     int64
	lang     string // --lang: languages to score, comma-separated
	assume   string // --assume-lang
	in       inputFlags
	quiet    bool
}

func runScore(e *env, args []string) error {
	fs := newFlags(e, "score")
	var o scoreOpts
	fs.StringVar(&o.model, "model", "", "model file (default: the model embedded in the binary)")
	fs.StringVar(&o.format, "format", "jsonl", "output format: jsonl, csv or table")
	fs.BoolVar(&o.explain, "explain", false, "add the features and sentences that pushed each decision (jsonl only; slower)")
	fs.IntVar(&o.top, "top", 5, "with --explain, how many features to show per decision (at least 1)")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "goroutines scoring in parallel; output keeps input order")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed JSON Lines records (with a warning) instead of stopping")
	fs.BoolVar(&o.examples, "examples", false, "inputs are stance examples (JSON Lines with a target per record)")
	fs.StringVar(&o.out, "o", "", "write to this file (atomically; FILE.partial while running), or - for standard output")
	fs.BoolVar(&o.resume, "resume", false, "with -o, continue an interrupted run from FILE.partial")
	fs.Int64Var(&o.skip, "skip", 0, "skip the first N input articles (to resume a run written to standard output)")
	fs.StringVar(&o.lang, "lang", "", "score only articles detected in these languages (comma-separated ISO codes, e.g. ru,fa); others are reported unscored")
	fs.StringVar(&o.assume, "assume-lang", "", "skip language detection and take every article to be in this language (e.g. ru)")
	o.in.register(fs)
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar and no closing summary on standard error")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if o.format, err = formatOf(fs, o.format, o.out); err != nil {
		return err
	}
	if err := o.in.check(); err != nil {
		return err
	}
	if err := o.check(pos); err != nil {
		return err
	}
	defer lowerGC()()
	m, err := loadModel(o.model)
	if err != nil {
		return err
	}
	return score(e, m, pos, o)
}

// check validates the command line before any work.
func (o *scoreOpts) check(pos []string) error {
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
	if o.top < 1 {
		return usagef("--top %d: give at least 1", o.top)
	}
	if o.out == "-" {
		o.out = ""
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
	return checkOutput(o.out, append(pos, o.model)...)
}

func score(e *env, m *loadedModel, inputs []string, o scoreOpts) error {
	// A model trained on stance examples (train --examples) reads examples.
	examples := o.examples || m.Schema.Name == "examples"
	enc, err := newEncoder(e, m.Schema, o.format, examples)
	if err != nil {
		return err
	}
	p, err := stance.New(m.Model)
	if err != nil {
		return err
	}
	if err := p.SetLanguages(langList(o.lang), o.assume); err != nil {
		return usagef("--lang/--assume-lang: %v", err)
	}
	// Setup leaves garbage (the model file, temporary maps); give it back
	// before a long run so that peak memory is the working set.
	debug.FreeOSMemory()
	fp := &fingerprint{format: o.format, model: m.sum, examples: examples, explain: o.explain, top: o.top, skip: o.skip, inputs: absInputs(inputs), fields: o.in.fingerprint()}
	out, err := openOutput(e, o, fp, enc)
	if err != nil {
		return err
	}
	opts := o.in.apply(labels.Options{Warn: warner(e), SkipBad: o.skipBad, Examples: examples, Stdin: e.stdin, Skip: o.skip})
	// Scoring stops at a signal; but a signal while standard input was
	// being copied for the CSV header means: score what was read.
	ctx := e.ctx()
	if c, ok := enc.(*csvEncoder); ok {
		fields, cleanup, interrupted, err := csvFields(e, inputs, opts)
		if err != nil {
			out.abort(!out.fresh)
			return err
		}
		defer cleanup()
		c.fields, opts.Stdin = fields, e.stdin
		if interrupted {
			ctx = context.WithoutCancel(ctx)
		}
	}
	var read, articles atomic.Int64
	opts.BytesRead = &read
	r, err := labels.Open(inputs, opts)
	if err != nil {
		out.abort(!out.fresh) // keep a partial file being resumed
		return err
	}
	defer r.Close()
	prog := startProgress(e, o.quiet)
	size := inputBytes(inputs)
	prog.stage("scoring", size, true, "")
	prog.poll(func() { prog.set(read.Load(), fmt.Sprintf("scoring: %d articles", articles.Load())) })
	pl := &pipeline{r: r, enc: enc, model: p, explain: o.explain, top: o.top, workers: o.workers,
		skipDone: out.done, needTarget: examples, warn: warner(e), nread: &articles}
	s := newSink(out.w, enc)
	readErr := pl.run(ctx, s)
	writeErr := s.finish()
	prog.finish()
	err = out.finish(e, writeErr, readErr, s.complete, o.skip)
	if err == nil {
		prog.summary("scored %d %s (%s) in %.1f s", s.complete, plural(s.complete, "article", "articles"), megabytes(read.Load()), prog.seconds())
	}
	return err
}

func newEncoder(e *env, s *labels.Schema, format string, examples bool) (encoder, error) {
	switch format {
	case "csv":
		return newCSVEncoder(s, examples, warner(e))
	case "table":
		return &tableEncoder{s: s, examples: examples}, nil
	}
	return newJSONLEncoder(s), nil
}

// langList splits a --lang value ("ru, fa") into codes; nil for none.
func langList(s string) []string {
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
			out = append(out, c)
		}
	}
	return out
}
