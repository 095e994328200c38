package features

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"

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

// Featurizer turns articles into feature vectors for a schema.
type Featurizer struct {
	cfg     Config
	schema  *labels.Schema
	an      *Analyzer
	matcher *Matcher
	lex     *Lexicon
	vec     *Vectors
	vocab   *vocab
	scorer  MentionScorer
	// per schema head: index of its target among the schema's targets, or
	// -1 (frames, or examples with their own target).
	headTarget []int
	headSeed   []uint64
	// per schema target: the masked placeholder hash.
	otherHash []uint64
	tHash     uint64
	targets   []*labels.Target
	keys      fixedKeys
	has       [len(groupNames)]bool

	// scratch
	toks     []Token
	mentions []Mention
	ms       []Mention
	exMen    []Mention
	// article-wide cue counts, plain and negated
	artCue, artCueNeg [numCues]float32
	neg               []bool
	cues              []uint16
	rows              []int32
	clause            []bool
	// per token: bounds of its sentence [sLo, sHi) and of its clause
	// (cLo, cHi), both exclusive: the nearest boundary tokens or the
	// sentence's edges
	sLo, sHi, cLo, cHi []int32
	isMen              []int16 // per token: 1 + target index of the mention it is in, or 0
	acc                accum
	textBuf            []byte
	sentVec            []float32 // per sentence: sum of its word vectors (dim each)
	doc                Doc
	names              map[uint32]string
	// work counts feature additions in the last Featurize call, so tests
	// can check that the work grows linearly with the text.
	work int
}

var groupNames = [...]string{GroupNgrams, GroupTarget, GroupCues, GroupMentions, GroupVectors, GroupSentiment}

const (
	hasNgrams = iota
	hasTarget
	hasCues
	hasMentions
	hasVectors
	hasSentiment
)

// MentionScorer scores the sentiment toward one target mention in one
// sentence: span is the mention's byte range in sentence. It returns the
// probabilities of negative, neutral and positive. sentence is valid only
// during the call. A MentionScorer is used by one goroutine; Clone makes
// another.
type MentionScorer interface {
	ScoreMention(sentence string, span [2]int) (neg, neu, pos float64)
	Clone() MentionScorer
}

// maxScoredMentions bounds the mentions per head given to the scorer.
const maxScoredMentions = 8

// New returns a featurizer for schema s. The vectors group uses the
// embedded GloVe table; the sentiment group needs scorer (nil otherwise).
func New(s *labels.Schema, cfg Config, scorer ...MentionScorer) (*Featurizer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	f := &Featurizer{cfg: cfg, schema: s, an: NewAnalyzer(), lex: DefaultLexicon()}
	for i, g := range groupNames {
		f.has[i] = cfg.Has(g)
	}
	if len(scorer) > 0 && scorer[0] != nil {
		f.scorer = scorer[0]
	}
	if f.has[hasSentiment] && f.scorer == nil {
		return nil, fmt.Errorf("features: the %s group needs a mention scorer", GroupSentiment)
	}
	if f.has[hasVectors] {
		v, err := DefaultVectors()
		if err != nil {
			return nil, err
		}
		f.vec = v
	}
	dv, _ := DefaultVectors()
	f.vocab = defaultVocab(dv)
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
	f.doc.Heads = make([]Sparse, len(s.Heads))
	f.doc.Mentions = make([]int, len(s.Heads))
	if f.vec != nil {
		f.doc.Dense = make([][]float32, len(s.Heads))
		for i := range f.doc.Dense {
			f.doc.Dense[i] = make([]float32, f.DenseDim())
		}
	}
	return f, nil
}

// Clone returns a featurizer sharing f's read-only tables with its own
// scratch buffers, for use on another goroutine.
func (f *Featurizer) Clone() *Featurizer {
	g := &Featurizer{cfg: f.cfg, schema: f.schema, an: f.an.Clone(), matcher: f.matcher, lex: f.lex, vec: f.vec, vocab: f.vocab,
		headTarget: f.headTarget, headSeed: f.headSeed, otherHash: f.otherHash, tHash: f.tHash, has: f.has,
		targets: f.targets, keys: f.keys}
	if f.scorer != nil {
		g.scorer = f.scorer.Clone()
	}
	g.doc.Heads = make([]Sparse, len(f.schema.Heads))
	g.doc.Mentions = make([]int, len(f.schema.Heads))
	if f.vec != nil {
		g.doc.Dense = make([][]float32, len(f.schema.Heads))
		for i := range g.doc.Dense {
			g.doc.Dense[i] = make([]float32, f.DenseDim())
		}
	}
	return g
}

