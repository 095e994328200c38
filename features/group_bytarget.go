package features

import "strings"

// conjScale is the value of a conjunction relative to the feature it
// copies. Under one L2 penalty a larger copy makes the per-target weights
// cheaper than the shared ones. Chosen on the pooled-target development
// set (README, "Target-conditioned learning"): macro-F1 53, 55, 58 and 56
// with 0.5, 1, 2 and 4.
const conjScale = 2

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
// the example's target, at conjScale times the value.
func (f *Featurizer) conjoin(dst *Sparse, idx []uint32, val []float32) {
	for k, i := range idx {
		j := f.bucket(mix(uint64(i)+1, f.exKey))
		f.work++
		dst.Idx = append(dst.Idx, j)
		dst.Val = append(dst.Val, val[k]*conjScale)
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
