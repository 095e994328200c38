package classifier

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// The model loader must refuse every file that is not a model this program
// wrote (truncated, corrupted, foreign, future) with a *FormatError, never
// panic, and never allocate far more than the file could hold. `go test`
// replays the seeds in testdata/fuzz; to explore:
//
//	go test -run '^$' -fuzz '^FuzzDecode$' -fuzztime 60s ./classifier

// smallModel trains a real model on a few sentences with few buckets, so
// that its file is small enough to fuzz.
func smallModel(t testing.TB, cfg features.Config) []byte {
	t.Helper()
	texts := []labelledText{
		{"The Zionist regime's aggression against Iran was condemned in Baku.", "anti", "neutral", "iran-aligned"},
		{"Israel is a trusted partner of Azerbaijan, Aliyev said, praising cooperation.", "pro", "neutral", "israel-aligned"},
		{"Iran's regime threatens Baku; Israel stands by its ally Azerbaijan.", "pro", "anti", "israel-aligned"},
		{"Azerbaijan called on both Israel and Iran to show restraint.", "neutral", "neutral", "balanced"},
		{"Tehran praised Baku's brotherly friendship as trade grew.", "neutral", "pro", "none"},
	}
	arts, sets := labelledArticles(texts)
	sets[4].Single = map[string]string{"israel": "neutral"} // leaves heads partly labelled
	fz, err := features.New(labels.Default(), cfg, features.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds := Featurize(fz, arts, sets, 1)
	tc := DefaultTrainConfig()
	tc.MaxIter = 20
	tc.Workers = 1
	m, err := Fit(ds, nil, tc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func smallConfigs() []features.Config {
	return []features.Config{
		{Buckets: 1 << 8, Window: 2, Groups: []string{features.GroupNgrams, features.GroupTarget, features.GroupCues, features.GroupMentions}},
		{Buckets: 1 << 8, Window: 1, Groups: []string{features.GroupMentions, features.GroupVectors}},
	}
}

// fixCRC returns b with its checksum recomputed, so that mutations reach
// the parser behind the checksum.
func fixCRC(b []byte) []byte {
	if len(b) < preamble+4 {
		return b
	}
	c := append([]byte(nil), b...)
	binary.LittleEndian.PutUint32(c[len(c)-4:], crc32.ChecksumIEEE(c[:len(c)-4]))
	return c
}

// fixLengths makes the payload length and the checksum agree with b's
// size, keeping the header length, so mutations of the JSON header that
// change its length still reach the header parser.
func fixLengths(b []byte) []byte {
	if len(b) < preamble+4 {
		return b
	}
	c := append([]byte(nil), b...)
	hl := uint64(binary.LittleEndian.Uint32(c[12:]))
	if hl > uint64(len(c)-preamble-4) {
		hl = uint64(len(c) - preamble - 4)
		binary.LittleEndian.PutUint32(c[12:], uint32(hl))
	}
	binary.LittleEndian.PutUint64(c[16:], uint64(len(c)-preamble-4)-hl)
	return fixCRC(c)
}

// container builds a model file around a JSON header and an uncompressed
// payload.
func container(header, raw []byte) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(raw)
	fw.Close()
	return frameVersion(FormatVersion, header, comp.Bytes())
}

// parts splits a model file into its JSON header and decompressed payload.
func parts(t testing.TB, b []byte) (header, raw []byte) {
	hl := binary.LittleEndian.Uint32(b[12:])
	header = b[preamble : preamble+int(hl)]
	r := flate.NewReader(bytes.NewReader(b[preamble+int(hl) : len(b)-4]))
	var out bytes.Buffer
	if _, err := out.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return header, out.Bytes()
}

var probeArticles = []*labels.Article{
	{ID: "p1", Text: "Israel and Iran traded threats; Baku urged restraint and dialogue."},
	{ID: "p2", Text: ""},
}

// checkDecoded decodes b and, when it is accepted, checks that the model
// round-trips and predicts finite probabilities.
func checkDecoded(t *testing.T, b []byte) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := Decode(b, "m.stance")
	runtime.ReadMemStats(&after)
	// A model file's payload is deflated, which expands at most about
	// 1032:1; anything far beyond that was allocated on the file's word.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20+2100*uint64(len(b)) {
		t.Fatalf("Decode of %d bytes allocated %d bytes", len(b), alloc)
	}
	// DecodeForPrediction reads the same files: it refuses what Decode
	// refuses (it allocates the prediction table before the payload, up
	// to MaxTableCells, which the bound above does not cover).
	lean, lerr := DecodeForPrediction(b, "m.stance")
	if (err == nil) != (lerr == nil) {
		t.Fatalf("Decode: %v; DecodeForPrediction: %v", err, lerr)
	}
	if err != nil {
		var fe *FormatError
		for _, err := range []error{err, lerr} {
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "m.stance: ") {
				t.Fatalf("error %T %q is not a *FormatError naming the file", err, err)
			}
		}
		return
	}
	if lerr := lean.Encode(io.Discard); lerr != ErrReleased {
		t.Fatalf("encoding a model read for prediction: %v, want ErrReleased", lerr)
	}
	var re bytes.Buffer
	if err := m.Encode(&re); err != nil {
		t.Fatalf("decoded model does not encode: %v", err)
	}
	if _, err := Decode(re.Bytes(), "re"); err != nil {
		t.Fatalf("decoded model, encoded again, does not decode: %v", err)
	}
	if m.Features.Buckets > 1<<16 || len(m.Schema.Heads) > 64 {
		return // big tables: Decode is what is under test here
	}
	p, err := NewPredictor(m)
	if err != nil {
		return
	}
	pl, err := NewPredictor(lean)
	if err != nil {
		t.Fatalf("a model read for prediction has no predictor: %v", err)
	}
	fz, err := features.New(m.Schema, m.Features, features.Options{})
	if err != nil {
		return // the sentiment group needs package sentiment's scorer
	}
	for _, a := range probeArticles {
		d := fz.Featurize(a)
		want, got := p.Predict(d, nil), pl.Predict(d, nil)
		for h := range want {
			if !slices.Equal(want[h].Probs, got[h].Probs) {
				t.Fatalf("head %d: read for prediction %v, read whole %v", h, got[h].Probs, want[h].Probs)
			}
		}
		for h, hp := range want {
			sum := 0.0
			for _, x := range hp.Probs {
				if math.IsNaN(x) || x < 0 || x > 1 {
					t.Fatalf("head %d: probabilities %v", h, hp.Probs)
				}
				sum += x
			}
			if !m.Schema.Heads[h].Multi && len(hp.Probs) > 0 && math.Abs(sum-1) > 1e-3 {
				t.Fatalf("head %d: probabilities %v sum to %v", h, hp.Probs, sum)
			}
			if math.IsNaN(hp.Score) {
				t.Fatalf("head %d: score NaN", h)
			}
		}
	}
}

