package aggregate

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestBootstrapCI(t *testing.T) {
	// Uniform(−1, 1) samples: sd 1/√3, so the 95% interval of the mean is
	// about ±1.96·0.577/√n (normal approximation).
	sample := func(n int) []float64 {
		r := rand.New(rand.NewPCG(7, 7))
		x := make([]float64, n)
		for i := range x {
			x[i] = 2*r.Float64() - 1
		}
		return x
	}
	var widths []float64
	for _, n := range []int{20, 200, 2000} {
		x := sample(n)
		m, lo, hi := BootstrapCI(x, 0.95, 2000, 1)
		if !(lo < m && m < hi) {
			t.Errorf("n=%d: interval [%g, %g] does not bracket the mean %g", n, lo, hi, m)
		}
		want := 2 * 1.96 / math.Sqrt(3) / math.Sqrt(float64(n))
		if w := hi - lo; math.Abs(w-want)/want > 0.2 {
			t.Errorf("n=%d: width %.4f, want about %.4f (normal approximation)", n, w, want)
		}
		widths = append(widths, hi-lo)
		// Same seed, same interval, whatever the order of x.
		rev := make([]float64, n)
		for i := range x {
			rev[n-1-i] = x[i]
		}
		if m2, lo2, hi2 := BootstrapCI(rev, 0.95, 2000, 1); m2 != m || lo2 != lo || hi2 != hi {
			t.Errorf("n=%d: reversed input gives [%g, %g], want [%g, %g]", n, lo2, hi2, lo, hi)
		}
		if _, lo3, _ := BootstrapCI(x, 0.95, 2000, 2); lo3 == lo {
			t.Errorf("n=%d: another seed gives the same interval", n)
		}
	}
	for i := 1; i < len(widths); i++ {
		if widths[i] >= widths[i-1]/2 {
			t.Errorf("interval does not narrow with n: widths %v", widths)
		}
	}
	if m, lo, hi := BootstrapCI([]float64{0.4}, 0.95, 100, 1); m != 0.4 || lo != 0.4 || hi != 0.4 {
		t.Errorf("one value: %g [%g, %g], want 0.4 [0.4, 0.4]", m, lo, hi)
	}
	if m, _, _ := BootstrapCI(nil, 0.95, 100, 1); !math.IsNaN(m) {
		t.Errorf("no values: mean %g, want NaN", m)
	}
}