// Config returns the feature configuration.
func (f *Featurizer) Config() Config { return f.cfg }

// DenseDim is the length of each head's dense vector (0 without vectors).
func (f *Featurizer) DenseDim() int {
	if f.vec == nil {
		return 0
	}
	return numBlocks * f.vec.Dim
}

// Dim is the total feature dimension: hash buckets, then dense features.
func (f *Featurizer) Dim() int { return f.cfg.Buckets + f.DenseDim() }

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

// seeds that keep feature kinds apart in the hash space
const (
	seedUni uint64 = 0xf2a74de452e6b438
	seedBi  uint64 = 0x6513270e269e0d37
	seedL   uint64 = 0x0c5c7fd0a6a3a450
	seedR   uint64 = 0xd23f0824128b2f33
	seedL1  uint64 = 0x1818e811892f902b
	seedR1  uint64 = 0x9531985d5d9dc9f8
	seedLB  uint64 = 0xe8e25d940ed90475
	seedRB  uint64 = 0x36f675cc81e74ef5
	seedS   uint64 = 0x1600a35a099950d8
	seedSB  uint64 = 0x6b0d549b6f03675a
	seedC   uint64 = 0x3d9c172411e20b8f
	seedCN  uint64 = 0x8d116ece1738f7d9
	seedCue uint64 = 0x0f21ddb66cad4a26
	seedMen uint64 = 0x90c192cfd3ac94af
)

var seedNames = map[uint64]string{
	seedUni: "word", seedBi: "bigram", seedL: "left", seedR: "right", seedL1: "left1", seedR1: "right1",
	seedLB: "left2", seedRB: "right2", seedS: "sent", seedSB: "sent2", seedC: "clause", seedCN: "clause-neg",
	seedCue: "cue", seedMen: "mention",
}

func mix(h, s uint64) uint64 {
	h ^= s
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return h
}

func (f *Featurizer) bucket(id uint64) uint32 { return uint32(id & uint64(f.cfg.Buckets-1)) }

func (f *Featurizer) add(idx uint32, v float32) {
	f.work++
	f.acc.add(idx, v)
}

// accum sums values by feature index within one block. It is a small
// open-addressing table, sized to the block rather than to the bucket
// space, so it stays in the L1 cache; entries keep insertion order.
type accum struct {
	slots []int32 // index into idx/val, -1 when empty
	idx   []uint32
	val   []float32
	mask  uint32
}

func (a *accum) add(i uint32, v float32) {
	if len(a.idx)*2 >= len(a.slots) {
		a.grow()
	}
	h := (i * 0x9E3779B1) & a.mask
	for {
		s := a.slots[h]
		if s < 0 {
			a.slots[h] = int32(len(a.idx))
			a.idx = append(a.idx, i)
			a.val = append(a.val, v)
			return
		}
		if a.idx[s] == i {
			a.val[s] += v
			return
		}
		h = (h + 1) & a.mask
	}
}

func (a *accum) grow() {
	n := max(1024, 2*len(a.slots))
	a.slots = make([]int32, n)
	for k := range a.slots {
		a.slots[k] = -1
	}
	a.mask = uint32(n - 1)
	for s, i := range a.idx {
		h := (i * 0x9E3779B1) & a.mask
		for a.slots[h] >= 0 {
			h = (h + 1) & a.mask
		}
		a.slots[h] = int32(s)
	}
}

func (a *accum) reset() {
	for _, i := range a.idx {
		h := (i * 0x9E3779B1) & a.mask
		for a.slots[h] >= 0 {
			a.slots[h] = -1
			h = (h + 1) & a.mask
		}
	}
	a.idx = a.idx[:0]
	a.val = a.val[:0]
}

