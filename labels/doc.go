// Package labels defines what the engine predicts and reads what it learns
// from: the label schema (heads, their values and targets), articles, hand
// labels and stance examples.
//
// Conventions:
//   - The default schema is the project codebook (../shared/CODEBOOK.md):
//     stance heads "israel", "iran" (pro/anti/neutral), "azerbaijan"
//     (balanced/israel-aligned/iran-aligned/none) and the multi-label head
//     "frames". Other tasks load their own schema from JSON.
//   - An article's id is the path of its .txt file relative to the corpus
//     directory, without the extension and with forward slashes, or the "id"
//     field of a JSON Lines record.
//   - A head missing from a hand-label record means "not labelled": the
//     harness skips it and never counts it as wrong.
//   - Every error a user can cause is a *InputError naming the file, the line
//     and the field, and saying what is allowed. Readers never panic on input
//     (the fuzz targets in fuzz_test.go hold them to it).
//   - Problems that do not stop reading are Warnings: invalid UTF-8, an empty
//     article, a JSON Lines file with no records, and, under SkipBad, each
//     skipped record (Warning.Skipped is set, so callers can count them).
//   - Text is cleaned on the way in: a byte-order mark is dropped, CRLF and CR
//     become LF, and invalid UTF-8 is replaced by U+FFFD with a warning that
//     names the article.
package labels
