package sla

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/lifecycle"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gold(version int, resolution time.Duration) *Policy {
	return &Policy{
		ID: "gold", Version: version, Name: "Gold", PauseStates: []string{"waiting_customer"},
		WarnBefore:  time.Hour,
		Escalations: []Escalation{{Level: 1, After: 0, Notify: "team_lead"}, {Level: 2, After: 4 * time.Hour, Notify: "head_of_service"}},
		Targets: []Target{
			{Metric: FirstResponse, Priority: PriorityHigh, Within: 2 * time.Hour},
			{Metric: Resolution, Priority: PriorityHigh, Within: resolution},
			{Metric: FirstResponse, Priority: PriorityLow, Within: 2 * time.Hour, CalendarTime: true},
		},
	}
}

func TestTimerPauseResumeAndHistory(t *testing.T) {
	c := berlin(t)
	start := at(t, c, 2026, 3, 30, 10, 0) // Monday
	tm, err := StartTimer(gold(1, 16*time.Hour), Resolution, PriorityHigh, c, start)
	require.NoError(t, err)
	// Without pauses: 7 h Monday, 8 h Tuesday, 1 h Wednesday.
	st := tm.Status(start, c)
	assert.True(t, at(t, c, 2026, 4, 1, 10, 0).Equal(st.Due), "due %v", st.Due)

	require.NoError(t, tm.OnState(at(t, c, 2026, 3, 30, 15, 0), "waiting_customer"))
	require.NoError(t, tm.OnState(at(t, c, 2026, 3, 31, 11, 0), "open"))
	assert.Equal(t, TimerRunning, tm.State())

	// 5 h elapsed before the pause; 11 h left from Tue 11:00: 6 h on
	// Tuesday and 5 h on Wednesday.
	st = tm.Status(at(t, c, 2026, 3, 31, 12, 0), c)
	assert.Equal(t, 6*time.Hour, st.Elapsed)
	assert.Equal(t, 20*time.Hour, st.PausedFor)
	assert.Equal(t, 10*time.Hour, st.Remaining)
	assert.True(t, at(t, c, 2026, 4, 1, 14, 0).Equal(st.Due), "due %v", st.Due)
	assert.False(t, st.Warning)

	// The status of a past moment is recomputed from the log.
	past := tm.Status(at(t, c, 2026, 3, 30, 16, 0), c)
	assert.True(t, past.Paused)
	assert.Equal(t, 5*time.Hour, past.Elapsed)
	assert.Equal(t, time.Hour, past.PausedFor)

	// Warning inside the last hour, escalation levels after the due time.
	assert.True(t, tm.Status(at(t, c, 2026, 4, 1, 13, 30), c).Warning)
	breach := tm.Status(at(t, c, 2026, 4, 1, 14, 0), c)
	assert.True(t, breach.Breached)
	assert.False(t, breach.Warning)
	assert.Equal(t, 1, breach.Escalation)
	assert.Equal(t, 2, tm.Status(at(t, c, 2026, 4, 1, 18, 0), c).Escalation)
	// Overdue counts business time too: Wed 14–17 and Thu 09–11.
	assert.Equal(t, -5*time.Hour, tm.Status(at(t, c, 2026, 4, 2, 11, 0), c).Remaining)
}

