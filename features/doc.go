// Package features turns text into the sparse and dense vectors the models
// learn from.
//
// The text pipeline follows bleve's analysis package: an Analyzer is a plain
// struct of small stages run in order — CharFilters over the raw bytes, one
// Tokenizer, then TokenFilters that rewrite or drop tokens in place.
//
// Conventions:
//   - Byte offsets (Token.Start, Token.End, spans) index the text after the
//     char filters have run; Analyzer.Analyze maps a span given on the input
//     to the filtered text.
//   - Hashed features: a feature's key is hashed with xxhash and reduced
//     modulo Config.Buckets (a power of two). No vocabulary is stored.
//     Features of different kinds (article n-grams, a target's context
//     words, cue counts) are kept apart by seeding the hash with the kind
//     (hashing.go), and a head's context words also with the head, so
//     "aggression" near Israel and near Iran are different features.
//   - A Featurizer owns scratch buffers and is not safe for concurrent use;
//     give each goroutine its own with Featurizer.Clone. The vectors it
//     returns are valid until its next call.
//   - Counts do not grow with article length: mention counts become
//     densities (mentions per sentence), cue counts saturate (c/(c+2)),
//     n-gram blocks are sublinear and unit length, so a model trained on
//     short excerpts reads long articles the same way.
//   - Dense features come from the embedded GloVe 6B 100-d table (see
//     Vectors); they are unit-normalised averages, zero where a block is
//     empty.
//
// # Feature groups
//
// Config.Groups switches groups on; each lives in its own file
// (group_*.go) behind the small group interface in group.go, over the
// per-article tables of tokens.go. They run in a fixed order, which is
// the order features are emitted in: ngrams, target, cues, mentions,
// sentiment, vectors, voice, pairs. The sentiment group needs a MentionScorer
// (Options.Scorer); package sentiment provides one, and package stance
// wires it in.
//
// # Feature names
//
// Featurizer.RecordNames makes Featurize record a readable name per
// bucket; explanations show them. The grammar, with TERM a token's
// lower-cased term, or <t> for a mention of the head's own target, or
// <o:TARGET> for a mention of another target; TARGET a lower-cased target
// name; HEAD a schema head's name; DENSITY one of none, <0.2/sentence,
// <0.5/sentence, <1/sentence, >=1/sentence; and CUE a cue category
// (Cue.String: hostile, condemn, cooperation, …):
//
//	article-wide (Doc.Shared; every head sees them)
//	  word:TERM                        ngrams: a word
//	  bigram:TERM TERM                 ngrams: two words in one sentence
//	  prefix:LETTERS                   prefixes: the first five letters of a long word (text outside ASCII only)
//	  bias                             mentions: always 1
//	  mentions:TARGET:DENSITY          mentions: how often TARGET is named
//	  headline:TARGET, lead:TARGET     mentions: TARGET in the headline, the first 3 sentences
//	  together:TARGET+TARGET           mentions: share of sentences naming both
//	per head (Doc.Heads[h]; heads whose target the article names)
//	  HEAD.left:TERM, HEAD.right:TERM  target: words within Config.Window of a mention
//	  HEAD.left1:TERM, HEAD.right1:TERM        the next word
//	  HEAD.left2:TERM TERM, HEAD.right2:TERM TERM   the next bigram
//	  HEAD.clause:TERM, HEAD.clause-neg:TERM   words of the mention's clause, negated or not
//	  HEAD.sent:TERM, HEAD.sent2:TERM TERM     words and bigrams of sentences naming it
//	  cue:article:CUE, cue:article:not-CUE     cues: the article's cue counts
//	  HEAD.cue:SCOPE:CUE               cues: SCOPE is sent, sent-not, left, right or clause
//	  HEAD.mentions:DENSITY            mentions: how often the head's target is named
//	  HEAD.in-headline, HEAD.in-lead   mentions: where it is first named
//	  HEAD.sentiment:STAT              sentiment: STAT is neg-mean, pos-mean, neg-max,
//	                                   pos-max, headline-neg or headline-pos
//	  voice:share:VOICE                voice: share of the article's words in VOICE
//	                                   (own narration, rep reported speech, quo quotation)
//	  voice:VOICE:CUE                  voice: the article's cue counts in VOICE
//	  HEAD.vcue:VOICE:CUE              voice: cue counts of the target's sentences in VOICE
//	  HEAD.mention-voice:VOICE         voice: share of the target's mentions in VOICE
//	  HEAD.own-win:TERM                voice: words near a mention in the outlet's own voice
//	  HEAD.with-article:TARGET         pairs: the article also names TARGET
//	  HEAD.with-sent:TARGET            pairs: share of the head target's sentences naming TARGET
//	  @EXTARGET:NAME                   bytarget: any sparse name above (article-wide
//	                                   or the head's), conjoined with a stance example's
//	                                   own target EXTARGET (lower-cased)
//	dense (Doc.Dense[h])
//	  vectors.article                  the whole article's mean vector
//	  HEAD.vectors.sentences, HEAD.vectors.left, HEAD.vectors.right
//
// Two names may share a bucket (hashing); explanations then show the
// first one recorded.
package features
