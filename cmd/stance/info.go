package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/stance-project/stance/classifier"
)

const infoExample = `  stance info my.stance
  stance info --json my.stance
  stance info                      # the embedded default model`

// modelInfo is what `stance info` shows of a model file.
type modelInfo struct {
	Model         string        `json:"model"`
	SHA256        string        `json:"sha256"`
	FormatVersion int           `json:"format_version"`
	Schema        string        `json:"schema"`
	Heads         []headInfo    `json:"heads"`
	Features      featureInfo   `json:"features"`
	Settings      settingsInfo  `json:"settings"`
	Training      *trainingInfo `json:"training,omitempty"`
	// Calibration says how the temperatures were fitted and what they
	// measured (expected calibration error before and after).
	Calibration string `json:"calibration,omitempty"`
}

type headInfo struct {
	Name    string   `json:"name"`
	Multi   bool     `json:"multi"`
	Values  []string `json:"values"`
	Target  string   `json:"target,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Trained bool     `json:"trained"`
	// Labelled is the number of articles the head was trained on, Counts
	// the training labels per value.
	Labelled int            `json:"labelled"`
	Counts   map[string]int `json:"counts"`
	// Thresholds are a multi-label head's decision thresholds per value.
	Thresholds  map[string]float32 `json:"thresholds,omitempty"`
	Temperature float64            `json:"temperature,omitempty"`
}

type featureInfo struct {
	Groups  []string `json:"groups"`
	Buckets int      `json:"buckets"`
	Window  int      `json:"window"`
}

type settingsInfo struct {
	Algo           string   `json:"algo"`
	L2             float64  `json:"l2"`
	MaxIter        int      `json:"max_iter"`
	ClassWeight    string   `json:"class_weight"`
	Seed           uint64   `json:"seed"`
	ThresholdFolds int      `json:"threshold_folds"`
	Languages      []string `json:"languages"`
	// Net is the attention network's settings (algorithms neural and
	// ensemble).
	Net *classifier.NetConfig `json:"net,omitempty"`
}

type trainingInfo struct {
	Sources      []string `json:"sources"`
	Fingerprints int      `json:"fingerprints"`
}

func infoOf(name string, m *loadedModel) *modelInfo {
	in := &modelInfo{Model: name, SHA256: m.sum, FormatVersion: int(m.Version()), Schema: m.Schema.Name,
		Features: featureInfo{m.Features.Groups, m.Features.Buckets, m.Features.Window}}
	tc := m.Train
	langs := tc.Languages
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	in.Settings = settingsInfo{tc.Algo, tc.L2, tc.MaxIter, tc.ClassWeight, tc.Seed, tc.ThresholdFolds, langs, tc.Net}
	for i, h := range m.Schema.Heads {
		hm := m.Heads[i]
		hi := headInfo{Name: h.Name, Multi: h.Multi, Values: h.Values, Trained: hm.Trained, Labelled: hm.N, Counts: map[string]int{}, Temperature: hm.Temperature}
		if h.Target != nil {
			hi.Target, hi.Aliases = h.Target.Name, h.Target.Aliases
		}
		for v, c := range hm.Counts {
			if v < len(h.Values) {
				hi.Counts[h.Values[v]] = c
			}
		}
		if h.Multi && len(hm.Thresholds) == len(h.Values) {
			hi.Thresholds = map[string]float32{}
			for v, t := range hm.Thresholds {
				hi.Thresholds[h.Values[v]] = t
			}
		}
		in.Heads = append(in.Heads, hi)
	}
	if d := m.Data; d != nil {
		in.Training = &trainingInfo{Sources: d.Sources, Fingerprints: len(d.Fingerprints)}
		in.Calibration = d.Calibration
	}
	return in
}

func runInfo(e *env, args []string) error {
	fs := newFlags(e, "info")
	asJSON := fs.Bool("json", false, "write JSON instead of text")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("info takes one model file, got %d arguments", len(pos))
	}
	path, name := "", "the embedded default model"
	if len(pos) == 1 {
		path, name = pos[0], pos[0]
	}
	m, err := loadModel(path)
	if err != nil {
		return err
	}
	in := infoOf(name, m)
	if *asJSON {
		b, err := json.MarshalIndent(in, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	writeInfo(e.stdout, in)
	return nil
}

// writeInfo writes a model's description as text.
func writeInfo(w io.Writer, in *modelInfo) {
	fmt.Fprintf(w, "model: %s (format %d, sha256 %s)\n", in.Model, in.FormatVersion, in.SHA256[:16])
	fmt.Fprintf(w, "schema: %s\n", in.Schema)
	for _, h := range in.Heads {
		kind := "one of"
		if h.Multi {
			kind = "any of"
		}
		target := ""
		if h.Target != "" {
			target = fmt.Sprintf("; target %s (%s)", h.Target, strings.Join(h.Aliases, ", "))
		}
		fmt.Fprintf(w, "  %-12s %s %s%s\n", h.Name, kind, strings.Join(h.Values, ", "), target)
	}
	fmt.Fprintf(w, "features: %s; %d hash buckets; context window %d tokens\n", strings.Join(in.Features.Groups, ", "), in.Features.Buckets, in.Features.Window)
	s := in.Settings
	fmt.Fprintf(w, "settings: %s, L2 %g, at most %d iterations, class weights %s, seed %d, threshold folds %d, languages %s\n",
		s.Algo, s.L2, s.MaxIter, s.ClassWeight, s.Seed, s.ThresholdFolds, strings.Join(s.Languages, ", "))
	if n := s.Net; n != nil {
		fmt.Fprintf(w, "attention network: per-token layer %d wide over %d words, %d heads, MLP %d, %d epochs, Adam step %g, batch %d, dropout %g, L2 %g; weight %g in the mix with the linear model\n",
			n.Hidden, n.Window, n.Heads, n.MLP, n.Epochs, n.Rate, n.Batch, n.Dropout, n.L2, n.Weight)
	}
	fmt.Fprintln(w, "training data:")
	if t := in.Training; t != nil {
		for _, src := range t.Sources {
			fmt.Fprintf(w, "  source: %s\n", src)
		}
		fmt.Fprintf(w, "  %d distinct training texts fingerprinted (to recognise them when evaluating)\n", t.Fingerprints)
	} else {
		fmt.Fprintln(w, "  not recorded (a model from before format version 2)")
	}
	for _, h := range in.Heads {
		if !h.Trained {
			fmt.Fprintf(w, "  %-12s not trained (no labels)\n", h.Name)
			continue
		}
		var parts []string
		for _, v := range h.Values {
			p := fmt.Sprintf("%s %d", v, h.Counts[v])
			if t, ok := h.Thresholds[v]; ok {
				p += fmt.Sprintf(" (threshold %.2f)", t)
			}
			parts = append(parts, p)
		}
		fmt.Fprintf(w, "  %-12s %d labelled: %s\n", h.Name, h.Labelled, strings.Join(parts, ", "))
	}
	var temps []string
	for _, h := range in.Heads {
		if h.Temperature != 0 {
			temps = append(temps, fmt.Sprintf("%s T=%.3f", h.Name, h.Temperature))
		}
	}
	if len(temps) == 0 {
		fmt.Fprintln(w, "calibration: none (probabilities as trained)")
	} else {
		fmt.Fprintf(w, "calibration temperatures: %s\n", strings.Join(temps, ", "))
	}
	if in.Calibration != "" {
		fmt.Fprintf(w, "measured at training time: %s\n", in.Calibration)
	}
}
