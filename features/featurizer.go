package features

import (
	"fmt"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/stance-project/stance/labels"
)

// Sparse is a sparse vector. Indices may repeat across feature blocks; a
// repeated index counts as the sum of its values.
type Sparse struct {
	Idx []uint32
	Val []float32
}

// Doc is the featurized form of one article.
type Doc struct {
	// Shared holds the article-wide features every head sees.
	Shared Sparse
	// Heads holds, per schema head, the features of its target's contexts
	// (empty for heads without a target).
	Heads []Sparse
	// Dense holds, per head, the dense vector features (nil when the
	// vectors group is off). Its length is Featurizer.DenseDim().
	Dense [][]float32
	// Mentions counts, per head, the target mentions found.
	Mentions []int
	// Text and Tokens are the analysed text, for explanations.
	Text   []byte
	Tokens []Token
	// Seq is a stance example's words around its mention (nil for an
	// article, or an example whose target is not found in its text).
	Seq *Sequence
}

// Dense blocks, each VectorDim wide.
const (
	blockArticle = iota // mean vector of the whole article
	blockSent           // mean vector of the target's sentences
	blockLeft           // distance-weighted mean left of mentions
	blockRight          // distance-weighted mean right of mentions
	numBlocks
)

var blockNames = [numBlocks]string{"article", "sentences", "left", "right"}

// Featurizer turns articles into feature vectors for a schema. Its
// read-only tables (matcher, vectors, fixed keys, groups) are shared by
// clones; the per-article tables (the embedded analysed) and the output
// buffers are its own, so one Featurizer serves one goroutine.
type Featurizer struct {
	cfg     Config
	schema  *labels.Schema
	an      *Analyzer
	matcher *Matcher
	vec     *Vectors
	vocab   *vocab
	scorer  MentionScorer
	groups  []group
	// per schema head: index of its target among the schema's targets, or
	// -1 (frames, or examples with their own target).
	headTarget []int
	headSeed   []uint64
	// per schema target: the masked placeholder hash.
	otherHash []uint64
	tHash     uint64
	targets   []*labels.Target
	keys      fixedKeys

	analysed           // the current article's per-token tables
	given    *Analysed // FeaturizeAnalysed's input, during the call
	sent     Analysed  // the sentiment group's sentence, for a TokenScorer
	scope    headScope // the current head's scopes
	acc      accum
	doc      Doc
	seq      Sequence // the buffer behind doc.Seq
	wantSeq  bool     // fill doc.Seq (RecordSequences)
	names    map[uint32]string
	// work counts feature additions in the last Featurize call, so tests
	// can check that the work grows linearly with the text.
	work int
}

// New returns a featurizer for schema s. The vectors group uses the
// embedded GloVe table; the sentiment group needs opt.Scorer.
func New(s *labels.Schema, cfg Config, opt Options) (*Featurizer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	f := &Featurizer{cfg: cfg, schema: s, an: NewAnalyzer(), scorer: opt.Scorer}
	if cfg.Has(GroupSentiment) && f.scorer == nil {
		return nil, fmt.Errorf("features: the %s group needs a mention scorer", GroupSentiment)
	}
	dv, err := DefaultVectors()
	if err != nil {
		return nil, err
	}
	if cfg.Has(GroupVectors) {
		f.vec = dv
	}
	f.vocab = defaultVocab(dv)
	f.groups = groupsOf(cfg)
	targets := s.Targets()
	f.targets = targets
	f.keys = makeKeys(s, targets)
	f.matcher = NewMatcher(targets)
	for _, t := range targets {
		f.otherHash = append(f.otherHash, xxhash.Sum64String("<o:"+strings.ToLower(t.Name)+">"))
	}
	f.tHash = xxhash.Sum64String("<t>")
	ti := 0
	for _, h := range s.Heads {
		if h.Target != nil {
			f.headTarget = append(f.headTarget, ti)
			ti++
		} else {
			f.headTarget = append(f.headTarget, -1)
		}
		f.headSeed = append(f.headSeed, xxhash.Sum64String("head:"+h.Name))
	}
	f.initDoc()
	return f, nil
}

// Clone returns a featurizer sharing f's read-only tables with its own
// scratch buffers, for use on another goroutine.
func (f *Featurizer) Clone() *Featurizer {
	g := &Featurizer{cfg: f.cfg, schema: f.schema, an: f.an.Clone(), matcher: f.matcher, vec: f.vec, vocab: f.vocab,
		groups: f.groups, headTarget: f.headTarget, headSeed: f.headSeed, otherHash: f.otherHash, tHash: f.tHash,
		targets: f.targets, keys: f.keys, wantSeq: f.wantSeq}
	if f.scorer != nil {
		g.scorer = f.scorer.Clone()
	}
	g.initDoc()
	return g
}

// initDoc makes the output buffers for the schema's heads.
func (f *Featurizer) initDoc() {
	n := len(f.schema.Heads)
	f.doc.Heads = make([]Sparse, n)
	f.doc.Mentions = make([]int, n)
	if f.vec != nil {
		f.doc.Dense = make([][]float32, n)
		for i := range f.doc.Dense {
			f.doc.Dense[i] = make([]float32, f.DenseDim())
		}
	}
}

// Config returns the feature configuration.
func (f *Featurizer) Config() Config { return f.cfg }

// Schema returns the schema the featurizer was made for.
func (f *Featurizer) Schema() *labels.Schema { return f.schema }

// DenseDim is the length of each head's dense vector (0 without vectors).
func (f *Featurizer) DenseDim() int {
	if f.vec == nil {
		return 0
	}
	return numBlocks * f.vec.Dim
}

// RecordNames makes later calls record a readable name for each feature
// index they emit (slow; for explanations). Names returns them.
func (f *Featurizer) RecordNames(on bool) {
	if on {
		f.names = map[uint32]string{}
	} else {
		f.names = nil
	}
}

// Names returns the recorded feature names by index.
func (f *Featurizer) Names() map[uint32]string { return f.names }

// DenseName names dense feature j (0 <= j < DenseDim) of a head.
func (f *Featurizer) DenseName(head, j int) string {
	b := j / f.vec.Dim
	if b == blockArticle {
		return "vectors.article"
	}
	return f.schema.Heads[head].Name + ".vectors." + blockNames[b]
}

// Featurize analyses an article and returns its features, valid until the
// next call. The groups run in a fixed order (groupsOf), first over the
// article, then over each head that has a target in it; that order is the
// order features are emitted in.
func (f *Featurizer) Featurize(a *labels.Article) *Doc {
	d := f.resetDoc()
	f.analyse(a)
	d.Text, d.Tokens = f.text, f.toks
	for _, g := range f.groups {
		g.article(f, d)
	}
	for h := range f.schema.Heads {
		s, ok := f.scopeOf(h)
		if !ok {
			continue
		}
		d.Mentions[h] = len(s.ms)
		for _, g := range f.groups {
			g.head(f, s, d)
		}
	}
	f.sequence(d)
	return d
}

// resetDoc empties the output buffers, keeping their memory.
func (f *Featurizer) resetDoc() *Doc {
	d := &f.doc
	f.work = 0
	d.Shared.Idx, d.Shared.Val = d.Shared.Idx[:0], d.Shared.Val[:0]
	for i := range d.Heads {
		d.Heads[i].Idx, d.Heads[i].Val = d.Heads[i].Idx[:0], d.Heads[i].Val[:0]
		d.Mentions[i] = 0
	}
	return d
}
