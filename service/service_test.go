package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/storage/memory"
)

const tenant carekernel.Tenant = "acme"

var (
	day0  = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	disp  = carekernel.Actor{ID: "d1", Kind: carekernel.ActorAgent}
	techA = carekernel.Actor{ID: "t1", Kind: carekernel.ActorTechnician}
)

// weekdays 9–17 with a 12–13 lunch break, UTC.
func workCal(tb testing.TB) *sla.Calendar {
	var ws []sla.Window
	for d := time.Monday; d <= time.Friday; d++ {
		ws = append(ws, sla.Window{Day: d, Start: sla.HM(9, 0), End: sla.HM(12, 0)}, sla.Window{Day: d, Start: sla.HM(13, 0), End: sla.HM(17, 0)})
	}
	c, err := sla.NewCalendar(sla.CalendarSpec{Name: "field", Zone: "UTC", Windows: ws})
	if err != nil {
		panic(err) // a literal spec: a bug in the test
	}
	return c
}

func policy() *sla.Policy {
	return &sla.Policy{ID: "field", Version: 1, Name: "Field service", Targets: []sla.Target{
		{Metric: sla.Resolution, Priority: sla.PriorityNormal, Within: 8 * time.Hour},
		{Metric: sla.Resolution, Priority: sla.PriorityUrgent, Within: 2 * time.Hour},
	}}
}

type solicitor struct{ asked []string }

func (s *solicitor) SolicitFeedback(_ context.Context, _ carekernel.Tenant, _ carekernel.ID, customer, lang string) error {
	s.asked = append(s.asked, customer+":"+lang)
	return nil
}

func request(customer string, skills ...string) service.RequestInput {
	return service.RequestInput{Customer: customer, Name: "Anna", Language: "ru", Region: "north", Channel: "phone",
		Product: "boiler-x", Serial: "B-1", Problem: "no hot water", Skills: skills, Duration: 90 * time.Minute}
}

func TestServiceOrderEndToEnd(t *testing.T) {
	ctx := context.Background()
	clock := carekernel.FixedClock(day0.Add(8 * time.Hour))
	st := memory.New()
	fb := &solicitor{}
	cal := workCal(t)
	svc := service.NewService(st, &service.Options{Clock: clock, IDs: carekernel.SequentialIDs(day0), Policy: policy(), Calendar: cal, Feedback: fb})
	claim := carekernel.SequentialIDs(day0.AddDate(0, 0, -1)).NewID()
	in := request("c1", "gas")
	in.WarrantyClaim = claim
	o, err := svc.ProcessRequest(ctx, tenant, in, disp)
	require.NoError(t, err)
	assert.Equal(t, day0.Add(34*time.Hour), o.Due(), "Monday has 7 working hours (9–12, 13–17); the eighth ends Tuesday 10:00")
	p, err := svc.Profile(ctx, tenant, "c1")
	require.NoError(t, err)
	assert.Equal(t, []string{"boiler-x/B-1"}, p.Products)

	techs := []service.Technician{{ID: "t1", Skills: []string{"gas"}, Calendar: cal}, {ID: "t2", Skills: []string{"electric"}, Calendar: cal}}
	plan, err := svc.ScheduleDay(ctx, tenant, day0, day0.Add(24*time.Hour), techs, disp)
	require.NoError(t, err)
	require.Len(t, plan.Visits, 1)
	assert.Equal(t, "t1", plan.Visits[0].Technician)
	assert.Equal(t, day0.Add(9*time.Hour), plan.Visits[0].Start)

	daily, err := svc.DailySchedule(ctx, tenant, "t1", day0)
	require.NoError(t, err)
	require.Len(t, daily, 1)
	assert.Equal(t, o.ID(), daily[0].ID())
	linked, err := svc.ByWarrantyClaim(ctx, tenant, claim)
	require.NoError(t, err)
	require.Len(t, linked, 1)

	_, err = svc.Start(ctx, tenant, o.ID(), techA)
	require.NoError(t, err)
	_, err = svc.UsePart(ctx, tenant, o.ID(), service.Part{SKU: "valve", Quantity: 2, UnitPrice: carekernel.MustMoney("12.50", "EUR"), Warranty: true}, techA)
	require.NoError(t, err)
	_, err = svc.Work(ctx, tenant, o.ID(), service.Labour{Technician: "t1", Minutes: 100, HourlyRate: carekernel.MustMoney("45.00", "EUR")}, techA)
	require.NoError(t, err)
	clock.Set(day0.Add(11 * time.Hour))
	o, err = svc.Complete(ctx, tenant, o.ID(), "valve replaced", techA)
	require.NoError(t, err)
	c := o.Cost()
	assert.True(t, c.Parts.Equal(carekernel.MustMoney("25.00", "EUR")))
	assert.True(t, c.Labour.Equal(carekernel.MustMoney("75.00", "EUR")))
	assert.True(t, c.Chargeable.Equal(carekernel.MustMoney("75.00", "EUR")), "warranty parts are free")
	assert.True(t, o.OnTime())

	q, err := svc.Quality(ctx, tenant, day0, day0.AddDate(0, 0, 1), 30*24*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, []carekernel.ID{o.ID()}, q.AwaitingFeedback)

	_, err = svc.SolicitFeedback(ctx, tenant, o.ID(), disp)
	require.NoError(t, err)
	assert.Equal(t, []string{"c1:ru"}, fb.asked)
	_, err = svc.RecordFeedback(ctx, tenant, o.ID(), 0, "", carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer})
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	o, err = svc.RecordFeedback(ctx, tenant, o.ID(), 5, "quick", carekernel.Actor{ID: "c1", Kind: carekernel.ActorCustomer})
	require.NoError(t, err)
	assert.Equal(t, service.StateClosed, o.State())

	recs, err := st.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	last := recs[len(recs)-1].Event
	assert.Equal(t, "service.order.closed", last.Type)
	assert.JSONEq(t, `{"customer_id":"c1","segment":"","channel":"phone","agent":"t1","product":"boiler-x","visits":1,"first_visit_fix":true,"on_time":true,"score":5}`, string(last.Payload))
}

