package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/features"
)

func runVersion(e *env, args []string) error {
	fs := newFlags(e, "version")
	pos, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments, got %q", pos[0])
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	fmt.Fprintf(e.stdout, "stance %s, model format %d\n", v, classifier.FormatVersion)
	m, err := loadModel("")
	if err != nil {
		return err
	}
	var heads []string
	for i, h := range m.Schema.Heads {
		heads = append(heads, fmt.Sprintf("%s (%d labelled)", h.Name, m.Heads[i].N))
	}
	fmt.Fprintf(e.stdout, "default model: schema %s; %s; features %s\n", m.Schema.Name, strings.Join(heads, ", "), strings.Join(m.Features.Groups, ","))
	if d := m.Data; d != nil {
		fmt.Fprintf(e.stdout, "trained on: %s\n", strings.Join(d.Sources, "; "))
		if d.Calibration != "" {
			fmt.Fprintf(e.stdout, "calibration: %s\n", d.Calibration)
		}
	}
	if vec, err := features.DefaultVectors(); err == nil {
		fmt.Fprintf(e.stdout, "word vectors: %s, %d words; %s\n", vec.Header.Source, vec.Len(), vec.Header.License)
	}
	return nil
}
