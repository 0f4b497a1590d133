package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// ERP is the host side of the embedding: the ERP's own *sql.DB, its own
// tables (companies, order lines, outbox checkpoints) and carekernel's
// store and services in the same database. Nothing here is global; an
// ERP process builds one and passes it around.
type ERP struct {
	db      *sql.DB
	schema  string // PostgreSQL schema of the ERP's and carekernel's tables; "" on SQLite
	store   *sqlstore.Store
	returns *returns.Service
}

// Company is a legal entity of the ERP. Each company is one carekernel
// tenant: its returns, journal and customers never mix with another's.
type Company struct {
	Code, Name, Lang, Currency string
}

// Tenant is the company's carekernel tenant.
func (c Company) Tenant() carekernel.Tenant { return carekernel.Tenant("company-" + c.Code) }

// openERP puts carekernel's tables next to the ERP's own in db (in
// schema on PostgreSQL), migrates both, and wires the services with the
// host's clock and ID generator. A production ERP passes
// carekernel.SystemClock() and carekernel.NewIDs(clock); the demo fixes
// both so that its output can be checked.
func openERP(ctx context.Context, db *sql.DB, d sqlstore.Dialect, schema string, clock carekernel.Clock, ids carekernel.IDGenerator) (*ERP, error) {
	store, err := sqlstore.New(db, d, &sqlstore.Options{Schema: schema})
	if err != nil {
		return nil, err
	}
	if err := store.Migrate(ctx); err != nil { // creates the schema on PostgreSQL
		return nil, err
	}
	e := &ERP{db: db, schema: schema, store: store}
	for _, ddl := range []string{
		`CREATE TABLE IF NOT EXISTS ` + e.table("companies") + ` (code TEXT PRIMARY KEY, name TEXT NOT NULL, lang TEXT NOT NULL, currency TEXT NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS ` + e.table("order_lines") + ` (company TEXT NOT NULL, order_no TEXT NOT NULL, line INTEGER NOT NULL,
			customer TEXT NOT NULL, product TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price TEXT NOT NULL, sold_at TEXT NOT NULL,
			PRIMARY KEY (company, order_no, line))`,
		`CREATE TABLE IF NOT EXISTS ` + e.table("outbox_checkpoints") + ` (tenant TEXT PRIMARY KEY, seq BIGINT NOT NULL)`,
	} {
		if _, err := db.ExecContext(ctx, ddl); err != nil {
			return nil, fmt.Errorf("erp: migrate: %w", err)
		}
	}
	// Every service of every package takes the same Options shape: the
	// host's clock, its IDs, and ports into the host's own data.
	e.returns = returns.NewService(store, &returns.Options{Clock: clock, IDs: ids, Sales: returns.SalesFunc(e.saleLine)})
	return e, nil
}

// table names one of the ERP's own tables.
func (e *ERP) table(name string) string {
	if e.schema != "" {
		return e.schema + ".erp_" + name
	}
	return "erp_" + name
}

