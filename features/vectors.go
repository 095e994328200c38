package features

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// VectorMagic starts every word-vector table file.
const VectorMagic = "STVECTAB"

// VectorFormat is the table format version this package reads and writes.
const VectorFormat = 1

// VectorHeader describes a word-vector table: where it came from and how it
// is stored. It is JSON in the file.
type VectorHeader struct {
	Source   string `json:"source"`
	License  string `json:"license"`
	Words    int    `json:"words"`
	Dim      int    `json:"dim"`
	Quant    string `json:"quantization"`
	BodySHA  string `json:"body_sha256"`
	Producer string `json:"producer"`
}

// Vectors is a read-only table of quantised word vectors, looked up by the
// xxhash of a lower-case word. It is safe for concurrent use.
type Vectors struct {
	Header VectorHeader
	Dim    int
	index  sync.Once // builds slots on first lookup
	slots  []uint64  // open addressing: word hash, 0 = empty
	rows   []int32
	mask   uint64
	scale  []float32
	q      []int8
	// The words, as offsets into the table's bytes (word i is
	// wordData[wordOff[i]:wordOff[i+1]]), and q, alias the parsed bytes:
	// the embedded table is read in place rather than copied to the heap.
	wordData []byte
	wordOff  []uint32
}

//go:embed glove.vec
var embeddedTable []byte

var (
	defaultVectors     *Vectors
	defaultVectorsErr  error
	defaultVectorsOnce sync.Once
)

// DefaultVectors returns the table embedded in the binary: GloVe 6B 100-d
// (Wikipedia 2014 + Gigaword 5; PDDL), the most frequent words, int8.
func DefaultVectors() (*Vectors, error) {
	defaultVectorsOnce.Do(func() {
		defaultVectors, defaultVectorsErr = ParseVectors(embeddedTable)
	})
	return defaultVectors, defaultVectorsErr
}

// ParseVectors reads a table written by WriteVectors. The vectors alias b,
// which must not be modified afterwards.
func ParseVectors(b []byte) (*Vectors, error) {
	if len(b) < 16 || string(b[:8]) != VectorMagic {
		return nil, errors.New("features: not a word-vector table (bad magic)")
	}
	ver := binary.LittleEndian.Uint32(b[8:])
	if ver != VectorFormat {
		return nil, fmt.Errorf("features: word-vector table format %d, this program reads %d", ver, VectorFormat)
	}
	hl := int(binary.LittleEndian.Uint32(b[12:]))
	if hl > len(b)-16 {
		return nil, errors.New("features: word-vector table truncated")
	}
	var h VectorHeader
	if err := json.Unmarshal(b[16:16+hl], &h); err != nil {
		return nil, fmt.Errorf("features: word-vector header: %v", err)
	}
	body := b[16+hl:]
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != h.BodySHA {
		return nil, errors.New("features: word-vector table checksum mismatch")
	}
	v := &Vectors{Header: h, Dim: h.Dim}
	n := h.Words
	// Words are stored as a length byte and the word's bytes; keep them
	// as offsets into a copy without the length bytes.
	v.wordOff = make([]uint32, n+1)
	v.wordData = make([]byte, 0, len(body)/8)
	p := 0
	for i := 0; i < n; i++ {
		if p >= len(body) {
			return nil, errors.New("features: word-vector table truncated")
		}
		l := int(body[p])
		p++
		if p+l > len(body) {
			return nil, errors.New("features: word-vector table truncated")
		}
		v.wordData = append(v.wordData, body[p:p+l]...)
		v.wordOff[i+1] = uint32(len(v.wordData))
		p += l
	}
	if len(body)-p != n*4+n*h.Dim {
		return nil, errors.New("features: word-vector table has the wrong size")
	}
	v.scale = make([]float32, n)
	for i := range v.scale {
		v.scale[i] = math.Float32frombits(binary.LittleEndian.Uint32(body[p:]))
		p += 4
	}
	raw := body[p:]
	// int8 and byte have the same layout; the table is only read.
	v.q = unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(raw))), len(raw))
	return v, nil
}