func TestBookingOutsideCalendarWritesNothing(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	svc := service.NewService(st, &service.Options{Clock: carekernel.FixedClock(day0), IDs: carekernel.SequentialIDs(day0)})
	o, err := svc.ProcessRequest(ctx, tenant, request("c1"), disp)
	require.NoError(t, err)
	before, err := st.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	tech := service.Technician{ID: "t1", Calendar: workCal(t)}
	cat := i18n.NewCatalog()
	for _, start := range []time.Time{day0.Add(11 * time.Hour), day0.Add(7 * time.Hour), day0.AddDate(0, 0, 5).Add(10 * time.Hour)} {
		_, err = svc.Book(ctx, tenant, o.ID(), tech, start, disp)
		require.ErrorIs(t, err, carekernel.ErrInvalid, start.String())
	}
	assert.Equal(t, "technician t1 does not work for the whole visit starting Sat, Mar 7, 2026 10:00 UTC", cat.Localizer("en").Error(err))
	assert.Equal(t, "специалист t1 не работает всё время выезда, начинающегося сб, 7 марта 2026 г., 10:00 UTC", cat.Localizer("ru").Error(err))
	after, err := st.Journal(ctx, tenant, 0, 100)
	require.NoError(t, err)
	assert.Equal(t, len(before), len(after))
	got, err := svc.Get(ctx, tenant, o.ID())
	require.NoError(t, err)
	assert.Equal(t, service.StateRequested, got.State())
	_, err = svc.Book(ctx, tenant, o.ID(), tech, day0.Add(13*time.Hour), disp)
	require.NoError(t, err)
}

