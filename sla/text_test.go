package sla

import (
	"testing"
	"time"

	"github.com/carekernel/carekernel/i18n"
	"github.com/stretchr/testify/assert"
)

func TestRemaining(t *testing.T) {
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	day := 24 * time.Hour
	cases := []struct {
		d      time.Duration
		en, ru string
	}{
		{day, "1 day left", "остался 1 день"},
		{2*day + 3*time.Hour, "2 days 3 hours left", "осталось 2 дня 3 часа"},
		{5 * day, "5 days left", "осталось 5 дней"},
		{21*day + time.Hour, "21 days 1 hour left", "остался 21 день 1 час"},
		{5 * time.Hour, "5 hours left", "осталось 5 часов"},
		{22*time.Hour + 30*time.Minute, "22 hours 30 minutes left", "осталось 22 часа 30 минут"},
		{time.Minute + 59*time.Second, "1 minute left", "осталась 1 минута"},
		{-5 * day, "overdue by 5 days", "просрочено на 5 дней"},
		{-(day + 2*time.Hour), "overdue by 1 day 2 hours", "просрочено на 1 день 2 часа"},
		{-(3*time.Hour + 21*time.Minute), "overdue by 3 hours 21 minutes", "просрочено на 3 часа 21 минуту"},
	}
	for _, c := range cases {
		assert.Equal(t, c.en, en.Render(Remaining(c.d)))
		assert.Equal(t, c.ru, ru.Render(Remaining(c.d)))
	}
	assert.Equal(t, "2 дня 1 час", ru.Render(Duration(49*time.Hour)))
	assert.Equal(t, "5 рабочих дней", ru.Render(Statutory{5, WorkingDays}.Describe()))
	assert.Equal(t, "1 calendar day", en.Render(Statutory{1, CalendarDays}.Describe()))
}
