package workforce

import (
	"testing"
	"time"

	"github.com/carekernel/carekernel"
)

func TestUtilizeFromStateEvents(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	m := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	events := []StateEvent{
		{"ann", m(0), StateAvailable},
		{"ann", m(10), StateBusy},
		{"ann", m(40), StateWrap},
		{"ann", m(45), StateAvailable},
		{"ann", m(60), StateAux}, // break 60–75
		{"ann", m(75), StateBusy},
		{"bob", m(20), StateAvailable}, // late by 20 minutes
		{"bob", m(30), StateBusy},
	}
	schedule := []Activity{
		{"ann", m(0), m(60), ActivityWork}, {"ann", m(60), m(70), ActivityOff}, {"ann", m(70), m(120), ActivityWork},
		{"bob", m(0), m(120), ActivityWork},
	}
	us, err := Utilize(events, schedule, m(0), m(120))
	must(t, err)
	check(t, len(us) == 3 && us[0].Agent == "ann" && us[1].Agent == "bob" && us[2].Agent == "", "%+v", us)
	ann, bob, team := us[0], us[1], us[2]
	check(t, ann.Handling == 80*time.Minute && ann.Available == 25*time.Minute && ann.Aux == 15*time.Minute && ann.LoggedIn == 120*time.Minute, "ann %+v", ann)
	near(t, 80.0/105, ann.Occupancy, 1e-12, "ann occupancy")
	near(t, 80.0/120, ann.Utilization, 1e-12, "ann utilization")
	// Out of adherence 70–75 only (scheduled to work, still on break).
	near(t, 115.0/120, ann.Adherence, 1e-12, "ann adherence")
	near(t, 120.0/110, ann.Conformance, 1e-12, "ann conformance")
	near(t, 100.0/120, bob.Adherence, 1e-12, "bob adherence")
	check(t, team.Handling == ann.Handling+bob.Handling, "team %+v", team)
	near(t, 215.0/240, team.Adherence, 1e-12, "team adherence")
}

func TestUtilizeBadInput(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_, err := Utilize(nil, nil, t0, t0)
	isKind(t, err, carekernel.ErrInvalid, "window")
	_, err = Utilize([]StateEvent{{"a", t0, "lunch"}}, nil, t0, t0.Add(time.Hour))
	var ce *carekernel.Error
	check(t, asErr(err, &ce) && ce.Key == "workforce.err.state" && ce.Field == "events[0].state", "%v", err)
	_, err = Utilize([]StateEvent{{"", t0, StateBusy}}, nil, t0, t0.Add(time.Hour))
	isKind(t, err, carekernel.ErrInvalid, "agent")
}
