package classifier

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// TrainingData describes what a model was trained on, so that `stance
// eval` can warn when it is asked to judge the model on its own training
// articles, and `stance info` can say where the model came from.
type TrainingData struct {
	// Sources name the training inputs ("testdata/corpus/articles with
	// labels testdata/corpus/labels.jsonl (435 articles)").
	Sources []string `json:"sources"`
	// Fingerprints are the Fingerprint of every training article's text,
	// sorted, as hex.
	Fingerprints []string `json:"fingerprints"`
	// Calibration says how the heads' temperatures were fitted, if they
	// were.
	Calibration string `json:"calibration,omitempty"`
	// Base is the model this one was adapted from (nil: trained from
	// scratch). Sources then name the new data only; Fingerprints cover
	// the base's training articles and the new ones.
	Base *BaseModel `json:"base,omitempty"`
}

// BaseModel records the model an adapted model started from and how it
// was adapted (format version 3).
type BaseModel struct {
	// Name is the base model's file, or "default" for the embedded model;
	// SHA256 the hash of its file.
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	// Sources and Calibration are the base model's own (TrainingData).
	Sources     []string `json:"sources,omitempty"`
	Calibration string   `json:"calibration,omitempty"`
	// L2 is the penalty strength toward the base weights, and Selection
	// how it was chosen.
	L2        float64 `json:"l2"`
	Selection string  `json:"selection,omitempty"`
	// Kept says what of the base was kept as it was (thresholds,
	// temperatures).
	Kept string `json:"kept,omitempty"`
}

// maxFingerprints bounds the fingerprints a model file may carry.
const maxFingerprints = 1 << 22

// Fingerprint identifies an article's text, whitespace-insensitively: the
// xxhash of its words joined by single spaces, lower-cased, as 16 hex
// digits. The same story with other line breaks or spacing matches.
func Fingerprint(text string) string {
	h := xxhash.Sum64String(strings.ToLower(strings.Join(strings.Fields(text), " ")))
	var b [8]byte
	for i := range b {
		b[i] = byte(h >> (56 - 8*i))
	}
	return hex.EncodeToString(b[:])
}

// NewTrainingData records the fingerprints of texts, sorted and unique.
func NewTrainingData(sources []string, texts []string) *TrainingData {
	fp := make([]string, 0, len(texts))
	for _, t := range texts {
		fp = append(fp, Fingerprint(t))
	}
	slices.Sort(fp)
	return &TrainingData{Sources: sources, Fingerprints: slices.Compact(fp)}
}

// Contains reports whether a text was among the training articles.
func (d *TrainingData) Contains(text string) bool {
	if d == nil {
		return false
	}
	_, ok := slices.BinarySearch(d.Fingerprints, Fingerprint(text))
	return ok
}

func (d *TrainingData) validate() error {
	if d == nil {
		return nil
	}
	if len(d.Fingerprints) > maxFingerprints {
		return fmt.Errorf("%d training fingerprints (at most %d)", len(d.Fingerprints), maxFingerprints)
	}
	if !slices.IsSorted(d.Fingerprints) {
		return fmt.Errorf("training fingerprints are not sorted")
	}
	for _, f := range d.Fingerprints {
		if len(f) != 16 {
			return fmt.Errorf("training fingerprint %q is not 16 hex digits", f)
		}
	}
	return nil
}