func TestPlanRespectsSkillsCapacityAndDueTimes(t *testing.T) {
	cal := workCal(t)
	ids := carekernel.SequentialIDs(day0)
	a, b, c, d := ids.NewID(), ids.NewID(), ids.NewID(), ids.NewID()
	jobs := []service.Job{
		{Order: a, Skills: []string{"gas"}, Duration: 3 * time.Hour, Due: day0.Add(20 * time.Hour)},
		{Order: b, Skills: []string{"gas"}, Duration: 2 * time.Hour, Due: day0.Add(11 * time.Hour)},
		{Order: c, Skills: []string{"plumbing"}, Duration: time.Hour},
		{Order: d, Skills: []string{"gas"}, Duration: 4 * time.Hour},
	}
	s, err := service.Plan(day0, day0.Add(24*time.Hour), jobs, []service.Technician{{ID: "t1", Skills: []string{"gas"}, Calendar: cal}})
	require.NoError(t, err)
	require.Len(t, s.Visits, 2)
	assert.Equal(t, service.Visit{Order: b, Technician: "t1", Start: day0.Add(9 * time.Hour), End: day0.Add(11 * time.Hour)}, s.Visits[0], "earliest due first")
	assert.Equal(t, service.Visit{Order: a, Technician: "t1", Start: day0.Add(13 * time.Hour), End: day0.Add(16 * time.Hour)}, s.Visits[1], "does not span lunch")
	assert.Equal(t, []service.Unplanned{{Order: c, Reason: service.NoSkill}, {Order: d, Reason: service.NoCapacity}}, s.Unplanned)
	assert.Equal(t, []service.SkillLoad{{Skill: "gas", Demand: 9 * time.Hour, Capacity: 7 * time.Hour}, {Skill: "plumbing", Demand: time.Hour}}, s.Resourcing)
	_, err = service.Plan(day0, day0.Add(24*time.Hour), jobs, []service.Technician{{ID: "t1"}})
	require.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestQualityFindsIncompleteAndRepeatVisits(t *testing.T) {
	ctx := context.Background()
	clock := carekernel.FixedClock(day0.Add(9 * time.Hour))
	svc := service.NewService(memory.New(), &service.Options{Clock: clock, IDs: carekernel.SequentialIDs(day0)})
	tech := service.Technician{ID: "t1", Calendar: sla.AlwaysOpen()}
	run := func(customer string, incomplete bool) *service.Order {
		o, err := svc.ProcessRequest(ctx, tenant, request(customer), disp)
		require.NoError(t, err)
		_, err = svc.Book(ctx, tenant, o.ID(), tech, clock.Now(), disp)
		require.NoError(t, err)
		_, err = svc.Start(ctx, tenant, o.ID(), techA)
		require.NoError(t, err)
		if incomplete {
			o, err = svc.LeaveIncomplete(ctx, tenant, o.ID(), "part missing", techA)
		} else {
			o, err = svc.Complete(ctx, tenant, o.ID(), "fixed", techA)
		}
		require.NoError(t, err)
		return o
	}
	first := run("c1", false)
	other := run("c2", false)
	stuck := run("c3", true)
	clock.Advance(5 * 24 * time.Hour)
	repeat := run("c1", false)
	q, err := svc.Quality(ctx, tenant, day0, day0.AddDate(0, 0, 3), 30*24*time.Hour)
	require.NoError(t, err)
	assert.Equal(t, []carekernel.ID{stuck.ID()}, q.Incomplete)
	assert.Equal(t, []carekernel.ID{first.ID()}, q.Repeats)
	assert.Equal(t, 2, q.Completed)
	assert.Equal(t, 1, q.FirstTimeFixes, other.ID().String())
	assert.NotContains(t, q.AwaitingFeedback, repeat.ID(), "created after the period")
}

func TestBadRequestWritesNothing(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	svc := service.NewService(st, nil)
	for _, in := range []service.RequestInput{
		{Product: "x", Duration: time.Hour},
		{Customer: "c", Product: "x", Duration: 90 * time.Second},
		{Customer: "c", Product: "x", Duration: time.Hour, Priority: "asap"},
	} {
		_, err := svc.ProcessRequest(ctx, tenant, in, disp)
		require.ErrorIs(t, err, carekernel.ErrInvalid)
	}
	recs, err := st.Journal(ctx, tenant, 0, 10)
	require.NoError(t, err)
	assert.Empty(t, recs)
	_, err = svc.Profile(ctx, tenant, "c")
	require.ErrorIs(t, err, carekernel.ErrNotFound)
}

func TestMessagesComplete(t *testing.T) {
	assert.Empty(t, i18n.Missing(service.OrderLifecycle().LabelKeys()...))
	assert.NoError(t, i18n.Check())
}
