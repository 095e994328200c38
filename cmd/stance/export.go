package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/internal/atomicfile"
	"github.com/stance-project/stance/labels"
)

const exportExample = `  stance export --label-studio -o tasks.json --config config.xml articles/
  stance train --from default --corpus articles/ --labels label-studio-export.json -o adapted.stance`

// exportOpts are export's flags.
type exportOpts struct {
	labelStudio bool
	model       string
	out, config string
}

func runExport(e *env, args []string) error {
	fs := newFlags(e, "export")
	var o exportOpts
	fs.BoolVar(&o.labelStudio, "label-studio", false, "write Label Studio tasks (JSON) with the model's predictions as pre-annotations (required: the only format so far)")
	fs.StringVar(&o.model, "model", "", "model whose predictions pre-annotate the tasks (default: the embedded model)")
	fs.StringVar(&o.out, "o", "", "write the tasks to this file (default: standard output)")
	fs.StringVar(&o.config, "config", "", "also write the Label Studio labelling config (XML, one Choices control per head) to this file")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	switch {
	case !o.labelStudio:
		return usagef("export needs --label-studio (the only export format)")
	case len(pos) == 0:
		return usagef("export needs at least one input: a directory, a .txt or .jsonl file, or - for standard input")
	case o.config != "" && o.config == o.out:
		return usagef("--config and -o name the same file")
	}
	if o.out == "-" {
		o.out = ""
	}
	for _, p := range []string{o.out, o.config} {
		if err := checkOutput(p, append(pos, o.model)...); err != nil {
			return err
		}
	}
	m, err := loadModel(o.model)
	if err != nil {
		return err
	}
	arts, err := labels.ReadAll(pos, labels.Options{Warn: warner(e), Stdin: e.stdin})
	if err != nil {
		return err
	}
	sm, err := stance.New(m.Model)
	if err != nil {
		return err
	}
	version := "stance default model"
	if o.model != "" {
		version = "stance " + filepath.Base(o.model)
	}
	version += " " + m.sum[:12]
	tasks, err := interruptible(e.ctx(), "exporting", func() ([]labels.LSTask, error) {
		w := sm.NewWorker()
		out := make([]labels.LSTask, 0, len(arts))
		for _, a := range arts {
			if e.ctx().Err() != nil {
				return nil, e.ctx().Err()
			}
			out = append(out, labelStudioTask(a, w.Score(a), version))
		}
		return out, nil
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(tasks); err != nil {
		return err
	}
	if o.config != "" {
		if err := atomicfile.WriteFile(o.config, []byte(labels.LabelStudioConfig(m.Schema))); err != nil {
			return err
		}
	}
	if o.out == "" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := atomicfile.WriteFile(o.out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d Label Studio tasks to %s", len(tasks), o.out)
	if o.config != "" {
		fmt.Fprintf(e.stderr, " and the labelling config to %s", o.config)
	}
	fmt.Fprintln(e.stderr)
	return nil
}

// labelStudioTask is article a as a Label Studio task: its id, text and
// string metadata as data, and the model's labels as one prediction whose
// score is the mean, over heads, of the probability of what it chose (for
// a multi-label head, the mean probability of its decisions), so that
// Label Studio can sort the least certain tasks first.
func labelStudioTask(a *labels.Article, r stance.Result, version string) labels.LSTask {
	data := map[string]any{"id": a.ID, labels.LSTextName: a.Text}
	for _, m := range a.Meta {
		if v, ok := m.String(); ok && m.Key != "id" && m.Key != labels.LSTextName {
			data[m.Key] = v
		}
	}
	t := labels.LSTask{Data: data}
	if !r.Scored {
		return t
	}
	p := labels.LSPrediction{ModelVersion: version}
	heads := 0
	for _, h := range r.Heads {
		if len(h.Probs) == 0 {
			continue
		}
		var choices []string
		conf := 0.0
		if h.Label != "" {
			choices = []string{h.Label}
			for _, pr := range h.Probs {
				if pr.Value == h.Label {
					conf = pr.P
				}
			}
		} else {
			choices = append(choices, h.Labels...)
			for _, pr := range h.Probs {
				if strings.Contains(";"+strings.Join(h.Labels, ";")+";", ";"+pr.Value+";") {
					conf += pr.P
				} else {
					conf += 1 - pr.P
				}
			}
			conf /= float64(len(h.Probs))
		}
		heads++
		p.Score += conf
		if len(choices) == 0 {
			continue // Label Studio has no empty choice; no item means none
		}
		sc := round3(conf)
		p.Result = append(p.Result, labels.LSResult{ID: a.ID + "/" + h.Head, FromName: h.Head, ToName: labels.LSTextName, Type: "choices",
			Value: labels.LSValue{Choices: choices}, Score: &sc})
	}
	if heads > 0 {
		p.Score = round3(p.Score / float64(heads))
	}
	t.Predictions = []labels.LSPrediction{p}
	return t
}

func round3(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}
