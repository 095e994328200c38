package main

import (
	"runtime/debug"
	"testing"
)

// score lowers the GC target to scoreGCPercent and puts it back after,
// unless the user chose one with GOGC.
func TestLowerGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	t.Setenv("GOGC", "")
	restore := lowerGC()
	during := debug.SetGCPercent(scoreGCPercent) // reads the setting
	restore()
	after := debug.SetGCPercent(100)
	if during != scoreGCPercent || after != 100 {
		t.Errorf("GC percent during score %d, after %d; want %d, 100", during, after, scoreGCPercent)
	}

	t.Setenv("GOGC", "200")
	restore = lowerGC()
	during = debug.SetGCPercent(100)
	restore()
	if during != 100 {
		t.Errorf("with GOGC set, GC percent during score %d; want it left at 100", during)
	}
}
