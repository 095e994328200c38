package main

import (
	"os"
	"runtime/debug"
)

// scoreGCPercent is the garbage collector's target while `score` runs:
// the heap may grow by half its live size between collections, not by
// all of it (Go's default, GOGC=100). The scorer's live heap is about
// 33 MB (the model, the word vectors' index, the vocabulary); at the
// default the heap grew to twice that and the process peaked at 97-100
// MiB, at the memory target's bound; at 50 it peaks at about 81 MiB, with
// the same CPU time within the noise (README, Benchmarks), since the
// scoring loop allocates almost nothing.
const scoreGCPercent = 50

// lowerGC sets scoreGCPercent unless the user set GOGC, and returns the
// function that restores the previous setting (run runs in-process in
// tests).
func lowerGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(scoreGCPercent)
	return func() { debug.SetGCPercent(old) }
}
