package sentiment

import (
	"math"
	"testing"
)

// The scorer returns a probability distribution, and a clone scores the
// same sentence the same way.
func TestScoreMention(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sentence := "Iran condemned the deal and warned Azerbaijan against hosting Israeli forces."
	span := [2]int{0, 4} // "Iran"
	neg, neu, pos := s.ScoreMention(sentence, span)
	if sum := neg + neu + pos; math.Abs(sum-1) > 1e-9 {
		t.Errorf("probabilities %v %v %v sum to %v, want 1", neg, neu, pos, sum)
	}
	n2, u2, p2 := s.Clone().ScoreMention(sentence, span)
	if n2 != neg || u2 != neu || p2 != pos {
		t.Errorf("clone: %v %v %v, want %v %v %v", n2, u2, p2, neg, neu, pos)
	}
}
