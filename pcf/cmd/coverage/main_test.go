package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel/pcf"
)

func TestPrintsTheTable(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(nil, &out, &out))
	assert.Equal(t, pcf.Markdown("en"), out.String())
	assert.Contains(t, out.String(), "| 6.3.2.3.1 |  | \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Define issue |")

	out.Reset()
	require.NoError(t, run([]string{"-lang", "ru"}, &out, &out))
	assert.Contains(t, out.String(), "Описание проблемы")
	assert.Contains(t, out.String(), "Реализовано элементов:")

	assert.Error(t, run([]string{"-lang", "de"}, &out, &out))
	assert.Error(t, run([]string{"-nope"}, &out, &out))
}

func TestRewritesOnlyTheSection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "README.md")
	before := "# Title\n\nOwned by the lead.\n\n" + pcf.BeginMarker + "\nold\n" + pcf.EndMarker + "\n\n## After\n"
	require.NoError(t, os.WriteFile(path, []byte(before), 0o644))

	var out bytes.Buffer
	require.NoError(t, run([]string{"-readme", "-file", path}, &out, &out))
	assert.Contains(t, out.String(), "updated")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	got := string(b)
	assert.True(t, strings.HasPrefix(got, "# Title\n\nOwned by the lead.\n\n"+pcf.BeginMarker+"\n"))
	assert.True(t, strings.HasSuffix(got, pcf.EndMarker+"\n\n## After\n"))
	assert.Contains(t, got, "| 6.5.5 | 20121 |")
	assert.NotContains(t, got, "\nold\n")

	out.Reset()
	require.NoError(t, run([]string{"-readme", "-file", path}, &out, &out))
	assert.Contains(t, out.String(), "up to date")
}

func TestCreatesAMinimalReadmeOnlyWhenThereIsNone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	var out bytes.Buffer
	require.NoError(t, run([]string{"-readme", "-file", path}, &out, &out))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(b), pcf.BeginMarker)
	assert.Contains(t, string(b), "| 6.1 | 10378 |")

	require.NoError(t, os.WriteFile(path, []byte("# no markers here\n"), 0o644))
	err = run([]string{"-readme", "-file", path}, &out, &out)
	assert.ErrorIs(t, err, pcf.ErrNoMarkers)
	b, _ = os.ReadFile(path)
	assert.Equal(t, "# no markers here\n", string(b), "a README without markers is left alone")
}
