package aggregate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"
)

// Options say how to group and how to estimate.
type Options struct {
	// By are the metadata fields to group by (such as outlet); none puts
	// every article in one group.
	By []string
	// Period groups by the week, month or year of DateField as well.
	Period    Period
	DateField string
	// Level is the confidence level of the intervals (0.95), Resamples
	// the bootstrap resamples (2000), Seed their seed.
	Level     float64
	Resamples int
	Seed      uint64
}

// DefaultOptions groups by outlet, with 95% intervals from 2000
// resamples.
func DefaultOptions() Options {
	return Options{By: []string{"outlet"}, DateField: "date", Level: 0.95, Resamples: 2000, Seed: 1}
}

// ParseBy reads a --by list such as "outlet,month": metadata fields and
// at most one of week, month and year.
func ParseBy(spec string) (fields []string, p Period, err error) {
	for _, f := range strings.Split(spec, ",") {
		f = strings.TrimSpace(f)
		switch Period(f) {
		case Week, Month, Year:
			if p != None {
				return nil, None, fmt.Errorf("--by %q: give one of week, month and year", spec)
			}
			p = Period(f)
		default:
			if f == "" {
				return nil, None, fmt.Errorf("--by %q: empty field name", spec)
			}
			if slices.Contains(fields, f) {
				return nil, None, fmt.Errorf("--by %q: %s twice", spec, f)
			}
			fields = append(fields, f)
		}
	}
	return fields, p, nil
}

// Head describes one head found in the scores.
type Head struct {
	Name   string   `json:"head"`
	Values []string `json:"values"`
	Multi  bool     `json:"multi"`
	// Score says whether the head has a signed score (P(plus) − P(minus)).
	Score bool `json:"score"`
}

// Group is one group's figures.
type Group struct {
	// Keys are the values of Options.By, then the period ("2024-03")
	// when grouping by one.
	Keys []string `json:"keys"`
	// Start is the period's first day (zero without a period or date).
	Start time.Time `json:"start,omitzero"`
	// N counts the group's articles, Unscored those not scored.
	N        int         `json:"n"`
	Unscored int         `json:"unscored"`
	Heads    []HeadStats `json:"heads"`
}

// HeadStats are one head's figures in a group.
type HeadStats struct {
	Head string `json:"head"`
	// N counts the articles scored for the head.
	N int `json:"n"`
	// Shares are each value's share of them, in the head's value order.
	Shares Shares `json:"shares"`
	// Mean is the mean signed score, Lo and Hi its confidence interval
	// (heads with a score, N > 0).
	Mean *float64 `json:"mean_score,omitempty"`
	Lo   *float64 `json:"ci_low,omitempty"`
	Hi   *float64 `json:"ci_high,omitempty"`
}

// Shares are fractions in value order; as JSON an object in that order.
type Shares struct {
	Values []string
	Share  []float64
}

