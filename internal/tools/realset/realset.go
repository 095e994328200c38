package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Entry is one line of the committed index: everything about an excerpt
// but its text.
type Entry struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Outlet string `json:"outlet"`
	Lang   string `json:"lang"`
	Date   string `json:"date,omitempty"`
	Words  int    `json:"words"`
	Query  string `json:"query"`
	SHA256 string `json:"sha256"`
}

// Article is one line of the cache: an Entry with its text, readable by
// `stance score` and `stance eval` as a JSON Lines corpus (outlet, url,
// date and lang are carried as metadata).
type Article struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Outlet string `json:"outlet"`
	URL    string `json:"url"`
	Date   string `json:"date,omitempty"`
	Lang   string `json:"lang"`
}

// raw is one excerpt as a harvester saved it.
type raw struct {
	url, lang, query, text, file string
}

var errNoCache = errors.New("no real-text cache")

// MinWords is the shortest excerpt kept.
const MinWords = 120

// ParseRaw reads one harvest file:
//
//	QUERY: the query
//	@@@@ url=URL lang=LANG rank=N
//	excerpt lines…
//	@@@@ url=…
func ParseRaw(r io.Reader, file string) ([]raw, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []raw
	var cur *raw
	var body []string
	query := ""
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(strings.Join(body, "\n"))
			out = append(out, *cur)
		}
		cur, body = nil, nil
	}
	ln := 0
	for sc.Scan() {
		ln++
		line := sc.Text()
		switch {
		case ln == 1 && strings.HasPrefix(line, "QUERY:"):
			query = strings.TrimSpace(strings.TrimPrefix(line, "QUERY:"))
		case strings.HasPrefix(line, "@@@@"):
			flush()
			cur = &raw{query: query, file: file}
			for _, f := range strings.Fields(strings.TrimPrefix(line, "@@@@")) {
				k, v, _ := strings.Cut(f, "=")
				switch k {
				case "url":
					cur.url = v
				case "lang":
					cur.lang = strings.ToLower(v)
				}
			}
			if cur.url == "" {
				return nil, fmt.Errorf("%s:%d: record without url=", file, ln)
			}
		default:
			if cur != nil {
				body = append(body, line)
			}
		}
	}
	flush()
	return out, sc.Err()
}

var datePrefix = regexp.MustCompile(`^\s*date (\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*`)

// splitDate takes a leading "date 2023-04-05" off an excerpt.
func splitDate(text string) (date, rest string) {
	if m := datePrefix.FindStringSubmatchIndex(text); m != nil {
		return text[m[2]:m[3]], strings.TrimSpace(text[m[1]:])
	}
	return "", strings.TrimSpace(text)
}

var (
	reAz = regexp.MustCompile(`(?i)azerbaij|\bbaku\b|aliyev|\bazeri`)
	reIL = regexp.MustCompile(`(?i)israel|zionis|tel aviv|netanyahu|\bidf\b|mossad|jerusalem`)
	reIR = regexp.MustCompile(`(?i)\biran|tehran|khamenei|raisi|pezeshkian|\birgc\b|islamic republic`)
)

// countries is how many of the three states an English text names.
func countries(text string) int {
	n := 0
	for _, re := range []*regexp.Regexp{reAz, reIL, reIR} {
		if re.MatchString(text) {
			n++
		}
	}
	return n
}

// NormURL is the address without scheme, "www.", query, fragment and
// trailing "/", host lower-cased (as ../shared/heldout/check normalises).
func NormURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return strings.ToLower(u)
	}
	host := strings.TrimPrefix(strings.ToLower(p.Host), "www.")
	return host + strings.TrimRight(p.Path, "/")
}

// secondLevel lists suffixes under which a site's name is the third label.
var secondLevel = map[string]bool{"co": true, "com": true, "org": true, "net": true, "ac": true, "gov": true, "edu": true, "news": true, "info": true}

// Outlet names the site an address belongs to: its host less "www.", "m.",
// "amp." and language sub-domains, cut to the registrable name
// ("en.irna.ir" → "irna.ir", "www.jpost.com" → "jpost.com",
// "www.bbc.co.uk" → "bbc.co.uk").
func Outlet(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		return "unknown"
	}
	labels := strings.Split(strings.TrimSuffix(strings.ToLower(p.Hostname()), "."), ".")
	keep := 2
	if n := len(labels); n >= 3 && len(labels[n-1]) == 2 && secondLevel[labels[n-2]] {
		keep = 3
	}
	if len(labels) > keep {
		labels = labels[len(labels)-keep:]
	}
	return strings.Join(labels, ".")
}

// ID is "r" and the first 12 hex digits of the SHA-256 of the normalised address.
func ID(u string) string {
	s := sha256.Sum256([]byte(NormURL(u)))
	return "r" + hex.EncodeToString(s[:6])
}

// Hash is the SHA-256 of a stored text.
func Hash(text string) string {
	s := sha256.Sum256([]byte(text))
	return hex.EncodeToString(s[:])
}

// shingles are the word 5-grams of a text, lower-cased, as 64-bit hashes.
func shingles(text string) map[uint64]bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := map[uint64]bool{}
	for i := 0; i+5 <= len(words); i++ {
		s := sha256.Sum256([]byte(strings.Join(words[i:i+5], " ")))
		var h uint64
		for _, b := range s[:8] {
			h = h<<8 | uint64(b)
		}
		out[h] = true
	}
	return out
}

