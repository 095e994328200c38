// Command genbench writes a large JSON Lines file of synthetic articles for
// the whole-process throughput benchmark (scripts/bench-throughput.sh).
//
// The text comes only from the project's own corpus (the .txt articles under
// testdata/corpus/articles: headline, blank line, body). Each generated
// article takes the headline of one corpus article and a body of 150-400
// words made of the shuffled sentences of 2-3 random corpus articles, cut
// into paragraphs of 2-4 sentences. Records look like
//
//	{"id":"gen-000001","text":"Headline\n\nBody...","outlet":"...","date":"2021-03-14","sources":["wire/002","israel/017"]}
//
// where outlet and date are those of the first source article in
// testdata/corpus/labels.jsonl (the register folder and a seeded random date
// when the labels are missing). Output is deterministic for a given corpus,
// -seed and -size, and is streamed: memory holds the corpus, not the output.
// The file is written to OUT.partial and renamed when complete. With -text,
// the same articles are also written as plain text, one article per line
// (line breaks turned into spaces), for tools such as fastText predict.
//
//	go run ./internal/tools/genbench -size 100MB -seed 1 -o /tmp/stance-bench-100MB.jsonl
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// source is one corpus article, split for recombination.
type source struct {
	id        string
	headline  string
	sentences []string
	outlet    string
	date      string
}

