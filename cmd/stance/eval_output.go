package main

import (
	"bytes"
	"flag"
	"fmt"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/internal/atomicfile"
	"github.com/stance-project/stance/report"
)

// evalOutput is what eval writes besides its report: the wrong
// predictions (--errors) and the HTML report (--html), with the evidence
// behind each wrong prediction.
type evalOutput struct {
	errors bool
	html   string
	// evidence[row][head] explains a wrong prediction (--html only).
	evidence map[int]map[string][]string
}

// evidenceTop is how many features the HTML report shows per wrong
// decision.
const evidenceTop = 3

func (o *evalOutput) register(fs *flag.FlagSet) {
	fs.BoolVar(&o.errors, "errors", false, "list each article a head got wrong (id, fold, gold, predicted, probabilities); with --json, keep only those predictions")
	fs.StringVar(&o.html, "html", "", "also write a self-contained HTML `FILE` with plots: confusion matrices, precision-recall, calibration, folds, the wrong articles and their evidence")
}

func (o *evalOutput) check(asJSON bool, inputs []string) error {
	if o.html == "-" {
		return usagef("--html needs a file name")
	}
	return checkOutput(o.html, inputs...)
}

// explain records, for the HTML report, the evidence for each wrong
// prediction in p, made by model m (a fold's model under
// cross-validation).
func (o *evalOutput) explain(ds *classifier.Dataset, m *classifier.Model, p *eval.Predictions, dt *data) error {
	if o.html == "" {
		return nil
	}
	var sm *stance.Model
	for _, a := range eval.Articles(ds, p) {
		if !a.Wrong() {
			continue
		}
		if sm == nil {
			var err error
			if sm, err = stance.New(m); err != nil {
				return err
			}
		}
		_, ex := sm.Explain(*dt.arts[a.Row], evidenceTop)
		for _, h := range a.Heads {
			if !h.Wrong {
				continue
			}
			if o.evidence == nil {
				o.evidence = map[int]map[string][]string{}
			}
			if o.evidence[a.Row] == nil {
				o.evidence[a.Row] = map[string][]string{}
			}
			o.evidence[a.Row][h.Head] = evidenceOf(ex, h.Head)
		}
	}
	return nil
}

// evidenceOf gives head's decisions in ex as short lines: the decision,
// its top features with their effects, and the sentence whose removal
// lowers it most.
func evidenceOf(ex []stance.HeadExplanation, head string) []string {
	var out []string
	for _, e := range ex {
		if e.Head != head {
			continue
		}
		var fs []string
		for _, c := range e.Features {
			fs = append(fs, fmt.Sprintf("%s %+.2f", c.Feature, c.Effect))
		}
		out = append(out, fmt.Sprintf("%s: %s", e.Decision, strings.Join(fs, ", ")))
		if len(e.Sentences) > 0 {
			s := e.Sentences[0]
			out = append(out, fmt.Sprintf("%s: removing %q lowers its probability by %.2f", e.Decision, clip(s.Sentence, 140), s.Effect))
		}
	}
	return out
}

// fill lists the report's per-article predictions, with the evidence
// gathered by explain.
func (o *evalOutput) fill(rep *eval.Report, ds *classifier.Dataset) {
	rep.Articles = eval.Articles(ds, rep.Predictions)
	for i := range rep.Articles {
		a := &rep.Articles[i]
		for j := range a.Heads {
			a.Heads[j].Evidence = o.evidence[a.Row][a.Heads[j].Head]
		}
	}
}

// write writes the HTML report (--html), then the report on standard
// output as text or JSON, with the wrong predictions under --errors.
func (c *evalCmd) write(e *env, rep *eval.Report) error {
	if c.o.html != "" {
		var b bytes.Buffer
		if err := report.Write(&b, rep); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(c.o.html, b.Bytes()); err != nil {
			return err
		}
	}
	if c.o.errors {
		if c.asJSON {
			var wrong []eval.ArticlePrediction
			for _, a := range rep.Articles {
				if a.Wrong() {
					wrong = append(wrong, a)
				}
			}
			rep.Articles = wrong
		} else {
			if err := rep.WriteText(e.stdout); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "\n== wrong predictions")
			return eval.WriteErrors(e.stdout, rep.Articles)
		}
	}
	if c.asJSON {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout)
}
