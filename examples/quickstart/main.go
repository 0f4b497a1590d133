// Command quickstart is the narrated tour of carekernel: one customer
// service day through PCF 6 on the embedded default store (a SQLite file,
// ./carekernel.db), printing each step as it happens, in English or
// Russian. Running it again starts a fresh tenant in the same file and
// says so.
//
// The tour: strategy and segments → a warranty offering and registered
// kettles → an e-mail inquiry with a cross-sell handed to sales → the
// staffing of the contact centre → a complaint routed and resolved → a
// warranty claim through validation, approval, payment and supplier
// recovery → a return → a service order → a recall of the registered
// kettles with hazard assessment, notices and a status report →
// satisfaction surveys planned from the journal → the PCF elements that
// ran. Each stage is one file's method on tour; they share one store,
// one clock and one ID sequence, so later stages find earlier data.
//
//	go run ./examples/quickstart            # SQLite file ./carekernel.db
//	go run ./examples/quickstart -lang ru   # in Russian
//	go run ./examples/quickstart -memory    # nothing written to disk
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	_ "modernc.org/sqlite"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/pcf"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/warranty"
)

func main() {
	lang := flag.String("lang", "en", "language of the tour: en or ru")
	dbPath := flag.String("db", "carekernel.db", "SQLite file of the tour")
	inMemory := flag.Bool("memory", false, "keep everything in memory (nothing written to disk)")
	flag.Parse()
	ctx := context.Background()
	store, where, closeStore, err := open(ctx, *dbPath, *inMemory)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer closeStore()
	if err := run(ctx, os.Stdout, *lang, store, where); err != nil {
		fmt.Fprintln(os.Stderr, i18n.NewCatalog().Localizer(*lang).Error(err))
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// open opens the tour's store: a migrated SQLite file, or memory.
func open(ctx context.Context, path string, inMemory bool) (storage.Store, string, func(), error) {
	if inMemory {
		return memory.New(), "memory", func() {}, nil
	}
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(path))
	if err != nil {
		return nil, "", nil, err
	}
	s, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		db.Close()
		return nil, "", nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, "", nil, err
	}
	return s, path, func() { s.Close(); db.Close() }, nil
}

// tour carries what every stage shares.
type tour struct {
	ctx    context.Context
	w      io.Writer
	cat    *i18n.Catalog
	l      *i18n.Localizer
	store  storage.Store
	tenant carekernel.Tenant
	clock  *carekernel.ManualClock
	ids    carekernel.IDGenerator
	// warranty is shared: the recall finds its units in the registrations.
	warranty *warranty.Service
	ran      []string // PCF elements the tour exercised
	n, of    int
}

func (t *tour) say(key string, args ...any) { fmt.Fprintln(t.w, "  "+t.l.Text(key, args...)) }

func (t *tour) covers(ids ...string) { t.ran = append(t.ran, ids...) }

// stage prints the progress line and runs one stage.
func (t *tour) stage(key string, fn func() error) error {
	t.n++
	fmt.Fprintf(t.w, "\n[%d/%d] %s\n", t.n, t.of, t.l.Text(key))
	return fn()
}

func run(ctx context.Context, w io.Writer, lang string, store storage.Store, where string) error {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	cat := i18n.NewCatalog()
	t := &tour{ctx: ctx, w: w, cat: cat, l: cat.Localizer(lang), store: store, clock: carekernel.SteppingClock(start, time.Second)}
	tenant, earlier, err := freshTenant(ctx, store, start)
	if err != nil {
		return err
	}
	t.tenant = tenant
	t.ids = carekernel.SequentialIDs(start)
	t.warranty = warranty.NewService(store, &warranty.Options{Clock: t.clock, IDs: t.ids})
	fmt.Fprintln(w, t.l.Text("quickstart.title"))
	if earlier == 0 {
		fmt.Fprintln(w, t.l.Text("quickstart.fresh", where, string(tenant)))
	} else {
		fmt.Fprintln(w, t.l.Text("quickstart.resume", where, earlier, string(tenant)))
	}
	stages := []struct {
		key string
		fn  func(*tour) error
	}{
		{"quickstart.stage.strategy", (*tour).strategy},
		{"quickstart.stage.registration", (*tour).registration},
		{"quickstart.stage.contact", (*tour).contact},
		{"quickstart.stage.workforce", (*tour).workforce},
		{"quickstart.stage.complaint", (*tour).complaint},
		{"quickstart.stage.claim", (*tour).claim},
		{"quickstart.stage.returns", (*tour).returns},
		{"quickstart.stage.service", (*tour).service},
		{"quickstart.stage.recall", (*tour).recall},
		{"quickstart.stage.satisfaction", (*tour).satisfaction},
	}
	t.of = len(stages) + 1
	for _, s := range stages {
		if err := t.stage(s.key, func() error { return s.fn(t) }); err != nil {
			return err
		}
	}
	return t.stage("quickstart.stage.coverage", t.coverage)
}

// freshTenant counts the tours already in the store and names a new
// tenant for this one, so a second run never collides with the first.
func freshTenant(ctx context.Context, s storage.Store, now time.Time) (carekernel.Tenant, int, error) {
	const meta = carekernel.Tenant("quickstart")
	n := 0
	q := storage.Query{Limit: storage.MaxPageSize}
	for {
		p, err := s.Find(ctx, meta, "quickstart.run", q)
		if err != nil {
			return "", 0, err
		}
		n += len(p.Docs)
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	tenant := carekernel.Tenant(fmt.Sprintf("tour-%d", n+1))
	body := fmt.Sprintf(`{"tenant":%q,"at":%q}`, tenant, now.Format(time.RFC3339))
	_, err := s.Save(ctx, storage.Document{Tenant: meta, Kind: "quickstart.run", ID: carekernel.NewIDs(nil).NewID(), Schema: 1, Body: []byte(body)}, 0, nil)
	return tenant, n, err
}

// coverage prints the PCF elements the tour ran, with their names: those
// the stages name, and every element an event in the journal records.
func (t *tour) coverage() error {
	seen := map[string]bool{}
	for _, id := range t.ran {
		if _, ok := pcf.Lookup(id); !ok {
			return fmt.Errorf("quickstart: a stage names %q, which is not a PCF 6 element", id)
		}
		seen[id] = true
	}
	for after := int64(0); ; {
		recs, err := t.store.Journal(t.ctx, t.tenant, after, storage.DefaultJournalLimit)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			if r.Event.PCF != "" {
				seen[r.Event.PCF] = true
			}
		}
		after = recs[len(recs)-1].Seq
	}
	count := 0
	for _, e := range pcf.Elements() {
		if !seen[e.ID] {
			continue
		}
		count++
		name := e.Name
		if t.l.Lang() == "ru" {
			name = e.NameRU
		}
		fmt.Fprintf(t.w, "  %-9s %s\n", e.ID, name)
	}
	t.say("quickstart.covered", count, len(pcf.Elements()))
	return nil
}
