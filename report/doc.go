// Package report renders evaluations and aggregates as self-contained
// HTML pages: tables, and plots drawn with gonum.org/v1/plot as inline
// SVG, with no script, no external style sheet, font or image, and no
// network reference, so that a page can be mailed or archived as one file
// and opened offline.
//
// Conventions:
//   - Output is deterministic: the same input gives the same bytes (no
//     timestamps, sorted iteration).
//   - Classes are shown in the schema's value order; confusion matrices
//     have gold labels as rows and predictions as columns.
//   - Every plot is one <svg> element inside a <figure> with a caption
//     that states what is drawn, so the page also reads without the
//     plots.
//   - Text from the data (ids, outlets, evidence) is escaped by
//     html/template; inside plots, by the SVG writer.
package report
