package features

import (
	"os"
	"strconv"
	"strings"
)

var bytScale = func() float32 {
	v, err := strconv.ParseFloat(os.Getenv("STANCE_BYT_SCALE"), 32)
	if err != nil {
		return 1
	}
	return float32(v)
}()

// byTargetGroup conditions the sparse features on a stance example's own
// target: it repeats every sparse feature the other groups emitted for the
// example (the article-wide n-grams and the head's target-scoped features)
// as a conjunction with the target's name, in buckets of their own. A
// model trained with it has a shared part (the plain features, one weight
// for every target) and a per-target part (the conjunctions): a target
// with many examples learns its own vocabulary, while a rare or unseen
// target has few or no trained conjunction weights and falls back to the
// shared ones. It reads only the target's name, so it works whether or not
// the text names the target.
//
// It does nothing for schema heads (they have one model each already) and
// must run after every other group (groupsOf puts it last).
type byTargetGroup struct{}

func (byTargetGroup) article(*Featurizer, *Doc) {}

func (byTargetGroup) head(f *Featurizer, s *headScope, d *Doc) {
	if s.schemaTarget || f.exKey == 0 {
		return
	}
	dst := &d.Heads[s.head]
	nh := len(dst.Idx)
	f.conjoin(dst, d.Shared.Idx, d.Shared.Val)
	f.conjoin(dst, dst.Idx[:nh], dst.Val[:nh])
}

// conjoin appends to dst the conjunction of each feature in (idx, val) with
// the example's target, at the same value.
func (f *Featurizer) conjoin(dst *Sparse, idx []uint32, val []float32) {
	for k, i := range idx {
		j := f.bucket(mix(uint64(i)+1, f.exKey))
		f.work++
		dst.Idx = append(dst.Idx, j)
		dst.Val = append(dst.Val, val[k]*bytScale)
		if f.names != nil {
			f.name(j, "@"+f.exName+":"+f.names[i])
		}
	}
}

// exampleKey is the hash of a stance example's target name for
// byTargetGroup (case and surrounding space ignored), and the name as
// shown in explanations.
func exampleKey(target string) (uint64, string) {
	t := strings.ToLower(strings.Join(strings.Fields(target), " "))
	if t == "" {
		return 0, ""
	}
	return keyOf("target-conjunction:" + t), t
}
