// Package folds splits rows into cross-validation folds, once for the
// whole module: classifier chooses thresholds on stratified folds of the
// training rows, and eval cross-validates on stratified or grouped folds.
//
// A Fold lists row indices, in ascending order; every row is in exactly
// one of Train and Test. The splits are deterministic: the same labels,
// k and seed give the same folds on every platform.
package folds

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// Fold is one split: train on Train, test on Test.
type Fold struct {
	Train, Test []int
}

// Stratified splits rows with class labels y into k folds: each class's
// rows are shuffled with seed and dealt round-robin, continuing from where
// the previous class stopped (classes in ascending order), so fold sizes
// differ by at most one and each class is spread evenly. Any int is a
// class, -1 (unlabelled) included. It panics if k < 2.
func Stratified(y []int, k int, seed uint64) []Fold {
	if k < 2 {
		panic("folds: Stratified needs k >= 2")
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	byClass := map[int][]int{}
	var classes []int
	for i, c := range y {
		if _, ok := byClass[c]; !ok {
			classes = append(classes, c)
		}
		byClass[c] = append(byClass[c], i)
	}
	slices.Sort(classes)
	fold := make([]int, len(y)) // row → the fold that tests it
	pos := 0
	for _, c := range classes {
		idx := byClass[c]
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for _, i := range idx {
			fold[i] = pos % k
			pos++
		}
	}
	out := make([]Fold, k)
	for i, f := range fold {
		for g := range out {
			if g == f {
				out[g].Test = append(out[g].Test, i)
			} else {
				out[g].Train = append(out[g].Train, i)
			}
		}
	}
	return out
}

// ByGroup makes one fold per distinct group (leave-one-group-out), in
// sorted group order, so each fold tests on a group it did not train on.
// Rows whose group is "" are in no fold's Test but in every fold's Train.
// It returns the group of each fold.
func ByGroup(groups []string) ([]Fold, []string, error) {
	names := slices.Clone(groups)
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) > 0 && names[0] == "" {
		names = names[1:]
	}
	if len(names) < 2 {
		return nil, nil, fmt.Errorf("grouped cross-validation needs at least 2 groups, found %d", len(names))
	}
	out := make([]Fold, len(names))
	for f, g := range names {
		for i, x := range groups {
			if x == g {
				out[f].Test = append(out[f].Test, i)
			} else {
				out[f].Train = append(out[f].Train, i)
			}
		}
	}
	return out, names, nil
}

// GroupK splits rows into k folds by group, keeping every group whole (no
// group in two folds' Test), as scikit-learn's GroupKFold does: groups,
// largest first (ties broken by a shuffle with seed), each go to the fold
// with the fewest test rows so far. Rows whose group is "" are in every
// fold's Train and no fold's Test. It fails when there are fewer than k
// groups.
func GroupK(groups []string, k int, seed uint64) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("grouped k-fold needs k >= 2, got %d", k)
	}
	size := map[string]int{}
	var names []string
	for _, g := range groups {
		if g == "" {
			continue
		}
		if size[g] == 0 {
			names = append(names, g)
		}
		size[g]++
	}
	if len(names) < k {
		return nil, fmt.Errorf("%d groups for %d folds; use at most %d folds", len(names), k, len(names))
	}
	slices.Sort(names)
	rng := rand.New(rand.NewPCG(seed, 0x6b0f))
	rng.Shuffle(len(names), func(a, b int) { names[a], names[b] = names[b], names[a] })
	slices.SortStableFunc(names, func(a, b string) int { return size[b] - size[a] })
	load := make([]int, k)
	foldOf := map[string]int{}
	for _, g := range names {
		f := 0
		for j := 1; j < k; j++ {
			if load[j] < load[f] {
				f = j
			}
		}
		foldOf[g] = f
		load[f] += size[g]
	}
	out := make([]Fold, k)
	for i, g := range groups {
		for f := range out {
			if g != "" && foldOf[g] == f {
				out[f].Test = append(out[f].Test, i)
			} else {
				out[f].Train = append(out[f].Train, i)
			}
		}
	}
	return out, nil
}
