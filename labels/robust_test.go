package labels

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestReadLabelsWholeFileAndHeaderErrors(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"empty jsonl", "l.jsonl", "", `l.jsonl: no label records`},
		{"blank jsonl", "l.jsonl", "\n  \n", `l.jsonl: no label records`},
		{"csv header only", "l.csv", "id,israel\n", `l.csv: no label rows after the header`},
		{"csv column twice", "l.csv", "id,israel,iran,israel\na,pro,,anti\n", `l.csv:1: field "israel": column given twice`},
		{"csv id twice", "l.csv", "id,israel,id\na,pro,b\n", `l.csv:1: field "id": column given twice`},
		{"id twice", "l.jsonl", `{"id":"a","israel":"pro","id":"b"}`, `l.jsonl:1: field "id": given twice`},
		{"id object", "l.jsonl", `{"id":{"a":1}}`, `l.jsonl:1: field "id": must be a non-empty string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), tt.file, tt.content)
			_, err := ReadLabels(p, Default())
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasSuffix(err.Error(), strings.TrimPrefix(tt.want, tt.file)) && !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an *InputError %q", err, tt.want)
			}
		})
	}
}

// Article records accept numeric ids as their text; label records match.
func TestReadLabelsNumericID(t *testing.T) {
	p := writeFile(t, t.TempDir(), "l.jsonl", `{"id":7,"israel":"pro"}`)
	ls, err := ReadLabels(p, Default())
	if err != nil {
		t.Fatal(err)
	}
	arts, err := ReadAll([]string{writeFile(t, t.TempDir(), "a.jsonl", `{"id":7,"text":"x"}`)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ls[0].ID != "7" || arts[0].ID != "7" {
		t.Errorf("ids: label %q, article %q; want 7 and 7", ls[0].ID, arts[0].ID)
	}
	if _, err := Join(arts, ls); err != nil {
		t.Error(err)
	}
}

// Skipped records carry Skipped, so a caller can count them; an empty
// JSON Lines file gets one warning.
func TestSkipWarningsAndEmptyFile(t *testing.T) {
	p := writeFile(t, t.TempDir(), "c.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"y\"}\n")
	var skipped, other []Warning
	arts, err := ReadAll([]string{p}, Options{SkipBad: true, Warn: func(w Warning) {
		if w.Skipped {
			skipped = append(skipped, w)
		} else {
			other = append(other, w)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || len(skipped) != 2 || skipped[0].Line != 2 || skipped[1].Line != 3 || len(other) != 0 {
		t.Errorf("%d articles, skipped %v, other %v; want 2 articles and lines 2 and 3 skipped", len(arts), skipped, other)
	}
	for _, content := range []string{"", "\n\n \n"} {
		var warns []string
		p := writeFile(t, t.TempDir(), "e.jsonl", content)
		arts, err := ReadAll([]string{p}, Options{Warn: func(w Warning) { warns = append(warns, w.String()) }})
		if err != nil || len(arts) != 0 || len(warns) != 1 || !strings.HasSuffix(warns[0], "e.jsonl: no records: the file is empty or blank") {
			t.Errorf("%q: %d articles, err %v, warnings %q", content, len(arts), err, warns)
		}
	}
}

// \u escapes decode as encoding/json decodes them: a surrogate pair is
// joined, a lone surrogate becomes U+FFFD and the escape after it is kept.
func TestScanSurrogates(t *testing.T) {
	for _, in := range []string{
		`"\ud83d\ude00"`, `"\ud800\u0041"`, `"\udc00\ud800x"`, `"\ud83d"`, `"\ud83d\"`, `"\ud83d\\u0041"`,
		`"\ude00\ud83d\ude00"`, `"a\ud800\ud800\udc00b"`, `"\ud800\uzzzz"`,
	} {
		var want string
		wantErr := json.Unmarshal([]byte(in), &want)
		fs, err := scanObject([]byte(`{"k":`+in+`}`), nil)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, encoding/json %v", in, err, wantErr)
			continue
		}
		if err == nil && fs[0].Str != want {
			t.Errorf("%s: decoded %q, encoding/json %q", in, fs[0].Str, want)
		}
	}
}

func TestSpanForms(t *testing.T) {
	line := `{"id":"e1","text":"Æ said Iran won","target":"Iran","span":SPAN}`
	for _, tt := range []struct {
		span string
		ok   bool
	}{
		{`[7,11]`, true}, {"[7,\t11]", true}, {"[ 7 ,\t11 ]", true}, {`[0,0]`, true},
		{`[07,11]`, false}, {`[+7,11]`, false}, {`[7.0,11]`, false}, {`[7,11,12]`, false}, {`[7]`, false},
		{`[-1,3]`, false}, {`[99999999999999999999,1]`, false}, {`[1e1,11]`, false}, {`["7",11]`, false}, {`{}`, false},
	} {
		p := writeFile(t, t.TempDir(), "ex.jsonl", strings.Replace(line, "SPAN", tt.span, 1))
		arts, err := ReadAll([]string{p}, Options{Examples: true})
		if tt.ok && (err != nil || arts[0].Text[arts[0].Span[0]:arts[0].Span[1]] != map[bool]string{true: "Iran", false: ""}[tt.span != "[0,0]"]) {
			t.Errorf("span %q: err %v", tt.span, err)
		}
		// Not JSON at all ([07,11]) is malformed; JSON but not a span names the field.
		if !tt.ok && (err == nil || !strings.Contains(err.Error(), `ex.jsonl:1: field "span"`) && !strings.Contains(err.Error(), `ex.jsonl:1: malformed JSON`)) {
			t.Errorf("span %q: err = %v, want a span error", tt.span, err)
		}
	}
}