func TestTimerPolicyChangeKeepsTimeAndBreachIsSticky(t *testing.T) {
	c := berlin(t)
	start := at(t, c, 2026, 3, 30, 10, 0)
	tm, err := StartTimer(gold(1, 16*time.Hour), Resolution, PriorityHigh, c, start)
	require.NoError(t, err)
	require.NoError(t, tm.Pause(at(t, c, 2026, 3, 30, 15, 0), "waiting_customer"))
	require.NoError(t, tm.Resume(at(t, c, 2026, 3, 31, 11, 0)))

	// A tighter policy at Tue 12:00 keeps the 6 h elapsed and the pause.
	require.NoError(t, tm.ChangePolicy(gold(2, 12*time.Hour), PriorityHigh, at(t, c, 2026, 3, 31, 12, 0)))
	st := tm.Status(at(t, c, 2026, 3, 31, 12, 0), c)
	assert.Equal(t, 6*time.Hour, st.Elapsed)
	assert.Equal(t, 20*time.Hour, st.PausedFor)
	assert.Equal(t, 2, st.Terms.PolicyVersion)
	assert.True(t, at(t, c, 2026, 4, 1, 10, 0).Equal(st.Due), "due %v", st.Due)

	// A 4-hour policy at 13:00 is already breached (7 h elapsed): the
	// breach happened at Mon 14:00 and stays after going back to 16 h.
	short := gold(3, 4*time.Hour)
	short.Targets[0].Within = time.Hour
	require.NoError(t, tm.ChangePolicy(short, PriorityHigh, at(t, c, 2026, 3, 31, 13, 0)))
	require.NoError(t, tm.ChangePolicy(gold(4, 16*time.Hour), PriorityHigh, at(t, c, 2026, 3, 31, 14, 0)))
	st = tm.Status(at(t, c, 2026, 3, 31, 15, 0), c)
	assert.True(t, st.Breached)
	assert.True(t, at(t, c, 2026, 3, 30, 14, 0).Equal(st.BreachedAt), "breached %v", st.BreachedAt)
	assert.Equal(t, 7*time.Hour, st.Remaining)

	recorded, err := tm.RecordBreach(at(t, c, 2026, 3, 31, 15, 0), c)
	require.NoError(t, err)
	assert.True(t, recorded)
	recorded, err = tm.RecordBreach(at(t, c, 2026, 3, 31, 15, 30), c)
	require.NoError(t, err)
	assert.False(t, recorded, "one breach event only")

	require.NoError(t, tm.Fulfil(at(t, c, 2026, 3, 31, 16, 0)))
	st = tm.Status(at(t, c, 2026, 4, 10, 0, 0), c)
	assert.True(t, st.Fulfilled)
	assert.True(t, st.Breached)
	assert.Equal(t, 0, st.Escalation, "no escalation after fulfilment")
	assert.ErrorIs(t, tm.ChangePolicy(gold(5, 16*time.Hour), PriorityHigh, at(t, c, 2026, 4, 1, 9, 0)), carekernel.ErrTransition)
}

func TestTimerCalendarTimeTarget(t *testing.T) {
	c := berlin(t)
	tm, err := StartTimer(gold(1, 16*time.Hour), FirstResponse, PriorityLow, c, at(t, c, 2026, 3, 28, 10, 0))
	require.NoError(t, err)
	st := tm.Status(at(t, c, 2026, 3, 28, 11, 0), c)
	assert.True(t, at(t, c, 2026, 3, 28, 12, 0).Equal(st.Due), "calendar time ignores the weekend")
	assert.Equal(t, time.Hour, st.Remaining)
}

func TestTimerBadInput(t *testing.T) {
	c := berlin(t)
	start := at(t, c, 2026, 3, 30, 10, 0)
	_, err := StartTimer(gold(1, 16*time.Hour), NextReply, PriorityHigh, c, start)
	assert.ErrorIs(t, err, carekernel.ErrNotFound)
	_, err = StartTimer(&Policy{ID: "x", Name: "X"}, Resolution, PriorityHigh, c, start)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)

	tm, err := StartTimer(gold(1, 16*time.Hour), Resolution, PriorityHigh, c, start)
	require.NoError(t, err)
	assert.ErrorIs(t, tm.Resume(start.Add(time.Hour)), carekernel.ErrTransition)
	require.NoError(t, tm.Pause(start.Add(time.Hour), "waiting_customer"))
	var te *lifecycle.TransitionError
	assert.True(t, errors.As(tm.Pause(start.Add(2*time.Hour), "waiting_customer"), &te))
	assert.ErrorIs(t, tm.Resume(start), carekernel.ErrInvalid, "time going backwards")
	assert.ErrorIs(t, tm.ChangePolicy(gold(2, 16*time.Hour), PriorityUrgent, start.Add(2*time.Hour)), carekernel.ErrNotFound)
	assert.Len(t, tm.Events(), 2, "refused commands leave no trace")
}

