package sla

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
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
	week := weekdays(HM(9, 0), HM(17, 0))
	cal := func(s CalendarSpec) error {
		if s.Windows == nil {
			s.Windows = week
		}
		if s.Zone == "" {
			s.Zone = "UTC"
		}
		return errOf(NewCalendar(s))
	}
	c := mustCal(t, CalendarSpec{Zone: "Europe/Berlin", Windows: week})
	var tod TimeOfDay
	var d Date
	valid := func(edit func(p *Policy)) error {
		p := gold(1, 8*time.Hour)
		edit(p)
		return p.Validate()
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tm, err := StartTimer(gold(1, 8*time.Hour), Resolution, PriorityHigh, c, at)
	if err != nil {
		t.Fatal(err)
	}
	fulfilled, _ := StartTimer(gold(1, 8*time.Hour), Resolution, PriorityHigh, c, at)
	if err := fulfilled.Fulfil(at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var tj Timer
	svc := NewService(memory.New(), nil)
	by := carekernel.Actor{ID: "a1", Kind: carekernel.ActorAgent}
	if _, err := svc.SaveDraft(ctx, "acme", *gold(0, 8*time.Hour), by); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Activate(ctx, "acme", "gold", 1, by); err != nil {
		t.Fatal(err)
	}
	checkBad(t, []badCase{
		{"NewCalendar/no zone", errOf(NewCalendar(CalendarSpec{Windows: week})), carekernel.ErrInvalid, "sla.calendar.err.zone"},
		{"NewCalendar/Local", cal(CalendarSpec{Zone: "Local"}), carekernel.ErrInvalid, "sla.calendar.err.zone"},
		{"NewCalendar/unknown zone", cal(CalendarSpec{Zone: "Mars/Olympus"}), carekernel.ErrInvalid, "sla.calendar.err.zone"},
		{"NewCalendar/weekday", cal(CalendarSpec{Windows: []Window{{Day: 7, Start: HM(9, 0), End: HM(17, 0)}}}), carekernel.ErrInvalid, "sla.calendar.err.day"},
		{"NewCalendar/time", cal(CalendarSpec{Windows: []Window{{Day: 1, Start: HM(9, 0), End: HM(25, 0)}}}), carekernel.ErrInvalid, "sla.calendar.err.time"},
		{"NewCalendar/order", cal(CalendarSpec{Windows: []Window{{Day: 1, Start: HM(17, 0), End: HM(9, 0)}}}), carekernel.ErrInvalid, "sla.calendar.err.order"},
		{"NewCalendar/overlap", cal(CalendarSpec{Windows: []Window{{Day: 1, Start: HM(9, 0), End: HM(17, 0)}, {Day: 1, Start: HM(16, 0), End: HM(18, 0)}}}), carekernel.ErrInvalid, "sla.calendar.err.overlap"},
		{"NewCalendar/overlap across the week", cal(CalendarSpec{Windows: []Window{{Day: 6, Start: HM(22, 0), End: HM(6, 0), NextDay: true}, {Day: 0, Start: HM(5, 0), End: HM(8, 0)}}}), carekernel.ErrInvalid, "sla.calendar.err.overlap"},
		{"NewCalendar/never open", cal(CalendarSpec{Windows: []Window{}}), carekernel.ErrInvalid, "sla.calendar.err.never_open"},
		{"NewCalendar/holiday date", cal(CalendarSpec{Holidays: []Holiday{{Date: D(2026, 2, 30)}}}), carekernel.ErrInvalid, "sla.calendar.err.date"},
		{"NewCalendar/holiday twice", cal(CalendarSpec{Holidays: []Holiday{{Date: D(2026, 12, 25)}}, Overrides: []Override{{Date: D(2026, 12, 25)}}}), carekernel.ErrInvalid, "sla.calendar.err.duplicate_date"},
		{"NewCalendar/override overlap", cal(CalendarSpec{Overrides: []Override{{Date: D(2026, 12, 24), Spans: []Span{{Start: HM(9, 0), End: HM(12, 0)}, {Start: HM(11, 0), End: HM(13, 0)}}}}}), carekernel.ErrInvalid, "sla.calendar.err.overlap"},
		{"TimeOfDay/text", tod.UnmarshalText([]byte("9:00")), carekernel.ErrInvalid, "sla.calendar.err.time"},
		{"TimeOfDay/sign", tod.UnmarshalText([]byte("+1:+1")), carekernel.ErrInvalid, "sla.calendar.err.time"},
		{"Date/text", d.UnmarshalText([]byte("2026-13-01")), carekernel.ErrInvalid, "sla.calendar.err.date"},
		{"Calendar.Add/negative", errOf(c.Add(at, -time.Minute)), carekernel.ErrInvalid, "sla.err.negative_duration"},
		{"Calendar.Add/out of range", errOf(c.Add(time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour)), carekernel.ErrInvalid, "sla.err.out_of_range"},
		{"Calendar.Add/past the limit", errOf(c.Add(time.Date(2198, 12, 1, 0, 0, 0, 0, time.UTC), 2000*time.Hour)), carekernel.ErrInvalid, "sla.err.out_of_range"},
		{"Policy/nil", (*Policy)(nil).Validate(), carekernel.ErrInvalid, "sla.policy.err.required"},
		{"Policy/id", valid(func(p *Policy) { p.ID = "" }), carekernel.ErrInvalid, "sla.policy.err.id"},
		{"Policy/name", valid(func(p *Policy) { p.Name = "" }), carekernel.ErrInvalid, "sla.policy.err.name"},
		{"Policy/no targets", valid(func(p *Policy) { p.Targets = nil }), carekernel.ErrInvalid, "sla.policy.err.no_targets"},
		{"Policy/metric", valid(func(p *Policy) { p.Targets[0].Metric = "First Response" }), carekernel.ErrInvalid, "sla.policy.err.metric"},
		{"Policy/priority", valid(func(p *Policy) { p.Targets[0].Priority = "" }), carekernel.ErrInvalid, "sla.policy.err.priority"},
		{"Policy/within", valid(func(p *Policy) { p.Targets[0].Within = 0 }), carekernel.ErrInvalid, "sla.err.negative_duration"},
		{"Policy/duplicate", valid(func(p *Policy) { p.Targets = append(p.Targets, p.Targets[0]) }), carekernel.ErrInvalid, "sla.policy.err.duplicate_target"},
		{"Policy/response after resolution", valid(func(p *Policy) { p.Targets[0].Within = 9 * time.Hour }), carekernel.ErrInvalid, "sla.policy.err.response_after_resolution"},
		{"Policy/warn before", valid(func(p *Policy) { p.WarnBefore = -time.Hour }), carekernel.ErrInvalid, "sla.err.negative_duration"},
		{"Policy/warn percent", valid(func(p *Policy) { p.WarnPercent = 100 }), carekernel.ErrInvalid, "sla.policy.err.warn_percent"},
		{"Policy/escalation", valid(func(p *Policy) { p.Escalations[1].Level = 1 }), carekernel.ErrInvalid, "sla.policy.err.escalation"},
		{"Policy/pause state", valid(func(p *Policy) { p.PauseStates = []string{""} }), carekernel.ErrInvalid, "sla.policy.err.pause_state"},
		{"StartTimer/no target", errOf(StartTimer(gold(1, 8*time.Hour), Resolution, PriorityLow, c, at)), carekernel.ErrNotFound, "sla.timer.err.no_target"},
		{"StartTimer/zero time", errOf(StartTimer(gold(1, 8*time.Hour), Resolution, PriorityHigh, c, time.Time{})), carekernel.ErrInvalid, "sla.timer.err.time"},
		{"Timer.Pause/backwards", tm.Pause(at.Add(-time.Hour), "waiting_customer"), carekernel.ErrInvalid, "sla.timer.err.backwards"},
		{"Timer.Pause/state", tm.Pause(at.Add(time.Hour), ""), carekernel.ErrInvalid, "sla.policy.err.pause_state"},
		{"Timer.Resume/fulfilled", fulfilled.Resume(at.Add(2 * time.Hour)), carekernel.ErrTransition, "lifecycle.err.transition_final"},
		{"Timer.Fulfil/twice", fulfilled.Fulfil(at.Add(2 * time.Hour)), carekernel.ErrTransition, "lifecycle.err.transition_final"},
		{"Timer.UnmarshalJSON/log", json.Unmarshal([]byte(`{"metric":"m","events":[{"kind":"pause","at":"2026-03-02T09:00:00Z"}]}`), &tj), carekernel.ErrInvalid, "sla.timer.err.log"},
		{"Statutory.Due/amount", errOf(Statutory{Amount: 0, Unit: WorkingDays}.Due(at, c)), carekernel.ErrInvalid, "sla.err.negative_duration"},
		{"Statutory.Due/unit", errOf(Statutory{Amount: 5, Unit: "weeks"}.Due(at, c)), carekernel.ErrInvalid, "sla.err.unit"},
		{"Statutory.Due/too long", errOf(Statutory{Amount: 1 << 40, Unit: WorkingDays}.Due(at, c)), carekernel.ErrInvalid, "sla.err.out_of_range"},
		{"Statutory.Due/start", errOf(Statutory{Amount: 5, Unit: Hours}.Due(time.Time{}, c)), carekernel.ErrInvalid, "sla.err.out_of_range"},
		{"Service.SaveDraft/tenant", errOf(svc.SaveDraft(ctx, "", *gold(0, 8*time.Hour), by)), carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"Service.SaveDraft/actor", errOf(svc.SaveDraft(ctx, "acme", *gold(0, 8*time.Hour), carekernel.Actor{})), carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"Service.SaveDraft/version", errOf(svc.SaveDraft(ctx, "acme", *gold(-1, 8*time.Hour), by)), carekernel.ErrInvalid, "sla.policy.err.not_found"},
		{"Service.SaveDraft/invalid", errOf(svc.SaveDraft(ctx, "acme", Policy{ID: "x"}, by)), carekernel.ErrInvalid, "sla.policy.err.name"},
		{"Service.SaveDraft/unknown version", errOf(svc.SaveDraft(ctx, "acme", *gold(7, 8*time.Hour), by)), carekernel.ErrNotFound, "sla.policy.err.not_found"},
		{"Service.SaveDraft/active", errOf(svc.SaveDraft(ctx, "acme", *gold(1, 8*time.Hour), by)), carekernel.ErrTransition, "sla.policy.err.not_draft"},
		{"Service.Activate/unknown", errOf(svc.Activate(ctx, "acme", "gold", 9, by)), carekernel.ErrNotFound, "sla.policy.err.not_found"},
		{"Service.Activate/active", errOf(svc.Activate(ctx, "acme", "gold", 1, by)), carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Service.Retire/unknown", errOf(svc.Retire(ctx, "acme", "silver", 1, by)), carekernel.ErrNotFound, "sla.policy.err.not_found"},
		{"Service.Active/none", errOf(svc.Active(ctx, "acme", "silver")), carekernel.ErrNotFound, "sla.policy.err.no_active"},
		{"Service.Versions/none", errOf(svc.Versions(ctx, "acme", "silver")), carekernel.ErrNotFound, "sla.policy.err.no_active"},
	})
}
