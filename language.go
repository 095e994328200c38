package stance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stance-project/stance/lang"
)

// Languages returns the languages the model reads (ISO 639-1): those its
// training settings name, or English for models that name none.
func (m *Model) Languages() []string {
	if l := m.m.Train.Languages; len(l) > 0 {
		return l
	}
	return []string{"en"}
}

// reads reports whether the model should score a text detected as d: a
// language it reads, or a text too short to tell. A detection that is not
// sure is given the benefit of the doubt only when its best guess is a
// language the model reads.
func (m *Model) reads(d lang.Detection) bool {
	if d.Code == "" {
		return true
	}
	if m.only != nil && !slices.Contains(m.only, d.Code) {
		return false
	}
	return slices.Contains(m.Languages(), d.Code)
}

// SetLanguages narrows or overrides language identification; call it
// before scoring. With only, articles are scored only when detected in one
// of those languages (the others come back unscored, saying why). With
// assume, detection is skipped and every article is taken to be in that
// language: for collections whose language is known, or short texts
// detection cannot judge. Every language named must be one the model
// reads.
func (m *Model) SetLanguages(only []string, assume string) error {
	reads := m.Languages()
	for _, c := range append(slices.Clone(only), assume) {
		if c != "" && !slices.Contains(reads, c) {
			return fmt.Errorf("language %q: this model reads %s", c, strings.Join(reads, ", "))
		}
	}
	m.only, m.assume = slices.Clone(only), assume
	return nil
}

// detect is the language of text, as SetLanguages decided.
func (m *Model) detect(text string) lang.Detection {
	if m.assume != "" {
		return lang.Detection{Code: m.assume, Confidence: 1, Sure: true}
	}
	return lang.Detect(text)
}

func (m *Model) langReason(d lang.Detection) string {
	if m.only != nil && slices.Contains(m.Languages(), d.Code) {
		return fmt.Sprintf("the text is in %s; scoring is restricted to %s", d.Code, strings.Join(m.only, ", "))
	}
	if d.Code == lang.Undetermined {
		return fmt.Sprintf("the language could not be identified; this model reads %s", strings.Join(m.Languages(), ", "))
	}
	return fmt.Sprintf("the text is in %s; this model reads %s", d.Code, strings.Join(m.Languages(), ", "))
}
