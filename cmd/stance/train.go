package main

import (
	"bytes"
	"fmt"
	"github.com/stance-project/stance"
	"strings"
	"time"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/internal/atomicfile"
)

const trainExample = `  stance train --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl -o my.stance
  stance train --examples ../shared/data/newsmtsc/train.jsonl -o newsmtsc.stance`

func runTrain(e *env, args []string) error {
	fs := newFlags(e, "train")
	var d dataFlags
	var t trainFlags
	var out string
	d.register(fs)
	t.register(fs)
	fs.StringVar(&out, "o", "", "write the model to this file (required)")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("train takes no arguments, got %q", pos[0])
	case out == "" || out == "-":
		return usagef("train needs -o MODEL (a file)")
	}
	if err := d.check(); err != nil {
		return err
	}
	if err := t.check(); err != nil {
		return err
	}
	if err := checkOutput(out, d.inputs()...); err != nil {
		return err
	}
	// Create the temporary file now, so that an unwritable directory is
	// found before training.
	f, err := atomicfile.Create(out)
	if err != nil {
		return err
	}
	defer f.Abort(false)
	start := time.Now()
	type trained struct {
		m *classifier.Model
		d *data
	}
	res, err := interruptible(e.ctx(), "training", func() (trained, error) {
		m, dt, err := train(e, &d, &t)
		return trained{m, dt}, err
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := res.m.Encode(&buf); err != nil {
		return err
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %v; %s was not touched", out, unwrapErr(err), out)
	}
	if e.ctx().Err() != nil {
		return &interruptedError{"interrupted before the model was saved; " + out + " was not touched"}
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "trained on %d articles in %.1fs; wrote %s (%d bytes)\n", len(res.d.arts), time.Since(start).Seconds(), out, buf.Len())
	reportCounts(e, res.d, res.m)
	return nil
}

func train(e *env, d *dataFlags, t *trainFlags) (*classifier.Model, *data, error) {
	dt, err := d.load(e, nil)
	if err != nil {
		return nil, nil, err
	}
	fc, tc, err := t.configs(dt.schema, d.workers)
	if err != nil {
		return nil, nil, err
	}
	if err := checkTrainable(e, dt); err != nil {
		return nil, nil, err
	}
	ds, err := stance.Featurize(dt.schema, fc, dt.arts, dt.sets, d.workers)
	if err != nil {
		return nil, nil, err
	}
	m, err := classifier.Fit(ds, nil, tc)
	return m, dt, err
}

// maxCountsShown bounds the value counts train prints for one head.
const maxCountsShown = 20

func reportCounts(e *env, d *data, m *classifier.Model) {
	for h, head := range d.schema.Heads {
		hm := m.Heads[h]
		if !hm.Trained {
			fmt.Fprintf(e.stderr, "  %-12s no labels\n", head.Name)
			continue
		}
		var b strings.Builder
		shown := 0
		for v, c := range hm.Counts {
			if c == 0 && len(hm.Counts) > maxCountsShown {
				continue
			}
			if shown == maxCountsShown {
				fmt.Fprintf(&b, " … (%d values in all)", len(hm.Counts))
				break
			}
			fmt.Fprintf(&b, " %s %d", head.Values[v], c)
			shown++
		}
		fmt.Fprintf(e.stderr, "  %-12s %d labelled:%s\n", head.Name, hm.N, b.String())
	}
}
