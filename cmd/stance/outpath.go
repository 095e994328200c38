package main

import (
	"os"

	"github.com/stance-project/stance/internal/atomicfile"
)

// checkOutput enforces the rules for an output path before any work: it
// must be a regular file or absent (symlinks followed), and never one of
// the command's own inputs. "-" (standard output) and "" pass.
func checkOutput(out string, inputs ...string) error {
	if out == "" || out == "-" {
		return nil
	}
	target, err := atomicfile.Resolve(out)
	if err != nil {
		return err
	}
	ost, err := os.Stat(target)
	if err != nil {
		return nil // absent: it cannot be an input
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(ost, ist) {
			return usagef("-o %s is the same file as the input %s; write the output elsewhere", out, in)
		}
	}
	return nil
}
