package classifier

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// firstWeight returns the offset in a raw payload of the first model's
// first weight: after its class count, column count and column deltas.
func firstWeight(t *testing.T, raw []byte) int {
	t.Helper()
	p := 0
	next := func() uint64 {
		v, n := binary.Uvarint(raw[p:])
		if n <= 0 {
			t.Fatal("payload ends early")
		}
		p += n
		return v
	}
	next() // K
	for nc := next(); nc > 0; nc-- {
		next()
	}
	return p
}

// Files that pass the checksum but hold what no training writes are
// refused when loaded, not when scoring. Each file is a real small model
// with one thing changed.
func TestDecodeRefusesBadInsides(t *testing.T) {
	cfgs := smallConfigs()
	plainH, plainRaw := parts(t, smallModel(t, cfgs[0]))
	vecH, vecRaw := parts(t, smallModel(t, cfgs[1]))
	inf := bytes.Clone(plainRaw)
	binary.LittleEndian.PutUint16(inf[firstWeight(t, inf):], 0x7c00)
	nan := bytes.Clone(plainRaw)
	binary.LittleEndian.PutUint16(nan[firstWeight(t, nan):], 0xfe00)
	var dd int
	for _, k := range []int{400, 1000, 10} {
		if bytes.Contains(vecH, []byte(`"dense_dim":`+itoa(k)+`,`)) {
			dd = k
		}
	}
	if dd == 0 {
		t.Fatalf("vectors model header lacks a dense width: %s", vecH)
	}
	// A 2^26-bucket header with a payload that claims 2^26-1 columns and
	// then ends: Decode must fail without allocating for the columns.
	hugeH := bytes.Replace(plainH, []byte(`"buckets":256`), []byte(`"buckets":4194304`), 1)
	var huge []byte
	huge = binary.AppendUvarint(huge, 3)
	huge = binary.AppendUvarint(huge, 1<<22-1)
	hugeH = bytes.Replace(hugeH, []byte(`"payload_raw_bytes":`+itoa(len(plainRaw))), []byte(`"payload_raw_bytes":`+itoa(len(huge))), 1)
	tests := []struct {
		name        string
		header, raw []byte
		want        string
	}{
		{"infinite weight", plainH, inf, "not a finite number"},
		{"NaN weight", plainH, nan, "not a finite number"},
		{"dense width off by one", bytes.Replace(vecH, []byte(`"dense_dim":`+itoa(dd)), []byte(`"dense_dim":`+itoa(dd-1)), 1), vecRaw, "dense width"},
		{"dense width without vectors", bytes.Replace(plainH, []byte(`"dense_dim":0`), []byte(`"dense_dim":1`), 1), plainRaw, "dense width 1 without the vectors"},
		{"columns beyond the payload", hugeH, huge, "ends early"},
		{"negative count", bytes.Replace(plainH, []byte(`"counts":[`), []byte(`"counts":[-`), 1), plainRaw, "negative counts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if bytes.Equal(tt.header, plainH) && bytes.Equal(tt.raw, plainRaw) {
				t.Fatal("the case changes nothing")
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Decode(container(tt.header, tt.raw), "m.stance")
			runtime.ReadMemStats(&after)
			var fe *FormatError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a FormatError with %q", err, tt.want)
			}
			if a := after.TotalAlloc - before.TotalAlloc; a > 32<<20 {
				t.Errorf("Decode allocated %d bytes", a)
			}
		})
	}
	if _, err := Decode(container(vecH, vecRaw), "m"); err != nil {
		t.Fatalf("the unchanged vectors model: %v", err)
	}
}

// A well-formed file whose dense weights are narrower than the featurizer's
// vectors used to load and then panic in NewPredictor; it is refused.
func TestDecodeRefusesNarrowDense(t *testing.T) {
	m, err := Decode(smallModel(t, smallConfigs()[1]), "m")
	if err != nil {
		t.Fatal(err)
	}
	for _, hm := range m.Heads {
		for _, l := range hm.Models {
			l.Dense = l.Dense[:l.K] // one dense feature instead of DenseDim
		}
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	_, err = Decode(buf.Bytes(), "narrow.stance")
	if err == nil || !strings.Contains(err.Error(), "narrow.stance: corrupted header: dense width 1, the featurizer's is") {
		t.Fatalf("err = %v, want a refusal naming the dense width", err)
	}
}

// Encode keeps files loadable: weights beyond float16's range are clamped
// to its largest finite value, and a NaN weight is an error.
func TestEncodeClampsWeights(t *testing.T) {
	m, err := Decode(smallModel(t, smallConfigs()[0]), "m")
	if err != nil {
		t.Fatal(err)
	}
	w := m.Heads[0].Models[0].W
	w[0], w[1] = 1e9, float32(math.Inf(-1))
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(buf.Bytes(), "m")
	if err != nil {
		t.Fatalf("a clamped model does not load: %v", err)
	}
	if got := back.Heads[0].Models[0].W[:2]; got[0] != 65504 || got[1] != -65504 {
		t.Errorf("clamped weights = %v, want [65504 -65504]", got)
	}
	w[0] = float32(math.NaN())
	if err := m.Encode(&buf); err == nil || !strings.Contains(err.Error(), "NaN") {
		t.Errorf("Encode with a NaN weight: err = %v", err)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