// flush moves the accumulated block into dst. With sublinear, counts c
// become 1+ln(c) (c >= 1); with norm, the block is scaled to unit length.
func (f *Featurizer) flush(dst *Sparse, sublinear, norm bool) {
	a := &f.acc
	if len(a.idx) == 0 {
		return
	}
	ss := float64(0)
	for k, v := range a.val {
		if sublinear && v > 1 {
			v = 1 + float32(math.Log(float64(v)))
			a.val[k] = v
		}
		ss += float64(v) * float64(v)
	}
	scale := float32(1)
	if norm && ss > 0 {
		scale = float32(1 / math.Sqrt(ss))
	}
	dst.Idx = append(dst.Idx, a.idx...)
	for _, v := range a.val {
		dst.Val = append(dst.Val, v*scale)
	}
	a.reset()
}

func (f *Featurizer) name(idx uint32, n string) {
	if _, ok := f.names[idx]; !ok {
		f.names[idx] = n
	}
}

// term returns the hash a token stands for in head-scoped features: the
// placeholder for a mention, else its own.
func (f *Featurizer) term(i int, own int) uint64 {
	m := f.isMen[i]
	if m == 0 {
		return f.toks[i].Hash
	}
	if int(m-1) == own {
		return f.tHash
	}
	if int(m-1) < len(f.otherHash) {
		return f.otherHash[m-1]
	}
	return f.tHash
}

func (f *Featurizer) termText(i int, own int) string {
	m := f.isMen[i]
	if m == 0 {
		return string(f.toks[i].Term)
	}
	if int(m-1) == own {
		return "<t>"
	}
	if int(m-1) < len(f.targets) {
		return "<o:" + strings.ToLower(f.targets[m-1].Name) + ">"
	}
	return "<t>"
}

func (f *Featurizer) addTerm(seed uint64, i int, own int, w float32, prefix string) {
	idx := f.bucket(mix(f.term(i, own), seed))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, prefix+seedNames[seed^f.headSeedOf(prefix)]+":"+f.termText(i, own))
	}
}

func (f *Featurizer) addBigram(seed uint64, i, j int, own int, w float32, prefix string) {
	idx := f.bucket(mix(f.term(i, own)*31+f.term(j, own), seed))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, prefix+seedNames[seed^f.headSeedOf(prefix)]+":"+f.termText(i, own)+" "+f.termText(j, own))
	}
}

// headSeedOf recovers the head seed from a name prefix, for naming only.
func (f *Featurizer) headSeedOf(prefix string) uint64 {
	if prefix == "" {
		return 0
	}
	for h, hd := range f.schema.Heads {
		if prefix == hd.Name+"." {
			return f.headSeed[h]
		}
	}
	return 0
}

func (f *Featurizer) addKey(key uint64, w float32, name string) {
	idx := f.bucket(mix(key, seedCue))
	f.add(idx, w)
	if f.names != nil {
		f.name(idx, name)
	}
}

func keyOf(s string) uint64 { return xxhash.Sum64String(s) }

