// Command erp teaches a product team how to embed carekernel in an ERP
// on PostgreSQL. host.go is the ERP's side: it brings its own *sql.DB,
// keeps carekernel's tables in its own schema next to the ERP's tables
// and migrates both, maps each company to a tenant, implements the
// returns package's Sales port over its own order lines, wires the
// services with its clock and ID generator, reads the journal after a
// checkpoint as an outbox (the events it would send to billing and the
// CRM, keyed for deduplication), and maps carekernel's typed errors to
// HTTP status codes and to a message the user reads in English or
// Russian.
//
//	go run ./examples/erp -pg postgres://root@127.0.0.1:5432/test?sslmode=disable
//	go run ./examples/erp -lang ru      # CAREKERNEL_PG_DSN, or a temporary SQLite file
//
// The demo owns the PostgreSQL schema carekernel_erp_demo and drops it
// at start, so every run prints the same; without a DSN it runs on a
// temporary SQLite file, which is what its golden test checks (and the
// PostgreSQL test checks that PostgreSQL prints the same).
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// demoSchema is the PostgreSQL schema this program owns (and drops).
const demoSchema = "carekernel_erp_demo"

// start is the demo's fixed clock start.
var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func main() {
	lang := flag.String("lang", "en", "language: en or ru")
	dsn := flag.String("pg", os.Getenv("CAREKERNEL_PG_DSN"), "PostgreSQL DSN (default $CAREKERNEL_PG_DSN; empty: a temporary SQLite file)")
	flag.Parse()
	if err := mainErr(*lang, *dsn); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func mainErr(lang, dsn string) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err
	}
	ctx := context.Background()
	dialect, schema := sqlstore.Postgres, demoSchema
	var db *sql.DB
	if dsn == "" {
		fmt.Fprintln(os.Stderr, "erp: no -pg DSN and no CAREKERNEL_PG_DSN: running on a temporary SQLite file")
		dir, err := os.MkdirTemp("", "carekernel-erp")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if db, err = openSQLite(filepath.Join(dir, "erp.db")); err != nil {
			return err
		}
		dialect, schema = sqlstore.SQLite, ""
	} else {
		var err error
		if db, err = openPostgres(ctx, dsn); err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+demoSchema+" CASCADE"); err != nil {
			db.Close()
			return err
		}
	}
	defer db.Close()
	e, err := openERP(ctx, db, dialect, schema, carekernel.SteppingClock(start, time.Hour), carekernel.SequentialIDs(start))
	if err != nil {
		return err
	}
	return run(os.Stdout, lang, e)
}

// openPostgres opens the ERP's pool and checks the server answers.
func openPostgres(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("erp: PostgreSQL at -pg: %w", err)
	}
	return db, nil
}

func openSQLite(path string) (*sql.DB, error) { return sql.Open("sqlite", sqlstore.SQLiteDSN(path)) }

// The ERP's data before carekernel sees any of it.
var (
	ru = Company{Code: "ru01", Name: "ООО «Акме Рус»", Lang: "ru", Currency: "RUB"}
	de = Company{Code: "de01", Name: "ACME Deutschland GmbH", Lang: "en", Currency: "EUR"}
)

func orderLines() []returns.SaleLine {
	return []returns.SaleLine{
		{Tenant: ru.Tenant(), Order: "SO-7001", Line: 1, Customer: "C-100", Product: "kettle-kt200", Quantity: 2,
			UnitPrice: carekernel.MustMoney("4990.00", "RUB"), SoldAt: start.AddDate(0, 0, -10)},
		{Tenant: de.Tenant(), Order: "SO-9001", Line: 1, Customer: "K-9", Product: "toaster-t3", Quantity: 1,
			UnitPrice: carekernel.MustMoney("89.90", "EUR"), SoldAt: start.AddDate(0, 0, -5)},
	}
}

