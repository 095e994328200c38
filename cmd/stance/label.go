package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"github.com/stance-project/stance/labels"
)

const labelExample = `  stance label --labels mine.jsonl testdata/corpus/articles/wire
  stance label --labels mine.jsonl --order input --annotator ana dump.jsonl
  stance eval --agreement ana.jsonl ben.jsonl`

// labelCmd is the command line of `stance label`.
type labelCmd struct {
	modelPath, labelsPath, order, annotator string
	seed                                    uint64
	workers                                 int
}

func runLabel(e *env, args []string) error {
	fs := newFlags(e, "label")
	var c labelCmd
	fs.StringVar(&c.labelsPath, "labels", "labels.jsonl", "labels file (JSON Lines) to append to; run again with the same file to continue")
	fs.StringVar(&c.order, "order", "active", "which article next: active (the one whose label would teach the model most), input (input order) or random")
	fs.StringVar(&c.annotator, "annotator", "", "annotator name recorded with each label (default: $USER)")
	fs.StringVar(&c.modelPath, "model", "", "model whose suggestions and uncertainty guide labelling (default: the embedded model)")
	fs.Uint64Var(&c.seed, "seed", 1, "shuffle seed for --order random (the same seed gives the same order, so a resumed run goes on where it stopped)")
	fs.IntVar(&c.workers, "workers", 2, "goroutines for scoring the articles at the start")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if c.annotator == "" {
		c.annotator = os.Getenv("USER")
	}
	switch {
	case len(pos) == 0:
		return usagef("label needs articles: directories of .txt files or .jsonl files")
	case c.order != "active" && c.order != "input" && c.order != "random":
		return usagef("--order %q: use active, input or random", c.order)
	case c.annotator == "":
		return usagef("--annotator is empty and $USER is not set; give --annotator NAME")
	case c.workers < 1:
		return usagef("--workers must be at least 1")
	}
	for _, p := range pos {
		if p == "-" {
			return usagef("label reads keys from the terminal; give the articles as files, not -")
		}
	}
	in, out, ok := terminal(e)
	if !ok {
		return fmt.Errorf("label needs a terminal (standard input and output); to list what to label next without one, use 'stance suggest'")
	}
	m, err := loadModel(c.modelPath)
	if err != nil {
		return err
	}
	p, err := interruptible(e.ctx(), "scoring", func() (*pool, error) { return loadPool(e.ctx(), e, m, pos, c.workers) })
	if err != nil {
		return err
	}
	_, statErr := os.Stat(c.labelsPath)
	created := errors.Is(statErr, os.ErrNotExist)
	log, warn, err := labels.OpenLabelLog(c.labelsPath, m.Schema)
	if err != nil {
		return err
	}
	defer func() {
		log.Close()
		if created && log.Len() == 0 {
			os.Remove(c.labelsPath) // nothing labelled: leave no empty file, which no reader takes
		}
	}()
	if warn != "" {
		fmt.Fprintf(e.stderr, "stance: warning: %s\n", warn)
	}
	lm := newLabelModel(p, log, c.order, c.seed, c.annotator, time.Now)
	prog := tea.NewProgram(lm, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(out), tea.WithContext(e.ctx()))
	final, err := prog.Run()
	if fm, ok := final.(*labelModel); ok {
		lm = fm
	}
	summary := fmt.Sprintf("%d %s labelled now, %d in %s", lm.session, plural(int64(lm.session), "article", "articles"), log.Len(), log.Path())
	switch {
	case errors.Is(err, tea.ErrProgramKilled) && e.ctx().Err() != nil:
		return &interruptedError{fmt.Sprintf("interrupted: %s; run the same command to continue", summary)}
	case err != nil:
		return fmt.Errorf("label: %v (%s)", err, summary)
	case lm.fatal != nil:
		return fmt.Errorf("%v (%s)", lm.fatal, summary)
	}
	left := lm.remaining()
	if left == 0 {
		fmt.Fprintf(e.stderr, "stance: %s; every article is labelled\n", summary)
	} else {
		fmt.Fprintf(e.stderr, "stance: %s; %d to go: run the same command to continue\n", summary, left)
	}
	return nil
}

// terminal returns the terminal the labeller talks to: standard input
// and output, both terminals.
func terminal(e *env) (*os.File, *os.File, bool) {
	in, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return nil, nil, false
	}
	w := e.stdout
	if sw, ok := w.(*stickyWriter); ok {
		w = sw.w
	}
	out, ok := w.(*os.File)
	if !ok || !term.IsTerminal(out.Fd()) {
		return nil, nil, false
	}
	return in, out, true
}
