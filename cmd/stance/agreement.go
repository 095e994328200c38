package main

import (
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

// runAgreement is `stance eval --agreement A B`: two annotators' label
// files compared head by head.
func runAgreement(e *env, c *evalCmd, pos []string) error {
	switch {
	case len(pos) != 2:
		return usagef("eval --agreement takes two label files, got %d", len(pos))
	case len(c.d.corpus) > 0 || len(c.d.labels) > 0 || len(c.d.examples) > 0 || c.cv != 0 || c.group != "" || c.modelPath != "":
		return usagef("eval --agreement compares two label files; it takes no --corpus, --labels, --examples, --model or --cv")
	}
	s := labels.Default()
	if c.d.schema != "" {
		var err error
		if s, err = labels.LoadSchema(c.d.schema); err != nil {
			return err
		}
	}
	a, err := labels.ReadLabels(pos[0], s)
	if err != nil {
		return err
	}
	b, err := labels.ReadLabels(pos[1], s)
	if err != nil {
		return err
	}
	r := eval.Agreement(s, pos[0], pos[1], a, b)
	if c.asJSON {
		return r.WriteJSON(e.stdout)
	}
	return r.WriteText(e.stdout)
}
