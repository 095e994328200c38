package main

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseFingerprint: parsing never panics, and what parses survives
// an encode and a second parse unchanged.
func FuzzParseFingerprint(f *testing.F) {
	fp := &fingerprint{format: "csv", model: strings.Repeat("ab", 32), examples: true, top: 5, skip: 7, inputs: []string{"/tmp/a b.jsonl", "-", "/x/\n\"y\""}}
	f.Add(fp.encode())
	f.Add((&fingerprint{format: "jsonl"}).encode())
	f.Add([]byte(fingerprintMagic + "\nformat jsonl\nformat csv\n"))
	f.Add([]byte(fingerprintMagic + "\ninput \"unterminated\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := parseFingerprint(b)
		if err != nil {
			return
		}
		again, err := parseFingerprint(got.encode())
		if err != nil {
			t.Fatalf("re-parse of %q: %v", got.encode(), err)
		}
		if !reflect.DeepEqual(got, again) || got.diff(again) != "" {
			t.Fatalf("round trip: %+v, then %+v", got, again)
		}
	})
}

// FuzzCompleteCSV: the recovered prefix of a partial CSV file ends with a
// newline and holds exactly the header and the records counted.
func FuzzCompleteCSV(f *testing.F) {
	f.Add([]byte("id,title\na,\"x\ny\"\nb,\"torn\n"))
	f.Add([]byte("id,x\na,1\nb,2"))
	f.Add([]byte("id,x\n"))
	f.Add([]byte("id"))
	f.Add([]byte("a,b\n1,2,3\n"))
	f.Add([]byte("\"a\r\n\",b\r\n1,2\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n, end, header, err := completeCSV(bytes.NewReader(b), bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if end < 0 || end > int64(len(b)) {
			t.Fatalf("end %d outside [0, %d]", end, len(b))
		}
		if end == 0 {
			if n != 0 || header != nil {
				t.Fatalf("nothing kept, but n %d, header %q", n, header)
			}
			return
		}
		if b[end-1] != '\n' {
			t.Fatalf("kept %q, which does not end a line", b[:end])
		}
		cr := csv.NewReader(bytes.NewReader(b[:end]))
		cr.FieldsPerRecord = -1
		recs, err := cr.ReadAll()
		if err != nil || int64(len(recs)) != n+1 || !reflect.DeepEqual(recs[0], header) {
			t.Fatalf("kept %q: %d records (%v), header %q; want %d, %q", b[:end], len(recs), err, recs, n+1, header)
		}
	})
}
