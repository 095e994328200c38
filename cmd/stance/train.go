package main

import (
	"bytes"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/internal/atomicfile"
)

const trainExample = `  stance train --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl -o my.stance
  stance train --from default --corpus my-articles.jsonl --labels my-labels.jsonl -o adapted.stance
  stance train --examples ../shared/data/newsmtsc/train.jsonl -o newsmtsc.stance`

func runTrain(e *env, args []string) error {
	fs := newFlags(e, "train")
	var d dataFlags
	var t trainFlags
	var out string
	var cal calibrateFlags
	var a adaptFlags
	d.register(fs)
	t.register(fs)
	cal.register(fs)
	a.register(fs)
	fs.StringVar(&out, "o", "", "write the model to this file (required)")
	quiet := fs.Bool("quiet", false, "no progress bar, summary or label counts on standard error")
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
	if err := cal.check(); err != nil {
		return err
	}
	if err := a.check(fs, &d); err != nil {
		return err
	}
	if err := checkOutput(out, append(d.inputs(), a.from)...); err != nil {
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
	prog := startProgress(e, *quiet)
	defer prog.finish()
	type trained struct {
		m *classifier.Model
		d *data
	}
	res, err := interruptible(e.ctx(), "training", func() (trained, error) {
		train := train
		if a.from != "" {
			train = func(e *env, d *dataFlags, t *trainFlags, cal *calibrateFlags) (*classifier.Model, *data, error) {
				return trainFrom(e, &a, d, t, cal)
			}
		}
		m, dt, err := train(e, &d, &t, &cal)
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
	prog.finish()
	if !*quiet {
		fmt.Fprintf(e.stderr, "trained on %d articles (%s of text) in %.1fs; wrote %s (%d bytes)\n", len(res.d.arts), megabytes(textBytes(res.d.arts)), time.Since(start).Seconds(), out, buf.Len())
		reportCounts(e, res.d, res.m)
		for h, hm := range res.m.Heads {
			if hm.Net != nil && hm.Net.Unread > 0 {
				fmt.Fprintf(e.stderr, "stance: warning: head %s: %d of %d examples do not name their target in their text (and give no span); the attention network learnt without them\n", res.m.Schema.Heads[h].Name, hm.Net.Unread, hm.N)
			}
		}
	}
	return nil
}

func train(e *env, d *dataFlags, t *trainFlags, cal *calibrateFlags) (*classifier.Model, *data, error) {
	dt, err := d.load(e, nil)
	if err != nil {
		return nil, nil, err
	}
	fc, tc, err := t.configs(dt.schema, d)
	if err != nil {
		return nil, nil, err
	}
	if err := checkTrainable(e, dt); err != nil {
		return nil, nil, err
	}
	calFolds := 0
	if cal.group != "" {
		calFolds = cal.folds
	}
	warnFew(e, dt, calFolds)
	e.prog.stage(fmt.Sprintf("featurizing %d articles", len(dt.arts)), -1, false, "")
	ds, err := stance.Featurize(dt.schema, fc, dt.arts, dt.sets, d.workers)
	if err != nil {
		return nil, nil, err
	}
	ds.Weight = dt.trainingWeights()
	tc.Progress = e.prog.stepDone
	m, err := classifier.Fit(ds, nil, tc)
	if err != nil {
		return nil, nil, err
	}
	var texts []string
	for i, a := range dt.arts {
		if dt.sets[i] != nil {
			texts = append(texts, a.Text)
		}
	}
	m.Data = classifier.NewTrainingData(dt.sources, texts)
	if cal.group != "" {
		if m.Data.Calibration, err = calibrate(ds, dt, tc, cal, m); err != nil {
			return nil, nil, err
		}
	}
	return m, dt, nil
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

// calibrateFlags choose how train calibrates the probabilities.
type calibrateFlags struct {
	group string
	folds int
}

func (c *calibrateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.group, "calibrate", "", "fit each stance head's temperature on out-of-fold predictions, in folds grouped by dir, label:FIELD or meta:FIELD (e.g. meta:outlet); --train-only corpora are in every training fold")
	fs.IntVar(&c.folds, "calibrate-folds", 5, "folds for --calibrate")
}

func (c *calibrateFlags) check() error {
	if c.group == "" {
		return nil
	}
	if c.group != "dir" && !strings.HasPrefix(c.group, "label:") && !strings.HasPrefix(c.group, "meta:") {
		return usagef("--calibrate %q: use dir, label:FIELD or meta:FIELD", c.group)
	}
	if c.folds < 2 {
		return usagef("--calibrate-folds %d: give at least 2", c.folds)
	}
	return nil
}

// calibrate cross-validates the training settings on the training data,
// fits each single-label head's temperature on the out-of-fold
// predictions, and sets it on m. It returns a description for the model
// file.
func calibrate(ds *classifier.Dataset, dt *data, tc classifier.TrainConfig, c *calibrateFlags, m *classifier.Model) (string, error) {
	folds, method, err := makeFolds(ds, dt, c.group, c.folds, tc.Seed)
	if err != nil {
		return "", err
	}
	rep, err := eval.CrossValidate(ds, tc, folds)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, cal := range eval.Calibrate(ds, rep.Predictions) {
		for h := range m.Schema.Heads {
			if m.Schema.Heads[h].Name == cal.Head {
				m.Heads[h].Temperature = cal.Temperature
			}
		}
		parts = append(parts, fmt.Sprintf("%s T=%.3f (ECE %.3f → %.3f cross-fitted, n=%d)", cal.Head, cal.Temperature, cal.ECEBefore, cal.ECEAfter, cal.N))
	}
	return "temperature scaling fitted on " + method + ": " + strings.Join(parts, "; "), nil
}