// Featurize analyses an article and returns its features, valid until the
// next call.
func (f *Featurizer) Featurize(a *labels.Article) *Doc {
	d := &f.doc
	f.work = 0
	d.Shared.Idx, d.Shared.Val = d.Shared.Idx[:0], d.Shared.Val[:0]
	for i := range d.Heads {
		d.Heads[i].Idx, d.Heads[i].Val = d.Heads[i].Idx[:0], d.Heads[i].Val[:0]
		d.Mentions[i] = 0
	}
	var text []byte
	var spanFrom, spanTo int
	text0 := a.Text
	if len(text0) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(text0[cut]) {
			cut--
		}
		text0 = text0[:cut]
	}
	f.textBuf = append(f.textBuf[:0], text0...)
	if a.HasSpan && a.Span[1] <= len(text0) {
		var mapped [][2]int
		text, f.toks, mapped = f.an.AnalyzeSpans(f.textBuf, [][2]int{a.Span}, f.toks[:0])
		spanFrom, spanTo = mapped[0][0], mapped[0][1]
	} else {
		text, f.toks = f.an.Analyze(f.textBuf, f.toks[:0])
	}
	d.Text, d.Tokens = text, f.toks
	toks := f.toks
	n := len(toks)
	f.mentions = f.matcher.Find(toks, f.mentions[:0])
	f.isMen = resize(f.isMen, n)
	for i := range f.isMen {
		f.isMen[i] = 0
	}
	for _, m := range f.mentions {
		for k := m.From; k < m.To; k++ {
			f.isMen[k] = int16(m.Target + 1)
		}
	}
	// The example's own target: the span, or else its words wherever they occur.
	exTarget := -1
	var exMentions []Mention
	if a.Target != "" {
		exTarget = f.matcher.n // a target index past the schema's
		exMentions = f.exampleMentions(a, spanFrom, spanTo)
		for _, m := range exMentions {
			for k := m.From; k < m.To; k++ {
				f.isMen[k] = int16(exTarget + 1)
			}
		}
	}
	f.prepareTokens()

	nsent := 0
	if n > 0 {
		nsent = int(toks[n-1].Sent) + 1
	}
	headline := hasHeadline(text, toks)

	// Article-wide features.
	if f.has[hasNgrams] {
		for i := 0; i < n; i++ {
			if toks[i].Kind == Punct {
				continue
			}
			idx := f.bucket(mix(toks[i].Hash, seedUni))
			f.add(idx, 1)
			if f.names != nil {
				f.name(idx, "word:"+string(toks[i].Term))
			}
			if i+1 < n && toks[i+1].Kind != Punct && toks[i+1].Sent == toks[i].Sent {
				idx := f.bucket(mix(toks[i].Hash*31+toks[i+1].Hash, seedBi))
				f.add(idx, 1)
				if f.names != nil {
					f.name(idx, "bigram:"+string(toks[i].Term)+" "+string(toks[i+1].Term))
				}
			}
		}
		f.flush(&d.Shared, true, true)
	}
	// Article-wide cue counts: stance evidence, given to the heads that
	// have a target (see headFeatures), not to multi-label heads such as
	// frames, where they measured worse.
	if f.has[hasCues] {
		f.artCue, f.artCueNeg = [numCues]float32{}, [numCues]float32{}
		for i := 0; i < n; i++ {
			if c := f.cues[i]; c != 0 {
				for k := Cue(0); k < numCues; k++ {
					if c&(1<<k) != 0 {
						if f.neg[i] {
							f.artCueNeg[k]++
						} else {
							f.artCue[k]++
						}
					}
				}
			}
		}
	}
	targets := f.targets
	if f.has[hasMentions] {
		f.addKey(f.keys.bias.key, 1, f.keys.bias.name)
		for ti, t := range targets {
			c, inHead, inLead := 0, false, false
			for _, m := range f.mentions {
				if m.Target == ti {
					c++
					s := toks[m.From].Sent
					if headline && s == 0 {
						inHead = true
					}
					if s <= 2 {
						inLead = true
					}
				}
			}
			_ = t
			tk := &f.keys.target[ti]
			b := densityBucket(c, nsent)
			f.addKey(tk.count[b].key, 1, tk.count[b].name)
			if inHead {
				f.addKey(tk.head.key, 1, tk.head.name)
			}
			if inLead {
				f.addKey(tk.lead.key, 1, tk.lead.name)
			}
		}
		// Targets named in the same sentence.
		if len(targets) > 1 && nsent > 0 {
			var co [8][8]float32
			lastSent := int32(-1)
			var inSent uint16
			flushSent := func() {
				for x := 0; x < len(targets) && x < 8; x++ {
					for y := x + 1; y < len(targets) && y < 8; y++ {
						if inSent&(1<<x) != 0 && inSent&(1<<y) != 0 {
							co[x][y]++
						}
					}
				}
			}
			for _, m := range f.mentions {
				s := toks[m.From].Sent
				if s != lastSent {
					flushSent()
					inSent, lastSent = 0, s
				}
				inSent |= 1 << m.Target
			}
			flushSent()
			for x := 0; x < len(targets) && x < 8; x++ {
				for y := x + 1; y < len(targets) && y < 8; y++ {
					if co[x][y] > 0 {
						k := f.keys.together[x][y]
						f.addKey(k.key, co[x][y]/float32(nsent), k.name)
					}
				}
			}
		}
		f.flush(&d.Shared, false, false)
	}

	// Dense article block, shared by every head.
	var article []float32
	if f.vec != nil {
		dim := f.vec.Dim
		article = d.Dense[0][:dim]
		clear(d.Dense[0])
		f.sentVec = resize(f.sentVec, nsent*dim)
		clear(f.sentVec)
		for i := 0; i < n; i++ {
			if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
				s := int(toks[i].Sent)
				f.vec.AddTo(f.sentVec[s*dim:(s+1)*dim], r, 1)
			}
		}
		for s := 0; s < nsent; s++ {
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

	// Per-head target features.
	for h := range f.schema.Heads {
		own := f.headTarget[h]
		var ms []Mention
		if own >= 0 {
			f.ms = f.ms[:0]
			for _, m := range f.mentions {
				if m.Target == own {
					f.ms = append(f.ms, m)
				}
			}
			ms = f.ms
		} else if exTarget >= 0 && !f.schema.Heads[h].Multi {
			own = exTarget
			ms = exMentions
		} else {
			continue
		}
		d.Mentions[h] = len(ms)
		f.headFeatures(h, own, ms, headline, d)
	}
	return d
}

