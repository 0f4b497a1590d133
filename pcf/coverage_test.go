package pcf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func statuses(rows []Coverage) map[string]Status {
	out := map[string]Status{}
	for _, r := range rows {
		out[r.ID] = r.Status
	}
	return out
}

func TestCoverageStatusIsDerivedFromChildren(t *testing.T) {
	ix := build(source, [][]Impl{
		{{"6.2.4.1", "returns.Service.Authorize"}, {"6.2.4.2", "returns.Service.Receive"}}, // every activity
		{{"6.3.2", "warranty.Service"}}, // the process only
		{{"6.3.2.3.1", "warranty.Claim.Define"}, {"6.3.2.3.1", "warranty.Claim.Define"}}, // one task, twice
		{{"6.4.1", "recall.Service.Initiate"}},                                           // a leaf process
		{{"6.2.5", "recall.Service.RaiseIncident"}, {"6.9.9", "nowhere.Thing"}},          // an unknown element
		{{"6.5.5", "recall.Performance"}, {"6.5.5", "recall.Effectiveness"}},             // two symbols
	})
	rows := ix.report()
	s := statuses(rows)
	assert.Equal(t, Implemented, s["6.2.4.1"])
	assert.Equal(t, Implemented, s["6.2.4"], "all children implemented, no own symbol needed")
	assert.Equal(t, Implemented, s["6.2.5"])
	assert.Equal(t, Partly, s["6.2"], "6.2.1–6.2.3 are not")
	assert.Equal(t, NotYet, s["6.2.2"])
	assert.Equal(t, NotYet, s["6.1"])
	assert.Equal(t, Implemented, s["6.3.2.3.1"])
	assert.Equal(t, Partly, s["6.3.2.3"], "one task of five")
	assert.Equal(t, Partly, s["6.3.2"], "a process with symbols but unimplemented activities is partly done")
	assert.Equal(t, NotYet, s["6.3.2.10"])
	assert.Equal(t, Partly, s["6.3"])
	assert.Equal(t, Implemented, s["6.4.1"])
	assert.Equal(t, Partly, s["6.4"])
	assert.Equal(t, Partly, s["6.5"])

	assert.Equal(t, []Impl{{"6.9.9", "nowhere.Thing"}}, ix.unknown)
	for _, r := range rows {
		switch r.ID {
		case "6.3.2.3.1":
			assert.Equal(t, []string{"warranty.Claim.Define"}, r.Symbols, "duplicates merge")
		case "6.5.5":
			assert.Equal(t, []string{"recall.Effectiveness", "recall.Performance"}, r.Symbols, "sorted")
		}
	}

	md := markdown(rows, "en")
	assert.Contains(t, md, "| 6.2.4.1 |  | \u00a0\u00a0\u00a0\u00a0Authorize return | ✅ implemented | `returns.Service.Authorize` |\n")
	assert.Contains(t, md, "| 6.3.2 |  | \u00a0\u00a0**Process warranty claims** | 🟡 partly | `warranty.Service` |\n")
	assert.Contains(t, md, "| 6.1 | 10378 | **Develop customer care/customer service strategy** | — not yet |  |\n")
	assert.True(t, strings.HasSuffix(md, "\n7 of 103 elements implemented, 6 partly, 90 not yet.\n"), md[len(md)-80:])
	ru := markdown(rows, "ru")
	assert.Contains(t, ru, "| 6.2.4.1 |  | \u00a0\u00a0\u00a0\u00a0Согласование возврата | ✅ реализовано | `returns.Service.Authorize` |\n")
	assert.Contains(t, ru, "Реализовано элементов: 7 из 103, частично: 6, пока нет: 90.")
}

func TestNothingMappedIsNotYet(t *testing.T) {
	for _, r := range build(source, nil).report() {
		assert.Equal(t, NotYet, r.Status, r.ID)
	}
}

func TestStatusLabels(t *testing.T) {
	assert.Equal(t, "— not yet", NotYet.Label("en"))
	assert.Equal(t, "🟡 частично", Partly.Label("ru"))
	assert.Equal(t, "implemented", Implemented.String())
}

func TestUpdateReadme(t *testing.T) {
	table := Markdown("en")
	got, err := UpdateReadme("# x\n\nintro\n" + BeginMarker + "\nold table\n" + EndMarker + "\n\nrest\n")
	require.NoError(t, err)
	assert.Equal(t, "# x\n\nintro\n"+BeginMarker+"\n\n"+table+"\n"+EndMarker+"\n\nrest\n", got)
	again, err := UpdateReadme(got)
	require.NoError(t, err)
	assert.Equal(t, got, again, "idempotent")

	for _, bad := range []string{
		"no markers",
		EndMarker + "\n" + BeginMarker + "\n",
		"text " + BeginMarker + "\n" + EndMarker + "\n", // not on a line of its own
		BeginMarker + "\n",
		BeginMarker,
	} {
		_, err := UpdateReadme(bad)
		assert.ErrorIs(t, err, ErrNoMarkers, "%q", bad)
	}
}

// TestReadmeIsCurrent fails when a mapping changed and the README's
// coverage table was not regenerated.
func TestReadmeIsCurrent(t *testing.T) {
	path := filepath.Join(moduleRoot(t), "README.md")
	b, err := os.ReadFile(path)
	require.NoError(t, err, "the module needs a README.md; run: go run ./pcf/cmd/coverage -readme")
	want, err := UpdateReadme(string(b))
	require.NoError(t, err, "README.md needs the lines %s and %s where the coverage table goes; then run: go run ./pcf/cmd/coverage -readme", BeginMarker, EndMarker)
	if want != string(b) {
		t.Fatalf("the PCF coverage table in README.md is stale; run: go run ./pcf/cmd/coverage -readme")
	}
}