func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	// Type 7: h = q·(n−1); R's quantile(1:5, c(0, .1, .5, .975, 1)) gives 1, 1.4, 3, 4.9, 5.
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.1, 1.4}, {0.5, 3}, {0.975, 4.9}, {1, 5}} {
		if got := quantile(s, c.q); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("quantile(%g) = %g, want %g", c.q, got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{`"2024-03-05"`, day},
		{`"2024-03-05T10:30:00Z"`, day.Add(10*time.Hour + 30*time.Minute)},
		{`"2024-03-05T10:30:00+03:30"`, time.Date(2024, 3, 5, 10, 30, 0, 0, time.FixedZone("", 12600))},
		{`"2024-03-05 10:30:00"`, day.Add(10*time.Hour + 30*time.Minute)},
		{`"2024/03/05"`, day},
		{`"20240305"`, day},
		{`"Tue, 05 Mar 2024 10:00:00 +0000"`, day.Add(10 * time.Hour)},
		{`"5 March 2024"`, day},
		{`"Mar 5, 2024"`, day},
		{`"2024-03"`, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{`1709596800`, day},
		{`"1709596800"`, day},
	} {
		got, err := ParseDate(json.RawMessage(c.in))
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseDate(%s) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`"05/03/2024"`, `"yesterday"`, `""`, `true`, `{}`, `-5`} {
		if got, err := ParseDate(json.RawMessage(bad)); err == nil {
			t.Errorf("ParseDate(%s) = %v, want an error", bad, got)
		}
	}
}

func TestPeriodKey(t *testing.T) {
	for _, c := range []struct {
		p         Period
		date      string
		key, from string
	}{
		{Week, "2024-03-05", "2024-W10", "2024-03-04"}, // a Tuesday; the week starts on Monday 4 March
		{Week, "2024-03-10", "2024-W10", "2024-03-04"}, // Sunday: still that week
		{Week, "2024-12-30", "2025-W01", "2024-12-30"}, // ISO week 1 of 2025 starts in 2024
		{Week, "2021-01-03", "2020-W53", "2020-12-28"}, // and 2020 has a week 53
		{Month, "2024-02-29", "2024-02", "2024-02-01"},
		{Year, "2023-12-31", "2023", "2023-01-01"},
	} {
		d, _ := time.Parse("2006-01-02", c.date)
		key, from := c.p.Key(d)
		if key != c.key || from.Format("2006-01-02") != c.from {
			t.Errorf("%s of %s = %s from %s, want %s from %s", c.p, c.date, key, from.Format("2006-01-02"), c.key, c.from)
		}
	}
}

func TestParseBy(t *testing.T) {
	f, p, err := ParseBy("outlet,month")
	if err != nil || len(f) != 1 || f[0] != "outlet" || p != Month {
		t.Errorf("outlet,month: %v %q %v", f, p, err)
	}
	for _, bad := range []string{"outlet,month,week", "outlet,,month", "outlet,outlet"} {
		if _, _, err := ParseBy(bad); err == nil {
			t.Errorf("ParseBy(%q): no error", bad)
		}
	}
}

// rec is a record as stance score writes it (probabilities made up for
// the test; only the fields the aggregate reads).
func rec(outlet, date, israel string, score float64, frames string) string {
	probs := `{"pro":0.2,"anti":0.2,"neutral":0.6}`
	return `{"id":"x","israel":{"label":"` + israel + `","score":` + ftoa(score) + `,"probs":` + probs +
		`},"frames":{"labels":[` + frames + `],"probs":{"security":0.5,"economy":0.1}},"coverage":{"lang":"en","scored":true},"outlet":"` + outlet + `","date":` + date + `}`
}

func ftoa(x float64) string { b, _ := json.Marshal(x); return string(b) }

const unscored = `{"id":"u","israel":null,"frames":null,"coverage":{"lang":"fa","scored":false,"reason":"the text is in fa"},"outlet":"A","date":"2024-01-09"}`

func TestAggregate(t *testing.T) {
	lines := []string{
		rec("A", `"2024-01-02"`, "pro", 0.6, `"security"`),
		rec("A", `"2024-01-20"`, "anti", -0.4, `"security","economy"`),
		rec("A", `"2024/02/01"`, "neutral", 0.1, ``),
		rec("B", `"2024-01-05"`, "neutral", 0, `"economy"`),
		rec("B", `"not a date"`, "anti", -0.8, ``),
		unscored,
		`{"id":"nometa","israel":{"label":"pro","score":0.5,"probs":{"pro":0.7,"anti":0.2,"neutral":0.1}},"coverage":{"lang":"en","scored":true}}`,
	}
	opt := DefaultOptions()
	opt.Period = Month
	a := New(opt)
	if err := a.Read(strings.NewReader(strings.Join(lines, "\n")+"\n"), "s.jsonl"); err != nil {
		t.Fatal(err)
	}
	r := a.Result()
	if r.Records != 7 || r.Unscored != 1 || r.NoDate != 2 {
		t.Errorf("records %d unscored %d no date %d, want 7, 1, 2", r.Records, r.Unscored, r.NoDate)
	}
	if len(r.Heads) != 2 || r.Heads[0].Name != "israel" || !r.Heads[0].Score || !r.Heads[1].Multi || r.Heads[1].Score {
		t.Fatalf("heads: %+v", r.Heads)
	}
	var keys []string
	for _, g := range r.Groups {
		keys = append(keys, strings.Join(g.Keys, "|"))
	}
	// Sorted by outlet, then month, with missing values last.
	if got, want := strings.Join(keys, " "), "A|2024-01 A|2024-02 B|2024-01 B|(no date) (none)|(no date)"; got != want {
		t.Fatalf("groups %s, want %s", got, want)
	}
	jan := r.Groups[0]
	if jan.N != 3 || jan.Unscored != 1 || jan.Heads[0].N != 2 {
		t.Errorf("A 2024-01: n %d unscored %d scored %d, want 3, 1, 2", jan.N, jan.Unscored, jan.Heads[0].N)
	}
	// Shares of the two scored January articles of A: one pro, one anti;
	// the unscored one counts in none (not as neutral).
	if s := jan.Heads[0].Shares.Share; s[0] != 0.5 || s[1] != 0.5 || s[2] != 0 {
		t.Errorf("A 2024-01 israel shares %v, want [0.5 0.5 0]", s)
	}
	if m := *jan.Heads[0].Mean; math.Abs(m-0.1) > 1e-12 {
		t.Errorf("A 2024-01 mean %g, want 0.1 = (0.6 − 0.4)/2", m)
	}
	if lo, hi := *jan.Heads[0].Lo, *jan.Heads[0].Hi; lo < -0.4 || hi > 0.6 || lo >= hi {
		t.Errorf("A 2024-01 interval [%g, %g], want inside [−0.4, 0.6]", lo, hi)
	}
	// Frames: share of articles with each value.
	if s := jan.Heads[1].Shares.Share; s[0] != 1 || s[1] != 0.5 {
		t.Errorf("A 2024-01 frames shares %v, want [1 0.5]", s)
	}
	// A group with no frames head scored has no shares and no mean.
	last := r.Groups[len(r.Groups)-1]
	if last.Heads[1].N != 0 || last.Heads[1].Mean != nil {
		t.Errorf("(none) frames: %+v", last.Heads[1])
	}
	if !strings.Contains(r.FirstBadDate, `record 5: field "date"`) {
		t.Errorf("first bad date %q", r.FirstBadDate)
	}
}

func TestAggregateErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"{\"id\":1}\n{nope}\n", "s.jsonl:2: malformed JSON"},
		{`[1,2]`, "s.jsonl:1: malformed JSON"},
		{`{"id":"a","coverage":3}`, `s.jsonl:1: field "coverage"`},
		{rec("A", `"2024-01-01"`, "pro", 0.1, ``) + "\n" + strings.Replace(rec("A", `"2024-01-01"`, "pro", 0.1, ``), `"anti":0.2,`, ``, 1), `s.jsonl:2: field "israel": values pro, neutral differ`},
	} {
		err := New(DefaultOptions()).Read(strings.NewReader(c.in), "s.jsonl")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	a := New(DefaultOptions())
	in := rec("=HYPERLINK(1)", `"2024-01-02"`, "pro", 0.5, `"security"`) + "\n" + unscored + "\n"
	if err := a.Read(strings.NewReader(in), "s.jsonl"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := a.Result().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "outlet,articles,unscored,israel_n,israel_share_pro,israel_share_anti,israel_share_neutral,israel_mean_score,israel_ci_low,israel_ci_high,frames_n,frames_share_security,frames_share_economy\n" +
		"'=HYPERLINK(1),1,0,1,1.0000,0.0000,0.0000,0.5000,0.5000,0.5000,1,1.0000,0.0000\n" +
		"A,1,1,0,,,,,,,0,,\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}