// run is the ERP's day: companies as tenants, returns through the
// service, the outbox twice, and errors as the ERP's API answers them.
func run(w io.Writer, lang string, e *ERP) error {
	if _, err := i18n.ParseLanguage(lang); err != nil {
		return err
	}
	ctx := context.Background()
	cat := i18n.NewCatalog()
	l := cat.Localizer(lang)
	if err := e.seed(ctx, []Company{ru, de}, orderLines()); err != nil {
		return err
	}
	agent := carekernel.Actor{ID: "erp-user-12", Kind: carekernel.ActorAgent}

	fmt.Fprintln(w, l.Text("example.erp.h.tenants"))
	companies, err := e.companies(ctx)
	if err != nil {
		return err
	}
	for _, c := range companies {
		fmt.Fprintln(w, l.Text("example.erp.company", c.Name, string(c.Tenant()), c.Lang, c.Currency))
	}

	fmt.Fprintln(w, l.Text("example.erp.h.returns"))
	request := func(c Company, customer, order string, qty int64) (*returns.RMA, error) {
		return e.returns.Request(ctx, c.Tenant(), returns.RequestInput{Customer: customer, Channel: "erp", Outcome: returns.OutcomeRefund,
			Lines: []returns.RequestLine{{Order: order, Line: 1, Quantity: qty, Reason: "not_wanted", Condition: returns.ConditionNew, Proof: true}}}, agent)
	}
	rmaRU, err := request(ru, "C-100", "SO-7001", 1)
	if err != nil {
		return err
	}
	id := rmaRU.ID()
	for _, step := range []func() (*returns.RMA, error){
		func() (*returns.RMA, error) { return e.returns.Authorize(ctx, ru.Tenant(), id, agent) },
		func() (*returns.RMA, error) { return e.returns.Ship(ctx, ru.Tenant(), id, "CDEK-1", agent) },
		func() (*returns.RMA, error) { return e.returns.Receive(ctx, ru.Tenant(), id, agent) },
		func() (*returns.RMA, error) {
			return e.returns.Inspect(ctx, ru.Tenant(), id, 1, returns.ConditionNew, "", agent)
		},
		func() (*returns.RMA, error) {
			return e.returns.Dispose(ctx, ru.Tenant(), id, 1, returns.DispositionRestock, agent)
		},
		func() (*returns.RMA, error) { return e.returns.Complete(ctx, ru.Tenant(), id, agent) },
	} {
		if rmaRU, err = step(); err != nil {
			return err
		}
	}
	s, _ := rmaRU.Settlement()
	fmt.Fprintln(w, l.Text("example.erp.returned", ru.Name, "SO-7001", l.Label(returns.RMALifecycle().StateKey(rmaRU.State())), s.Net))
	rmaDE, err := request(de, "K-9", "SO-9001", 1)
	if err == nil {
		rmaDE, err = e.returns.Authorize(ctx, de.Tenant(), rmaDE.ID(), agent)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.erp.open", de.Name, "SO-9001", l.Label(returns.RMALifecycle().StateKey(rmaDE.State()))))

	fmt.Fprintln(w, l.Text("example.erp.h.outbox"))
	outbox := func() error {
		for _, c := range companies {
			sent := 0
			upTo, err := e.outbox(ctx, c.Tenant(), func(d Delivery) error {
				sent++
				return deliver(w, l, d)
			})
			if err != nil {
				return err
			}
			if sent == 0 {
				fmt.Fprintln(w, l.Text("example.erp.outbox_empty", string(c.Tenant()), upTo))
			} else {
				fmt.Fprintln(w, l.Text("example.erp.checkpoint", string(c.Tenant()), upTo))
			}
		}
		return nil
	}
	if err := outbox(); err != nil {
		return err
	}
	if _, err := e.returns.Ship(ctx, de.Tenant(), rmaDE.ID(), "DHL-77", agent); err != nil {
		return err
	}
	fmt.Fprintln(w, l.Text("example.erp.outbox_again"))
	if err := outbox(); err != nil {
		return err
	}

	fmt.Fprintln(w, l.Text("example.erp.h.errors"))
	// A company asks for another company's order: the Sales port is
	// scoped by tenant, so the order does not exist for it.
	_, errOther := request(de, "C-100", "SO-7001", 1)
	// More than is left to return.
	_, errQty := request(ru, "C-100", "SO-7001", 5)
	// An action the return's state does not allow.
	_, errState := e.returns.Ship(ctx, ru.Tenant(), id, "CDEK-2", agent)
	// What a second ERP instance still holding version 1 meets. Services
	// retry such conflicts themselves; a host sees one when they run out.
	doc, err := e.store.Get(ctx, ru.Tenant(), "returns.rma", id)
	if err != nil {
		return err
	}
	_, errStale := e.store.Save(ctx, doc, 1, nil)
	// The database does not answer before the request's deadline.
	late, cancel := context.WithDeadline(ctx, start) // long past
	_, errLate := e.returns.Get(late, ru.Tenant(), id)
	cancel()
	for _, err := range []error{errOther, errQty, errState, errStale, errLate} {
		if err == nil {
			return errors.New("erp: a refused request succeeded")
		}
		status := httpStatus(err)
		line := fmt.Sprintf("  %d %s: %s", status, http.StatusText(status), l.Error(err))
		if f := field(err); f != "" {
			line += " [" + f + "]"
		}
		fmt.Fprintln(w, line)
	}

	fmt.Fprintln(w, l.Text("example.erp.h.customer"))
	for _, lang := range []string{ru.Lang, de.Lang} {
		fmt.Fprintf(w, "  %s: %s\n", lang, cat.Localizer(lang).Error(errQty))
	}
	return nil
}

// deliver prints what the ERP would send for one journal event.
func deliver(w io.Writer, l *i18n.Localizer, d Delivery) error {
	ev := d.Record.Event
	switch d.To {
	case "billing":
		s, err := settlement(d.Record)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, l.Text("example.erp.to_billing", d.Key, ev.Type, s.Net))
	case "crm":
		fmt.Fprintln(w, l.Text("example.erp.to_crm", d.Key, ev.Type))
	default:
		fmt.Fprintln(w, l.Text("example.erp.unrouted", d.Key, ev.Type))
	}
	return nil
}
