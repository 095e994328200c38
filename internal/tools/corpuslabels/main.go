// Command corpuslabels merges a labelled set's two independent annotations
// (labels/REGISTER.a.jsonl, written with each article, and
// labels/REGISTER.b.jsonl, a blind second reading) and the adjudication of
// their disagreements (labels/adjudicated.jsonl) into DIR/labels.jsonl; the
// real set keeps one pair, labels/a.jsonl and labels/b.jsonl,
// applies labels/recheck-*.jsonl (labels changed when the codebook gained
// new hard-case rules; each names the value it replaces), and prints the
// agreement (Cohen's kappa per head) as a Markdown table.
//
//	go run ./internal/tools/corpuslabels -dir testdata/corpus
//	go run ./internal/tools/corpuslabels -dir testdata/real
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

type record struct {
	ID         string   `json:"id"`
	Israel     string   `json:"israel"`
	Iran       string   `json:"iran"`
	Azerbaijan string   `json:"azerbaijan"`
	Frames     []string `json:"frames"`
	Outlet     string   `json:"outlet,omitempty"`
	Date       string   `json:"date,omitempty"`
	Hard       string   `json:"hard,omitempty"`
}

type adjudication struct {
	ID         string   `json:"id"`
	Israel     string   `json:"israel"`
	Iran       string   `json:"iran"`
	Azerbaijan string   `json:"azerbaijan"`
	FramesAdd  []string `json:"frames_add"`
	Why        string   `json:"why"`
}

