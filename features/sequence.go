package features

// Sequence is a stance example's words around its mention, for a model
// that reads word order (the classifier package's attention network):
// each token's word-vector row in the embedded table (stop words and
// punctuation included; -1 for a word the table lacks), at most
// MaxSequenceSide tokens either side of the mention, within the mention's
// sentence.
type Sequence struct {
	// Rows are the word-vector rows of tokens From, From+1, ... of the
	// Doc's Tokens.
	Rows []int32
	From int32
	// Mention is the mention's token range [Mention[0], Mention[1]) within
	// Rows.
	Mention [2]int32
}

// MaxSequenceSide bounds the tokens a Sequence keeps on each side of the
// mention.
const MaxSequenceSide = 40

// RecordSequences makes later calls fill Doc.Seq for stance examples (off
// by default: only models with an attention network read it). Clones
// inherit the setting.
func (f *Featurizer) RecordSequences(on bool) { f.wantSeq = on }

// vectorRow returns the word-vector row of a token, stop words included,
// or -1.
func (f *Featurizer) vectorRow(t *Token) int32 { return f.vocab.lookup(t.Hash).row }

// sequence fills d.Seq for a stance example with a mention of its own
// target (the first one), and sets it nil otherwise. It reads only the
// analysis, so it changes no feature.
func (f *Featurizer) sequence(d *Doc) {
	d.Seq = nil
	if !f.wantSeq || f.exTarget < 0 || len(f.exMen) == 0 || len(f.toks) == 0 {
		return
	}
	m := f.exMen[0]
	lo := max(int(f.sLo[m.From]), int(m.From)-MaxSequenceSide)
	hi := min(int(f.sHi[m.To-1]), int(m.To)+MaxSequenceSide)
	s := &f.seq
	s.Rows = s.Rows[:0]
	for i := lo; i < hi; i++ {
		s.Rows = append(s.Rows, f.vectorRow(&f.toks[i]))
	}
	s.From = int32(lo)
	s.Mention = [2]int32{m.From - int32(lo), m.To - int32(lo)}
	d.Seq = s
}
