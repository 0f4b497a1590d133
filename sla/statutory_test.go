package sla

import (
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatutory(t *testing.T) {
	c := berlin(t)
	sp := mustCal(t, CalendarSpec{Name: "SP 24x7", Zone: "America/Sao_Paulo", Windows: everyDay(0, HM(24, 0))})
	cases := []struct {
		name  string
		s     Statutory
		cal   *Calendar
		start time.Time
		want  time.Time
	}{
		{"24 hours are real hours", Statutory{24, Hours}, c, at(t, c, 2026, 3, 28, 10, 0), utc(2026, 3, 29, 9, 0)},
		// Working days after Thu 2 Apr: Good Friday and Easter Monday do
		// not count; the fifth is Mon 13 Apr, ending at midnight.
		{"5 working days", Statutory{5, WorkingDays}, c, at(t, c, 2026, 4, 2, 10, 0), at(t, c, 2026, 4, 14, 0, 0)},
		{"30 calendar days", Statutory{30, CalendarDays}, c, at(t, c, 2026, 3, 2, 15, 0), at(t, c, 2026, 4, 2, 0, 0)},
		// Last day Good Friday: moved past the weekend and Easter Monday.
		{"last day on a holiday", Statutory{1, CalendarDays}, c, at(t, c, 2026, 4, 2, 10, 0), at(t, c, 2026, 4, 8, 0, 0)},
		// The end of 3 Nov 2018 in São Paulo is a midnight that did not
		// exist: the deadline is the first instant after the gap.
		{"midnight in a gap", Statutory{1, CalendarDays}, sp, utc(2018, 11, 2, 13, 0), utc(2018, 11, 4, 3, 0)},
		{"nil calendar counts every day in UTC", Statutory{2, WorkingDays}, nil, utc(2026, 3, 28, 10, 0), utc(2026, 3, 31, 0, 0)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.s.Due(tc.start, tc.cal)
			require.NoError(t, err)
			assert.True(t, tc.want.Equal(got), "want %v, got %v", tc.want, got)
		})
	}
	_, err := Statutory{0, Hours}.Due(utc(2026, 1, 1, 0, 0), c)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	_, err = Statutory{3, "weeks"}.Due(utc(2026, 1, 1, 0, 0), c)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}