// Counts are made independent of article length, so that a model trained
// on short excerpts reads long articles the same way: mention counts become
// densities (mentions per sentence), cue counts saturate.

var countNames = []string{"none", "<0.2/sentence", "<0.5/sentence", "<1/sentence", ">=1/sentence"}

func densityBucket(c, sentences int) int {
	if c == 0 || sentences == 0 {
		return 0
	}
	d := float64(c) / float64(sentences)
	switch {
	case d < 0.2:
		return 1
	case d < 0.5:
		return 2
	case d < 1:
		return 3
	}
	return 4
}

// saturate maps a count c >= 0 into [0, 1): c/(c+2).
func saturate(c float32) float32 { return c / (c + 2) }

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

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// hasHeadline reports whether the first sentence is a line of its own (a
// headline) followed by more text.
func hasHeadline(text []byte, toks []Token) bool {
	if len(toks) == 0 || toks[len(toks)-1].Sent == 0 {
		return false
	}
	for i := range toks {
		if toks[i].Sent != 0 {
			between := text[toks[i-1].End:toks[i].Start]
			for _, c := range between {
				if c == '\n' {
					return true
				}
			}
			return false
		}
	}
	return false
}

// prepareTokens fills the per-token tables: negation scope, cue bits and
// vector rows.
func (f *Featurizer) prepareTokens() {
	toks := f.toks
	n := len(toks)
	f.neg = resize(f.neg, n)
	f.cues = resize(f.cues, n)
	f.rows = resize(f.rows, n)
	f.clause = resize(f.clause, n)
	left := 0
	for i := 0; i < n; i++ {
		t := &toks[i]
		if t.Kind == Punct || i > 0 && toks[i-1].Sent != t.Sent {
			left = 0
		}
		f.neg[i] = left > 0
		if left > 0 {
			left--
		}
		f.rows[i] = -1
		if t.Kind == Punct {
			f.cues[i] = 0
			f.clause[i] = isClausePunct(t.Term[0])
			continue
		}
		wi := f.vocab.lookup(t.Hash)
		if t.Kind == Word && (wi.flags&flagNeg != 0 || isNT(t.Term)) {
			left = negationSpan
		}
		f.cues[i] = wi.cues
		f.clause[i] = wi.flags&flagClause != 0
		if f.vec != nil && wi.flags&flagStop == 0 {
			f.rows[i] = wi.row
		}
	}
	// Sentence and clause bounds, in two linear passes, so that scopes
	// around many mentions cost no rescans.
	f.sLo, f.sHi = resize(f.sLo, n), resize(f.sHi, n)
	f.cLo, f.cHi = resize(f.cLo, n), resize(f.cHi, n)
	for i := 0; i < n; i++ {
		switch {
		case i == 0 || toks[i-1].Sent != toks[i].Sent:
			f.sLo[i], f.cLo[i] = int32(i), int32(i-1)
		case f.clause[i-1]:
			f.sLo[i], f.cLo[i] = f.sLo[i-1], int32(i-1)
		default:
			f.sLo[i], f.cLo[i] = f.sLo[i-1], f.cLo[i-1]
		}
	}
	for i := n - 1; i >= 0; i-- {
		switch {
		case i == n-1 || toks[i+1].Sent != toks[i].Sent:
			f.sHi[i], f.cHi[i] = int32(i+1), int32(i+1)
		case f.clause[i+1]:
			f.sHi[i], f.cHi[i] = f.sHi[i+1], int32(i+1)
		default:
			f.sHi[i], f.cHi[i] = f.sHi[i+1], f.cHi[i+1]
		}
	}
}

