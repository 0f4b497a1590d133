package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/service"
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
	w := newSvcWorld(t)
	svc, _ := w.service()
	in := func(edit func(r *service.RequestInput)) error {
		r := request("c1")
		edit(&r)
		return errOf(svc.ProcessRequest(ctx, tenant, r, disp))
	}
	eur, usd := carekernel.MustMoney("10.00", "EUR"), carekernel.MustMoney("10.00", "USD")
	_, err := service.NewService(w.inner, &w.opts).UsePart(ctx, tenant, w.started.ID(), service.Part{SKU: "v", Quantity: 1, UnitPrice: eur}, techA)
	require.NoError(t, err)
	before := snap(t, w.inner)
	noon := day0.AddDate(0, 0, 7).Add(12 * time.Hour)
	checkBad(t, []badCase{
		{"ProcessRequest/tenant", errOf(svc.ProcessRequest(ctx, "", request("c1"), disp)), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"ProcessRequest/actor", errOf(svc.ProcessRequest(ctx, tenant, request("c1"), carekernel.Actor{})), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"ProcessRequest/customer", in(func(r *service.RequestInput) { r.Customer = "" }), carekernel.ErrInvalid, "service.err.customer"},
		{"ProcessRequest/product", in(func(r *service.RequestInput) { r.Product = "" }), carekernel.ErrInvalid, "service.err.product"},
		{"ProcessRequest/duration", in(func(r *service.RequestInput) { r.Duration = 90 * time.Second }), carekernel.ErrInvalid, "service.err.duration"},
		{"ProcessRequest/duration long", in(func(r *service.RequestInput) { r.Duration = 25 * time.Hour }), carekernel.ErrInvalid, "service.err.duration"},
		{"ProcessRequest/problem", in(func(r *service.RequestInput) { r.Problem = strings.Repeat("x", 4001) }), carekernel.ErrInvalid, "service.err.comment_long"},
		{"ProcessRequest/priority", in(func(r *service.RequestInput) { r.Priority = "whenever" }), carekernel.ErrInvalid, "service.err.priority"},
		{"Get/unknown", errOf(svc.Get(ctx, tenant, carekernel.SequentialIDs(day0.AddDate(1, 0, 0)).NewID())), carekernel.ErrNotFound, "storage.err.not_found"},
		{"Profile/unknown", errOf(svc.Profile(ctx, tenant, "nobody")), carekernel.ErrNotFound, "storage.err.not_found"},
		{"Book/no calendar", errOf(svc.Book(ctx, tenant, w.requested.ID(), service.Technician{ID: "t9"}, noon, disp)), carekernel.ErrInvalid, "service.err.technician"},
		{"Book/lunch break", errOf(svc.Book(ctx, tenant, w.requested.ID(), w.tech, noon, disp)), carekernel.ErrInvalid, "service.err.outside_calendar"},
		{"Book/outside calendar", errOf(svc.Book(ctx, tenant, w.requested.ID(), w.tech, noon.Add(-30*time.Minute), disp)), carekernel.ErrInvalid, "service.err.outside_calendar"},
		{"Start/completed", errOf(svc.Start(ctx, tenant, w.done.ID(), techA)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"UsePart/not started", errOf(svc.UsePart(ctx, tenant, w.booked.ID(), service.Part{SKU: "v", Quantity: 1, UnitPrice: eur}, techA)), carekernel.ErrTransition, "service.err.not_in_progress"},
		{"UsePart/quantity", errOf(svc.UsePart(ctx, tenant, w.started.ID(), service.Part{SKU: "v", Quantity: 0, UnitPrice: eur}, techA)), carekernel.ErrInvalid, "service.err.part"},
		{"UsePart/price", errOf(svc.UsePart(ctx, tenant, w.started.ID(), service.Part{SKU: "v", Quantity: 1}, techA)), carekernel.ErrInvalid, "service.err.price"},
		{"UsePart/currency", errOf(svc.UsePart(ctx, tenant, w.started.ID(), service.Part{SKU: "v", Quantity: 1, UnitPrice: usd}, techA)), carekernel.ErrInvalid, "service.err.currency_mixed"},
		{"Work/not started", errOf(svc.Work(ctx, tenant, w.booked.ID(), service.Labour{Technician: "t1", Minutes: 10, HourlyRate: eur}, techA)), carekernel.ErrTransition, "service.err.not_in_progress"},
		{"Work/minutes", errOf(svc.Work(ctx, tenant, w.started.ID(), service.Labour{Technician: "t1", Minutes: 0, HourlyRate: eur}, techA)), carekernel.ErrInvalid, "service.err.labour"},
		{"LeaveIncomplete/reason", errOf(svc.LeaveIncomplete(ctx, tenant, w.started.ID(), "", techA)), carekernel.ErrInvalid, "service.err.reason"},
		{"RecordFeedback/score", errOf(svc.RecordFeedback(ctx, tenant, w.done.ID(), 6, "", techA)), carekernel.ErrInvalid, "service.err.score"},
		{"RecordFeedback/comment", errOf(svc.RecordFeedback(ctx, tenant, w.done.ID(), 5, strings.Repeat("x", 4001), techA)), carekernel.ErrInvalid, "service.err.comment_long"},
		{"Close/started", errOf(svc.Close(ctx, tenant, w.started.ID(), disp)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Cancel/done", errOf(svc.Cancel(ctx, tenant, w.done.ID(), "late", disp)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"ScheduleDay/period", errOf(svc.ScheduleDay(ctx, tenant, day0, day0, []service.Technician{w.tech}, disp)), carekernel.ErrInvalid, "service.err.period"},
		{"Plan/technician", errOf(service.Plan(day0, day0.Add(24*time.Hour), nil, []service.Technician{{ID: "t9"}})), carekernel.ErrInvalid, "service.err.technician"},
		{"Quality/period", errOf(svc.Quality(ctx, tenant, day0, day0, time.Hour)), carekernel.ErrInvalid, "service.err.period"},
	})
	require.Equal(t, before, snap(t, w.inner), "no bad input wrote anything")
}
