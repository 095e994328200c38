// Package eval measures models against hand labels: per-head reports in the
// shape of scikit-learn's classification_report, the SemEval F_avg, confusion
// matrices, a majority-class baseline, and cross-validation.
//
// Conventions:
//   - Classes are reported in the schema's value order; confusion matrices
//     have gold labels as rows and predictions as columns, in that order.
//   - Zero division: a class never predicted has precision 0, a class never
//     in the gold labels has recall 0, and F1 is 0 when precision and recall
//     are both 0 (scikit-learn's zero_division=0).
//   - An article not labelled for a head is skipped for that head, never
//     counted as wrong.
//   - Cross-validation pools the out-of-fold predictions of every fold and
//     reports on the pool; it also gives each fold's macro-F1. Stratified
//     folds stratify on the schema's first single-label head (for the
//     default schema, israel); folds come from internal/folds.
//   - The majority baseline is scored like a model: its predictions go
//     through the same collection as a model's (baseline.go). For a model
//     file it is the model's training majority; under cross-validation,
//     each fold's majority comes from that fold's training rows.
//   - F_avg is the mean F1 of a head's two polar values (its score's plus
//     and minus), as in SemEval-2016 Task 6.
package eval
