package labels

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Label Studio (labelstud.io) round trip. stance export --label-studio
// writes tasks in Label Studio's JSON task format, with the model's
// predictions as pre-annotations, and a labelling config with one Choices
// control per head; a Label Studio JSON export of those tasks reads back
// as a labels file.
//
// A task is {"data": {"id": ARTICLE_ID, "text": …}, "annotations": [...],
// "predictions": [...]}; an annotation or prediction holds result items
// {"from_name": HEAD, "to_name": "text", "type": "choices", "value":
// {"choices": [...]}}.

// LSTextName is the name of the Text object the config shows and the
// results point to (to_name), and the data field holding the article.
const LSTextName = "text"

// LSTask is one Label Studio task.
type LSTask struct {
	// ID is Label Studio's own task number (exports only).
	ID   json.RawMessage `json:"id,omitempty"`
	Data map[string]any  `json:"data"`
	// Annotations are people's labels (exports); Predictions are a
	// model's pre-annotations.
	Annotations []LSAnnotation `json:"annotations,omitempty"`
	Predictions []LSPrediction `json:"predictions,omitempty"`
}

// LSAnnotation is one person's labelling of a task.
type LSAnnotation struct {
	Result       []LSResult `json:"result"`
	WasCancelled bool       `json:"was_cancelled,omitempty"`
	CreatedAt    string     `json:"created_at,omitempty"`
	UpdatedAt    string     `json:"updated_at,omitempty"`
}

// LSPrediction is a model's pre-annotation of a task; Score (the model's
// confidence) lets Label Studio sort tasks by it.
type LSPrediction struct {
	ModelVersion string     `json:"model_version"`
	Score        float64    `json:"score"`
	Result       []LSResult `json:"result"`
}

// LSResult is one control's answer: for stance, the values chosen for a
// head.
type LSResult struct {
	ID       string   `json:"id,omitempty"`
	FromName string   `json:"from_name"`
	ToName   string   `json:"to_name"`
	Type     string   `json:"type"`
	Value    LSValue  `json:"value"`
	Score    *float64 `json:"score,omitempty"`
}

// LSValue holds the chosen values of a Choices control.
type LSValue struct {
	Choices []string `json:"choices"`
}

