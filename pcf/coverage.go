package pcf

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Status says how much of an element the module implements.
type Status int

const (
	// NotYet: no symbol implements the element or anything below it.
	NotYet Status = iota
	// Partly: some of it is implemented — the element names symbols but
	// not all of its children are implemented, or only some children are.
	Partly
	// Implemented: a leaf with symbols, or an element whose children are
	// all implemented.
	Implemented
)

// Label is the status as the coverage table prints it.
func (s Status) Label(lang string) string {
	ru := lang == "ru"
	switch s {
	case Implemented:
		return pick(ru, "✅ implemented", "✅ реализовано")
	case Partly:
		return pick(ru, "🟡 partly", "🟡 частично")
	}
	return pick(ru, "— not yet", "— пока нет")
}

func (s Status) String() string { return [...]string{"not yet", "partly", "implemented"}[s] }

func pick(ru bool, en, r string) string {
	if ru {
		return r
	}
	return en
}

// Coverage is one row of the coverage report.
type Coverage struct {
	Element
	Status Status
}

// Report returns the coverage of every element, in PCF order. A parent's
// status is derived from its children, so an element never shows as
// implemented just because a symbol is mapped to a process that has
// unimplemented activities.
func Report() []Coverage { return catalog.report() }

func (ix index) report() []Coverage {
	els := ix.elements
	rows := make([]Coverage, len(els))
	pos := make(map[string]int, len(els))
	for i, e := range els {
		e.Symbols = slices.Clone(e.Symbols)
		rows[i] = Coverage{Element: e}
		pos[e.ID] = i
	}
	// Children follow their parent in PCF order, so walking backwards
	// settles every child before its parent.
	children := make([][]Status, len(els))
	for i := len(rows) - 1; i >= 0; i-- {
		r := &rows[i]
		r.Status = derive(len(r.Symbols) > 0, children[i])
		if j, ok := pos[r.Parent]; ok {
			children[j] = append(children[j], r.Status)
		}
	}
	return rows
}

func derive(own bool, children []Status) Status {
	if len(children) == 0 {
		if own {
			return Implemented
		}
		return NotYet
	}
	all, any := true, own
	for _, c := range children {
		all = all && c == Implemented
		any = any || c != NotYet
	}
	switch {
	case all:
		return Implemented
	case any:
		return Partly
	}
	return NotYet
}

// Markdown renders the coverage report as a Markdown table with a
// summary line, with English or Russian ("ru") names and statuses.
func Markdown(lang string) string { return markdown(Report(), lang) }

func markdown(rows []Coverage, lang string) string {
	ru := lang == "ru"
	var b strings.Builder
	b.WriteString(pick(ru, "| PCF | ID | Element | Status | Implemented by |\n", "| PCF | ID | Элемент | Статус | Реализация |\n"))
	b.WriteString("|---|---|---|---|---|\n")
	count := [3]int{}
	for _, r := range rows {
		count[r.Status]++
		name := r.Name
		if ru {
			name = r.NameRU
		}
		if r.Level <= 3 {
			name = "**" + name + "**"
		}
		syms := make([]string, len(r.Symbols))
		for i, s := range r.Symbols {
			syms[i] = "`" + s + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s%s | %s | %s |\n",
			r.ID, r.PCFID, strings.Repeat("\u00a0\u00a0", max(r.Level-2, 0)), escape(name), r.Status.Label(lang), strings.Join(syms, ", "))
	}
	fmt.Fprintf(&b, pick(ru, "\n%d of %d elements implemented, %d partly, %d not yet.\n", "\nРеализовано элементов: %d из %d, частично: %d, пока нет: %d.\n"),
		count[Implemented], len(rows), count[Partly], count[NotYet])
	return b.String()
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// The README lines between which the coverage table is generated.
const (
	BeginMarker = "<!-- pcf:begin -->"
	EndMarker   = "<!-- pcf:end -->"
)

// ErrNoMarkers is returned by UpdateReadme when the README lacks the
// BeginMarker and EndMarker lines (in that order).
var ErrNoMarkers = errors.New("pcf: README has no " + BeginMarker + " … " + EndMarker + " section")

// UpdateReadme returns readme with the lines between the markers
// replaced by the English coverage table; the rest is kept byte for byte.
func UpdateReadme(readme string) (string, error) {
	begin := lineIndex(readme, BeginMarker, 0)
	if begin < 0 {
		return "", ErrNoMarkers
	}
	bodyStart := begin + len(BeginMarker) + 1
	end := lineIndex(readme, EndMarker, bodyStart)
	if end < 0 {
		return "", ErrNoMarkers
	}
	return readme[:bodyStart] + "\n" + Markdown("en") + "\n" + readme[end:], nil
}

// lineIndex finds marker as a whole line at or after from.
func lineIndex(s, marker string, from int) int {
	for i := from; i <= len(s); {
		j := strings.Index(s[i:], marker)
		if j < 0 {
			return -1
		}
		at := i + j
		end := at + len(marker)
		if (at == 0 || s[at-1] == '\n') && (end == len(s) || s[end] == '\n' || s[end] == '\r') {
			if end == len(s) && marker == BeginMarker {
				return -1 // no line after the begin marker
			}
			return at
		}
		i = end
	}
	return -1
}
