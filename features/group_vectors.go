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
	dim := f.vec.Dim
	dv := d.Dense[s.head]
	sent := dv[blockSent*dim : (blockSent+1)*dim]
	left := dv[blockLeft*dim : (blockLeft+1)*dim]
	right := dv[blockRight*dim : (blockRight+1)*dim]
	for k := range s.ms {
		for _, t := range s.left(k) {
			if r := f.rows[t.tok]; r >= 0 && f.isMen[t.tok] == 0 {
				f.vec.AddTo(left, r, 1/float32(t.dist))
			}
		}
		for _, t := range s.right(k) {
			if r := f.rows[t.tok]; r >= 0 && f.isMen[t.tok] == 0 {
				f.vec.AddTo(right, r, 1/float32(t.dist))
			}
		}
	}
	for _, b := range s.sentences {
		sn := int(f.toks[b[0]].Sent)
		for j, x := range f.sentVec[sn*dim : (sn+1)*dim] {
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
