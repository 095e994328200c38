// Command adaptreal measures train --from on the real set
// (testdata/real/README.md): for each group of outlets treated as "new"
// (Azerbaijani, Iranian, Israeli sites), a base model is trained without
// them — on the synthetic corpus (weight 0.5) and the real excerpts of 4/5
// of the other outlets — then, for a few random draws of twenty labelled
// excerpts of the group, it compares
//
//   - the base model unchanged,
//   - the base adapted with the twenty (L2 toward its weights, λ chosen by
//     eval.ChooseAdaptL2: cross-validation on the twenty only),
//   - a model trained from scratch on the twenty,
//   - the base's data plus the twenty, retrained from scratch (what one
//     can do only with the base's training data at hand; slow, so only in
//     the first -retrain-draws draws),
//
// by macro-F1 per head on the group's other excerpts ("new") and on the
// held-out fifth of the other outlets ("old"), which no model trained on.
// It needs the real-set cache and prints one line per model and draw,
// then the means over draws.
//
//	go run ./internal/tools/adaptreal -draws 2 -groups azerbaijani
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/stance-project/stance/internal/realdata"

	"github.com/stance-project/stance"
	"github.com/stance-project/stance/classifier"
	"github.com/stance-project/stance/eval"
	"github.com/stance-project/stance/labels"
)

// outletGroups are the groups of outlets treated as new, by site.
var outletGroups = map[string]func(string) bool{
	"azerbaijani": func(o string) bool { return strings.HasSuffix(o, ".az") || o == "aze.media" },
	"iranian": func(o string) bool {
		return strings.HasSuffix(o, ".ir") || slices.Contains([]string{"tehrantimes.com", "ifpnews.com", "presstv.com", "mehrnews.com", "tasnimnews.com", "iranpress.com"}, o)
	},
	"israeli": func(o string) bool {
		return strings.HasSuffix(o, ".il") || slices.Contains([]string{"jpost.com", "israelnationalnews.com", "jewishpress.com", "timesofisrael.com", "i24news.tv", "ynetnews.com", "haaretz.com", "israelhayom.com", "jns.org", "algemeiner.com"}, o)
	},
}

