package returns_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/returns"
)

// badCase is one invalid input to an exported constructor or verb and
// the error it must give: kind, message key, English and Russian text.
type badCase struct {
	name      string
	err, kind error
	key       string
}

func checkBad(t *testing.T, cases []badCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { badinput.Check(t, c.err, c.kind, c.key) })
	}
}

func errOf(_ any, err error) error { return err }

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	w := newRetWorld(t)
	before := snap(t, w.inner)
	svc, _ := w.service()
	line := func(edit func(l *returns.RequestLine)) returns.RequestInput {
		l := returns.RequestLine{Order: "SO-1", Line: 1, Quantity: 1, Reason: "defective", Condition: returns.ConditionDefective}
		edit(&l)
		return returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund, Lines: []returns.RequestLine{l}}
	}
	req := func(in returns.RequestInput) error { return errOf(svc.Request(ctx, tenant, in, cust)) }
	ok := line(func(*returns.RequestLine) {})
	many := ok
	many.Lines = make([]returns.RequestLine, 201)
	twice := ok
	twice.Lines = []returns.RequestLine{ok.Lines[0], ok.Lines[0]}
	noCust, badOutcome := ok, ok
	noCust.Customer, badOutcome.Outcome = "", "cash"
	otherCust := ok
	otherCust.Customer = "c2"
	long := strings.Repeat("x", 5000)
	r, err := returns.NewService(w.inner, &w.opts).Get(ctx, tenant, w.requested.ID())
	require.NoError(t, err)
	checkBad(t, []badCase{
		{"NewReasonCatalog/version", errOf(returns.NewReasonCatalog(0, returns.ReasonCode{Code: "a", EN: "a", RU: "а"})), carekernel.ErrInvalid, "returns.err.catalog_version"},
		{"NewReasonCatalog/empty", errOf(returns.NewReasonCatalog(1)), carekernel.ErrInvalid, "returns.err.catalog_empty"},
		{"NewReasonCatalog/code", errOf(returns.NewReasonCatalog(1, returns.ReasonCode{Code: "Bad Code", EN: "a", RU: "а"})), carekernel.ErrInvalid, "returns.err.catalog_code"},
		{"NewReasonCatalog/no Russian", errOf(returns.NewReasonCatalog(1, returns.ReasonCode{Code: "a", EN: "a"})), carekernel.ErrInvalid, "returns.err.catalog_code"},
		{"NewReasonCatalog/duplicate", errOf(returns.NewReasonCatalog(1, returns.ReasonCode{Code: "a", EN: "a", RU: "а"}, returns.ReasonCode{Code: "a", EN: "b", RU: "б"})), carekernel.ErrInvalid, "returns.err.catalog_duplicate"},
		{"ReasonCatalog.Lookup", errOf(returns.DefaultReasons().Lookup("bored")), carekernel.ErrInvalid, "returns.err.reason_unknown"},
		{"SalesBook.SaleLine", errOf(faultSales().SaleLine(ctx, tenant, "SO-404", 1)), carekernel.ErrNotFound, "returns.err.sale_not_found"},
		{"Request/tenant", errOf(svc.Request(ctx, "", ok, cust)), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"Request/actor", errOf(svc.Request(ctx, tenant, ok, carekernel.Actor{ID: "x", Kind: "robot"})), carekernel.ErrInvalid, "kernel.err.actor_kind"},
		{"Request/customer", req(noCust), carekernel.ErrInvalid, "returns.err.customer_empty"},
		{"Request/outcome", req(badOutcome), carekernel.ErrInvalid, "returns.err.outcome"},
		{"Request/no lines", req(returns.RequestInput{Customer: "c1", Outcome: returns.OutcomeRefund}), carekernel.ErrInvalid, "returns.err.lines_count"},
		{"Request/too many lines", req(many), carekernel.ErrInvalid, "returns.err.lines_count"},
		{"Request/sale ref", req(line(func(l *returns.RequestLine) { l.Line = 0 })), carekernel.ErrInvalid, "returns.err.sale_ref"},
		{"Request/quantity", req(line(func(l *returns.RequestLine) { l.Quantity = 0 })), carekernel.ErrInvalid, "returns.err.quantity"},
		{"Request/condition", req(line(func(l *returns.RequestLine) { l.Condition = "shiny" })), carekernel.ErrInvalid, "returns.err.condition"},
		{"Request/reason", req(line(func(l *returns.RequestLine) { l.Reason = "bored" })), carekernel.ErrInvalid, "returns.err.reason_unknown"},
		{"Request/line twice", req(twice), carekernel.ErrInvalid, "returns.err.line_twice"},
		{"Request/unknown sale", req(line(func(l *returns.RequestLine) { l.Order = "SO-404" })), carekernel.ErrNotFound, "returns.err.sale_not_found"},
		{"Request/other customer", req(otherCust), carekernel.ErrForbidden, "returns.err.sale_other_customer"},
		{"Request/more than sold", req(line(func(l *returns.RequestLine) { l.Quantity = 99 })), carekernel.ErrInvalid, "returns.err.exceeds_sold"},
		{"Get/unknown", errOf(svc.Get(ctx, tenant, carekernel.SequentialIDs(t0.AddDate(1, 0, 0)).NewID())), carekernel.ErrNotFound, "storage.err.not_found"},
		{"Ship/requested", errOf(svc.Ship(ctx, tenant, w.requested.ID(), "T", cust)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Ship/tracking", errOf(svc.Ship(ctx, tenant, w.authorized.ID(), long, cust)), carekernel.ErrInvalid, "returns.err.tracking_long"},
		{"Receive/requested", errOf(svc.Receive(ctx, tenant, w.requested.ID(), agent)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Inspect/line", errOf(svc.Inspect(ctx, tenant, w.received.ID(), 7, returns.ConditionUsed, "", agent)), carekernel.ErrNotFound, "returns.err.line_not_found"},
		{"Inspect/condition", errOf(svc.Inspect(ctx, tenant, w.received.ID(), 1, "shiny", "", agent)), carekernel.ErrInvalid, "returns.err.condition"},
		{"Inspect/note", errOf(svc.Inspect(ctx, tenant, w.received.ID(), 1, returns.ConditionUsed, long, agent)), carekernel.ErrInvalid, "returns.err.note_long"},
		{"Dispose/disposition", errOf(svc.Dispose(ctx, tenant, w.inspected.ID(), 1, "burn", agent)), carekernel.ErrInvalid, "returns.err.disposition"},
		{"Complete/open line", errOf(svc.Complete(ctx, tenant, w.inspected.ID(), agent)), carekernel.ErrTransition, "returns.err.line_open"},
		{"Cancel/received", errOf(svc.Cancel(ctx, tenant, w.received.ID(), "", cust)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Analyze/period", errOf(svc.Analyze(ctx, tenant, t0, t0)), carekernel.ErrInvalid, "returns.err.period"},
		{"RMA.Authorize/lines", r.Authorize(agent, returns.Decision{}, t0), carekernel.ErrInvalid, "returns.err.decision_lines"},
		{"RMA.Authorize/quantity", r.Authorize(agent, returns.Decision{Lines: []returns.LineDecision{{Approved: 9, Fee: carekernel.ZeroMoney("EUR")}}}, t0), carekernel.ErrInvalid, "returns.err.decision_quantity"},
		{"RMA.Authorize/fee", r.Authorize(agent, returns.Decision{Lines: []returns.LineDecision{{Approved: 1, Fee: carekernel.MustMoney("-1", "EUR")}}}, t0), carekernel.ErrInvalid, "returns.err.decision_fee"},
	})
	require.Equal(t, before, snap(t, w.inner), "no bad input wrote anything")
}
