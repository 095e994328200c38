package features

import (
	"math"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// Hashing: every feature is a 64-bit key mixed with the seed of its kind
// (mix) and masked into Config.Buckets (bucket). Context words of a head
// use the kind's seed XORed with the head's seed (Featurizer.headSeed), so
// each head has its own; fixed features (fixedKeys: counts, cues,
// mentions, sentiment) hash their names and use seedCue. Changing a seed
// changes every trained model.

// Seeds that keep feature kinds apart in the hash space.
const (
	seedUni uint64 = 0xf2a74de452e6b438
	seedBi  uint64 = 0x6513270e269e0d37
	seedL   uint64 = 0x0c5c7fd0a6a3a450
	seedR   uint64 = 0xd23f0824128b2f33
	seedL1  uint64 = 0x1818e811892f902b
	seedR1  uint64 = 0x9531985d5d9dc9f8
	seedLB  uint64 = 0xe8e25d940ed90475
	seedRB  uint64 = 0x36f675cc81e74ef5
	seedS   uint64 = 0x1600a35a099950d8
	seedSB  uint64 = 0x6b0d549b6f03675a
	seedC   uint64 = 0x3d9c172411e20b8f
	seedCN  uint64 = 0x8d116ece1738f7d9
	seedCue uint64 = 0x0f21ddb66cad4a26
	seedOW  uint64 = 0x5be0cd19137e2179
)

// seedNames names the kinds, for RecordNames (see the grammar in doc.go).
var seedNames = map[uint64]string{
	seedUni: "word", seedBi: "bigram", seedL: "left", seedR: "right", seedL1: "left1", seedR1: "right1",
	seedLB: "left2", seedRB: "right2", seedS: "sent", seedSB: "sent2", seedC: "clause", seedCN: "clause-neg",
	seedCue: "cue", seedOW: "own-win", seedPre: "prefix",
}

// mix hashes key h with seed s (splitmix64's finaliser).
func mix(h, s uint64) uint64 {
	h ^= s
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return h
}

// bucket reduces a mixed hash to a bucket (Buckets is a power of two).
func (f *Featurizer) bucket(id uint64) uint32 { return uint32(id & uint64(f.cfg.Buckets-1)) }

func (f *Featurizer) add(idx uint32, v float32) {
	f.work++
	f.acc.add(idx, v)
}

// accum sums values by feature index within one block. It is a small
// open-addressing table, sized to the block rather than to the bucket
// space, so it stays in the L1 cache; entries keep insertion order.
//
// A slot is in use when its stamp is the table's current stamp, so reset
// empties the table by moving to the next stamp, where it used to probe
// every entry again to clear its slot (a block is reset after every
// flush, some hundred times an article).
type accum struct {
	slots []accSlot
	idx   []uint32
	val   []float32
	mask  uint32
	stamp uint32 // the current stamp; from 1
}

type accSlot struct {
	stamp uint32 // in use when equal to accum.stamp
	at    int32  // index into idx/val
}

func (a *accum) add(i uint32, v float32) {
	if len(a.idx)*2 >= len(a.slots) {
		a.grow()
	}
	h := (i * 0x9E3779B1) & a.mask
	for {
		s := &a.slots[h]
		if s.stamp != a.stamp {
			s.stamp, s.at = a.stamp, int32(len(a.idx))
			a.idx = append(a.idx, i)
			a.val = append(a.val, v)
			return
		}
		if a.idx[s.at] == i {
			a.val[s.at] += v
			return
		}
		h = (h + 1) & a.mask
	}
}

func (a *accum) grow() {
	n := max(1024, 2*len(a.slots))
	a.slots = make([]accSlot, n)
	a.stamp = 1
	a.mask = uint32(n - 1)
	for s, i := range a.idx {
		h := (i * 0x9E3779B1) & a.mask
		for a.slots[h].stamp == a.stamp {
			h = (h + 1) & a.mask
		}
		a.slots[h] = accSlot{a.stamp, int32(s)}
	}
}

func (a *accum) reset() {
	a.stamp++
	if a.stamp == 0 { // wrapped: no slot may keep an old stamp
		clear(a.slots)
		a.stamp = 1
	}
	a.idx = a.idx[:0]
	a.val = a.val[:0]
}

// flush moves the accumulated block into dst. With sublinear, counts c
// become 1+ln(c) (c >= 1); with norm, the block is scaled to unit length.
func (f *Featurizer) flush(dst *Sparse, sublinear, norm bool) {
	a := &f.acc
	if len(a.idx) == 0 {
		return
	}
	ss := float64(0)
	for k, v := range a.val {
		if sublinear && v > 1 {
			v = 1 + float32(math.Log(float64(v)))
			a.val[k] = v
		}
		ss += float64(v) * float64(v)
	}
	scale := float32(1)
	if norm && ss > 0 {
		scale = float32(1 / math.Sqrt(ss))
	}
	dst.Idx = append(dst.Idx, a.idx...)
	for _, v := range a.val {
		dst.Val = append(dst.Val, v*scale)
	}
	a.reset()
}

func (f *Featurizer) name(idx uint32, n string) {
	if _, ok := f.names[idx]; !ok {
		f.names[idx] = n
	}
}

// term returns the hash a token stands for in head-scoped features: the
// placeholder for a mention, else its own.
func (f *Featurizer) term(i int, own int) uint64 {
	m := f.isMen[i]
	if m == 0 {
		return f.toks[i].Hash
	}
	if int(m-1) == own {
		return f.tHash
	}
	if int(m-1) < len(f.otherHash) {
		return f.otherHash[m-1]
	}
	return f.tHash
}

func (f *Featurizer) termText(i int, own int) string {
	m := f.isMen[i]
	if m == 0 {
		return string(f.toks[i].Term)
	}
	if int(m-1) == own {
		return "<t>"
	}
	if int(m-1) < len(f.targets) {
		return "<o:" + strings.ToLower(f.targets[m-1].Name) + ">"
	}
	return "<t>"
}

func (f *Featurizer) addTerm(seed uint64, i int, own int, w float32, prefix string) {
	idx := f.bucket(mix(f.term(i, own), seed))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, prefix+seedNames[seed^f.headSeedOf(prefix)]+":"+f.termText(i, own))
	}
}

func (f *Featurizer) addBigram(seed uint64, i, j int, own int, w float32, prefix string) {
	idx := f.bucket(mix(f.term(i, own)*31+f.term(j, own), seed))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, prefix+seedNames[seed^f.headSeedOf(prefix)]+":"+f.termText(i, own)+" "+f.termText(j, own))
	}
}

// headSeedOf recovers the head seed from a name prefix, for naming only.
func (f *Featurizer) headSeedOf(prefix string) uint64 {
	if prefix == "" {
		return 0
	}
	for h, hd := range f.schema.Heads {
		if prefix == hd.Name+"." {
			return f.headSeed[h]
		}
	}
	return 0
}

func (f *Featurizer) addKey(key uint64, w float32, name string) {
	idx := f.bucket(mix(key, seedCue))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, name)
	}
}

func keyOf(s string) uint64 { return xxhash.Sum64String(s) }
