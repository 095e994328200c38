package folds

import (
	"slices"
	"testing"
)

// Every row is tested exactly once, Train and Test partition the rows,
// fold sizes differ by at most one, and each class is spread evenly.
func TestStratified(t *testing.T) {
	y := []int{0, 0, 0, 0, 0, 0, 1, 1, 1, -1, -1, 2}
	fs := Stratified(y, 3, 7)
	if len(fs) != 3 {
		t.Fatalf("%d folds, want 3", len(fs))
	}
	tested := make([]int, len(y))
	for f, fold := range fs {
		if len(fold.Train)+len(fold.Test) != len(y) {
			t.Errorf("fold %d: %d train + %d test rows, want %d", f, len(fold.Train), len(fold.Test), len(y))
		}
		if !slices.IsSorted(fold.Train) || !slices.IsSorted(fold.Test) {
			t.Errorf("fold %d: rows not in ascending order", f)
		}
		if n := len(fold.Test); n != 4 {
			t.Errorf("fold %d: %d test rows, want 4 (12 rows in 3 folds)", f, n)
		}
		zeros := 0
		for _, i := range fold.Test {
			tested[i]++
			if y[i] == 0 {
				zeros++
			}
		}
		if zeros != 2 {
			t.Errorf("fold %d: %d rows of class 0, want 2 (6 in 3 folds)", f, zeros)
		}
	}
	for i, n := range tested {
		if n != 1 {
			t.Errorf("row %d tested %d times, want once", i, n)
		}
	}
	if again := Stratified(y, 3, 7); !slices.EqualFunc(again, fs, func(a, b Fold) bool {
		return slices.Equal(a.Train, b.Train) && slices.Equal(a.Test, b.Test)
	}) {
		t.Error("same seed, different folds")
	}
}

func TestByGroup(t *testing.T) {
	fs, names, err := ByGroup([]string{"wire", "israel", "wire", "", "az"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"az", "israel", "wire"}; !slices.Equal(names, want) {
		t.Fatalf("groups %v, want %v", names, want)
	}
	if got := fs[2].Test; !slices.Equal(got, []int{0, 2}) {
		t.Errorf("wire fold tests %v, want [0 2]", got)
	}
	if got := fs[0].Train; !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("az fold trains on %v, want [0 1 2 3] (the ungrouped row included)", got)
	}
	if _, _, err := ByGroup([]string{"a", "a", ""}); err == nil {
		t.Error("one group: no error")
	}
}

// 100 rows, 20 positive, in 5 folds: 20 rows and 4 positives each (moved
// from classifier's TestFolds, where the masks lived).
func TestStratifiedBalance(t *testing.T) {
	y := make([]int, 100)
	for i := range 20 {
		y[i] = 1
	}
	for f, fold := range Stratified(y, 5, 7) {
		pos := 0
		for _, i := range fold.Test {
			pos += y[i]
		}
		if len(fold.Test) != 20 || pos != 4 {
			t.Errorf("fold %d: %d rows, %d positive; want 20 and 4", f, len(fold.Test), pos)
		}
	}
}

// Every group is tested in exactly one fold and never trained on there;
// rows without a group are always trained on; loads are balanced.
func TestGroupK(t *testing.T) {
	groups := []string{"a", "a", "a", "b", "b", "c", "d", "d", "", "e", "f", "f", ""}
	fs, err := GroupK(groups, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]int{}
	for f, fold := range fs {
		inTest := map[string]bool{}
		for _, i := range fold.Test {
			if groups[i] == "" {
				t.Fatalf("fold %d tests a row with no group", f)
			}
			inTest[groups[i]] = true
		}
		for _, i := range fold.Train {
			if inTest[groups[i]] {
				t.Fatalf("fold %d trains and tests group %q", f, groups[i])
			}
		}
		for g := range inTest {
			tested[g]++
		}
		if len(fold.Train)+len(fold.Test) != len(groups) {
			t.Fatalf("fold %d does not cover every row", f)
		}
		if n := len(fold.Test); n < 3 || n > 4 {
			t.Errorf("fold %d tests %d rows; 11 grouped rows in 3 folds should give 3 or 4", f, n)
		}
	}
	for _, g := range []string{"a", "b", "c", "d", "e", "f"} {
		if tested[g] != 1 {
			t.Errorf("group %q tested in %d folds", g, tested[g])
		}
	}
	again, _ := GroupK(groups, 3, 1)
	if !slices.EqualFunc(fs, again, func(x, y Fold) bool { return slices.Equal(x.Test, y.Test) }) {
		t.Fatal("same seed, different folds")
	}
	if _, err := GroupK(groups, 7, 1); err == nil {
		t.Fatal("7 folds for 6 groups accepted")
	}
}
