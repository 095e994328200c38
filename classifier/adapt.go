package classifier

import (
	"errors"
	"fmt"
	"slices"
)

// Adaptation: a base model learns new labels while staying close to what
// it knew. Each linear model is refitted with the L2 penalty centred on the
// base model's weights instead of on zero (a Gaussian prior at the base
// weights; Chelba and Acero 2004, "Adaptation of maximum entropy
// capitalizer: little data can help a lot"), in the base model's feature
// space: same featurizer settings, same hash buckets.

// AdaptMinPerValue is the fewest positive and negative new examples a
// multi-label value needs before an adapted model re-chooses its
// threshold; below it the base model's threshold is kept.
const AdaptMinPerValue = 8

// params lays out l's weights as LogReg.Fit's parameter vector over the
// compact columns cols: bucket weights (nc×k), dense weights class-major
// (k×dd), bias (k). A bucket l never learned takes l.Default.
func (l *Linear) params(cols []uint32, dd int) []float64 {
	k := l.K
	if len(l.Dense) != 0 && len(l.Dense) != dd*k {
		panic("classifier: prior's dense width differs from the data's")
	}
	nc := len(cols)
	x := make([]float64, (nc+dd)*k+k)
	for i, b := range cols {
		w := l.Weight(b)
		for c := 0; c < k; c++ {
			x[i*k+c] = float64(w[c])
		}
	}
	if len(l.Dense) > 0 {
		for j := 0; j < dd; j++ {
			for c := 0; c < k; c++ {
				x[nc*k+c*dd+j] = float64(l.Dense[j*k+c])
			}
		}
	}
	for c := 0; c < k; c++ {
		x[(nc+dd)*k+c] = float64(l.Bias[c])
	}
	return x
}

// priorPenalty adds the gradient of (L2/2)·||x−x0||² to g and returns the
// penalty. Every parameter, bias included, is drawn toward the prior:
// with a handful of new labels an unpenalised bias would follow their
// class balance wherever it leads (to −∞ for a class none of them has).
func (lr *LogReg) priorPenalty(x, x0, g []float64) float64 {
	reg := 0.0
	for j := range x {
		d := x[j] - x0[j]
		reg += d * d
		g[j] += lr.L2 * d
	}
	return 0.5 * lr.L2 * reg
}

// merge returns the model m fitted against prior l, over the union of
// their buckets: a bucket only the prior knows keeps the prior's weights
// (the penalty would hold it there exactly, as no row touches it).
func (l *Linear) merge(m *Linear) *Linear {
	k := l.K
	cols := make([]uint32, 0, len(l.Cols)+len(m.Cols))
	cols = append(append(cols, l.Cols...), m.Cols...)
	slices.Sort(cols)
	cols = slices.Compact(cols)
	out := &Linear{K: k, Cols: cols, W: make([]float32, len(cols)*k), Default: slices.Clone(l.Default), Dense: m.Dense, Bias: m.Bias}
	for i, b := range cols {
		w := l.Weight(b)
		if j, ok := slices.BinarySearch(m.Cols, b); ok {
			w = m.W[j*k : (j+1)*k]
		}
		copy(out.W[i*k:], w)
	}
	return out
}

// checkBase refuses a base model that cannot be adapted to d: it must have
// d's schema and featurizer settings, so that its weights live in the
// same feature space.
func checkBase(base *Model, d *Dataset) error {
	if base.released {
		return ErrReleased
	}
	if base.Train.Algo != "" && base.Train.Algo != "logreg" {
		return fmt.Errorf("the base model is %s; only logistic regression models can be adapted", base.Train.Algo)
	}
	if len(base.Heads) != len(d.Schema.Heads) || len(base.Schema.Heads) != len(d.Schema.Heads) {
		return errors.New("the base model's schema differs from the data's")
	}
	for h := range d.Schema.Heads {
		a, b := &base.Schema.Heads[h], &d.Schema.Heads[h]
		if a.Name != b.Name || a.Multi != b.Multi || !slices.Equal(a.Values, b.Values) {
			return fmt.Errorf("the base model's head %q differs from the data's head %q", a.Name, b.Name)
		}
	}
	bf, df := base.Features, d.Config
	if bf.Buckets != df.Buckets || bf.Window != df.Window || !slices.Equal(bf.Groups, df.Groups) {
		return errors.New("the data was featurized with other settings than the base model's; featurize it with the base model's Features")
	}
	return nil
}

// priorOf returns the base model's linear model for head h (model j of it),
// or nil when the base head was not trained.
func priorOf(base *Model, h, j int) *Linear {
	if base == nil || !base.Heads[h].Trained {
		return nil
	}
	return base.Heads[h].Models[j]
}