func TestTimerJSON(t *testing.T) {
	c := berlin(t)
	start := at(t, c, 2026, 3, 30, 10, 0)
	tm, err := StartTimer(gold(1, 16*time.Hour), Resolution, PriorityHigh, c, start)
	require.NoError(t, err)
	require.NoError(t, tm.Pause(start.Add(time.Hour), "waiting_customer"))
	b, err := json.Marshal(struct{ Timer *Timer }{tm})
	require.NoError(t, err)
	var back struct{ Timer *Timer }
	require.NoError(t, json.Unmarshal(b, &back))
	when := start.Add(48 * time.Hour)
	assert.Equal(t, tm.Status(when, c).Due.UTC(), back.Timer.Status(when, c).Due.UTC())
	assert.Equal(t, tm.Status(when, c).PausedFor, back.Timer.Status(when, c).PausedFor)
	assert.Equal(t, "Berlin office", back.Timer.CalendarName())

	for name, body := range map[string]string{
		"no start":        `{"metric":"resolution","events":[{"kind":"pause","at":"2026-03-30T10:00:00Z"}]}`,
		"resume twice":    `{"metric":"resolution","events":[{"kind":"start","at":"2026-03-30T10:00:00Z","terms":{"target":1}},{"kind":"resume","at":"2026-03-30T11:00:00Z"}]}`,
		"backwards":       `{"metric":"resolution","events":[{"kind":"start","at":"2026-03-30T10:00:00Z","terms":{"target":1}},{"kind":"pause","at":"2026-03-30T09:00:00Z"}]}`,
		"unknown kind":    `{"metric":"resolution","events":[{"kind":"start","at":"2026-03-30T10:00:00Z","terms":{"target":1}},{"kind":"explode","at":"2026-03-30T11:00:00Z"}]}`,
		"change no terms": `{"metric":"resolution","events":[{"kind":"start","at":"2026-03-30T10:00:00Z","terms":{"target":1}},{"kind":"policy_change","at":"2026-03-30T11:00:00Z"}]}`,
	} {
		var x Timer
		assert.ErrorIs(t, json.Unmarshal([]byte(body), &x), carekernel.ErrInvalid, name)
	}
}

func TestTimerExplain(t *testing.T) {
	c := berlin(t)
	start := at(t, c, 2026, 3, 30, 10, 0)
	tm, err := StartTimer(gold(1, 16*time.Hour), Resolution, PriorityHigh, c, start)
	require.NoError(t, err)
	require.NoError(t, tm.Pause(at(t, c, 2026, 3, 30, 15, 0), "waiting_customer"))
	require.NoError(t, tm.Resume(at(t, c, 2026, 3, 30, 17, 0)))
	cat := i18n.NewCatalog()
	now := at(t, c, 2026, 3, 31, 9, 0)
	// 5 h elapsed; 11 h left from Tue 09:00: 8 h Tuesday, 3 h Wednesday.
	assert.Equal(t, "Resolution: due Wed, Apr 1, 2026 12:00 CEST (11 hours left) because: policy Gold v1, priority high, target 16 hours of business time, calendar Berlin office; paused 2 hours in state waiting_customer",
		cat.Localizer("en").Render(tm.Explain(now, c)))
	assert.Equal(t, "Решение: срок ср, 1 апреля 2026 г., 12:00 CEST (осталось 11 часов), потому что: политика Gold v1, приоритет высокий, норматив 16 часов рабочего времени, календарь Berlin office; пауза 2 часа в состоянии waiting_customer",
		cat.Localizer("ru").Render(tm.Explain(now, c)))
}

func TestLabelsAndMessages(t *testing.T) {
	assert.Empty(t, i18n.Missing(PolicyLifecycle().LabelKeys()...))
	assert.Empty(t, i18n.Missing(TimerLifecycle().LabelKeys()...))
	assert.NoError(t, i18n.Check())
}
