package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// The embedded default: a SQLite file. Open it with SQLiteDSN, migrate,
// then save, find and read the journal; a stale save is a conflict whose
// message a customer can read in English or Russian.
func Example() {
	dir, _ := os.MkdirTemp("", "carekernel-example")
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(filepath.Join(dir, "care.db")))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	store, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if err := store.Migrate(ctx); err != nil {
		fmt.Println(err)
		return
	}

	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	ids := carekernel.SequentialIDs(at)
	ticket := storage.Document{
		Tenant: "acme", Kind: "demo.ticket", ID: ids.NewID(), Schema: 1,
		Body:  json.RawMessage(`{"subject":"Чайник не включается","refund":{"amount":"1499.90","currency":"RUB"}}`),
		Index: map[string]storage.Value{"status": storage.String("open"), "opened": storage.Time(at)},
	}
	opened := carekernel.Event{Type: "demo.ticket.opened", AggregateKind: "demo.ticket", AggregateID: ticket.ID, Version: 1, At: at, Actor: carekernel.System()}
	v, err := store.Save(ctx, ticket, 0, []carekernel.Event{opened})
	fmt.Println("saved version", v, err)

	page, _ := store.Find(ctx, "acme", "demo.ticket", storage.Query{Where: []storage.Cond{storage.Where("status", storage.Eq, storage.String("open"))}})
	for _, d := range page.Docs {
		var body struct{ Subject string }
		_ = json.Unmarshal(d.Body, &body)
		fmt.Println("open:", body.Subject)
	}
	records, _ := store.Journal(ctx, "acme", 0, 10)
	for _, r := range records {
		fmt.Println("journal", r.Seq, r.Event.Type)
	}

	_, err = store.Save(ctx, ticket, 0, nil) // created twice: a conflict
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))
	// Output:
	// saved version 1 <nil>
	// open: Чайник не включается
	// journal 1 demo.ticket.opened
	// demo.ticket 019550ef-1280-7000-8000-000000000001 already exists
	// demo.ticket 019550ef-1280-7000-8000-000000000001 уже существует
}

// PostgreSQL: the host opens the pgx driver and chooses a schema; Migrate
// creates it. (Compiled, not run: it needs a server.)
func Example_postgres() {
	db, err := sql.Open("pgx", "postgres://care@localhost:5432/care?sslmode=disable")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	store, err := sqlstore.New(db, sqlstore.Postgres, &sqlstore.Options{Schema: "care"})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := store.Migrate(context.Background()); err != nil {
		fmt.Println(err)
		return
	}
	var _ storage.Store = store
}
