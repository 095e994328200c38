package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/stance-project/stance/labels"
)

// HeadAgreement is two annotators' agreement on one single-label head, or
// on one value of a multi-label head (present or absent: Value is set).
type HeadAgreement struct {
	Head  string `json:"head"`
	Value string `json:"value,omitempty"`
	// N is the number of articles both labelled for the head.
	N        int     `json:"n"`
	Observed float64 `json:"observed"`
	Kappa    float64 `json:"kappa"`
}

// Disagreement is one article and head the two annotators labelled
// differently; a multi-label head's values are joined with "+" ("-" for
// none).
type Disagreement struct {
	ID   string `json:"id"`
	Head string `json:"head"`
	A    string `json:"a"`
	B    string `json:"b"`
}

// AgreementReport compares two annotators' label files.
type AgreementReport struct {
	A, B          string
	Both          int // articles in both files
	OnlyA, OnlyB  int
	Heads         []HeadAgreement
	Disagreements []Disagreement
}

// Agreement compares two annotators' labels of schema s, article by
// article (matched by id): Cohen's kappa per single-label head, and per
// value of a multi-label head as a present/absent decision, each over
// the articles both labelled for that head; and every disagreement, in
// the order of a. nameA and nameB name the two sides in the report.
func Agreement(s *labels.Schema, nameA, nameB string, a, b []*labels.LabelSet) *AgreementReport {
	r := &AgreementReport{A: nameA, B: nameB}
	byID := make(map[string]*labels.LabelSet, len(b))
	for _, l := range b {
		byID[l.ID] = l
	}
	var pairs [][2]*labels.LabelSet
	for _, l := range a {
		if m, ok := byID[l.ID]; ok {
			pairs = append(pairs, [2]*labels.LabelSet{l, m})
		} else {
			r.OnlyA++
		}
	}
	r.Both = len(pairs)
	r.OnlyB = len(b) - r.Both
	for _, h := range s.Heads {
		if !h.Multi {
			var xa, xb []string
			for _, p := range pairs {
				va, oka := p[0].Single[h.Name]
				vb, okb := p[1].Single[h.Name]
				if oka && okb {
					xa, xb = append(xa, va), append(xb, vb)
				}
			}
			r.Heads = append(r.Heads, headAgreement(h.Name, "", xa, xb))
			continue
		}
		for _, v := range h.Values {
			var xa, xb []string
			for _, p := range pairs {
				va, oka := p[0].Multi[h.Name]
				vb, okb := p[1].Multi[h.Name]
				if oka && okb {
					xa, xb = append(xa, presence(va, v)), append(xb, presence(vb, v))
				}
			}
			r.Heads = append(r.Heads, headAgreement(h.Name, v, xa, xb))
		}
	}
	for _, p := range pairs {
		for _, h := range s.Heads {
			var va, vb string
			var oka, okb bool
			if h.Multi {
				var sa, sb []string
				sa, oka = p[0].Multi[h.Name]
				sb, okb = p[1].Multi[h.Name]
				va, vb = joinSet(h, sa), joinSet(h, sb)
			} else {
				va, oka = p[0].Single[h.Name]
				vb, okb = p[1].Single[h.Name]
			}
			if oka && okb && va != vb {
				r.Disagreements = append(r.Disagreements, Disagreement{p[0].ID, h.Name, va, vb})
			}
		}
	}
	return r
}

func presence(vals []string, v string) string {
	if slices.Contains(vals, v) {
		return "present"
	}
	return "absent"
}

// joinSet writes a set of values in schema order, so that the same set
// always reads the same.
func joinSet(h labels.Head, vals []string) string {
	var out []string
	for _, v := range h.Values {
		if slices.Contains(vals, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, "+")
}

func headAgreement(head, value string, a, b []string) HeadAgreement {
	ha := HeadAgreement{Head: head, Value: value, N: len(a)}
	if len(a) == 0 {
		return ha
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	ha.Observed = float64(same) / float64(len(a))
	ha.Kappa = CohenKappa(a, b)
	return ha
}

// WriteText writes the report for people: the counts, a table of kappa
// per head (per value for a multi-label head), and the disagreements.
func (r *AgreementReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "agreement between %s (A) and %s (B)\narticles: %d labelled by both, %d only in A, %d only in B\n\n", r.A, r.B, r.Both, r.OnlyA, r.OnlyB)
	width := len("head")
	name := func(h HeadAgreement) string {
		if h.Value != "" {
			return h.Head + "=" + h.Value
		}
		return h.Head
	}
	for _, h := range r.Heads {
		width = max(width, len(name(h)))
	}
	fmt.Fprintf(w, "%-*s %6s %10s %7s\n", width, "head", "n", "agreement", "kappa")
	for _, h := range r.Heads {
		if h.N == 0 {
			fmt.Fprintf(w, "%-*s %6d %10s %7s\n", width, name(h), 0, "-", "-")
			continue
		}
		fmt.Fprintf(w, "%-*s %6d %10.2f %7.2f\n", width, name(h), h.N, h.Observed, h.Kappa)
	}
	fmt.Fprintln(w, "\nkappa is Cohen's; a multi-label head is compared value by value (present or absent).")
	if len(r.Disagreements) == 0 {
		_, err := fmt.Fprintln(w, "\nno disagreements")
		return err
	}
	fmt.Fprintf(w, "\ndisagreements (%d):\n", len(r.Disagreements))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "id\thead\tA\tB")
	for _, d := range r.Disagreements {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.ID, d.Head, d.A, d.B)
	}
	return tw.Flush()
}

// WriteJSON writes the report as one JSON object.
func (r *AgreementReport) WriteJSON(w io.Writer) error {
	out := struct {
		A             string          `json:"a"`
		B             string          `json:"b"`
		Both          int             `json:"both"`
		OnlyA         int             `json:"only_a"`
		OnlyB         int             `json:"only_b"`
		Heads         []HeadAgreement `json:"heads"`
		Disagreements []Disagreement  `json:"disagreements"`
	}{r.A, r.B, r.Both, r.OnlyA, r.OnlyB, r.Heads, r.Disagreements}
	if out.Disagreements == nil {
		out.Disagreements = []Disagreement{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
