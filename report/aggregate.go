package report

import (
	"fmt"
	"html/template"
	"image/color"
	"io"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/stance-project/stance/aggregate"
)

// maxSeries bounds the series drawn in one chart (the largest groups by
// articles); the table lists every group.
const maxSeries = 8

// ciPoints are means with their confidence intervals, for error bars.
type ciPoints struct{ x, y, lo, hi []float64 }

func (c *ciPoints) Len() int                        { return len(c.x) }
func (c *ciPoints) XY(i int) (float64, float64)     { return c.x[i], c.y[i] }
func (c *ciPoints) YError(i int) (float64, float64) { return c.y[i] - c.lo[i], c.hi[i] - c.y[i] }
func (c *ciPoints) XError(i int) (float64, float64) { return c.x[i] - c.lo[i], c.hi[i] - c.x[i] }

func (c *ciPoints) add(x, y, lo, hi float64) {
	c.x, c.y, c.lo, c.hi = append(c.x, x), append(c.y, y), append(c.lo, lo), append(c.hi, hi)
}

// series is one line of a chart: the groups that share their non-period
// keys.
type series struct {
	Name     string
	Articles int
	// Shown counts the articles the chart draws (those with a date when
	// the chart is over time); series are ranked by it.
	Shown int
	Color template.CSS
	pts   ciPoints
}

// aggHead is one head's chart.
type aggHead struct {
	Name    string
	Figure  figure
	Series  []series
	Omitted int
}

type aggPage struct {
	Columns []string
	Heads   []aggHead
	Scored  []string // heads shown in the table
	Rows    []aggRow
	Summary string
	Level   string
	Method  string
}

type aggRow struct {
	Keys               []string
	Articles, Unscored int
	Cells              []aggCell
}

type aggCell struct{ Mean, CI, N, Shares string }

// WriteAggregate writes r as one self-contained HTML page: for each head
// with a score, a chart of the mean score per group with its confidence
// interval (over time, one line per group, when r has a period; otherwise
// one point per group), then a table of every group.
func WriteAggregate(w io.Writer, r *aggregate.Result) error {
	pg := aggPage{Columns: r.Columns(), Summary: r.Summary(), Level: fmt.Sprintf("%.0f%%", 100*r.Level),
		Method: fmt.Sprintf("percentile bootstrap, %d resamples, seed %d", r.Resamples, r.Seed)}
	for h, head := range r.Heads {
		pg.Scored = append(pg.Scored, head.Name)
		if !head.Score {
			continue
		}
		ah, err := aggChart(r, h)
		if err != nil {
			return err
		}
		if ah != nil {
			pg.Heads = append(pg.Heads, *ah)
		}
	}
	for _, g := range r.Groups {
		row := aggRow{Keys: g.Keys, Articles: g.N, Unscored: g.Unscored}
		for _, st := range g.Heads {
			var c aggCell
			c.N = fmt.Sprint(st.N)
			if st.Mean != nil {
				c.Mean, c.CI = fmt.Sprintf("%+.2f", *st.Mean), fmt.Sprintf("[%+.2f, %+.2f]", *st.Lo, *st.Hi)
			}
			if st.N > 0 {
				var sh []string
				for v, s := range st.Shares.Share {
					sh = append(sh, fmt.Sprintf("%s %.0f%%", st.Shares.Values[v], 100*s))
				}
				c.Shares = strings.Join(sh, " · ")
			}
			row.Cells = append(row.Cells, c)
		}
		pg.Rows = append(pg.Rows, row)
	}
	return aggTemplate.Execute(w, pg)
}

// aggChart draws head h: with a period, the mean score of each of the
// largest series over time; without, one point per group.
func aggChart(r *aggregate.Result, h int) (*aggHead, error) {
	name := r.Heads[h].Name
	byName := map[string]*series{}
	var order []*series
	timed := r.Period != aggregate.None
	for _, g := range r.Groups {
		keys := g.Keys
		if timed {
			keys = keys[:len(keys)-1]
		}
		key := strings.Join(keys, " / ")
		if key == "" {
			key = "all articles"
		}
		s := byName[key]
		if s == nil {
			s = &series{Name: key}
			byName[key] = s
			order = append(order, s)
		}
		s.Articles += g.N
		st := g.Heads[h]
		if st.Mean == nil || timed && g.Start.IsZero() {
			continue
		}
		s.Shown += st.N
		x := float64(g.Start.Unix())
		s.pts.add(x, *st.Mean, *st.Lo, *st.Hi)
	}
	order = slices.DeleteFunc(order, func(s *series) bool { return s.pts.Len() == 0 })
	if len(order) == 0 {
		return nil, nil
	}
	slices.SortStableFunc(order, func(a, b *series) int { return b.Shown - a.Shown })
	ah := &aggHead{Name: name}
	limit := maxSeries
	if !timed {
		limit = 30
	}
	if len(order) > limit {
		ah.Omitted = len(order) - limit
		order = order[:limit]
	}
	var err error
	if timed {
		ah.Figure, err = timeChart(r, name, order)
	} else {
		ah.Figure, err = dotChart(r, name, order)
	}
	for i, s := range order {
		if timed {
			c := colorOf(i).(color.RGBA)
			s.Color = template.CSS(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B))
		}
		ah.Series = append(ah.Series, *s)
	}
	return ah, err
}

