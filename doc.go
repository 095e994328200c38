// Package stance scores news articles' stance toward Israel, toward Iran,
// and Azerbaijan's alignment between them, plus the article's frames, with
// a model embedded in the package.
//
//	m, err := stance.Default()
//	...
//	r := m.Score(stance.Article{ID: "a1", Text: text})
//	for _, h := range r.Heads {
//		fmt.Println(h.Head, h.Label, h.Labels, h.Mentions)
//	}
//
// Default returns the embedded model; Load reads one written by
// `stance train`. Model.Score scores one article and names its labels,
// scores, probabilities and coverage (the mentions of each head's target);
// Model.ScoreAll streams many through several goroutines, in input order;
// Model.Explain lists the features and sentences behind each decision.
//
// # Layout
//
// This package composes the others, which stay usable on their own:
//
//   - labels: the schema (heads, targets, values) and article and label
//     readers;
//   - features: text → hashed sparse and dense vectors, one file per
//     feature group;
//   - classifier: linear models, their training and the model file;
//   - sentiment: the NewsMTSC target-sentiment model behind the features
//     package's sentiment group;
//   - eval: metrics and reports against hand labels.
//
// The import graph is labels → features → classifier → {sentiment, eval} →
// stance → cmd/stance. Only this package wires the sentiment scorer into a
// featurizer (NewFeaturizer), so a classifier.Predictor holds weights only.
//
// # Concurrency
//
// A Model is safe for concurrent use: Score takes its scratch from a pool,
// Explain makes its own, and ScoreAll gives each of its goroutines a
// Worker. A Worker (NewWorker) is the allocation-light form for one
// goroutine.
package stance
