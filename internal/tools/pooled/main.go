// Command pooled builds the pooled-target development set behind the
// README's "Target-conditioned learning" figures: stance examples of
// several targets in one file, where the text never names the example's
// target, the shape of the public tweet stance benchmarks.
//
// Each article of the synthetic corpus and of the real set becomes one
// example per stance head (israel, iran) with the head's label
// (pro/anti/neutral) and target the head's name, and every mention of that
// target (the schema's aliases) cut out of the text, so the target is
// known only from the example's "target" field. Real-set outlets are split
// three ways by a hash of their name: one part is the dev file, the rest
// and the whole synthetic corpus the training file. The files are written
// to -out (outside the repository: the real set's texts are third-party).
//
//	go run ./internal/tools/pooled -out /tmp/pooled
//	stance train --examples /tmp/pooled/train.jsonl --features +bytarget -o /tmp/pooled.stance
//	stance eval --model /tmp/pooled.stance --examples /tmp/pooled/dev.jsonl
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/stance-project/stance/internal/realdata"

	"github.com/stance-project/stance/labels"
)

func main() {
	real := flag.String("real", filepath.Join(realdata.Cache(), "articles.jsonl"), "the real set's texts")
	realLabels := flag.String("real-labels", "testdata/real/labels.jsonl", "")
	syn := flag.String("syn", "testdata/corpus/articles", "")
	synLabels := flag.String("syn-labels", "testdata/corpus/labels.jsonl", "")
	out := flag.String("out", "", "directory for train.jsonl and dev.jsonl (required)")
	flag.Parse()
	if *out == "" {
		fail(fmt.Errorf("pooled: -out DIR is required"))
	}
	s := labels.Default()
	masks := map[string]*regexp.Regexp{}
	var heads []int
	for h, hd := range s.Heads {
		if hd.Target == nil || hd.Multi || !slices.Contains(hd.Values, "pro") {
			continue
		}
		heads = append(heads, h)
		masks[hd.Name] = aliasPattern(append([]string{hd.Target.Name}, hd.Target.Aliases...))
	}
	check(os.MkdirAll(*out, 0o755))
	train, err := os.Create(filepath.Join(*out, "train.jsonl"))
	check(err)
	dev, err := os.Create(filepath.Join(*out, "dev.jsonl"))
	check(err)
	counts := map[string]int{}
	emit := func(path, lab string, real bool) {
		arts, sets, err := realdata.Load(path, lab, s)
		check(err)
		for i, a := range arts {
			if sets[i] == nil {
				continue
			}
			w, split := train, "train"
			if o, _ := a.MetaString("outlet"); real && outletPart(o) == 0 {
				w, split = dev, "dev"
			}
			for _, h := range heads {
				name := s.Heads[h].Name
				v, ok := sets[i].Single[name]
				if !ok {
					continue
				}
				b, err := json.Marshal(map[string]string{
					"id":     a.ID + "#" + name,
					"text":   mask(masks[name], a.Text),
					"target": name,
					"label":  v,
				})
				check(err)
				_, err = w.Write(append(b, '\n'))
				check(err)
				counts[split+" "+name]++
			}
		}
	}
	emit(*syn, *synLabels, false)
	emit(*real, *realLabels, true)
	check(train.Close())
	check(dev.Close())
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("%s: %d examples\n", k, counts[k])
	}
}

// aliasPattern matches any of the names as whole words (longest first),
// with an optional possessive.
func aliasPattern(names []string) *regexp.Regexp {
	names = slices.Clone(names)
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(q, "|") + `)(?:['’]s)?\b`)
}

var spaces = regexp.MustCompile(`[ \t]{2,}`)

// mask cuts every match of re out of text.
func mask(re *regexp.Regexp, text string) string {
	return spaces.ReplaceAllString(re.ReplaceAllString(text, ""), " ")
}

// outletPart puts an outlet in one of three parts by a hash of its name.
func outletPart(o string) int {
	h := fnv.New32a()
	h.Write([]byte(o))
	return int(h.Sum32() % 3)
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