// seed stands for the data an ERP already has: companies and orders.
func (e *ERP) seed(ctx context.Context, companies []Company, lines []returns.SaleLine) error {
	for _, c := range companies {
		if _, err := e.db.ExecContext(ctx, `INSERT INTO `+e.table("companies")+` VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
			c.Code, c.Name, c.Lang, c.Currency); err != nil {
			return err
		}
	}
	for _, l := range lines {
		company := strings.TrimPrefix(string(l.Tenant), "company-")
		if _, err := e.db.ExecContext(ctx, `INSERT INTO `+e.table("order_lines")+` VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
			company, l.Order, l.Line, l.Customer, l.Product, l.Quantity, l.UnitPrice.Amount().String()+" "+l.UnitPrice.Currency(), l.SoldAt.Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return nil
}

// companies lists the ERP's companies in code order.
func (e *ERP) companies(ctx context.Context) ([]Company, error) {
	rows, err := e.db.QueryContext(ctx, `SELECT code, name, lang, currency FROM `+e.table("companies")+` ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Company
	for rows.Next() {
		var c Company
		if err := rows.Scan(&c.Code, &c.Name, &c.Lang, &c.Currency); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// saleLine is the returns.Sales port over the ERP's order lines: the
// tenant names the company, so a company never sees another's orders.
func (e *ERP) saleLine(ctx context.Context, t carekernel.Tenant, order string, line int) (returns.SaleLine, error) {
	company, ok := strings.CutPrefix(string(t), "company-")
	if !ok {
		return returns.SaleLine{}, carekernel.NotFound("erp.saleLine", "returns.err.sale_not_found", order, line)
	}
	var price, soldAt string
	l := returns.SaleLine{Tenant: t, Order: order, Line: line}
	err := e.db.QueryRowContext(ctx, `SELECT customer, product, quantity, unit_price, sold_at FROM `+e.table("order_lines")+
		` WHERE company = $1 AND order_no = $2 AND line = $3`, company, order, line).Scan(&l.Customer, &l.Product, &l.Quantity, &price, &soldAt)
	if errors.Is(err, sql.ErrNoRows) {
		return returns.SaleLine{}, carekernel.NotFound("erp.saleLine", "returns.err.sale_not_found", order, line)
	}
	if err != nil {
		return returns.SaleLine{}, err
	}
	amount, currency, _ := strings.Cut(price, " ")
	if l.UnitPrice, err = carekernel.ParseMoney(amount, currency); err != nil {
		return returns.SaleLine{}, err
	}
	if l.SoldAt, err = time.Parse(time.RFC3339, soldAt); err != nil {
		return returns.SaleLine{}, err
	}
	return l, nil
}

// Delivery is one outbox message: a journal event the ERP forwards to
// another system, keyed so the receiver can drop a repeat.
type Delivery struct {
	Key    string // "company-ru01/7": tenant and journal sequence number
	Record storage.Record
	To     string // "billing", "crm"; "" for events nobody subscribes to
}

// outbox reads the company's journal after the ERP's checkpoint, hands
// each event to send, and then moves the checkpoint past what was
// sent. A crash between send and the checkpoint sends those events
// again (at least once): receivers deduplicate by Delivery.Key. This is
// the pattern in a few lines, with the checkpoint in the ERP's own
// table; to feed a message broker from several ERP instances, use
// package storage/relay, which adds leases, retries and parking.
func (e *ERP) outbox(ctx context.Context, t carekernel.Tenant, send func(Delivery) error) (int64, error) {
	var after int64
	err := e.db.QueryRowContext(ctx, `SELECT seq FROM `+e.table("outbox_checkpoints")+` WHERE tenant = $1`, string(t)).Scan(&after)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	for {
		recs, err := e.store.Journal(ctx, t, after, 100)
		if err != nil || len(recs) == 0 {
			return after, err
		}
		for _, r := range recs {
			if err := send(Delivery{Key: fmt.Sprintf("%s/%d", t, r.Seq), Record: r, To: route(r.Event.Type)}); err != nil {
				return after, err
			}
			after = r.Seq
		}
		if _, err := e.db.ExecContext(ctx, `INSERT INTO `+e.table("outbox_checkpoints")+` VALUES ($1, $2)
			ON CONFLICT (tenant) DO UPDATE SET seq = excluded.seq`, string(t), after); err != nil {
			return after, err
		}
	}
}

// route is the ERP's subscription table: billing posts money, the CRM
// keeps the customer's timeline.
func route(eventType string) string {
	switch eventType {
	case "returns.rma.completed":
		return "billing"
	case "returns.rma.authorized", "returns.rma.rejected", "returns.rma.shipped", "returns.rma.closed":
		return "crm"
	}
	return ""
}

// settlement reads the refund out of a returns.rma.completed event.
func settlement(r storage.Record) (returns.Settlement, error) {
	var s returns.Settlement
	err := json.Unmarshal(r.Event.Payload, &s)
	return s, err
}

// httpStatus maps an error from carekernel to the status the ERP's API
// answers with. The kinds are matched with errors.Is, never by text.
func httpStatus(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, carekernel.ErrInvalid):
		return http.StatusUnprocessableEntity
	case errors.Is(err, carekernel.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, carekernel.ErrConflict): // someone else changed it: reload and retry
		return http.StatusConflict
	case errors.Is(err, carekernel.ErrTransition): // not allowed in the current state
		return http.StatusConflict
	case errors.Is(err, carekernel.ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError // details go to the ERP's log, not to the user
}

// field is the input an error concerns, for the ERP's form to highlight.
func field(err error) string {
	var e *carekernel.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