// record is one output line; field order is the output order.
type record struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Outlet  string   `json:"outlet"`
	Date    string   `json:"date"`
	Sources []string `json:"sources"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genbench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("genbench", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sizeFlag := flags.String("size", "100MB", "output size to reach, in bytes (suffixes KB, MB, GB = powers of 1000; KiB, MiB, GiB = powers of 1024)")
	seed := flags.Uint64("seed", 1, "random seed")
	out := flags.String("o", "", "output file (- for standard output; required)")
	textOut := flags.String("text", "", "also write the same articles as plain text, one per line, to this file")
	corpus := flags.String("corpus", "testdata/corpus/articles", "directory of .txt corpus articles")
	labelsPath := flags.String("labels", "testdata/corpus/labels.jsonl", "corpus labels with outlet and date per id (empty: none)")
	minWords := flags.Int("min-words", 150, "fewest words per generated body")
	maxWords := flags.Int("max-words", 400, "most words per generated body")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}
	if *out == "" {
		return errors.New("-o is required (a file, or - for standard output)")
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		return err
	}
	if *minWords < 1 || *maxWords < *minWords {
		return fmt.Errorf("need 1 <= -min-words <= -max-words, got %d and %d", *minWords, *maxWords)
	}
	rng := rand.New(rand.NewPCG(*seed, 0x5eed_9e3779b97f4a))
	srcs, err := loadCorpus(*corpus, *labelsPath, rng)
	if err != nil {
		return err
	}
	if len(srcs) < 3 {
		return fmt.Errorf("%s: need at least 3 articles, found %d", *corpus, len(srcs))
	}

	var w io.Writer = stdout
	var f *os.File
	tmp := *out + ".partial"
	if *out != "-" {
		if f, err = os.Create(tmp); err != nil {
			return err
		}
		defer func() {
			if f != nil {
				f.Close()
				os.Remove(tmp)
			}
		}()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var tw *textFile
	if *textOut != "" {
		if tw, err = createText(*textOut); err != nil {
			return err
		}
		defer tw.abort()
	}
	g := &generator{rng: rng, srcs: srcs, minWords: *minWords, maxWords: *maxWords}
	var n, written int64
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false)
	for written < size {
		n++
		line.Reset()
		rec := g.next(n)
		if err := enc.Encode(rec); err != nil { // Encode appends '\n'
			return err
		}
		if tw != nil {
			if err := tw.writeLine(rec.Text); err != nil {
				return err
			}
		}
		k, err := bw.Write(line.Bytes())
		written += int64(k)
		if err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
		f = nil
		if err := os.Rename(tmp, *out); err != nil {
			return err
		}
	}
	if tw != nil {
		if err := tw.commit(); err != nil {
			return err
		}
	}
	name := *out
	if name == "-" {
		name = "standard output"
	}
	fmt.Fprintf(stderr, "genbench: %d articles, %d bytes (%.1f MB) from %d corpus articles, seed %d, to %s\n",
		n, written, float64(written)/1e6, len(srcs), *seed, name)
	return nil
}

// textFile writes one article per line to NAME.partial, renamed on commit.
type textFile struct {
	name string
	f    *os.File
	w    *bufio.Writer
}

func createText(name string) (*textFile, error) {
	f, err := os.Create(name + ".partial")
	if err != nil {
		return nil, err
	}
	return &textFile{name: name, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func (t *textFile) writeLine(text string) error {
	if _, err := lineBreaks.WriteString(t.w, text); err != nil {
		return err
	}
	return t.w.WriteByte('\n')
}

func (t *textFile) commit() error {
	if err := t.w.Flush(); err != nil {
		return err
	}
	if err := t.f.Close(); err != nil {
		return err
	}
	t.f = nil
	return os.Rename(t.name+".partial", t.name)
}

// abort removes the partial file unless commit succeeded.
func (t *textFile) abort() {
	if t.f != nil {
		t.f.Close()
		os.Remove(t.name + ".partial")
	}
}

type generator struct {
	rng                *rand.Rand
	srcs               []source
	minWords, maxWords int
	pool               []string // reused sentence buffer
}

// next builds article number n.
func (g *generator) next(n int64) record {
	k := 2 + g.rng.IntN(2) // 2 or 3 source articles
	picked := make([]int, 0, 3)
	for len(picked) < k {
		i := g.rng.IntN(len(g.srcs))
		dup := false
		for _, p := range picked {
			dup = dup || p == i
		}
		if !dup {
			picked = append(picked, i)
		}
	}
	g.pool = g.pool[:0]
	ids := make([]string, k)
	for j, i := range picked {
		g.pool = append(g.pool, g.srcs[i].sentences...)
		ids[j] = g.srcs[i].id
	}
	g.rng.Shuffle(len(g.pool), func(a, b int) { g.pool[a], g.pool[b] = g.pool[b], g.pool[a] })

	target := g.minWords + g.rng.IntN(g.maxWords-g.minWords+1)
	lead := g.srcs[picked[0]]
	var b strings.Builder
	b.WriteString(lead.headline)
	words, inPara, paraLen := 0, 0, 2+g.rng.IntN(3)
	for _, s := range g.pool {
		if words >= target {
			break
		}
		switch {
		case words == 0:
			b.WriteString("\n\n")
		case inPara == paraLen:
			b.WriteString("\n\n")
			inPara, paraLen = 0, 2+g.rng.IntN(3)
		default:
			b.WriteByte(' ')
		}
		b.WriteString(s)
		words += len(strings.Fields(s))
		inPara++
	}
	return record{
		ID:      fmt.Sprintf("gen-%06d", n),
		Text:    b.String(),
		Outlet:  lead.outlet,
		Date:    lead.date,
		Sources: ids,
	}
}

// loadCorpus reads every .txt file below dir (in lexical order) and the
// outlet and date of each id from labelsPath.
func loadCorpus(dir, labelsPath string, rng *rand.Rand) ([]source, error) {
	meta := map[string][2]string{}
	if labelsPath != "" {
		data, err := os.ReadFile(labelsPath)
		if err != nil {
			return nil, err
		}
		for i, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			var r struct{ ID, Outlet, Date string }
			if err := json.Unmarshal(l, &r); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", labelsPath, i+1, err)
			}
			meta[r.ID] = [2]string{r.Outlet, r.Date}
		}
	}
	var srcs []source
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		id := strings.TrimSuffix(filepath.ToSlash(rel), ".txt")
		head, body := splitHeadline(string(data))
		s := source{id: id, headline: head, sentences: sentences(body)}
		if len(s.sentences) == 0 {
			return nil
		}
		if m, ok := meta[id]; ok && m[0] != "" && m[1] != "" {
			s.outlet, s.date = m[0], m[1]
		} else {
			s.outlet, _, _ = strings.Cut(id, "/")
			s.date = fmt.Sprintf("%04d-%02d-%02d", 2012+rng.IntN(15), 1+rng.IntN(12), 1+rng.IntN(28))
		}
		srcs = append(srcs, s)
		return nil
	})
	return srcs, err
}

// splitHeadline returns the first line as the headline when a blank line
// follows it, as the project's .txt reader does.
func splitHeadline(text string) (head, body string) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, ok := strings.Cut(text, "\n")
	if ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "\n") {
		return strings.TrimSpace(first), rest
	}
	return "", text
}

// sentences splits text at '.', '!' or '?' (with any closing quotes or
// brackets) followed by white space and an upper-case letter, a digit or
// an opening quote, and at blank lines. It is rough, which is enough here.
func sentences(text string) []string {
	var out []string
	add := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			out = append(out, s)
		}
	}
	for _, para := range strings.Split(text, "\n\n") {
		start := 0
		for i := 0; i < len(para); i++ {
			c := para[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < len(para) && strings.IndexByte(`"')]`, para[j]) >= 0 {
				j++
			}
			if j < len(para) && utf8.RuneStart(para[j]) {
				if r, _ := utf8.DecodeRuneInString(para[j:]); r == '\u201d' || r == '\u2019' {
					j += utf8.RuneLen(r)
				}
			}
			k := j
			for k < len(para) && (para[k] == ' ' || para[k] == '\n' || para[k] == '\t') {
				k++
			}
			if k == j || k >= len(para) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(para[k:])
			if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c' || r == '\'' || r == '\u2018' {
				add(para[start:j])
				start = k
				i = k - 1
			}
		}
		add(para[start:])
	}
	return out
}

// parseSize reads "100MB", "1GB", "512KiB" or a plain byte count.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("-size %q: want a positive size such as 100MB, 1GB or 5000000", s)
	}
	return int64(v * float64(mult)), nil
}