func readJSONL[T any](path string) ([]T, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []T
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r T
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func main() {
	dir := flag.String("dir", "testdata/corpus", "corpus directory")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "corpuslabels:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	// Either per-register pairs (labels/REGISTER.a.jsonl and .b.jsonl, the
	// synthetic corpus) or one pair (labels/a.jsonl and b.jsonl, the real set).
	as, _ := filepath.Glob(filepath.Join(dir, "labels", "*.a.jsonl"))
	if one := filepath.Join(dir, "labels", "a.jsonl"); fileExists(one) {
		as = append(as, one)
	}
	sort.Strings(as)
	A, B := map[string]record{}, map[string]record{}
	var ids []string
	for _, pa := range as {
		ra, err := readJSONL[record](pa)
		if err != nil {
			return err
		}
		rb, err := readJSONL[record](strings.TrimSuffix(pa, "a.jsonl") + "b.jsonl")
		if err != nil {
			return err
		}
		for _, r := range ra {
			A[r.ID] = r
			ids = append(ids, r.ID)
		}
		for _, r := range rb {
			B[r.ID] = r
		}
	}
	adj, err := readJSONL[adjudication](filepath.Join(dir, "labels", "adjudicated.jsonl"))
	if err != nil {
		return err
	}
	adjBy := map[string]adjudication{}
	for _, a := range adj {
		adjBy[a.ID] = a
	}
	s := labels.Default()
	// Agreement.
	var out strings.Builder
	fmt.Fprintf(&out, "| head | items | observed agreement | Cohen's kappa |\n|---|---|---|---|\n")
	heads := []string{"israel", "iran", "azerbaijan"}
	get := func(r record, h string) string {
		switch h {
		case "israel":
			return r.Israel
		case "iran":
			return r.Iran
		}
		return r.Azerbaijan
	}
	for _, h := range heads {
		var a, b []string
		agree := 0
		for _, id := range ids {
			rb, ok := B[id]
			if !ok {
				return fmt.Errorf("no second reading of %s", id)
			}
			a, b = append(a, get(A[id], h)), append(b, get(rb, h))
			if a[len(a)-1] == b[len(b)-1] {
				agree++
			}
		}
		fmt.Fprintf(&out, "| %s | %d | %.3f | %.2f |\n", h, len(ids), float64(agree)/float64(len(ids)), eval.CohenKappa(a, b))
	}
	for _, f := range s.Head("frames").Values {
		var a, b []string
		agree := 0
		for _, id := range ids {
			x, y := fmt.Sprint(slices.Contains(A[id].Frames, f)), fmt.Sprint(slices.Contains(B[id].Frames, f))
			a, b = append(a, x), append(b, y)
			if x == y {
				agree++
			}
		}
		fmt.Fprintf(&out, "| frames: %s | %d | %.3f | %.2f |\n", f, len(ids), float64(agree)/float64(len(ids)), eval.CohenKappa(a, b))
	}
	// Re-checks: changes made after the codebook gained new hard-case rules
	// (labels/recheck-*.jsonl), each naming the old value it replaces.
	rechecks, err := readRechecks(dir)
	if err != nil {
		return err
	}
	// Merge: agreed values stand; disagreements take the adjudicated value.
	var merged bytes.Buffer
	settled, rechecked := 0, 0
	for _, id := range ids {
		a, b := A[id], B[id]
		r := record{ID: id, Outlet: a.Outlet, Date: a.Date, Hard: a.Hard}
		ad, hasAdj := adjBy[id]
		pick := func(h, va, vb, vadj string) (string, error) {
			if va == vb {
				return va, nil
			}
			if !hasAdj || vadj == "" {
				return "", fmt.Errorf("%s: %s disagrees (%s vs %s) and is not adjudicated", id, h, va, vb)
			}
			if vadj != va && vadj != vb {
				return "", fmt.Errorf("%s: %s adjudicated as %q, neither annotator's value", id, h, vadj)
			}
			settled++
			return vadj, nil
		}
		if r.Israel, err = pick("israel", a.Israel, b.Israel, ad.Israel); err != nil {
			return err
		}
		if r.Iran, err = pick("iran", a.Iran, b.Iran, ad.Iran); err != nil {
			return err
		}
		if r.Azerbaijan, err = pick("azerbaijan", a.Azerbaijan, b.Azerbaijan, ad.Azerbaijan); err != nil {
			return err
		}
		for _, f := range s.Head("frames").Values {
			inA, inB := slices.Contains(a.Frames, f), slices.Contains(b.Frames, f)
			if inA && inB || (inA != inB && slices.Contains(ad.FramesAdd, f)) {
				r.Frames = append(r.Frames, f)
			}
		}
		if r.Frames == nil {
			r.Frames = []string{}
		}
		for _, c := range rechecks[id] {
			field := map[string]*string{"israel": &r.Israel, "iran": &r.Iran, "azerbaijan": &r.Azerbaijan}[c.Field]
			if field == nil {
				return fmt.Errorf("recheck %s: unknown field %q", id, c.Field)
			}
			if *field != c.Old {
				return fmt.Errorf("recheck %s: %s is %q, the recheck says it was %q", id, c.Field, *field, c.Old)
			}
			*field = c.New
			rechecked++
		}
		line, _ := json.Marshal(r)
		merged.Write(line)
		merged.WriteByte('\n')
	}
	path := filepath.Join(dir, "labels.jsonl")
	if err := classifier.WriteFileAtomic(path, merged.Bytes()); err != nil {
		return err
	}
	// Validate the result with the project's own reader.
	if _, err := labels.ReadLabels(path, s); err != nil {
		return err
	}
	fmt.Print(out.String())
	fmt.Printf("\n%d articles; %d stance disagreements settled by adjudication; %d labels changed by re-checks; wrote %s\n", len(ids), settled, rechecked, path)
	return nil
}

// recheck is one label changed by a later codebook rule.
type recheck struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
	Rule  string `json:"rule"`
}

func readRechecks(dir string) (map[string][]recheck, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "labels", "recheck-*.jsonl"))
	sort.Strings(files)
	out := map[string][]recheck{}
	for _, f := range files {
		rs, err := readJSONL[recheck](f)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.ID] = append(out[r.ID], r)
		}
	}
	return out, nil
}
