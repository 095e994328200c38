package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/stance-project/stance/aggregate"
	"github.com/stance-project/stance/internal/atomicfile"
	"github.com/stance-project/stance/report"
)

const aggregateExample = `  stance score -o scores.jsonl dump.jsonl
  stance aggregate --by outlet,month scores.jsonl
  stance aggregate --by outlet,week --format csv -o by-week.csv scores.jsonl
  stance aggregate --by outlet,month --format html -o trends.html scores.jsonl`

func runAggregate(e *env, args []string) error {
	fs := newFlags(e, "aggregate")
	opt := aggregate.DefaultOptions()
	by := fs.String("by", "outlet", "group by these metadata fields, and by week, month or year of --date-field: a comma-separated list such as outlet,month")
	fs.StringVar(&opt.DateField, "date-field", opt.DateField, "the metadata field with each article's date")
	format := fs.String("format", "table", "output: table, csv, json, or html (a self-contained page with a chart of the mean score per group)")
	out := fs.String("o", "-", "output `FILE` (- for standard output)")
	fs.IntVar(&opt.Resamples, "resamples", opt.Resamples, "bootstrap resamples for the confidence intervals (at least 100)")
	fs.Uint64Var(&opt.Seed, "seed", opt.Seed, "bootstrap seed (the same seed gives the same intervals)")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("aggregate needs SCORES.jsonl (the output of stance score), or - for standard input")
	}
	if opt.By, opt.Period, err = aggregate.ParseBy(*by); err != nil {
		return usagef("%v", err)
	}
	switch {
	case *format != "table" && *format != "csv" && *format != "json" && *format != "html":
		return usagef("--format %q: use table, csv, json or html", *format)
	case opt.Resamples < 100:
		return usagef("--resamples %d: give at least 100", opt.Resamples)
	case opt.DateField == "":
		return usagef("--date-field is empty")
	}
	if err := checkOutput(*out, pos...); err != nil {
		return err
	}
	res, err := interruptible(e.ctx(), "aggregating", func() (*aggregate.Result, error) {
		a := aggregate.New(opt)
		for _, p := range pos {
			if err := readScores(e, a, p); err != nil {
				return nil, err
			}
		}
		return a.Result(), nil
	})
	if err != nil {
		return err
	}
	if len(res.Heads) == 0 && res.Records > res.Unscored {
		return fmt.Errorf("%s: no scored heads found; give the JSON Lines that stance score writes", pos[0])
	}
	if res.NoDate > 0 {
		fmt.Fprintf(e.stderr, "stance: warning: %d of %d articles have no usable date in field %q (first: %s); they are grouped under %s\n", res.NoDate, res.Records, opt.DateField, res.FirstBadDate, aggregate.NoDate)
	}
	var b bytes.Buffer
	switch *format {
	case "table":
		err = res.WriteTable(&b)
	case "csv":
		err = res.WriteCSV(&b)
	case "json":
		err = res.WriteJSON(&b)
	case "html":
		err = report.WriteAggregate(&b, res)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		// A write error is kept by e.stdout and reported by runContext,
		// the same way for every command.
		e.stdout.Write(b.Bytes())
		return nil
	}
	if err := atomicfile.WriteFile(*out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "stance: %s; wrote %s\n", res.Summary(), *out)
	return nil
}

// readScores adds one input (a file, or - for standard input).
func readScores(e *env, a *aggregate.Aggregator, path string) error {
	if path == "-" {
		return a.Read(e.stdin, "standard input")
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %v", path, unwrapErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a directory; give the JSON Lines file stance score wrote", path)
	}
	return a.Read(io.Reader(f), path)
}