// exampleMentions finds an example's own target: the tokens that overlap
// its span, or else every occurrence of the target's words.
func (f *Featurizer) exampleMentions(a *labels.Article, from, to int) []Mention {
	out := f.exMen[:0]
	defer func() { f.exMen = out }()
	toks := f.toks
	if a.HasSpan {
		first, last := -1, -1
		for i := range toks {
			if int(toks[i].End) > from && int(toks[i].Start) < to {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first >= 0 {
			out = append(out, Mention{From: int32(first), To: int32(last + 1)})
		}
		return out
	}
	_, tt := NewAnalyzer().Analyze([]byte(a.Target), nil)
	if len(tt) == 0 {
		return nil
	}
	for i := 0; i+len(tt) <= len(toks); i++ {
		ok := true
		for k := range tt {
			if toks[i+k].Hash != tt[k].Hash {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, Mention{From: int32(i), To: int32(i + len(tt))})
			i += len(tt) - 1
		}
	}
	return out
}

func isClausePunct(c byte) bool {
	switch c {
	case ',', ';', ':', '(', ')', '"', '-', '.', '!', '?', '[', ']':
		return true
	}
	return false
}

// isNT reports a contraction ending in n't ("didn't").
func isNT(t []byte) bool {
	n := len(t)
	return n > 3 && t[n-3] == 'n' && t[n-2] == '\'' && t[n-1] == 't'
}

func (f *Featurizer) headFeatures(h, own int, ms []Mention, headline bool, d *Doc) {
	toks := f.toks
	n := len(toks)
	prefix := f.schema.Heads[h].Name + "."
	hs := f.headSeed[h]
	W := f.cfg.Window
	if f.has[hasTarget] && len(ms) > 0 {
		// Words left and right of each mention, within the sentence.
		lastClause := -2
		for _, m := range ms {
			s := toks[m.From].Sent
			for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == s; d, i = d+1, i-1 {
				w := 1 / (1 + float32(d-1)/3)
				f.addTerm(seedL^hs, i, own, w, prefix)
				if d == 1 {
					f.addTerm(seedL1^hs, i, own, 1, prefix)
					if i > 0 && toks[i-1].Sent == s {
						f.addBigram(seedLB^hs, i-1, i, own, 1, prefix)
					}
				}
			}
			for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == s; d, i = d+1, i+1 {
				w := 1 / (1 + float32(d-1)/3)
				f.addTerm(seedR^hs, i, own, w, prefix)
				if d == 1 {
					f.addTerm(seedR1^hs, i, own, 1, prefix)
					if i+1 < n && toks[i+1].Sent == s {
						f.addBigram(seedRB^hs, i, i+1, own, 1, prefix)
					}
				}
			}
			// The mention's clause, with negated words marked; a clause
			// naming the target twice counts once.
			lo, hi := int(f.cLo[m.From]), int(f.cHi[m.To-1])
			if lo == lastClause {
				continue
			}
			lastClause = lo
			for i := lo + 1; i < hi; i++ {
				if i >= int(m.From) && i < int(m.To) {
					continue
				}
				if f.neg[i] {
					f.addTerm(seedCN^hs, i, own, 1, prefix)
				} else {
					f.addTerm(seedC^hs, i, own, 1, prefix)
				}
			}
		}
		// Words of the sentences that name the target.
		last := int32(-1)
		for _, m := range ms {
			s := toks[m.From].Sent
			if s == last {
				continue
			}
			last = s
			for i := int(f.sLo[m.From]); i < n && toks[i].Sent == s; i++ {
				if toks[i].Kind == Punct {
					continue
				}
				f.addTerm(seedS^hs, i, own, 1, prefix)
				if i+1 < n && toks[i+1].Sent == s && toks[i+1].Kind != Punct {
					f.addBigram(seedSB^hs, i, i+1, own, 1, prefix)
				}
			}
		}
		f.flush(&d.Heads[h], true, true)
	}
	if f.has[hasCues] {
		for k := Cue(0); k < numCues; k++ {
			if x := f.artCue[k]; x > 0 {
				f.addKey(f.keys.cue[k].key, saturate(x), f.keys.cue[k].name)
			}
			if x := f.artCueNeg[k]; x > 0 {
				f.addKey(f.keys.cueNeg[k].key, saturate(x), f.keys.cueNeg[k].name)
			}
		}
		f.flush(&d.Heads[h], false, false)
	}
	if f.has[hasCues] && len(ms) > 0 {
		var sent, sentNeg, left, right, clause [numCues]float32
		last := int32(-1)
		lastClause := -2
		for _, m := range ms {
			s := toks[m.From].Sent
			for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == s; d, i = d+1, i-1 {
				addCues(&left, f.cues[i], f.neg[i])
			}
			for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == s; d, i = d+1, i+1 {
				addCues(&right, f.cues[i], f.neg[i])
			}
			if lo, hi := int(f.cLo[m.From]), int(f.cHi[m.To-1]); lo != lastClause {
				lastClause = lo
				for i := lo + 1; i < hi; i++ {
					addCues(&clause, f.cues[i], f.neg[i])
				}
			}
			if s == last {
				continue
			}
			last = s
			for i := int(f.sLo[m.From]); i < n && toks[i].Sent == s; i++ {
				if f.neg[i] {
					addCues(&sentNeg, f.cues[i], false)
				} else {
					addCues(&sent, f.cues[i], false)
				}
			}
		}
		scopes := [numCueScopes]*[numCues]float32{&sent, &sentNeg, &left, &right, &clause}
		hk := &f.keys.head[h]
		for sc, v := range scopes {
			for k := Cue(0); k < numCues; k++ {
				if x := v[k]; x != 0 {
					f.addKey(hk.cue[sc][k].key, saturate(abs32(x))*sign32(x), hk.cue[sc][k].name)
				}
			}
		}
		f.flush(&d.Heads[h], false, false)
	}
	if f.has[hasMentions] {
		hk := &f.keys.head[h]
		nsent := 0
		if len(toks) > 0 {
			nsent = int(toks[len(toks)-1].Sent) + 1
		}
		b := densityBucket(len(ms), nsent)
		f.addKey(hk.count[b].key, 1, hk.count[b].name)
		if len(ms) > 0 {
			first := toks[ms[0].From].Sent
			if headline && first == 0 {
				f.addKey(hk.head.key, 1, hk.head.name)
			}
			if first <= 2 {
				f.addKey(hk.lead.key, 1, hk.lead.name)
			}
		}
		f.flush(&d.Heads[h], false, false)
	}
	if f.has[hasSentiment] && len(ms) > 0 && f.headTarget[h] >= 0 {
		f.sentimentFeatures(h, own, ms, headline, d)
	}
	if f.vec != nil && len(ms) > 0 {
		dim := f.vec.Dim
		dv := d.Dense[h]
		sent := dv[blockSent*dim : (blockSent+1)*dim]
		left := dv[blockLeft*dim : (blockLeft+1)*dim]
		right := dv[blockRight*dim : (blockRight+1)*dim]
		last := int32(-1)
		for _, m := range ms {
			s := toks[m.From].Sent
			for d, i := 1, int(m.From)-1; d <= W && i >= 0 && toks[i].Sent == s; d, i = d+1, i-1 {
				if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
					f.vec.AddTo(left, r, 1/float32(d))
				}
			}
			for d, i := 1, int(m.To); d <= W && i < n && toks[i].Sent == s; d, i = d+1, i+1 {
				if r := f.rows[i]; r >= 0 && f.isMen[i] == 0 {
					f.vec.AddTo(right, r, 1/float32(d))
				}
			}
			if s == last {
				continue
			}
			last = s
			sv := f.sentVec[int(s)*dim : int(s+1)*dim]
			for j, x := range sv {
				sent[j] += x
			}
		}
		unit(sent)
		unit(left)
		unit(right)
	}
}

func addCues(dst *[numCues]float32, c uint16, neg bool) {
	if c == 0 {
		return
	}
	v := float32(1)
	if neg {
		v = -1 // a negated cue counts against its category
	}
	for k := Cue(0); k < numCues; k++ {
		if c&(1<<k) != 0 {
			dst[k] += v
		}
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func sign32(x float32) float32 {
	if x < 0 {
		return -1
	}
	return 1
}

// A named fixed feature: its hash key and its readable name.
type namedKey struct {
	key  uint64
	name string
}

const numCueScopes = 5

var cueScopeNames = [numCueScopes]string{"sent", "sent-not", "left", "right", "clause"}

type targetKeys struct {
	count      [5]namedKey
	head, lead namedKey
}

type headKeys struct {
	sent       [6]namedKey // sentiment: neg-mean, pos-mean, neg-max, pos-max, headline-neg, headline-pos
	cue        [numCueScopes][numCues]namedKey
	count      [5]namedKey
	head, lead namedKey
}

// fixedKeys holds every feature whose name does not depend on the text,
// computed once so the hot path neither hashes nor builds strings.
type fixedKeys struct {
	bias        namedKey
	cue, cueNeg [numCues]namedKey
	target      []targetKeys
	together    [8][8]namedKey
	head        []headKeys
}

func nk(name string) namedKey { return namedKey{keyOf(name), name} }

func makeKeys(s *labels.Schema, targets []*labels.Target) fixedKeys {
	var k fixedKeys
	k.bias = nk("bias")
	for c := Cue(0); c < numCues; c++ {
		k.cue[c] = nk("cue:article:" + cueNames[c])
		k.cueNeg[c] = nk("cue:article:not-" + cueNames[c])
	}
	for x, t := range targets {
		tn := strings.ToLower(t.Name)
		var tk targetKeys
		for b, n := range countNames {
			tk.count[b] = nk("mentions:" + tn + ":" + n)
		}
		tk.head, tk.lead = nk("headline:"+tn), nk("lead:"+tn)
		k.target = append(k.target, tk)
		for y := x + 1; y < len(targets) && y < 8 && x < 8; y++ {
			k.together[x][y] = nk("together:" + tn + "+" + strings.ToLower(targets[y].Name))
		}
	}
	for _, h := range s.Heads {
		p := h.Name + "."
		var hk headKeys
		for sc, sn := range cueScopeNames {
			for c := Cue(0); c < numCues; c++ {
				hk.cue[sc][c] = nk(p + "cue:" + sn + ":" + cueNames[c])
			}
		}
		for b, n := range countNames {
			hk.count[b] = nk(p + "mentions:" + n)
		}
		hk.head, hk.lead = nk(p+"in-headline"), nk(p+"in-lead")
		for i, n := range []string{"neg-mean", "pos-mean", "neg-max", "pos-max", "headline-neg", "headline-pos"} {
			hk.sent[i] = nk(p + "sentiment:" + n)
		}
		k.head = append(k.head, hk)
	}
	return k
}

// sentimentFeatures scores the sentences of the first mentions of head h's
// target and adds the mean and maximum of P(negative) and P(positive), and
// those of the headline mention.
func (f *Featurizer) sentimentFeatures(h, own int, ms []Mention, headline bool, d *Doc) {
	toks := f.toks
	text := d.Text
	var sumNeg, sumPos, maxNeg, maxPos float64
	var headNeg, headPos float64
	scored, inHead := 0, false
	lastSent, lastFrom := int32(-1), 0
	for _, m := range ms {
		if scored == maxScoredMentions {
			break
		}
		s := toks[m.From].Sent
		lo, hi := int(f.sLo[m.From]), int(f.sHi[m.From])
		if s == lastSent && lo == lastFrom {
			continue // one score per sentence: the first mention in it
		}
		lastSent, lastFrom = s, lo
		bs, be := int(toks[lo].Start), int(toks[hi-1].End)
		span := [2]int{int(toks[m.From].Start) - bs, int(toks[m.To-1].End) - bs}
		// The scorer copies the sentence into its own buffer before it
		// returns, so it may borrow these bytes rather than a copy.
		neg, _, pos := f.scorer.ScoreMention(unsafe.String(&text[bs], be-bs), span)
		sumNeg += neg
		sumPos += pos
		maxNeg, maxPos = max(maxNeg, neg), max(maxPos, pos)
		if headline && s == 0 && !inHead {
			headNeg, headPos, inHead = neg, pos, true
		}
		scored++
	}
	if scored == 0 {
		return
	}
	hk := &f.keys.head[h]
	n := float64(scored)
	f.addKey(hk.sent[0].key, float32(sumNeg/n), hk.sent[0].name)
	f.addKey(hk.sent[1].key, float32(sumPos/n), hk.sent[1].name)
	f.addKey(hk.sent[2].key, float32(maxNeg), hk.sent[2].name)
	f.addKey(hk.sent[3].key, float32(maxPos), hk.sent[3].name)
	if inHead {
		f.addKey(hk.sent[4].key, float32(headNeg), hk.sent[4].name)
		f.addKey(hk.sent[5].key, float32(headPos), hk.sent[5].name)
	}
	f.flush(&d.Heads[h], false, false)
}
