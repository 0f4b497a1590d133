package strategy

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
)

// Document is one version of a service policy or procedure (PCF 6.1.4):
// "returns within 30 days", "how to escalate a safety complaint". Each
// version has its own effective dates and localized title and summary.
type Document struct {
	ID            string    `json:"id"`
	Version       int       `json:"version"`
	EffectiveFrom time.Time `json:"effective_from"`
	EffectiveTo   time.Time `json:"effective_to,omitzero"`
	Title         Text      `json:"title"`
	Summary       Text      `json:"summary,omitempty"`
	Sections      []Section `json:"sections,omitempty"`
}

// Section is one numbered part of a document; Key is stable across
// versions so that diffs can pair sections.
type Section struct {
	Key   string `json:"key"`
	Title Text   `json:"title"`
	Body  Text   `json:"body"`
}

func validateDocuments(op string, docs []Document) error {
	type key struct {
		id string
		v  int
	}
	seen := map[key]bool{}
	for i, d := range docs {
		field := fmt.Sprintf("documents[%d]", i)
		if d.ID == "" {
			return carekernel.Invalid(op, field+".id", "strategy.err.id")
		}
		if d.Version < 1 {
			return carekernel.Invalid(op, field+".version", "strategy.err.version", d.Version)
		}
		if seen[key{d.ID, d.Version}] {
			return carekernel.Invalid(op, field, "strategy.err.duplicate", fmt.Sprintf("%s v%d", d.ID, d.Version))
		}
		seen[key{d.ID, d.Version}] = true
		if d.EffectiveFrom.IsZero() || (!d.EffectiveTo.IsZero() && !d.EffectiveTo.After(d.EffectiveFrom)) {
			return carekernel.Invalid(op, field+".effective_from", "strategy.err.effective")
		}
		if d.Title["en"] == "" {
			return carekernel.Invalid(op, field+".title", "strategy.err.title")
		}
		keys := map[string]bool{}
		for j, s := range d.Sections {
			if s.Key == "" || keys[s.Key] {
				return carekernel.Invalid(op, fmt.Sprintf("%s.sections[%d].key", field, j), "strategy.err.section", s.Key)
			}
			keys[s.Key] = true
		}
	}
	return nil
}

// Document returns the version of document id in effect at t: the
// highest version whose effective period contains t. None is
// ErrNotFound.
func (s *Strategy) Document(id string, t time.Time) (Document, error) {
	best := -1
	for i, d := range s.spec.Documents {
		if d.ID != id || t.Before(d.EffectiveFrom) || (!d.EffectiveTo.IsZero() && !t.Before(d.EffectiveTo)) {
			continue
		}
		if best < 0 || d.Version > s.spec.Documents[best].Version {
			best = i
		}
	}
	if best < 0 {
		return Document{}, carekernel.NotFound("strategy.Strategy.Document", "strategy.err.document", id)
	}
	return s.spec.Documents[best], nil
}

// DocumentVersions returns every version of document id, oldest first.
func (s *Strategy) DocumentVersions(id string) []Document {
	var out []Document
	for _, d := range s.spec.Documents {
		if d.ID == id {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Document) int { return a.Version - b.Version })
	return out
}

// ChangeKind says how a part differs between two versions.
type ChangeKind string

// The change kinds.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two document versions. Part is
// "title", "summary", "effective" or "section"; Key names the section;
// Langs lists the languages whose text changed.
type Change struct {
	Kind  ChangeKind
	Part  string
	Key   string
	Langs []string
}

// Explain renders the change ("Section refunds changed (en, ru)").
func (c Change) Explain() carekernel.Localizable {
	if c.Part == "section" {
		return carekernel.Msg("strategy.diff.section."+string(c.Kind), c.Key, c.Langs)
	}
	if c.Part == "effective" {
		return carekernel.Msg("strategy.diff.effective")
	}
	return carekernel.Msg("strategy.diff."+c.Part, c.Langs)
}

// Diff lists what changed from version a to version b of a document:
// title, summary and effective dates, then sections in b's order
// (added or changed) followed by the sections b dropped.
func Diff(a, b Document) []Change {
	var out []Change
	if l := changedLangs(a.Title, b.Title); len(l) > 0 {
		out = append(out, Change{Kind: Changed, Part: "title", Langs: l})
	}
	if l := changedLangs(a.Summary, b.Summary); len(l) > 0 {
		out = append(out, Change{Kind: Changed, Part: "summary", Langs: l})
	}
	if !a.EffectiveFrom.Equal(b.EffectiveFrom) || !a.EffectiveTo.Equal(b.EffectiveTo) {
		out = append(out, Change{Kind: Changed, Part: "effective"})
	}
	old := map[string]Section{}
	for _, s := range a.Sections {
		old[s.Key] = s
	}
	for _, s := range b.Sections {
		o, ok := old[s.Key]
		if !ok {
			out = append(out, Change{Kind: Added, Part: "section", Key: s.Key, Langs: slices.Sorted(maps.Keys(s.Body))})
			continue
		}
		l := changedLangs(o.Title, s.Title)
		for _, x := range changedLangs(o.Body, s.Body) {
			if !slices.Contains(l, x) {
				l = append(l, x)
			}
		}
		slices.Sort(l)
		if len(l) > 0 {
			out = append(out, Change{Kind: Changed, Part: "section", Key: s.Key, Langs: l})
		}
	}
	kept := map[string]bool{}
	for _, s := range b.Sections {
		kept[s.Key] = true
	}
	for _, s := range a.Sections {
		if !kept[s.Key] {
			out = append(out, Change{Kind: Removed, Part: "section", Key: s.Key, Langs: slices.Sorted(maps.Keys(s.Body))})
		}
	}
	return out
}

func changedLangs(a, b Text) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if a[k] != b[k] {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