func main() {
	real := flag.String("real", filepath.Join(realdata.Cache(), "articles.jsonl"), "the real set's texts")
	realLabels := flag.String("real-labels", "testdata/real/labels.jsonl", "")
	syn := flag.String("syn", "testdata/corpus/articles", "")
	synLabels := flag.String("syn-labels", "testdata/corpus/labels.jsonl", "")
	only := flag.String("groups", "azerbaijani,iranian,israeli", "outlet groups to treat as new")
	draws := flag.Int("draws", 3, "random draws of the twenty labels per group")
	n := flag.Int("n", 20, "labels of the new group to adapt with")
	retrainDraws := flag.Int("retrain-draws", 1, "draws in which to also retrain on the base's data plus the labels (slow)")
	flag.Parse()
	if _, err := os.Stat(*real); err != nil {
		fmt.Fprintf(os.Stderr, "adaptreal: the real-set cache is absent (%v); see testdata/real/README.md\n", err)
		os.Exit(1)
	}
	def, err := classifier.Decode(stance.DefaultModelFile(), "default")
	check(err)
	s := labels.Default()
	load := func(path, lab string) ([]*labels.Article, []*labels.LabelSet) {
		arts, sets, err := realdata.Load(path, lab, s)
		check(err)
		return arts, sets
	}
	var arts []*labels.Article
	var sets []*labels.LabelSet
	var outlet []string
	var w []float64
	ra, rs := load(*real, *realLabels)
	for i, a := range ra {
		if rs[i] != nil {
			o, _ := a.MetaString("outlet")
			arts, sets, outlet, w = append(arts, a), append(sets, rs[i]), append(outlet, o), append(w, 1)
		}
	}
	sa, ss := load(*syn, *synLabels)
	for i, a := range sa {
		arts, sets, outlet, w = append(arts, a), append(sets, ss[i]), append(outlet, ""), append(w, 0.5)
	}
	// The default model's features and training settings, without its
	// calibration (it was fitted on data including the held-out outlets).
	ds, err := stance.Featurize(s, def.Features, arts, sets, 2)
	check(err)
	ds.Weight = w
	tc := def.Train
	tc.Workers = 2
	fmt.Printf("features %s; training %s, l2 %g, class weight %s; %d real excerpts, %d synthetic\n",
		strings.Join(def.Features.Groups, ","), tc.Algo, tc.L2, tc.ClassWeight, len(ra), len(sa))
	for _, name := range strings.Split(*only, ",") {
		inGroup := outletGroups[name]
		if inGroup == nil {
			check(fmt.Errorf("unknown group %q", name))
		}
		// Other outlets: a fifth (whole outlets) held out as the old test.
		grp := make([]string, len(arts))
		var group []int
		for i, o := range outlet {
			switch {
			case o == "":
			case inGroup(o):
				group = append(group, i)
			default:
				grp[i] = o
			}
		}
		fs, err := eval.GroupKFolds(grp, 5, 1)
		check(err)
		old := fs[0].Test
		var baseRows []int
		for _, i := range fs[0].Train {
			if !slices.Contains(group, i) {
				baseRows = append(baseRows, i)
			}
		}
		base, err := classifier.Fit(ds, baseRows, tc)
		check(err)
		fmt.Printf("\n== %s outlets: %d excerpts; base trained on %d rows (synthetic and other outlets), old test %d excerpts of %d other outlets\n",
			name, len(group), len(baseRows), len(old), countDistinct(grp, old))
		fmt.Printf("%-22s %-4s %s\n", "model", "set", "macro-F1 israel iran azerbaijan frames | mean")
		type key struct{ model, set string }
		sum := map[key][]float64{}
		cnt := map[key]int{}
		models := []string{"base", "adapted", "scratch", "retrained"}
		for d := 1; d <= *draws; d++ {
			rows := slices.Clone(group)
			rand.New(rand.NewPCG(uint64(d), 7)).Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
			new20, newTest := slices.Clone(rows[:*n]), slices.Clone(rows[*n:])
			slices.Sort(new20)
			slices.Sort(newTest)
			ac := tc
			ac.Base = base
			var sel string
			ac.L2, sel, err = eval.ChooseAdaptL2(ds, ac, new20, 5)
			check(err)
			adapted, err := classifier.Fit(ds, new20, ac)
			check(err)
			scratch, err := classifier.Fit(ds, new20, tc)
			check(err)
			ms := []*classifier.Model{base, adapted, scratch}
			if d <= *retrainDraws {
				retrained, err := classifier.Fit(ds, sorted(append(slices.Clone(baseRows), new20...)), tc)
				check(err)
				ms = append(ms, retrained)
			}
			fmt.Printf("draw %d: adapted with λ %g (%s)\n", d, ac.L2, sel)
			for mi, m := range ms {
				for _, set := range []struct {
					name string
					rows []int
				}{{"new", newTest}, {"old", old}} {
					rep, err := eval.Evaluate(m, ds, set.rows)
					check(err)
					var f []float64
					for _, h := range rep.Heads {
						f = append(f, h.Macro.F1)
					}
					f = append(f, eval.MeanMacroF1(rep))
					k := key{models[mi], set.name}
					if sum[k] == nil {
						sum[k] = make([]float64, len(f))
					}
					for j := range f {
						sum[k][j] += f[j]
					}
					cnt[k]++
					fmt.Printf("  %-20s %-4s %s\n", models[mi], set.name, row(f))
				}
			}
		}
		fmt.Printf("mean over draws (%s outlets, %d labels):\n", name, *n)
		for _, m := range models {
			for _, set := range []string{"new", "old"} {
				k := key{m, set}
				if cnt[k] == 0 {
					continue
				}
				f := slices.Clone(sum[k])
				for j := range f {
					f[j] /= float64(cnt[k])
				}
				fmt.Printf("  %-20s %-4s %s (%d draws)\n", m, set, row(f), cnt[k])
			}
		}
	}
}

func row(f []float64) string {
	var b strings.Builder
	for j, v := range f {
		if j == len(f)-1 {
			b.WriteString("| ")
		}
		fmt.Fprintf(&b, "%.3f ", v)
	}
	return b.String()
}

func sorted(x []int) []int { slices.Sort(x); return x }

func countDistinct(grp []string, rows []int) int {
	m := map[string]bool{}
	for _, i := range rows {
		m[grp[i]] = true
	}
	return len(m)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "adaptreal:", err)
		os.Exit(1)
	}
}