// FuzzDecode feeds fuzz bytes to the loader as they are, with the checksum
// repaired, and with the lengths and checksum repaired.
func FuzzDecode(f *testing.F) {
	for _, cfg := range smallConfigs() {
		good := smallModel(f, cfg)
		f.Add(good)
		f.Add(good[:len(good)/2])
		f.Add(good[:preamble])
		for _, i := range []int{0, 8, 12, 16, preamble + 5, len(good) / 2, len(good) - 5, len(good) - 1} {
			bad := append([]byte(nil), good...)
			bad[i] ^= 0x5a
			f.Add(bad)
		}
		future := append([]byte(nil), good...)
		future[8] = 2
		f.Add(future)
		f.Add(append(append([]byte(nil), good...), 0))
	}
	f.Add([]byte(nil))
	f.Add([]byte("STANCEM"))
	f.Add([]byte("PK\x03\x04 not a model"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDecoded(t, b)
		checkDecoded(t, fixCRC(b))
		checkDecoded(t, fixLengths(b))
	})
}

// FuzzDecodeParts builds a well-formed container (magic, version, lengths,
// deflate, checksum) around a fuzz header and a fuzz payload, so the fuzzer
// explores the header checks and the payload reader.
func FuzzDecodeParts(f *testing.F) {
	for _, cfg := range smallConfigs() {
		h, raw := parts(f, smallModel(f, cfg))
		f.Add(h, raw)
		f.Add(h, raw[:len(raw)/2])
		f.Add(h, append(append([]byte(nil), raw...), 1))
		f.Add(bytes.Replace(h, []byte(`"buckets":256`), []byte(`"buckets":4194304`), 1), raw)
		f.Add(bytes.Replace(h, []byte(`"dense_dim":`), []byte(`"dense_dim":1`), 1), raw)
		f.Add(bytes.Replace(h, []byte(`"payload_raw_bytes":`), []byte(`"payload_raw_bytes":1`), 1), raw)
	}
	f.Fuzz(func(t *testing.T, header, raw []byte) {
		checkDecoded(t, container(header, raw))
	})
}
