package complaint

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/internal/cputime"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// cfpbFixture writes n well-formed rows in the published column order.
func cfpbFixture(w io.Writer, n int) {
	products := []string{"Credit card", "Mortgage", "Debt collection", "Checking or savings account", "Student loan"}
	vias := []string{"Web", "Referral", "Phone", "Postal mail", "Fax", "Email"}
	responses := []string{"Closed with explanation", "Closed with monetary relief", "In progress", "Closed with non-monetary relief"}
	cw := csv.NewWriter(w)
	_ = cw.Write(CFPBColumns())
	for i := range n {
		day := 1 + i%28
		_ = cw.Write([]string{
			fmt.Sprintf("2023-%02d-%02d", 1+i%12, day), products[i%len(products)], "General-purpose credit card", "Problem with a purchase", "Charged twice",
			fmt.Sprintf("I was charged twice, \"case\" %d,\nsecond line", i), "Company has responded", "ACME BANK", "NY", "10001",
			"", "Consent provided", vias[i%len(vias)], fmt.Sprintf("2023-%02d-%02d", 1+i%12, day), responses[i%len(responses)],
			"Yes", "N/A", fmt.Sprint(5000000 + i),
		})
	}
	cw.Flush()
}

func importService() (*Service, *memory.Store) {
	store := memory.New()
	cats := append(DefaultCategories(), CFPBCategories()...)
	return NewService(store, &Options{Clock: carekernel.FixedClock(t0), IDs: carekernel.SequentialIDs(t0), Categories: cats}), store
}

func TestImportCFPB(t *testing.T) {
	svc, store := importService()
	var buf bytes.Buffer
	cfpbFixture(&buf, 6)
	lines := strings.SplitAfter(buf.String(), "\n")
	// Corrupt rows after the good ones. Each good row spans 2 lines (the
	// narrative has a newline), so the header is line 1 and row k starts at 2k.
	bad := []string{
		"not-a-date,Mortgage,,Issue,,,,,,,,,Web,2023-01-01,In progress,Yes,N/A,9000001\n",            // line 14
		"2023-01-05,Mortgage,,Issue,,,,,,,,,Carrier pigeon,2023-01-05,In progress,Yes,N/A,9000002\n", // line 15
		"2023-01-05,Mortgage,,Issue\n", // line 16: too few fields
		"2023-01-05,Weather,,Issue,,,,,,,,,Web,2023-01-05,In progress,Yes,N/A,9000003\n",    // line 17: unknown category
		"2023-01-05,Mortgage,,Issue,,,,,,,,,Web,2023-01-05,In progress,Yes,N/A,\n",          // line 18: no complaint ID
		"2023-01-05,Mortgage,,Is\"sue,,,,,,,,,Web,2023-01-05,In progress,Yes,N/A,9000004\n", // line 19: bare quote
		"2023-01-06,Mortgage,,Issue,,,,,,,,,Phone,01/07/2023,In progress,Yes,N/A,9000005\n", // line 20: good, US date
	}
	input := strings.Join(lines, "") + strings.Join(bad, "")
	rep, err := svc.ImportCFPB(ctx, tenant, strings.NewReader(input), nil)
	require.NoError(t, err)
	assert.Equal(t, 13, rep.Rows)
	assert.Equal(t, 7, rep.Imported)
	assert.Equal(t, 6, rep.Reported)
	type where struct {
		Line   int
		Column string
	}
	var got []where
	for _, p := range rep.Problems {
		got = append(got, where{p.Line, p.Column})
	}
	assert.Equal(t, []where{{14, ColDateReceived}, {15, ColSubmittedVia}, {16, ""}, {17, ColProduct}, {18, ColComplaintID}, {19, ""}}, got)
	en, ru := i18n.NewCatalog().Localizer("en"), i18n.NewCatalog().Localizer("ru")
	assert.Equal(t, `line 14, column "Date received": "not-a-date" is not a date`, en.Render(rep.Problems[0]))
	assert.Equal(t, `строка 14, столбец "Date received": "not-a-date" — не дата`, ru.Render(rep.Problems[0]))
	assert.Equal(t, "line 16: the row has 4 fields, the header 18", en.Render(rep.Problems[2]))
	assert.Equal(t, "13 rows read, 7 imported, 6 reported", en.Render(rep.Summary()))
	for _, p := range rep.Problems {
		assert.ErrorIs(t, p, carekernel.ErrInvalid)
	}

	page, err := store.Find(ctx, tenant, Kind, storage.Query{Where: []storage.Cond{storage.Where("external", storage.Eq, storage.String("cfpb:5000002"))}})
	require.NoError(t, err)
	require.Len(t, page.Docs, 1)
	c, err := svc.Get(ctx, tenant, page.Docs[0].ID)
	require.NoError(t, err)
	assert.Equal(t, Category("debt_collection"), c.Category())
	assert.Equal(t, "phone", string(c.Channel()))
	assert.Equal(t, StateAcknowledged, c.State())
	assert.Equal(t, "I was charged twice, \"case\" 2,\nsecond line", c.Text())
	assert.Equal(t, "In progress", c.External().Field(ColCompanyResponse))
	assert.Equal(t, "2023-03-03", c.Received().Format("2006-01-02"))
}

