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
//   - Hashed features: a feature's name is hashed with xxhash and reduced
//     modulo Config.Buckets (a power of two). No vocabulary is stored.
//     Features of different kinds (article n-grams, a target's context
//     words, cue counts) are kept apart by seeding the hash with the kind, so
//     "aggression" near Israel and near Iran are different features.
//   - A Featurizer owns scratch buffers and is not safe for concurrent use;
//     give each goroutine its own with Featurizer.Clone. The vectors it
//     returns are valid until its next call.
//   - Dense features come from the embedded GloVe 6B 100-d table (see
//     Vectors); they are unit-normalised averages, zero where a block is
//     empty.
package features