func jaccard(a, b map[uint64]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for h := range a {
		if b[h] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// NearCopy is the shingle Jaccard above which two excerpts are one story.
const NearCopy = 0.5

// harvest reads every raw file under cache/raw, in path order.
func harvest(cache string) ([]raw, error) {
	files, err := filepath.Glob(filepath.Join(cache, "raw", "*", "q*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []raw
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		rs, err := ParseRaw(fh, f)
		fh.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, rs...)
	}
	return all, nil
}

// Build turns the harvest into the cache and the index; see the package comment.
func Build(cache, indexDir, heldout string, restore bool, log io.Writer) error {
	if _, err := os.Stat(filepath.Join(cache, "raw")); err != nil {
		return fmt.Errorf("%w at %s (no raw/ harvest): see testdata/real/README.md", errNoCache, cache)
	}
	all, err := harvest(cache)
	if err != nil {
		return err
	}
	// Excerpts already in the index go first, so that a growing harvest
	// never replaces a labelled excerpt by a near-copy found earlier in
	// path order.
	if prev, err := readIndex(filepath.Join(indexDir, "index.jsonl")); err == nil {
		known := map[string]bool{}
		for _, e := range prev {
			known[e.ID] = true
		}
		sort.SliceStable(all, func(i, j int) bool { return known[ID(all[i].url)] && !known[ID(all[j].url)] })
	}
	var want map[string]Entry
	if restore {
		want = map[string]Entry{}
		for _, name := range []string{"index.jsonl", "index-other.jsonl"} {
			es, err := readIndex(filepath.Join(indexDir, name))
			if err != nil {
				return err
			}
			for _, e := range es {
				want[e.ID] = e
			}
		}
	}
	seenURL := map[string]bool{}
	var kept []Entry
	var texts []string
	var sh []map[uint64]bool
	stats := map[string]int{}
	for _, r := range all {
		stats["harvested"]++
		id := ID(r.url)
		if seenURL[id] {
			stats["repeated address"]++
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(r.text), "[PARAPHRASE") {
			stats["paraphrased, not the page text"]++
			continue
		}
		date, text := splitDate(r.text)
		lang := r.lang
		if lang == "" {
			lang = "en"
		}
		words := len(strings.Fields(text))
		if restore {
			e, ok := want[id]
			if !ok || e.SHA256 != Hash(text) {
				continue
			}
			seenURL[id] = true
			kept, texts = append(kept, e), append(texts, text)
			continue
		}
		if words < MinWords {
			stats["under 120 words"]++
			continue
		}
		if lang == "en" && countries(text) < 2 {
			stats["names fewer than two of the three states"]++
			continue
		}
		s := shingles(text)
		dup := false
		for i, o := range sh {
			if kept[i].Lang == lang && jaccard(s, o) >= NearCopy {
				dup = true
				break
			}
		}
		if dup {
			stats["near-copy of an earlier excerpt"]++
			continue
		}
		seenURL[id] = true
		sh = append(sh, s)
		kept = append(kept, Entry{ID: id, URL: r.url, Outlet: Outlet(r.url), Lang: lang, Date: date,
			Words: words, Query: r.query, SHA256: Hash(text)})
		texts = append(texts, text)
	}
	if !restore {
		drop, err := heldOut(heldout, kept, texts)
		if err != nil {
			return err
		}
		stats["held out (named by heldout/check)"] = len(drop)
		var k2 []Entry
		var t2 []string
		for i := range kept {
			if !drop[i] {
				k2, t2 = append(k2, kept[i]), append(t2, texts[i])
			}
		}
		kept, texts = k2, t2
	}
	if err := writeAll(cache, indexDir, kept, texts, !restore); err != nil {
		return err
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(log, "%-45s %d\n", k, stats[k])
	}
	en, outlets := 0, map[string]bool{}
	for _, e := range kept {
		if e.Lang == "en" {
			en++
			outlets[e.Outlet] = true
		}
	}
	fmt.Fprintf(log, "kept: %d English excerpts from %d outlets, %d in other languages\n", en, len(outlets), len(kept)-en)
	return nil
}

// heldOut runs the held-out check on the kept excerpts and returns the
// positions it names. The check's own output is not kept: only which of
// our records to drop.
func heldOut(script string, kept []Entry, texts []string) (map[int]bool, error) {
	tmp, err := os.CreateTemp("", "realset-*.jsonl")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	enc := json.NewEncoder(tmp)
	for i, e := range kept {
		enc.Encode(map[string]string{"id": strconv.Itoa(i), "url": e.URL, "text": texts[i]})
	}
	tmp.Close()
	cmd := exec.Command("python3", script, tmp.Name())
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return nil, fmt.Errorf("held-out check %s: %v", script, err)
	}
	drop := map[int]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		i, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("held-out check: unexpected line %q", line)
		}
		drop[i] = true
	}
	return drop, nil
}

func writeAll(cache, indexDir string, kept []Entry, texts []string, writeIndex bool) error {
	var en, other, ien, iother bytes.Buffer
	for i, e := range kept {
		a := Article{ID: e.ID, Text: texts[i], Outlet: e.Outlet, URL: e.URL, Date: e.Date, Lang: e.Lang}
		ab, _ := json.Marshal(a)
		eb, _ := json.Marshal(e)
		if e.Lang == "en" {
			en.Write(append(ab, '\n'))
			ien.Write(append(eb, '\n'))
		} else {
			other.Write(append(ab, '\n'))
			iother.Write(append(eb, '\n'))
		}
	}
	files := map[string][]byte{
		filepath.Join(cache, "articles.jsonl"): en.Bytes(),
		filepath.Join(cache, "other.jsonl"):    other.Bytes(),
	}
	if writeIndex {
		files[filepath.Join(indexDir, "index.jsonl")] = ien.Bytes()
		files[filepath.Join(indexDir, "index-other.jsonl")] = iother.Bytes()
	}
	for p, b := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, p); err != nil {
			return err
		}
	}
	return nil
}
