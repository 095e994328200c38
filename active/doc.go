// Package active chooses which unlabelled article an annotator should
// label next (active learning, as in Settles 2009, "Active Learning
// Literature Survey", §3 uncertainty sampling and §5 density and
// diversity).
//
// Conventions:
//   - An article's uncertainty is the mean over its heads of 1 − margin,
//     where a single-label head's margin is P(first) − P(second) and a
//     multi-label head's is that of its closest value: how far P(value)
//     lies from the value's threshold, as a share of the way to 0 or 1.
//     Uncertainty is 0 when every head is sure and 1 when some head is
//     split evenly on every decision.
//   - Articles are compared by cosine similarity of hashed, L2-normalised
//     TF-IDF term vectors (Vectorizer), with document frequencies from the
//     pool being ranked, so that words every article shares count little.
//   - A candidate's priority is
//     uncertainty + Feedback × nearby disagreement − Diversity × similarity,
//     where similarity is to the most similar article already labelled or
//     already picked, and nearby disagreement is the similarity-weighted
//     share of heads on which annotators overruled the model for labelled
//     articles like this one (Observe), shrunk toward 0 when there are few
//     such articles. Ties go to the earlier candidate, so a ranking is
//     deterministic.
//   - As labels arrive, AdjustPriors re-weighs the single-label heads'
//     probabilities from the model's class prior on the pool to the
//     classes' shares among the labels (smoothed), so that uncertainty
//     follows what the annotator finds; nothing is retrained.
//   - Indices are into the candidate slice given to NewRanker.
package active
