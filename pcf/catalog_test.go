package pcf

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogShape(t *testing.T) {
	els := Elements()
	require.Equal(t, 103, len(els), "elements in the catalog")
	levels := map[int]int{}
	seen := map[string]int{}
	idRE := regexp.MustCompile(`^6(\.[1-9][0-9]?){1,4}$`)
	for i, e := range els {
		require.Regexp(t, idRE, e.ID)
		_, dup := seen[e.ID]
		require.False(t, dup, "duplicate %s", e.ID)
		seen[e.ID] = i
		levels[e.Level]++
		assert.Equal(t, strings.Count(e.ID, ".")+1, e.Level, e.ID)
		assert.NotEmpty(t, e.Name, e.ID)
		assert.True(t, strings.IndexFunc(e.NameRU, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0, "%s has no Russian name", e.ID)
		assert.NotContains(t, e.NameRU, "  ")
		assert.Equal(t, strings.TrimSpace(e.Name), e.Name)
		if e.PCFID != "" {
			_, err := strconv.Atoi(e.PCFID)
			assert.NoError(t, err, e.ID)
		}
		if e.Level == 2 {
			assert.Empty(t, e.Parent)
			continue
		}
		p, ok := seen[e.Parent]
		require.True(t, ok, "%s: parent %s must come before it", e.ID, e.Parent)
		assert.Equal(t, e.Level-1, els[p].Level)
		// Children are numbered 1, 2, 3… in the order listed.
		last := e.ID[strings.LastIndexByte(e.ID, '.')+1:]
		n, _ := strconv.Atoi(last)
		assert.Equal(t, n, len(Children(e.Parent))-len(after(els[i+1:], e.Parent)), "%s is numbered out of order", e.ID)
	}
	assert.Equal(t, map[int]int{2: 5, 3: 27, 4: 54, 5: 17}, levels)
}

// after counts the siblings listed after position i.
func after(rest []Element, parent string) []Element {
	var out []Element
	for _, e := range rest {
		if e.Parent == parent {
			out = append(out, e)
		}
	}
	return out
}

func TestCatalogContent(t *testing.T) {
	for id, want := range map[string]struct{ pcfID, name, ru string }{
		"6.1":       {"10378", "Develop customer care/customer service strategy", "Разработка стратегии обслуживания клиентов"},
		"6.1.6.2":   {"16890", "Create and manage warranty rules/claim codes for products", ""},
		"6.2.1.4":   {"10393", "Monitor and evaluate quality of customer interactions with customer service representatives", ""},
		"6.2.4":     {"20094", "Process returns", "Обработка возвратов"},
		"6.2.5":     {"12840", "Report incidents and risks to regulatory bodies", ""},
		"6.3.1":     {"", "Register products", "Регистрация товаров"},
		"6.3.2":     {"", "Process warranty claims", "Обработка требований по гарантии"},
		"6.3.2.3.1": {"", "Define issue", ""},
		"6.3.2.3.5": {"", "Receive investigation result/recommendation for corrective action", ""},
		"6.3.2.10":  {"", "Reconcile warranty transaction disposition", ""},
		"6.3.3":     {"", "Manage supplier recovery", "Управление взысканием с поставщиков"},
		"6.3.4":     {"", "Service products", "Обслуживание товаров"},
		"6.3.4.1.3": {"", "Generate service order", ""},
		"6.3.4.4.4": {"", "Process customer feedback on services delivered", ""},
		"6.4.2":     {"20112", "Assess the likelihood and consequences of occurrence of any hazards", "Оценка вероятности и последствий возникновения опасности"},
		"6.5":       {"20595", "Evaluate customer service operations and customer satisfaction", ""},
		"6.5.4.5":   {"", "Investigate fraudulent claims", ""},
		"6.5.5":     {"20121", "Evaluate recall performance", "Оценка эффективности отзыва"},
	} {
		e, ok := Lookup(id)
		require.True(t, ok, id)
		assert.Equal(t, id, e.ID)
		assert.Equal(t, want.pcfID, e.PCFID, id)
		assert.Equal(t, want.name, e.Name, id)
		if want.ru != "" {
			assert.Equal(t, want.ru, e.NameRU, id)
		}
	}
	e, _ := Lookup("6.1.6.3")
	assert.Equal(t, "Negotiating with manufacturers and dealers the obligations of each party in upholding warranties.", e.Definition)
	assert.Equal(t, "6.1.6", e.Parent)
	e, _ = Lookup("6.3.2.3.2")
	assert.Equal(t, "6.3.2.3", e.Parent)
	assert.Equal(t, 5, e.Level)
	e, _ = Lookup("6.4.1")
	assert.Empty(t, e.Definition, "no definition is invented where the seeds give none")

	for _, id := range []string{"", "6", "6.0", "6.6", "6.3.5", "6.3.2.11", "7.1"} {
		_, ok := Lookup(id)
		assert.False(t, ok, id)
	}
	assert.Equal(t, []string{"6.3.2.3.1", "6.3.2.3.2", "6.3.2.3.3", "6.3.2.3.4", "6.3.2.3.5"}, ids(Children("6.3.2.3")))
	assert.Equal(t, []string{"6.3.3.1", "6.3.3.2"}, ids(Children("6.3.3")))
}

func ids(els []Element) []string {
	out := make([]string, len(els))
	for i, e := range els {
		out[i] = e.ID
	}
	return out
}

func TestElementsIsACopy(t *testing.T) {
	els := Elements()
	els[0].Name = "changed"
	e, _ := Lookup(els[0].ID)
	assert.NotEqual(t, "changed", e.Name)
}
