package classifier

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A model read for prediction only (DecodeForPrediction) or released
// (ReleaseWeights) predicts exactly as the whole model does, answers
// Predictor.Weights from its table, and refuses to be saved or adapted
// from.
func TestDecodeForPrediction(t *testing.T) {
	ds := tinyData(t)
	cfg := DefaultTrainConfig()
	cfg.Workers = 1
	m, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := m.Encode(&file); err != nil {
		t.Fatal(err)
	}
	whole, err := Decode(file.Bytes(), "m")
	if err != nil {
		t.Fatal(err)
	}
	lean, err := DecodeForPrediction(file.Bytes(), "m")
	if err != nil {
		t.Fatal(err)
	}
	if whole.Released() || !lean.Released() {
		t.Fatalf("Released: whole %v, read for prediction %v", whole.Released(), lean.Released())
	}
	pw, err := NewPredictor(whole)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPredictor(lean)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pw.table, pl.table) {
		t.Fatal("the two predictors' tables differ")
	}
	for i := 0; i < ds.Len(); i++ {
		a, b := pw.Predict(ds.Doc(i), nil), pl.Predict(ds.Doc(i), nil)
		for h := range a {
			if !slices.Equal(a[h].Probs, b[h].Probs) {
				t.Fatalf("row %d head %d: %v vs %v", i, h, a[h].Probs, b[h].Probs)
			}
		}
	}
	// Weights: the table's rounding of each model's Weight, the
	// two-class difference for a multi-label head.
	var w []float32
	checked := 0
	for h, hm := range whole.Heads {
		multi := whole.Schema.Heads[h].Multi
		for j, l := range hm.Models {
			for _, b := range append(slices.Clone(l.Cols[:min(len(l.Cols), 50)]), 0, 7, uint32(whole.Features.Buckets-1)) {
				want := l.Weight(b)
				w = pl.Weights(h, j, b, w)
				if multi {
					if len(w) != 2 || w[0] != 0 || w[1] != fromBF16(toBF16(want[1]-want[0])) {
						t.Fatalf("head %d model %d bucket %d: %v, want {0, bf16(%v)}", h, j, b, w, want[1]-want[0])
					}
				} else {
					if len(w) != len(want) {
						t.Fatalf("head %d bucket %d: %d weights, want %d", h, b, len(w), len(want))
					}
					for k := range want {
						if w[k] != fromBF16(toBF16(want[k])) {
							t.Fatalf("head %d bucket %d class %d: %v, want bf16(%v)", h, b, k, w[k], want[k])
						}
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no weights checked")
	}
	for _, rm := range []*Model{lean, whole} {
		if rm == whole {
			if err := whole.ReleaseWeights(); err != nil {
				t.Fatal(err)
			}
			if p, _ := NewPredictor(whole); p == nil || !slices.Equal(p.table, pl.table) {
				t.Fatal("a released model's predictor is not the one its weights went into")
			}
			for _, hm := range whole.Heads {
				for _, l := range hm.Models {
					if l.W != nil || l.Cols != nil {
						t.Fatal("ReleaseWeights kept sparse weights")
					}
				}
			}
		}
		if err := rm.Encode(&bytes.Buffer{}); !errors.Is(err, ErrReleased) {
			t.Errorf("Encode of a released model: %v, want ErrReleased", err)
		}
		cfg := DefaultTrainConfig()
		cfg.Workers, cfg.Base = 1, rm
		if _, err := Fit(ds, nil, cfg); !errors.Is(err, ErrReleased) {
			t.Errorf("adapting from a released model: %v, want ErrReleased", err)
		}
	}
}

// A payload whose size disagrees with the header's is refused, by both
// readers, with what is wrong: shorter, or longer, than promised.
func TestPayloadSizeMessages(t *testing.T) {
	header, raw := parts(t, smallModel(t, smallConfigs()[0]))
	size := len(raw)
	promise := func(n int) []byte {
		return bytes.Replace(header, []byte(fmt.Sprintf(`"payload_raw_bytes":%d`, size)), []byte(fmt.Sprintf(`"payload_raw_bytes":%d`, n)), 1)
	}
	if bytes.Equal(promise(size+1), header) {
		t.Fatal("no payload size in the header")
	}
	for _, c := range []struct {
		name   string
		header []byte
		raw    []byte
		want   string
	}{
		{"cut short", header, raw[:size-10], fmt.Sprintf("%d bytes, want %d", size-10, size)},
		{"promises more", promise(size + 10), raw, fmt.Sprintf("%d bytes, want %d", size, size+10)},
		{"promises less", promise(size - 10), raw, fmt.Sprintf("more than the %d bytes the header promises", size-10)},
		{"one byte more", header, append(slices.Clone(raw), 0), fmt.Sprintf("more than the %d bytes the header promises", size)},
	} {
		b := container(c.header, c.raw)
		for name, decode := range map[string]func([]byte, string) (*Model, error){"Decode": Decode, "DecodeForPrediction": DecodeForPrediction} {
			_, err := decode(b, "m.stance")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "m.stance: ") {
				t.Errorf("%s, %s: %v; want %q", c.name, name, err, c.want)
			}
		}
	}
}