// LabelStudioConfig returns the Label Studio labelling config for schema
// s: the article's text, and one Choices control per head, single choice
// (radio buttons) for a single-label head and multiple choice (check
// boxes) for a multi-label head.
func LabelStudioConfig(s *Schema) string {
	var b strings.Builder
	b.WriteString("<View>\n")
	fmt.Fprintf(&b, "  <Text name=%q value=\"$%s\"/>\n", LSTextName, LSTextName)
	for _, h := range s.Heads {
		choice := "single-radio"
		if h.Multi {
			choice = "multiple"
		}
		title := h.Name
		if h.Target != nil {
			title += " (about " + h.Target.Name + ")"
		}
		fmt.Fprintf(&b, "  <Header value=%q/>\n", xmlEscape(title))
		fmt.Fprintf(&b, "  <Choices name=%q toName=%q choice=%q showInline=\"true\">\n", xmlEscape(h.Name), LSTextName, choice)
		for _, v := range h.Values {
			fmt.Fprintf(&b, "    <Choice value=%q/>\n", xmlEscape(v))
		}
		b.WriteString("  </Choices>\n")
	}
	b.WriteString("</View>\n")
	return b.String()
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// readLabelStudio reads a Label Studio JSON export: an array of tasks.
// A task's article id is data.id (what stance export writes). Its labels
// are those of its latest annotation (by updated_at, then created_at,
// then order) that was not cancelled; a task with none is skipped.
// Predictions are never read as labels. A result item for a head gives
// that head's choices: exactly one for a single-label head; any number
// for a multi-label head, for which an annotation without an item means
// the annotator chose none (Label Studio writes no item for an empty
// multiple choice). Items for other controls are ignored with a warning.
// The other string fields of data (outlet, date, url…) become the label
// set's Extra, for --cv-group label:FIELD. Line numbers in errors are
// those of each task's opening brace.
func readLabelStudio(r io.Reader, name string, s *Schema, warn func(Warning)) ([]*LabelSet, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return nil, inputErr(name, 1, "", "malformed JSON: %v", err)
	}
	lineAt := lineCounter(b)
	var out []*LabelSet
	seen := map[string]int{}
	warned := map[string]bool{}
	warnOnce := func(key string, w Warning) {
		if !warned[key] && warn != nil {
			warn(w)
		}
		warned[key] = true
	}
	for dec.More() {
		ln := lineAt(skipSpace(b, int(dec.InputOffset())))
		var t LSTask
		if err := dec.Decode(&t); err != nil {
			return nil, inputErr(name, ln, "", "malformed JSON in a Label Studio task: %v", err)
		}
		if t.Data == nil {
			return nil, inputErr(name, ln, "data", "missing: this JSON array is not a Label Studio export (each task needs \"data\" and \"annotations\")")
		}
		id, ok := t.Data["id"].(string)
		if !ok || id == "" {
			if f, isNum := t.Data["id"].(float64); isNum {
				id = fmt.Sprint(f)
			} else {
				return nil, inputErr(name, ln, "data.id", "missing: stance needs the article id in the task's data.id (stance export --label-studio writes it)")
			}
		}
		a := latestAnnotation(t.Annotations)
		if a == nil {
			continue
		}
		ls := &LabelSet{ID: id, Single: map[string]string{}, Multi: map[string][]string{}, File: name, Line: ln}
		for k, v := range t.Data {
			if str, ok := v.(string); ok && k != "id" && k != LSTextName {
				if ls.Extra == nil {
					ls.Extra = map[string]string{}
				}
				ls.Extra[k] = str
			}
		}
		for _, res := range a.Result {
			h := s.Head(res.FromName)
			if h == nil || res.Type != "choices" {
				warnOnce("control:"+res.FromName+":"+res.Type, Warning{File: name, Line: ln, Msg: fmt.Sprintf("result from %q of type %q is not a head's choices; ignored", res.FromName, res.Type)})
				continue
			}
			if _, dup := ls.Single[h.Name]; dup || ls.Multi[h.Name] != nil {
				return nil, inputErr(name, ln, h.Name, "given twice in one annotation of task %q", id)
			}
			if h.Multi {
				vals := slices.Clone(res.Value.Choices)
				if err := checkMulti(h, vals); err != nil {
					return nil, inputErr(name, ln, h.Name, "task %q: %v", id, err)
				}
				ls.Multi[h.Name] = vals
				continue
			}
			switch len(res.Value.Choices) {
			case 0:
				continue // not labelled
			case 1:
			default:
				return nil, inputErr(name, ln, h.Name, "task %q: %d choices for a single-label head; choose one", id, len(res.Value.Choices))
			}
			v := res.Value.Choices[0]
			if h.Index(v) < 0 {
				return nil, inputErr(name, ln, h.Name, "task %q: unknown value %q; allowed: %s", id, v, strings.Join(h.Values, ", "))
			}
			ls.Single[h.Name] = v
		}
		for _, h := range s.Heads {
			if _, ok := ls.Multi[h.Name]; h.Multi && !ok && len(a.Result) > 0 {
				ls.Multi[h.Name] = []string{}
			}
		}
		if prev, dup := seen[ls.ID]; dup {
			return nil, inputErr(name, ln, "data.id", "duplicate id %q (first on line %d)", ls.ID, prev)
		}
		seen[ls.ID] = ln
		out = append(out, ls)
	}
	if _, err := dec.Token(); err != nil {
		return nil, inputErr(name, lineAt(int(dec.InputOffset())), "", "malformed JSON: %v", err)
	}
	if len(out) == 0 {
		return nil, inputErr(name, 0, "", "no annotated tasks in this Label Studio export")
	}
	return out, nil
}

// latestAnnotation is the annotation a task's labels come from: the latest
// not cancelled, or nil.
func latestAnnotation(as []LSAnnotation) *LSAnnotation {
	var best *LSAnnotation
	for i := range as {
		a := &as[i]
		if a.WasCancelled {
			continue
		}
		if best == nil || a.UpdatedAt > best.UpdatedAt || a.UpdatedAt == best.UpdatedAt && a.CreatedAt >= best.CreatedAt {
			best = a
		}
	}
	return best
}

// lineCounter returns a function from byte offset to 1-based line, for
// increasing offsets.
func lineCounter(b []byte) func(int) int {
	line, at := 1, 0
	return func(off int) int {
		off = min(off, len(b))
		if off < at {
			return line
		}
		line += bytes.Count(b[at:off], []byte{'\n'})
		at = off
		return line
	}
}

// skipSpace returns the offset of the first byte at or after off that is
// not JSON whitespace or a comma.
func skipSpace(b []byte, off int) int {
	for off < len(b) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\r' || b[off] == '\n' || b[off] == ',') {
		off++
	}
	return off
}
