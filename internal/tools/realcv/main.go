// Command realcv is the ablation harness behind the README's "What moved
// the real-set figure" table: 5-fold cross-validation on the real set
// grouped by outlet, with the synthetic corpus in every training fold
// (weighted by -syn-weight; 0 leaves it out) and never tested, one line of
// macro-F1 per run, the calibration, a recalibration with per-class
// offsets (eval.Recalibrate), and per-class precision and recall. It
// reads the real-set cache (testdata/real/README.md).
//
//	go run ./internal/tools/realcv -features default -syn-weight 0.5
//
// `stance eval` with --train-only, --weight, --cv 5 and --cv-group
// meta:outlet runs the same cross-validation (the rows come in another
// order, so figures can differ by a point).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/stance-project/stance/internal/realdata"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/features"
	"github.com/stance-project/stance/labels"
)

func main() {
	real := flag.String("real", filepath.Join(realdata.Cache(), "articles.jsonl"), "")
	realLabels := flag.String("real-labels", "testdata/real/labels.jsonl", "")
	syn := flag.String("syn", "testdata/corpus/articles", "")
	synLabels := flag.String("syn-labels", "testdata/corpus/labels.jsonl", "")
	groups := flag.String("features", "default", "")
	cw := flag.String("class-weight", "balanced", "")
	l2 := flag.Float64("l2", 1e-3, "")
	k := flag.Int("k", 5, "")
	synW := flag.Float64("syn-weight", 0.5, "weight of synthetic rows (0: leave them out)")
	other := flag.String("other", "", "more real excerpts to add (e.g. the cache's other.jsonl), tested like the real set; then figures are also given per language")
	otherLabels := flag.String("other-labels", "testdata/real/ml/labels.jsonl", "labels of -other")
	synML := flag.String("syn-ml", "", "a second synthetic corpus (e.g. testdata/corpus-ml/articles), in every training fold like -syn")
	synMLLabels := flag.String("syn-ml-labels", "testdata/corpus-ml/labels.jsonl", "labels of -syn-ml")
	otherW := flag.Float64("other-weight", 1, "weight of -other's rows in training")
	only := flag.String("lang", "", "a per-language model: keep only the real excerpts in this language and, from -syn-ml, its own articles (ids LANG/…); -syn is left out unless the language is en")
	flag.Parse()
	s := labels.Default()
	load := func(path, lab string) ([]*labels.Article, []*labels.LabelSet) {
		arts, sets, err := realdata.Load(path, lab, s)
		check(err)
		return arts, sets
	}
	var arts []*labels.Article
	var sets []*labels.LabelSet
	var grp, lang []string
	var w []float64
	addReal := func(path, lab string, weight float64) {
		ra, rs := load(path, lab)
		for i, a := range ra {
			if rs[i] == nil {
				continue
			}
			o, _ := a.MetaString("outlet")
			l, _ := a.MetaString("lang")
			if *only != "" && l != *only {
				continue
			}
			arts, sets, grp, w, lang = append(arts, a), append(sets, rs[i]), append(grp, o), append(w, weight), append(lang, l)
		}
	}
	addSyn := func(path, lab string, byLang bool) {
		sa, ss := load(path, lab)
		for i, a := range sa {
			if byLang && *only != "" && !strings.HasPrefix(a.ID, *only+"/") {
				continue
			}
			arts, sets, grp, w, lang = append(arts, a), append(sets, ss[i]), append(grp, ""), append(w, *synW), append(lang, "")
		}
	}
	addReal(*real, *realLabels, 1)
	if *other != "" {
		addReal(*other, *otherLabels, *otherW)
	}
	nreal := len(arts)
	if *synW > 0 {
		if *only == "" || *only == "en" {
			addSyn(*syn, *synLabels, false)
		}
		if *synML != "" {
			addSyn(*synML, *synMLLabels, true)
		}
	}
	gs, err := features.ParseGroups(*groups)
	check(err)
	cfg := features.Config{Buckets: 1 << 18, Window: 8, Groups: gs}
	ds, err := stance.Featurize(s, cfg, arts, sets, 2)
	check(err)
	ds.Weight = w
	fs, err := eval.GroupKFolds(grp, *k, 1)
	check(err)
	tc := classifier.DefaultTrainConfig()
	tc.ClassWeight, tc.L2, tc.Workers = *cw, *l2, 2
	rep, err := eval.CrossValidate(ds, tc, fs)
	check(err)
	rep.Calibration = eval.Calibrate(ds, rep.Predictions)
	var line []string
	for _, h := range rep.Heads {
		line = append(line, fmt.Sprintf("%s %.1f", h.Head, 100*h.Macro.F1))
	}
	fmt.Printf("real=%d features=%s cw=%s l2=%g synW=%g | %s\n", nreal, *groups, *cw, *l2, *synW, strings.Join(line, " | "))
	for _, c := range rep.Calibration {
		fmt.Printf("  calib %s T=%.2f ECE %.3f -> %.3f\n", c.Head, c.Temperature, c.ECEBefore, c.ECEAfter)
	}
	for _, r := range eval.Recalibrate(ds, rep.Predictions) {
		fmt.Printf("  recal %s macroF1 %.1f -> %.1f  ECE %.3f -> %.3f  T=%.2f b=%.2f\n", r.Head, 100*r.MacroF1Before, 100*r.MacroF1After, r.ECEBefore, r.ECEAfter, r.Temperature, r.Offsets)
	}
	for _, h := range rep.Heads {
		if h.Multi {
			continue
		}
		var cls []string
		for _, r := range h.Rows {
			cls = append(cls, fmt.Sprintf("%s P%.2f R%.2f", r.Label, r.Precision, r.Recall))
		}
		fmt.Printf("  %s: %s\n", h.Head, strings.Join(cls, "; "))
	}
	if *other != "" {
		byLanguage(ds, rep.Predictions, lang)
	}
	if os.Getenv("REPORT") != "" {
		rep.WriteText(os.Stdout)
	}
}

// byLanguage prints the out-of-fold figures of each language's real
// excerpts: articles, and per head macro-F1 and accuracy.
func byLanguage(ds *classifier.Dataset, p *eval.Predictions, lang []string) {
	seen := map[string]int{}
	var order []string
	for _, l := range lang {
		if l == "" {
			continue
		}
		if seen[l] == 0 {
			order = append(order, l)
		}
		seen[l]++
	}
	for _, l := range order {
		q := p.Where(func(row int) bool { return lang[row] == l })
		var line []string
		for _, h := range eval.HeadReports(ds, q) {
			if h.Multi {
				line = append(line, fmt.Sprintf("%s %.1f", h.Head, 100*h.Macro.F1))
				continue
			}
			line = append(line, fmt.Sprintf("%s %.1f/%.1f (acc %.2f)", h.Head, 100*h.Macro.F1, 100*presentMacroF1(h), h.Accuracy))
		}
		fmt.Printf("  lang %s n=%d (macro-F1 over all classes/over classes present) | %s\n", l, len(q.Rows), strings.Join(line, " | "))
	}
}

// presentMacroF1 is macro-F1 over the classes that occur in the gold
// labels or the predictions (scikit-learn's f1_score(average="macro")):
// one language's excerpts may lack a class altogether (no article
// favourable to Israel among a language's few dozen), which the macro
// over every class of the schema counts as an F1 of 0.
func presentMacroF1(h eval.HeadReport) float64 {
	sum, n := 0.0, 0
	for c, r := range h.Rows {
		pred := 0
		for g := range h.Confusion {
			pred += h.Confusion[g][c]
		}
		if r.Support > 0 || pred > 0 {
			sum += r.F1
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