func (v *Vectors) buildIndex() {
	size := uint64(1)
	for size < uint64(v.Len())*2 {
		size <<= 1
	}
	v.slots = make([]uint64, size)
	v.rows = make([]int32, size)
	v.mask = size - 1
	for i := 0; i < v.Len(); i++ {
		h := xxhash.Sum64(v.word(i))
		if h == 0 {
			h = 1
		}
		for j := h & v.mask; ; j = (j + 1) & v.mask {
			if v.slots[j] == 0 {
				v.slots[j] = h
				v.rows[j] = int32(i)
				break
			}
			if v.slots[j] == h {
				break // keep the more frequent word
			}
		}
	}
}

// Len returns the number of words.
func (v *Vectors) Len() int { return len(v.wordOff) - 1 }

// word returns word i's bytes (not to be modified).
func (v *Vectors) word(i int) []byte { return v.wordData[v.wordOff[i]:v.wordOff[i+1]] }

// Row returns the row of the word with the given xxhash, or -1.
func (v *Vectors) Row(hash uint64) int32 {
	v.index.Do(v.buildIndex)
	if hash == 0 {
		hash = 1
	}
	for j := hash & v.mask; ; j = (j + 1) & v.mask {
		s := v.slots[j]
		if s == hash {
			return v.rows[j]
		}
		if s == 0 {
			return -1
		}
	}
}

// Lookup returns the row of word, or -1.
func (v *Vectors) Lookup(word string) int32 { return v.Row(xxhash.Sum64String(word)) }

// AddTo adds weight times row r's vector to dst (len Dim).
func (v *Vectors) AddTo(dst []float32, r int32, weight float32) {
	q := v.q[int(r)*v.Dim : int(r+1)*v.Dim]
	s := v.scale[r] * weight
	dst = dst[:len(q)]
	i := 0
	for ; i+4 <= len(q); i += 4 {
		d := dst[i : i+4 : i+4]
		x := q[i : i+4 : i+4]
		d[0] += s * float32(x[0])
		d[1] += s * float32(x[1])
		d[2] += s * float32(x[2])
		d[3] += s * float32(x[3])
	}
	for ; i < len(q); i++ {
		dst[i] += s * float32(q[i])
	}
}

// Vector returns row r as floats.
func (v *Vectors) Vector(r int32) []float32 {
	out := make([]float32, v.Dim)
	v.AddTo(out, r, 1)
	return out
}

// WriteVectors encodes a table: words in order, each with its vector.
func WriteVectors(h VectorHeader, words []string, vecs [][]float32) ([]byte, error) {
	if len(words) != len(vecs) || len(words) == 0 {
		return nil, errors.New("features: words and vectors differ in number")
	}
	dim := len(vecs[0])
	var body bytes.Buffer
	for _, w := range words {
		if len(w) == 0 || len(w) > 255 {
			return nil, fmt.Errorf("features: word %q cannot be stored", w)
		}
		body.WriteByte(byte(len(w)))
		body.WriteString(w)
	}
	q := make([]byte, 0, len(words)*dim)
	var tmp [4]byte
	for _, vec := range vecs {
		if len(vec) != dim {
			return nil, errors.New("features: vectors differ in length")
		}
		mx := float32(0)
		for _, x := range vec {
			mx = max(mx, float32(math.Abs(float64(x))))
		}
		s := mx / 127
		if s == 0 {
			s = 1
		}
		binary.LittleEndian.PutUint32(tmp[:], math.Float32bits(s))
		body.Write(tmp[:])
		for _, x := range vec {
			q = append(q, byte(int8(math.Round(float64(x/s)))))
		}
	}
	body.Write(q)
	sum := sha256.Sum256(body.Bytes())
	h.BodySHA = hex.EncodeToString(sum[:])
	h.Words = len(words)
	h.Dim = dim
	h.Quant = "int8, one float32 scale per word (max |x| / 127)"
	hj, err := json.MarshalIndent(h, "", " ")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString(VectorMagic)
	binary.Write(&out, binary.LittleEndian, uint32(VectorFormat))
	binary.Write(&out, binary.LittleEndian, uint32(len(hj)))
	out.Write(hj)
	out.Write(body.Bytes())
	return out.Bytes(), nil
}