// timeChart draws one line per series: the mean score per period with
// its interval as error bars.
func timeChart(r *aggregate.Result, head string, order []*series) (figure, error) {
	p := newPlot(fmt.Sprintf("mean %s score by %s", head, r.Period), string(r.Period), "mean score ("+head+")")
	p.Add(plotter.NewGrid())
	format := map[aggregate.Period]string{aggregate.Week: "2006-01-02", aggregate.Month: "2006-01", aggregate.Year: "2006"}[r.Period]
	p.X.Tick.Marker = plot.TimeTicks{Format: format}
	p.Y.Min, p.Y.Max = -1, 1
	lo, hi := order[0].pts.x[0], order[0].pts.x[0]
	for _, s := range order {
		lo, hi = min(lo, slices.Min(s.pts.x)), max(hi, slices.Max(s.pts.x))
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: lo, Y: 0}, {X: hi, Y: 0}})
	if err != nil {
		return figure{}, err
	}
	zero.Color = color.Gray{Y: 110}
	for i, s := range order {
		col := colorOf(i)
		pts := &s.pts
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			return figure{}, err
		}
		l.Color, sc.Color, l.Width = col, col, vg.Points(1.5)
		eb, err := plotter.NewYErrorBars(pts)
		if err != nil {
			return figure{}, err
		}
		eb.Color = col
		p.Add(l, sc, eb)
	}
	p.Add(zero)
	svg, err := svgOf(p, 720, 340)
	return figure{fmt.Sprintf("Mean %s score (P(plus) − P(minus); +1 and −1 are the two poles) of each %s's articles per %s, with %.0f%% bootstrap confidence intervals, for the %d series with the most scored articles on the chart (with a date, when over time). A line joins the periods in which its group has scored articles.", head, strings.Join(r.By, " / "), r.Period, 100*r.Level, len(order)), svg}, err
}

// dotChart draws one point per group with its interval, largest group on
// top.
func dotChart(r *aggregate.Result, head string, order []*series) (figure, error) {
	p := newPlot("mean "+head+" score", "mean score ("+head+")", "")
	p.Add(plotter.NewGrid())
	var pts ciPoints
	names := make([]string, len(order))
	for i, s := range order {
		y := float64(len(order) - 1 - i)
		names[len(order)-1-i] = fmt.Sprintf("%s (%d)", clipName(s.Name, 40), s.Articles)
		pts.x, pts.y = append(pts.x, s.pts.y[0]), append(pts.y, y)
		pts.lo, pts.hi = append(pts.lo, s.pts.lo[0]), append(pts.hi, s.pts.hi[0])
	}
	sc, err := plotter.NewScatter(&pts)
	if err != nil {
		return figure{}, err
	}
	sc.Color = colorOf(0)
	eb, err := plotter.NewXErrorBars(&pts)
	if err != nil {
		return figure{}, err
	}
	eb.Color = colorOf(0)
	p.Add(sc, eb)
	p.NominalY(names...)
	p.X.Min, p.X.Max = -1, 1
	svg, err := svgOf(p, 640, vg.Length(90+18*len(order)))
	return figure{fmt.Sprintf("Mean %s score of each group's articles with its %.0f%% bootstrap confidence interval; in brackets, the group's articles.", head, 100*r.Level), svg}, err
}

func clipName(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

var aggTemplate = template.Must(template.New("aggregate").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stance aggregate</title>
<style>{{css}}</style>
</head>
<body>
<h1>stance aggregate</h1>
<p class="meta">{{.Summary}}</p>
<p class="meta">Confidence intervals: {{.Level}}, {{.Method}}. Articles that were not scored (for example in a language the model does not read) are counted apart and in no share or mean.</p>
{{range .Heads}}
<h2>{{.Name}}</h2>
<figure>{{.Figure.SVG}}<figcaption>{{.Figure.Caption}}</figcaption></figure>
<p class="meta">{{range $i, $s := .Series}}{{if $i}} · {{end}}{{if $s.Color}}<span style="color:{{$s.Color}}">■</span> {{end}}{{$s.Name}} ({{$s.Shown}} drawn of {{$s.Articles}} articles){{end}}{{if .Omitted}} · and {{.Omitted}} smaller groups, in the table only{{end}}</p>
{{end}}
<h2>All groups</h2>
<table>
<tr>{{range .Columns}}<th>{{.}}</th>{{end}}<th>articles</th><th>not scored</th>{{range .Scored}}<th>{{.}}: mean score [{{$.Level}} CI], n, shares</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .Keys}}<td>{{.}}</td>{{end}}<td class="num">{{.Articles}}</td><td class="num">{{.Unscored}}</td>{{range .Cells}}<td>{{if .Mean}}<b>{{.Mean}}</b> {{.CI}}<br>{{end}}<small>n={{.N}}{{if .Shares}}: {{.Shares}}{{end}}</small></td>{{end}}</tr>
{{end}}</table>
<p class="meta">Made by stance aggregate. The page is self-contained: no scripts, no external files.</p>
</body>
</html>
`))