func TestImportCFPBMissingColumnWritesNothing(t *testing.T) {
	svc, store := importService()
	_, err := svc.ImportCFPB(ctx, tenant, strings.NewReader("Date received,Product,Issue\n2023-01-01,Mortgage,x\n"), nil)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, `the file has no column "Submitted via"`, i18n.NewCatalog().Localizer("en").Error(err))
	recs, err := store.Journal(ctx, tenant, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, recs)
}

// BenchmarkImportCFPB imports generated rows into the memory store;
// rows/s is reported as a custom metric.
func BenchmarkImportCFPB(b *testing.B) {
	const rows = 20_000
	var buf bytes.Buffer
	cfpbFixture(&buf, rows)
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu := cputime.Now()
	for b.Loop() {
		b.StopTimer()
		svc, _ := importService()
		b.StartTimer()
		rep, err := svc.ImportCFPB(ctx, tenant, bytes.NewReader(data), nil)
		if err != nil || rep.Imported != rows {
			b.Fatal(err, rep.Imported, rep.Problems)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	cputime.ReportRate(b, cpu, rows*b.N, "rows/cpu-s")
}

// Invalid UTF-8 would be stored as U+FFFD: the row is reported by line
// and column instead of altered.
func TestImportCFPBInvalidUTF8IsReported(t *testing.T) {
	svc, store := importService()
	header := strings.Join(CFPBColumns(), ",") + "\n"
	row := "2023-01-05,Mortgage,,Issue,,,,ACME \xff BANK,,,,,Web,2023-01-05,In progress,Yes,N/A,9000001\n"
	rep, err := svc.ImportCFPB(ctx, tenant, strings.NewReader(header+row), nil)
	require.NoError(t, err)
	require.Len(t, rep.Problems, 1)
	assert.Equal(t, 2, rep.Problems[0].Line)
	assert.Equal(t, ColCompany, rep.Problems[0].Column)
	assert.Equal(t, `line 2, column "Company": the value is not valid UTF-8 text`, i18n.NewCatalog().Localizer("en").Render(rep.Problems[0]))
	recs, err := store.Journal(ctx, tenant, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, recs)
}

// Across batches the importer reuses the encoding buffers of rows already
// saved: every stored complaint must still be its own row, intact.
func TestImportCFPBAcrossBatchesStoresEveryRowIntact(t *testing.T) {
	svc, store := importService()
	var buf bytes.Buffer
	n := 3*importBatch + 5
	cfpbFixture(&buf, n)
	rep, err := svc.ImportCFPB(ctx, tenant, &buf, nil)
	require.NoError(t, err)
	require.Equal(t, n, rep.Imported)
	recs, err := store.Journal(ctx, tenant, 0, 1000)
	require.NoError(t, err)
	require.Len(t, recs, n)
	seen := map[string]bool{}
	for _, r := range recs {
		c, err := svc.Get(ctx, tenant, r.Event.AggregateID)
		require.NoError(t, err)
		i, err := strconv.Atoi(strings.TrimPrefix(c.External().ID, "500"))
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("I was charged twice, \"case\" %d,\nsecond line", i), c.Text())
		stored, err := store.Get(ctx, tenant, Kind, c.ID())
		require.NoError(t, err)
		doc, err := c.document()
		require.NoError(t, err)
		assert.Equal(t, string(stored.Body), string(doc.Body))
		seen[c.External().ID] = true
	}
	assert.Len(t, seen, n)
}

// A cancelled import returns the context's error as is and writes no
// row after it noticed.
func TestImportCFPBCancelled(t *testing.T) {
	svc, store := importService()
	var buf bytes.Buffer
	cfpbFixture(&buf, 10)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := svc.ImportCFPB(cctx, tenant, &buf, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, carekernel.KindOf(err))
	recs, err := store.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	assert.Empty(t, recs)
}
