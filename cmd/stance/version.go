package main

import (
	"fmt"
	"runtime/debug"

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
	writeInfo(e.stdout, infoOf("the embedded default model", m))
	if vec, err := features.DefaultVectors(); err == nil {
		fmt.Fprintf(e.stdout, "word vectors: %s, %d words; %s\n", vec.Header.Source, vec.Len(), vec.Header.License)
	}
	return nil
}
