// Package classifier holds the models: sparse multinomial logistic
// regression trained by L-BFGS, a multinomial naive Bayes baseline, an
// attention network over the word vectors for stance examples (Net), the
// training procedure for a whole schema, fast prediction, and the model file.
//
// Conventions:
//   - Fit learns, Predict applies; learned state is set only by Fit.
//   - This package does not featurize: Featurize and Predictor take
//     featurized articles, and a Predictor holds weights only. Package
//     stance builds the featurizer for a model (with the sentiment scorer
//     when the model uses that group) and composes the two.
//   - Feature rows are CSR matrices whose column indices are hash buckets
//     (features.Config.Buckets), followed by a dense block of DenseDim
//     columns. Fit compacts the buckets it sees into columns and stores only
//     those, so a model file holds no weight that training never touched.
//   - Adaptation (TrainConfig.Base, adapt.go): Fit can start from a base
//     model, drawing every weight toward the base's instead of toward
//     zero, in the base's feature space; buckets the new rows never touch
//     keep the base's weights.
//   - The attention network (algorithms neural and ensemble) reads a
//     stance example's features.Sequence, not the hashed features; an
//     ensemble head mixes its log-probabilities with the linear model's.
//     It is trained by Adam on one goroutine, and is deterministic too.
//   - The linear models are linear in the features: class scores are
//     bias + x·W, and probabilities their softmax. Weights are rounded to
//     float16 at the end of Fit, so a model in memory and the same model
//     loaded from its file predict identically.
//   - Training is deterministic: the same data, configuration and seed give
//     a byte-identical model file. Parallel gradient sums use a fixed split
//     of the rows and add the parts in a fixed order.
//   - Model files start with the magic "STANCEMD" and a format version
//     (the lowest that holds the model: 4 only for a model with a
//     network, 3 only for an adapted, bytarget or multilingual one),
//     carry a JSON header (schema, feature config, training settings) and
//     end with a CRC-32 of everything before it. Files are written to a
//     temporary file and renamed, so a failed save never leaves a
//     half-written model behind.
package classifier
