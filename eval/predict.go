package eval

import "github.com/stance-project/stance/classifier"

// Predictions are a model's outputs for dataset rows: Pred[h][j] for head h
// and the j-th row of Rows.
type Predictions struct {
	Rows []int
	Pred [][]classifier.HeadPrediction
	// Fold is, under cross-validation, the fold that predicted each row
	// (parallel to Rows); nil otherwise.
	Fold []int
}

// Predict runs model m over the given rows of ds.
func Predict(m *classifier.Model, ds *classifier.Dataset, rows []int) (*Predictions, error) {
	p, err := classifier.NewPredictor(m)
	if err != nil {
		return nil, err
	}
	out := &Predictions{Rows: rows, Pred: make([][]classifier.HeadPrediction, len(rows))}
	for j, i := range rows {
		hp := p.Predict(ds.Doc(i), nil)
		out.Pred[j] = hp
	}
	return out, nil
}

// Gold and predicted labels of one head, over the rows labelled for it.
type headData struct {
	gold, pred []int    // single
	gm, pm     [][]bool // multi
	unscored   int      // labelled rows without a prediction
}

func collect(ds *classifier.Dataset, h int, p *Predictions) headData {
	head := &ds.Schema.Heads[h]
	var d headData
	for j, i := range p.Rows {
		l := ds.Labels[i]
		if l == nil {
			continue
		}
		hp := p.Pred[j][h]
		if head.Multi {
			vals, ok := l.Multi[head.Name]
			if !ok || hp.Probs == nil {
				continue
			}
			g := make([]bool, len(head.Values))
			for _, v := range vals {
				g[head.Index(v)] = true
			}
			pr := make([]bool, len(head.Values))
			for _, v := range hp.Labels {
				pr[v] = true
			}
			d.gm, d.pm = append(d.gm, g), append(d.pm, pr)
			continue
		}
		v, ok := l.Single[head.Name]
		if !ok {
			continue
		}
		if hp.Label < 0 {
			d.unscored++
			continue
		}
		d.gold = append(d.gold, head.Index(v))
		d.pred = append(d.pred, hp.Label)
	}
	return d
}

// append returns p (nil: empty) with q's rows and predictions added.
func (p *Predictions) append(q *Predictions) *Predictions {
	if p == nil {
		p = &Predictions{}
	}
	p.Rows = append(p.Rows, q.Rows...)
	p.Pred = append(p.Pred, q.Pred...)
	p.Fold = append(p.Fold, q.Fold...)
	return p
}

// Where returns the predictions of the rows keep accepts (dataset row
// indices), with their folds: for a report on a slice of the data, such
// as one language's articles out of a cross-validation over all.
func (p *Predictions) Where(keep func(row int) bool) *Predictions {
	q := &Predictions{}
	for j, i := range p.Rows {
		if !keep(i) {
			continue
		}
		q.Rows, q.Pred = append(q.Rows, i), append(q.Pred, p.Pred[j])
		if p.Fold != nil {
			q.Fold = append(q.Fold, p.Fold[j])
		}
	}
	return q
}

// HeadReports scores predictions against ds's labels, one report per head
// (no baseline or per-fold spread).
func HeadReports(ds *classifier.Dataset, p *Predictions) []HeadReport {
	out := make([]HeadReport, len(ds.Schema.Heads))
	for h := range ds.Schema.Heads {
		out[h] = headReport(&ds.Schema.Heads[h], collect(ds, h, p))
	}
	return out
}
