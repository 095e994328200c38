package labels

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testdata/labelstudio-export.json follows the export shape documented at
// labelstud.io/guide/task_format ("Label Studio JSON format of annotated
// tasks"): tasks with id, data, annotations[].result[] items (from_name,
// to_name, type, value) and predictions. The texts were written for the
// test.
func TestReadLabelStudioExport(t *testing.T) {
	var warns []string
	sets, err := ReadLabelsWarn("testdata/labelstudio-export.json", Default(), func(w Warning) { warns = append(warns, w.String()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 {
		t.Fatalf("got %d label sets, want 2 (the unannotated task 103 is skipped)", len(sets))
	}
	a, b := sets[0], sets[1]
	if a.ID != "wire/001" || a.Line != 2 {
		t.Errorf("first task: id %q line %d, want wire/001 line 2", a.ID, a.Line)
	}
	want := map[string]string{"israel": "neutral", "iran": "anti", "azerbaijan": "israel-aligned"}
	if !reflect.DeepEqual(a.Single, want) {
		t.Errorf("first task: %v, want %v (the prediction \"pro\" is not a label)", a.Single, want)
	}
	if got := a.Multi["frames"]; !reflect.DeepEqual(got, []string{"security", "diplomacy"}) {
		t.Errorf("frames %v", got)
	}
	if a.Extra["outlet"] != "Example Wire" {
		t.Errorf("data.outlet not kept: %v", a.Extra)
	}
	// Task 102: the latest annotation not cancelled decides; frames, not in
	// it, is the empty set (nothing ticked).
	if b.Single["israel"] != "anti" || b.Single["iran"] != "neutral" || b.Has("azerbaijan") {
		t.Errorf("second task: %v", b.Single)
	}
	if got, ok := b.Multi["frames"]; !ok || len(got) != 0 {
		t.Errorf("second task frames: %v, %v; want labelled, none", got, ok)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `result from "confidence" of type "rating" is not a head's choices; ignored`) {
		t.Errorf("warnings: %q", warns)
	}
}

func TestReadLabelStudioErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, body, want string }{
		{"not tasks", `[{"israel":"pro"}]`, `l.json:1: field "data": missing: this JSON array is not a Label Studio export`},
		{"no article id", `[{"data":{"text":"x"},"annotations":[]}]`, `l.json:1: field "data.id": missing`},
		{"two choices", "[\n{\"data\":{\"id\":\"a\"},\"annotations\":[{\"result\":[{\"from_name\":\"iran\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"pro\",\"anti\"]}}]}]}]",
			`l.json:2: field "iran": task "a": 2 choices for a single-label head; choose one`},
		{"unknown value", `[{"data":{"id":"a"},"annotations":[{"result":[{"from_name":"iran","to_name":"text","type":"choices","value":{"choices":["Pro"]}}]}]}]`,
			`field "iran": task "a": unknown value "Pro"; allowed: pro, anti, neutral`},
		{"nothing annotated", `[{"data":{"id":"a"},"annotations":[]}]`, `no annotated tasks`},
		{"malformed", `[{"data":`, `malformed JSON`},
	} {
		p := filepath.Join(dir, "l.json")
		os.WriteFile(p, []byte(tt.body), 0o644)
		_, err := ReadLabels(p, Default())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// Unknown fields are ignored with one warning per name; a near miss of a
// head's name stays an error; "" means not labelled.
func TestLabelsLenient(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "l.jsonl")
	os.WriteFile(p, []byte(`{"id":"a","israel":"pro","iran":"","annotator_confidence":0.8,"frames":""}`+"\n"+`{"id":"b","israel":"","annotator_confidence":0.3}`+"\n"), 0o644)
	var warns []string
	sets, err := ReadLabelsWarn(p, Default(), func(w Warning) { warns = append(warns, w.String()) })
	if err != nil {
		t.Fatal(err)
	}
	if sets[0].Single["israel"] != "pro" || sets[0].Has("iran") || sets[0].Has("frames") || sets[1].Has("israel") {
		t.Errorf("got %+v %+v", sets[0], sets[1])
	}
	if len(warns) != 1 || !strings.Contains(warns[0], `l.jsonl:1: field "annotator_confidence" is not a head or a known field; ignored`) {
		t.Errorf("warnings: %q", warns)
	}
	for _, body := range []string{`{"id":"a","Israel":"pro"}`, `{"id":"a","isreal":"pro"}`, `{"id":"a","frame":["legal"]}`} {
		os.WriteFile(p, []byte(body+"\n"), 0o644)
		if _, err := ReadLabels(p, Default()); err == nil || !strings.Contains(err.Error(), "unknown field; the heads are") {
			t.Errorf("%s: got %v, want a near-miss error", body, err)
		}
	}
	c := filepath.Join(dir, "l.csv")
	os.WriteFile(c, []byte("id,israel,coder\na,pro,x\n"), 0o644)
	warns = nil
	if _, err := ReadLabelsWarn(c, Default(), func(w Warning) { warns = append(warns, w.String()) }); err != nil || len(warns) != 1 {
		t.Errorf("csv extra column: %v, warnings %q", err, warns)
	}
}
