package features

import "math"

// vectorGroup: averaged word vectors (the embedded GloVe table), stop
// words and mentions left out. Dense blocks, each the table's width: the
// whole article (shared by every head), and per head the sentences naming
// its target and the distance-weighted (1/d) words left and right of its
// mentions. Each block has unit length.
type vectorGroup struct{}

// article sums each sentence's vectors into f.sentVec (head reuses them)
// and writes the article block into every head's dense vector.
func (vectorGroup) article(f *Featurizer, d *Doc) {
	toks := f.toks
	dim := f.vec.Dim
	article := d.Dense[0][:dim]
	clear(d.Dense[0])
	f.sentVec = resize(f.sentVec, f.nsent*dim)
	clear(f.sentVec)
	for i := range toks {
		if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
			s := int(toks[i].Sent)
			f.vec.AddTo(f.sentVec[s*dim:(s+1)*dim], r, 1)
		}
	}
	for s := 0; s < f.nsent; s++ {
		sv := f.sentVec[s*dim : (s+1)*dim]
		for j, x := range sv {
			article[j] += x
		}
	}
	unit(article)
	for h := 1; h < len(d.Dense); h++ {
		clear(d.Dense[h])
		copy(d.Dense[h], article)
	}
}

func (vectorGroup) head(f *Featurizer, s *headScope, d *Doc) {
	if len(s.ms) == 0 {
		return
	}
	toks := f.toks
	n := len(toks)
	W := f.cfg.Window
	dim := f.vec.Dim
	dv := d.Dense[s.head]
	sent := dv[blockSent*dim : (blockSent+1)*dim]
	left := dv[blockLeft*dim : (blockLeft+1)*dim]
	right := dv[blockRight*dim : (blockRight+1)*dim]
	last := int32(-1)
	for _, m := range s.ms {
		sn := toks[m.From].Sent
		for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == sn; d, i = d+1, i-1 {
			if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
				f.vec.AddTo(left, r, 1/float32(d))
			}
		}
		for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == sn; d, i = d+1, i+1 {
			if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
				f.vec.AddTo(right, r, 1/float32(d))
			}
		}
		if sn == last {
			continue
		}
		last = sn
		sv := f.sentVec[int(sn)*dim : int(sn+1)*dim]
		for j, x := range sv {
			sent[j] += x
		}
	}
	unit(sent)
	unit(left)
	unit(right)
}

// unit scales v to unit length (a zero vector stays zero).
func unit(v []float32) {
	ss := float32(0)
	for _, x := range v {
		ss += x * x
	}
	if ss == 0 {
		return
	}
	s := float32(1 / math.Sqrt(float64(ss)))
	for i := range v {
		v[i] *= s
	}
}