// MarshalJSON writes {"value": share, ...} in value order.
func (s Shares) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, v := range s.Share {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(s.Values[i])
		fmt.Fprintf(&b, "%s:%.4f", k, v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Result is an aggregation.
type Result struct {
	By        []string `json:"by"`
	Period    Period   `json:"period,omitempty"`
	DateField string   `json:"date_field,omitempty"`
	Level     float64  `json:"level"`
	Resamples int      `json:"resamples"`
	Seed      uint64   `json:"seed"`
	Heads     []Head   `json:"heads"`
	// Records counts the articles read, Unscored those not scored.
	Records  int `json:"records"`
	Unscored int `json:"unscored"`
	// NoDate counts the records, grouping by period, with no usable date;
	// FirstBadDate describes the first of them.
	NoDate       int     `json:"no_date"`
	FirstBadDate string  `json:"first_bad_date,omitempty"`
	Groups       []Group `json:"groups"`
}

// Missing group values.
const (
	NoValue = "(none)"
	NoDate  = "(no date)"
)

// Aggregator reads scores and accumulates groups. Make one with New.
type Aggregator struct {
	opt    Options
	res    Result
	heads  map[string]int
	groups map[string]*acc
}

// acc accumulates one group.
type acc struct {
	g      Group
	counts [][]int     // per head, per value
	scores [][]float64 // per head
	n      []int       // per head
}

// New returns an Aggregator for opt.
func New(opt Options) *Aggregator {
	a := &Aggregator{opt: opt, heads: map[string]int{}, groups: map[string]*acc{}}
	a.res = Result{By: opt.By, Period: opt.Period, Level: opt.Level, Resamples: opt.Resamples, Seed: opt.Seed}
	if opt.Period != None {
		a.res.DateField = opt.DateField
	}
	return a
}

// maxRecord bounds one JSON Lines record, as the score command does.
const maxRecord = 16 << 20

// Read reads the JSON Lines scores in r (named name in errors) and
// adds them. A malformed record is an error naming the file, the line
// and, where one is at fault, the field.
func (a *Aggregator) Read(r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if len(bytes.TrimSpace(b)) > 0 {
			if aerr := a.add(b); aerr != nil {
				return fmt.Errorf("%s:%d: %w", name, line, aerr)
			}
		}
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errLong) {
			return fmt.Errorf("%s:%d: a record over %d MB", name, line, maxRecord>>20)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
}

var errLong = errors.New("record too long")

// readLine returns the next line without its end, bounded by maxRecord.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxRecord {
			return nil, errLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

// scoredHead is one head of a record as stance score writes it.
type scoredHead struct {
	Label  *string         `json:"label"`
	Labels []string        `json:"labels"`
	Score  *float64        `json:"score"`
	Probs  json.RawMessage `json:"probs"`
}

// add adds one record.
func (a *Aggregator) add(b []byte) error {
	var rec map[string]json.RawMessage
	if err := json.Unmarshal(b, &rec); err != nil {
		return fmt.Errorf("malformed JSON: %v", err)
	}
	if rec == nil {
		return errors.New("not a JSON object")
	}
	a.res.Records++
	scored := true
	if c, ok := rec["coverage"]; ok {
		var cov struct {
			Scored *bool `json:"scored"`
		}
		if err := json.Unmarshal(c, &cov); err != nil || cov.Scored == nil {
			return errors.New(`field "coverage": want an object with "scored"`)
		}
		scored = *cov.Scored
	}
	keys := make([]string, 0, len(a.opt.By)+1)
	for _, f := range a.opt.By {
		keys = append(keys, metaString(rec[f]))
	}
	var start time.Time
	if a.opt.Period != None {
		k := NoDate
		if raw, ok := rec[a.opt.DateField]; ok && string(raw) != "null" {
			t, err := ParseDate(raw)
			if err == nil {
				k, start = a.opt.Period.Key(t)
			} else if a.res.FirstBadDate == "" {
				a.res.FirstBadDate = fmt.Sprintf("record %d: field %q: %v", a.res.Records, a.opt.DateField, err)
			}
		} else if a.res.FirstBadDate == "" {
			a.res.FirstBadDate = fmt.Sprintf("record %d: no field %q", a.res.Records, a.opt.DateField)
		}
		if k == NoDate {
			a.res.NoDate++
		}
		keys = append(keys, k)
	}
	g := a.group(keys, start)
	g.g.N++
	if !scored {
		g.g.Unscored++
		a.res.Unscored++
		return nil
	}
	// Heads in the record's order; a head is an object with "probs".
	for _, name := range sortedKeys(b, rec) {
		raw := rec[name]
		if len(raw) == 0 || raw[0] != '{' || name == "coverage" {
			continue
		}
		var sh scoredHead
		if json.Unmarshal(raw, &sh) != nil || sh.Probs == nil || sh.Label == nil && sh.Labels == nil {
			continue
		}
		h, err := a.head(name, &sh)
		if err != nil {
			return fmt.Errorf("field %q: %v", name, err)
		}
		g.addHead(h, &a.res.Heads[h], &sh)
	}
	return nil
}

// sortedKeys returns rec's keys in the order they appear in b.
func sortedKeys(b []byte, rec map[string]json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(b))
	var out []string
	if _, err := dec.Token(); err != nil {
		return out
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		k, _ := t.(string)
		out = append(out, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	return out
}

// metaString is a metadata value as a group key: a string as it is, a
// number or boolean as written, missing, null or empty as NoValue.
func metaString(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return NoValue
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s = strings.TrimSpace(s); s == "" {
			return NoValue
		}
		return s
	}
	return string(raw)
}

// head returns the index of the head called name, adding it the first
// time it is seen.
func (a *Aggregator) head(name string, sh *scoredHead) (int, error) {
	values, err := probKeys(sh.Probs)
	if err != nil {
		return 0, err
	}
	if h, ok := a.heads[name]; ok {
		if !slices.Equal(a.res.Heads[h].Values, values) {
			return 0, fmt.Errorf("values %s differ from earlier records' %s", strings.Join(values, ", "), strings.Join(a.res.Heads[h].Values, ", "))
		}
		return h, nil
	}
	a.heads[name] = len(a.res.Heads)
	a.res.Heads = append(a.res.Heads, Head{Name: name, Values: values, Multi: sh.Labels != nil, Score: sh.Score != nil})
	return len(a.res.Heads) - 1, nil
}

// probKeys returns the keys of a "probs" object in order.
func probKeys(raw json.RawMessage) ([]string, error) {
	var m map[string]float64
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New(`"probs" is not an object of probabilities`)
	}
	keys := make(map[string]json.RawMessage, len(m))
	for k := range m {
		keys[k] = nil
	}
	return sortedKeys(raw, keys), nil
}

// group returns the accumulator for keys, making it when new.
func (a *Aggregator) group(keys []string, start time.Time) *acc {
	id := strings.Join(keys, "\x00")
	g, ok := a.groups[id]
	if !ok {
		g = &acc{g: Group{Keys: keys, Start: start}}
		a.groups[id] = g
	}
	return g
}

func (g *acc) addHead(h int, head *Head, sh *scoredHead) {
	for len(g.counts) <= h {
		g.counts, g.scores, g.n = append(g.counts, nil), append(g.scores, nil), append(g.n, 0)
	}
	if g.counts[h] == nil {
		g.counts[h] = make([]int, len(head.Values))
	}
	g.n[h]++
	mark := func(v string) {
		if i := slices.Index(head.Values, v); i >= 0 {
			g.counts[h][i]++
		}
	}
	if sh.Label != nil {
		mark(*sh.Label)
	}
	for _, v := range sh.Labels {
		mark(v)
	}
	if sh.Score != nil {
		g.scores[h] = append(g.scores[h], *sh.Score)
	}
}

// Result finishes the aggregation: shares, means and intervals, groups
// in order.
func (a *Aggregator) Result() *Result {
	res := a.res
	res.Groups = nil
	for _, g := range a.groups {
		out := g.g
		for h, head := range res.Heads {
			st := HeadStats{Head: head.Name, Shares: Shares{Values: head.Values, Share: make([]float64, len(head.Values))}}
			if h < len(g.n) && g.n[h] > 0 {
				st.N = g.n[h]
				for v, c := range g.counts[h] {
					st.Shares.Share[v] = float64(c) / float64(st.N)
				}
				if head.Score && len(g.scores[h]) > 0 {
					m, lo, hi := BootstrapCI(g.scores[h], a.opt.Level, a.opt.Resamples, groupSeed(a.opt.Seed, out.Keys, head.Name))
					st.Mean, st.Lo, st.Hi = &m, &lo, &hi
				}
			}
			out.Heads = append(out.Heads, st)
		}
		res.Groups = append(res.Groups, out)
	}
	slices.SortFunc(res.Groups, func(x, y Group) int { return compareKeys(x.Keys, y.Keys) })
	return &res
}

// compareKeys orders groups by their keys, a missing value after the
// others.
func compareKeys(x, y []string) int {
	for i := range x {
		mx, my := x[i] == NoValue || x[i] == NoDate, y[i] == NoValue || y[i] == NoDate
		switch {
		case mx != my && mx:
			return 1
		case mx != my:
			return -1
		}
		if c := strings.Compare(x[i], y[i]); c != 0 {
			return c
		}
	}
	return 0
}

// groupSeed gives each group and head its own bootstrap stream, so that a
// group's interval does not depend on the other groups.
func groupSeed(seed uint64, keys []string, head string) uint64 {
	h := fnv.New64a()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
	}
	h.Write([]byte(head))
	return seed ^ h.Sum64()
}
