package active

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
)

// Vector is a sparse term vector: bucket indices in increasing order and
// their values.
type Vector struct {
	Idx []uint32
	Val []float32
}

// Cosine is the dot product of two vectors; for L2-normalised vectors
// (as Vectorizer makes) it is their cosine similarity.
func Cosine(a, b Vector) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a.Idx) && j < len(b.Idx) {
		switch {
		case a.Idx[i] < b.Idx[j]:
			i++
		case a.Idx[i] > b.Idx[j]:
			j++
		default:
			s += float64(a.Val[i]) * float64(b.Val[j])
			i++
			j++
		}
	}
	return s
}

// Buckets is the number of hash buckets of a term vector.
const Buckets = 1 << 18

// Vectorizer makes TF-IDF term vectors with document frequencies from a
// pool of texts. Terms are lower-cased runs of letters and digits of at
// least three characters, hashed into Buckets.
type Vectorizer struct {
	df map[uint32]int
	n  int
}

// NewVectorizer counts document frequencies over texts.
func NewVectorizer(texts []string) *Vectorizer {
	v := &Vectorizer{df: map[uint32]int{}, n: len(texts)}
	for _, t := range texts {
		for b := range terms(t) {
			v.df[b]++
		}
	}
	return v
}

// Vector returns text's vector: (1 + ln tf) × ln((1 + n) / (1 + df)) + 1
// per term (the smoothed IDF of scikit-learn's TfidfVectorizer), scaled
// to unit length. A text with no terms gives an empty vector.
func (v *Vectorizer) Vector(text string) Vector {
	tf := terms(text)
	out := Vector{Idx: make([]uint32, 0, len(tf))}
	for b := range tf {
		out.Idx = append(out.Idx, b)
	}
	slices.Sort(out.Idx)
	out.Val = make([]float32, len(out.Idx))
	norm := 0.0
	for k, b := range out.Idx {
		idf := math.Log(float64(1+v.n)/float64(1+v.df[b])) + 1
		x := (1 + math.Log(float64(tf[b]))) * idf
		out.Val[k] = float32(x)
		norm += x * x
	}
	if norm > 0 {
		inv := 1 / math.Sqrt(norm)
		for k := range out.Val {
			out.Val[k] = float32(float64(out.Val[k]) * inv)
		}
	}
	return out
}

// terms counts text's hashed terms.
func terms(text string) map[uint32]int {
	out := map[uint32]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) < 3 {
			continue
		}
		out[uint32(xxhash.Sum64String(w)%Buckets)]++
	}
	return out
}
