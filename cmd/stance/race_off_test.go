//go:build !race

package main

// raceEnabled scales the big-input tests down under the race detector,
// which runs them about ten times slower.
const raceEnabled = false
