package classifier

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

// exampleData featurizes n stance examples about "Smith" (span given)
// whose label is the verb right after the mention, with a polar decoy
// further on, as syntheticSeqs but as text.
func exampleData(tb testing.TB, n int, seed uint64) *Dataset {
	tb.Helper()
	verbs := [][]string{{"praised", "admired", "applauded"}, {"blamed", "condemned", "attacked"}, {"met", "visited", "called"}}
	r := rand.New(rand.NewPCG(seed, 2))
	s := labels.ExampleSchema([]string{"positive", "negative", "neutral"})
	var arts []*labels.Article
	var sets []*labels.LabelSet
	for i := 0; i < n; i++ {
		label := r.IntN(3)
		lead := []string{"", "On Tuesday ", "In the city "}[r.IntN(3)]
		decoy := verbs[r.IntN(2)][r.IntN(3)]
		text := fmt.Sprintf("%sSmith %s the council and the report of the city, which others %s.", lead, verbs[label][r.IntN(3)], decoy)
		id := fmt.Sprint("ex", i)
		value := []string{"positive", "negative", "neutral"}[label]
		arts = append(arts, &labels.Article{ID: id, Text: text, Target: "Smith", Span: [2]int{len(lead), len(lead) + 5}, HasSpan: true})
		sets = append(sets, &labels.LabelSet{ID: id, Single: map[string]string{"stance": value}})
	}
	fz, err := features.New(s, features.Config{Buckets: 1 << 12, Window: 8, Groups: []string{features.GroupNgrams}}, features.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	fz.RecordSequences(true)
	return Featurize(fz, arts, sets, 1)
}

func ensembleConfig() TrainConfig {
	cfg := DefaultTrainConfig()
	cfg.Algo = "ensemble"
	net := DefaultNetConfig()
	net.Epochs = 3
	cfg.Net = &net
	return cfg
}

func TestEnsembleModelFile(t *testing.T) {
	ds := exampleData(t, 150, 1)
	cfg := ensembleConfig()
	cfg.Workers = 2 // the network and the linear model side by side
	m, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Heads[0].Net == nil {
		t.Fatal("no network in an ensemble model")
	}
	// Retraining gives the same bytes, one fit after the other too;
	// decoding and encoding again too; the loaded model predicts what the
	// trained one does.
	cfg.Workers = 1
	m2, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	file, p1 := checkFileRoundTrip(t, m, m2, ds)
	if v := binary.LittleEndian.Uint32(file[8:]); v != 4 {
		t.Errorf("format version %d, want 4", v)
	}
	// The network is part of it: without the sequences the predictions
	// change.
	changed := 0
	for i := 0; i < ds.Len(); i++ {
		a := p1.Predict(ds.Doc(i), nil)[0].Probs
		d := ds.Doc(i)
		d.Seq = nil
		if !slices.Equal(a, p1.Predict(d, nil)[0].Probs) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the network changed no prediction")
	}
}

// Programs from before format version 4 refuse a model with a network as
// newer than they read; a network claimed by a version 3 file is refused
// as corrupt.
func TestNetworkFormatRefused(t *testing.T) {
	ds := exampleData(t, 60, 1)
	m, err := Fit(ds, nil, ensembleConfig())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m.Encode(&buf)
	good := buf.Bytes()

	readVersion = 3 // a program from before version 4
	_, err = Decode(good, "m.stance")
	readVersion = FormatVersion
	var fe *FormatError
	if err == nil || !errors.As(err, &fe) || !strings.Contains(err.Error(), "model format version 4 is newer than this program reads (3)") {
		t.Errorf("an older reader: err = %v", err)
	}

	old := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(old[8:], 3)
	binary.LittleEndian.PutUint32(old[len(old)-4:], crc32.ChecksumIEEE(old[:len(old)-4]))
	if _, err := Decode(old, "m.stance"); err == nil || !strings.Contains(err.Error(), "a network in a version 3 file") {
		t.Errorf("a network in a version 3 file: err = %v", err)
	}

	// The same data trained without the network stays below version 4.
	cfg := DefaultTrainConfig()
	cfg.Algo = "sgd"
	plain, err := Fit(ds, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	plain.Encode(&buf)
	if v := binary.LittleEndian.Uint32(buf.Bytes()[8:]); v != plainFormatVersion {
		t.Errorf("a model without a network: format version %d, want %d", v, plainFormatVersion)
	}
}

// The network alone (algorithm neural) learns the examples' task.
func TestNeuralLearnsExamples(t *testing.T) {
	train, test := exampleData(t, 300, 1), exampleData(t, 100, 2)
	cfg := ensembleConfig()
	cfg.Algo = "neural"
	cfg.Net.Weight = 1
	cfg.Net.Epochs, cfg.Net.Rate = 15, 3e-3
	m, err := Fit(train, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := NewPredictor(m)
	right := 0
	for i := 0; i < test.Len(); i++ {
		hp := p.Predict(test.Doc(i), nil)[0]
		if test.Schema.Heads[0].Values[hp.Label] == test.Labels[i].Single["stance"] {
			right++
		}
	}
	if acc := float64(right) / float64(test.Len()); acc < 0.9 {
		t.Errorf("held-out accuracy %.2f, want at least 0.9", acc)
	}
}
