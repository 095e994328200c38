package classifier

import (
	"bytes"
	"testing"
)

func TestFingerprint(t *testing.T) {
	a := Fingerprint("Baku and  Tehran\nmet on Monday.")
	if b := Fingerprint("baku and tehran met on monday."); a != b {
		t.Fatalf("spacing or case changed the fingerprint: %s vs %s", a, b)
	}
	if c := Fingerprint("Baku and Tehran met on Tuesday."); a == c {
		t.Fatal("different texts, same fingerprint")
	}
	d := NewTrainingData([]string{"x"}, []string{"one text", "two text", "one  text"})
	if len(d.Fingerprints) != 2 {
		t.Fatalf("%d fingerprints, want 2 (duplicates merged)", len(d.Fingerprints))
	}
	if !d.Contains("One text") || d.Contains("three text") {
		t.Fatal("Contains is wrong")
	}
	var nilData *TrainingData
	if nilData.Contains("one text") {
		t.Fatal("a nil TrainingData contains nothing")
	}
}

// A temperature keeps every label, softens the probabilities when over 1,
// and survives a save and load with the training fingerprints.
func TestTemperatureAndDataRoundTrip(t *testing.T) {
	ds := tinyData(t)
	m, err := Fit(ds, nil, DefaultTrainConfig())
	if err != nil {
		t.Fatal(err)
	}
	p0, _ := NewPredictor(m)
	before := p0.Predict(ds.Doc(0), nil)
	m.Heads[0].Temperature = 3
	m.Data = NewTrainingData([]string{"tiny"}, []string{"a", "b"})
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Decode(buf.Bytes(), "m")
	if err != nil {
		t.Fatal(err)
	}
	if m2.Heads[0].Temperature != 3 || m2.Data == nil || !m2.Data.Contains("a") || m2.Data.Sources[0] != "tiny" {
		t.Fatalf("round trip lost calibration or data: T=%v data=%+v", m2.Heads[0].Temperature, m2.Data)
	}
	p2, _ := NewPredictor(m2)
	after := p2.Predict(ds.Doc(0), nil)
	if after[0].Label != before[0].Label {
		t.Fatalf("temperature changed the label: %d vs %d", after[0].Label, before[0].Label)
	}
	top := before[0].Label
	if !(after[0].Probs[top] < before[0].Probs[top]) {
		t.Fatalf("T=3 did not soften the top probability: %.3f → %.3f", before[0].Probs[top], after[0].Probs[top])
	}
	if after[1].Probs[0] != before[1].Probs[0] {
		t.Fatal("a head without a temperature changed")
	}
}
