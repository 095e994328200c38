// Package aggregate summarises scored articles (the JSON Lines that
// `stance score` writes) by groups of their metadata, such as outlet, and
// by period (week, month or year of a date field): per group the number
// of articles, the share of each label of each head, and the mean signed
// score with a bootstrap confidence interval.
//
// Conventions:
//   - An article that was not scored (coverage.scored false, for example
//     a language the model does not read) is counted in its group's
//     Unscored and in no share or mean: it is never taken as neutral.
//   - Shares are over the group's articles scored for the head; for a
//     multi-label head (frames) a share is the fraction of articles with
//     that value, so shares need not sum to 1.
//   - Confidence intervals are percentile bootstrap intervals of the mean
//     (Efron and Tibshirani 1993, ch. 13) from a fixed seed: the same
//     input gives the same interval, whatever the order of its records.
//   - Weeks are ISO 8601 weeks (2024-W09, Monday to Sunday); months and
//     years are calendar ones, in the date's own time zone.
//   - A record whose date is missing or unreadable is grouped under the
//     period "(no date)" and counted in Result.NoDate; a missing group
//     field gives the value "(none)". Both sort after the other groups.
//   - Groups are sorted by their keys; output is deterministic.
package aggregate
