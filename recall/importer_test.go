package recall

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

func TestReadOpenFDA(t *testing.T) {
	fh, err := os.Open("testdata/openfda_enforcement.json")
	require.NoError(t, err)
	defer fh.Close()
	var got []ImportedRecall
	rep, err := ReadOpenFDA(fh, func(x ImportedRecall) error { got = append(got, x); return nil })
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Records)
	assert.Equal(t, 2, rep.Imported)
	require.Len(t, rep.Errors, 3, "every malformed record is reported")
	type where struct {
		line  int
		field string
		key   string
	}
	var ws []where
	for _, e := range rep.Errors {
		ws = append(ws, where{e.Line, e.Field, e.Key})
		assert.ErrorIs(t, e, carekernel.ErrInvalid)
	}
	assert.Equal(t, []where{
		{23, "classification", "recall.import.err.value"},
		{32, "recall_initiation_date", "recall.import.err.date"},
		{42, "event_id", "recall.import.err.type"},
	}, ws)

	require.Len(t, got, 2)
	x := got[0]
	assert.Equal(t, 7, x.Line)
	assert.Equal(t, "Z-1234-2026", x.Number)
	assert.Equal(t, ClassI, x.Class)
	assert.Equal(t, 1200, x.Quantity)
	assert.Equal(t, time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), x.Initiated)
	assert.Equal(t, []string{"2301", "2302", "2305"}, x.Affected.Lots)
	assert.Equal(t, -1, got[1].Quantity)
	assert.Equal(t, []string{"Acme glucose meter"}, got[1].Affected.Models)

	cat := i18n.NewCatalog()
	assert.Equal(t, `line 23: field classification has an unknown value "Class 4"`, cat.Localizer("en").Error(rep.Errors[0]))
	assert.Equal(t, `строка 23: у поля classification неизвестное значение "Class 4"`, cat.Localizer("ru").Error(rep.Errors[0]))

	// the mapped record creates a recall whose class is an assessment
	f := newFixture(t, fleet())
	in, err := x.CreateInput(RecommendedStrategy(x.Class))
	require.NoError(t, err)
	r, err := f.svc.Create(f.ctx, tenant, in, fda)
	require.NoError(t, err)
	a, ok := r.Assessment()
	require.True(t, ok)
	assert.Equal(t, ClassI, a.Class)
	assert.Equal(t, fda, a.Assessor)
}

func TestReadOpenFDAJSONLinesAndBrokenStream(t *testing.T) {
	lines := `{"recall_number":"A-1","reason_for_recall":"r","status":"Ongoing","classification":"Class III","product_description":"p","recalling_firm":"f","recall_initiation_date":"20260101"}
{"recall_number":"A-2","reason_for_recall":"","status":"Ongoing","classification":"Class III","product_description":"p","recalling_firm":"f","recall_initiation_date":"20260101"}
`
	rep, err := ReadOpenFDA(strings.NewReader(lines), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Records)
	assert.Equal(t, 1, rep.Imported)
	require.Len(t, rep.Errors, 1)
	assert.Equal(t, 2, rep.Errors[0].Line)
	assert.Equal(t, "reason_for_recall", rep.Errors[0].Field)

	_, err = ReadOpenFDA(strings.NewReader("[\n{\"recall_number\": \"A-1\",\n\"status\": }\n]"), nil)
	var ie *ImportError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, 2, ie.Line, "the line where the broken record starts")

	stop := errors.New("stop")
	_, err = ReadOpenFDA(strings.NewReader(lines), func(ImportedRecall) error { return stop })
	assert.ErrorIs(t, err, stop)
}

func TestReadNHTSA(t *testing.T) {
	fh, err := os.Open("testdata/nhtsa_flat_rcl.txt")
	require.NoError(t, err)
	defer fh.Close()
	var got []ImportedRecall
	rep, err := ReadNHTSA(fh, func(x ImportedRecall) error { got = append(got, x); return nil })
	require.NoError(t, err)
	assert.Equal(t, 6, rep.Records)
	assert.Equal(t, 3, rep.Imported)
	type where struct {
		line  int
		field string
		key   string
	}
	var ws []where
	for _, e := range rep.Errors {
		ws = append(ws, where{e.Line, e.Field, e.Key})
	}
	assert.Equal(t, []where{
		{3, "BGMAN", "recall.import.err.date"},
		{4, "POTAFF", "recall.import.err.number"},
		{5, "MODELTXT", "recall.import.err.fields"},
	}, ws)
	require.Len(t, got, 3)
	x := got[0]
	assert.Equal(t, "26V001000", x.Number)
	assert.Equal(t, 14210, x.Quantity)
	assert.Equal(t, "Acme Motors LLC", x.Firm)
	assert.Equal(t, time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC), x.Affected.ProducedFrom)
	assert.Equal(t, time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), x.Affected.ProducedTo)
	assert.Equal(t, []string{"ACME/ROADSTER/2024"}, x.Affected.Models)
	assert.Equal(t, 7, got[2].Line)
	assert.Equal(t, -1, got[2].Quantity)

	cat := i18n.NewCatalog()
	assert.Equal(t, `line 3: field BGMAN is not a YYYYMMDD date: "2026013"`, cat.Localizer("en").Error(rep.Errors[0]))
	assert.Equal(t, `строка 5: строка обрывается перед полем MODELTXT (полей: 3)`, cat.Localizer("ru").Error(rep.Errors[2]))

	in, err := x.CreateInput(RecommendedStrategy(ClassI))
	require.NoError(t, err)
	in.Regime = RegimeNHTSA
	assert.Empty(t, in.Class, "NHTSA does not classify: the recall is assessed later")
	assert.NoError(t, in.Affected.Validate())
}
