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
	return slices.Contains(m.Languages(), d.Code)
}

func (m *Model) langReason(d lang.Detection) string {
	if d.Code == lang.Undetermined {
		return fmt.Sprintf("the language could not be identified; this model reads %s", strings.Join(m.Languages(), ", "))
	}
	return fmt.Sprintf("the text is in %s; this model reads %s", d.Code, strings.Join(m.Languages(), ", "))
}
