package warranty_test

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata" // the Berlin calendar must not depend on the machine's zoneinfo

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/warranty"
)

// berlin is a Mon–Fri 08:00–17:00 calendar in Berlin with the Easter
// holidays of 2026 (Good Friday 3 April, Easter Monday 6 April).
func berlin(t *testing.T) *sla.Calendar {
	t.Helper()
	spec := sla.CalendarSpec{Name: "de-office", Zone: "Europe/Berlin",
		Holidays: []sla.Holiday{{Date: sla.D(2026, time.April, 3), Name: "Karfreitag"}, {Date: sla.D(2026, time.April, 6), Name: "Ostermontag"}}}
	for d := time.Monday; d <= time.Friday; d++ {
		spec.Windows = append(spec.Windows, sla.Window{Day: d, Start: sla.HM(8, 0), End: sla.HM(17, 0)})
	}
	cal, err := sla.NewCalendar(spec)
	require.NoError(t, err)
	return cal
}

// investigate receives, validates and opens the investigation of a claim.
func investigate(t *testing.T, svc *warranty.Service, ref string) carekernel.ID {
	t.Helper()
	ctx := context.Background()
	c, err := svc.Receive(ctx, tenant, leakClaim(ref), dealer)
	require.NoError(t, err)
	_, err = svc.Validate(ctx, tenant, c.ID(), agent)
	require.NoError(t, err)
	_, err = svc.DefineIssue(ctx, tenant, c.ID(), "leak", agent)
	require.NoError(t, err)
	return c.ID()
}

func TestPartDueSkipsWeekendAndHolidays(t *testing.T) {
	ctx := context.Background()
	svc, clock := setupWith(t, newMemory(), &warranty.Options{Calendar: berlin(t), PartReturnDays: 2})
	// Thursday 2 April 2026, 16:00 in Berlin
	clock.Set(time.Date(2026, 4, 2, 14, 0, 0, 0, time.UTC))
	id := investigate(t, svc, "DUE-1")
	c, err := svc.RequestPart(ctx, tenant, id, "P-SEAL", agent)
	require.NoError(t, err)
	// Good Friday, the weekend and Easter Monday do not count: Tuesday 7
	// and Wednesday 8 April are the two days; due when Wednesday ends in
	// Berlin (CEST, UTC+2).
	due := time.Date(2026, 4, 8, 22, 0, 0, 0, time.UTC)
	assert.Equal(t, due, c.PartDue())

	// the last second of Wednesday: not overdue, nothing expires
	clock.Set(due.Add(-time.Second))
	n, err := svc.ExpireOverdueParts(ctx, tenant)
	require.NoError(t, err)
	assert.Equal(t, 0, n)

	// Thursday: overdue, the part can no longer be received, and the
	// claim is rejected automatically
	clock.Set(due.Add(time.Second))
	_, err = svc.ReceivePart(ctx, tenant, id, agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	assertKey(t, err, "warranty.claim.err.part_overdue")
	n, err = svc.ExpireOverdueParts(ctx, tenant)
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	c, err = svc.Claim(ctx, tenant, id)
	require.NoError(t, err)
	assert.Equal(t, warranty.ClaimRejected, c.State())
	assert.Equal(t, warranty.DecisionPartMissing, c.Lines()[0].Decision)
}

func TestDefaultCalendarCountsWeekdays(t *testing.T) {
	ctx := context.Background()
	svc, clock := setupWith(t, newMemory(), &warranty.Options{PartReturnDays: 1, PreAuthorizationDays: 3})
	// Friday 6 March 2026: one working day is Monday 9 March
	clock.Set(time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC))
	id := investigate(t, svc, "DUE-2")
	c, err := svc.RequestPart(ctx, tenant, id, "P-SEAL", agent)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), c.PartDue())
	_, err = svc.ReceivePart(ctx, tenant, id, agent)
	require.NoError(t, err)

	// the supplier recovery window (90 working days) and the
	// pre-authorization (3 working days) are on the same calendar
	_, resp, err := svc.DetermineResponsibility(ctx, tenant, id, agent)
	require.NoError(t, err)
	// 90 weekdays after Friday 6 March end on Friday 10 July
	assert.Equal(t, time.Date(2026, 7, 11, 0, 0, 0, 0, time.UTC), resp.RecoverBy)
	_, err = svc.RequestPreAuthorization(ctx, tenant, id, agent)
	require.NoError(t, err)
	_, err = svc.DecidePreAuthorization(ctx, tenant, id, true, eur("600"), agent)
	require.NoError(t, err)
	// granted Friday: valid through Wednesday 11 March; deciding on
	// Thursday finds it expired
	clock.Set(time.Date(2026, 3, 12, 0, 0, 1, 0, time.UTC))
	_, err = svc.Decide(ctx, tenant, id, nil, agent)
	assert.ErrorIs(t, err, carekernel.ErrForbidden)
	assertKey(t, err, "warranty.claim.err.preauth_expired")
	clock.Set(time.Date(2026, 3, 11, 23, 59, 0, 0, time.UTC))
	_, err = svc.Decide(ctx, tenant, id, nil, agent)
	require.NoError(t, err)
}
