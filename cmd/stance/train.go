package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
)

const trainExample = `  stance train --corpus testdata/corpus/articles --labels testdata/corpus/labels.jsonl -o my.stance
  stance train --examples ../shared/data/newsmtsc/train.jsonl -o newsmtsc.stance`

func runTrain(e *env, args []string) error {
	fs := newFlags(e, "train", "(--corpus DIR|FILE --labels FILE | --examples FILE) -o MODEL [flags]", trainExample)
	var d dataFlags
	var t trainFlags
	var out string
	d.register(fs)
	t.register(fs)
	fs.StringVar(&out, "o", "", "write the model to this file (required)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("train takes no arguments, got %q", pos[0])
	}
	if out == "" {
		return usagef("train needs -o MODEL")
	}
	if st, err := os.Stat(filepath.Dir(out)); err != nil || !st.IsDir() {
		return fmt.Errorf("output %s: directory %s does not exist", out, filepath.Dir(out))
	}
	s, arts, sets, err := d.load(e, nil)
	if err != nil {
		return err
	}
	fc, tc, err := t.configs(s, d.workers)
	if err != nil {
		return err
	}
	start := time.Now()
	ds, err := stance.Featurize(s, fc, arts, sets, d.workers)
	if err != nil {
		return err
	}
	m, err := classifier.Fit(ds, nil, tc)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if err := classifier.WriteFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "trained on %d articles in %.1fs; wrote %s (%d bytes)\n", len(arts), time.Since(start).Seconds(), out, buf.Len())
	for h, head := range s.Heads {
		hm := m.Heads[h]
		if !hm.Trained {
			fmt.Fprintf(e.stderr, "  %-12s no labels\n", head.Name)
			continue
		}
		fmt.Fprintf(e.stderr, "  %-12s %d labelled:", head.Name, hm.N)
		for v, c := range hm.Counts {
			fmt.Fprintf(e.stderr, " %s %d", head.Values[v], c)
		}
		fmt.Fprintln(e.stderr)
	}
	return nil
}
