package i18n

import (
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

const nbsp = "\u00a0"

// symbols are the currency signs printed instead of the ISO code. Other
// currencies print their code ("CHF 12.00", "12,00 CHF").
var symbols = map[string]string{
	"RUB": "₽", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥",
	"KZT": "₸", "UAH": "₴", "INR": "₹", "BYN": "Br", "TRY": "₺",
}

// Money formats an amount for the language, rounded half away from zero
// to the currency's minor units: English "$1,234.56", "-€0.50",
// "CHF 12.00"; Russian "1 234,56 ₽", "-0,50 €" with no-break spaces
// between digit groups and before the sign. x/text cannot format a
// decimal.Decimal exactly, so the digits are laid out here from the
// decimal string.
func (l *Localizer) Money(m carekernel.Money) string {
	scale := carekernel.MinorUnits(m.Currency())
	s := m.Amount().StringFixed(scale)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	group, dec := ",", "."
	if l.lang == "ru" {
		group, dec = nbsp, ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	sym, hasSym := symbols[m.Currency()]
	if l.lang != "ru" {
		if hasSym {
			b.WriteString(sym)
		} else if m.Currency() != "" {
			b.WriteString(m.Currency() + nbsp)
		}
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	if l.lang == "ru" && m.Currency() != "" {
		b.WriteString(nbsp)
		if hasSym {
			b.WriteString(sym)
		} else {
			b.WriteString(m.Currency())
		}
	}
	return b.String()
}

var (
	monthsEN   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsRU   = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	weekdaysEN = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	weekdaysRU = [...]string{"вс", "пн", "вт", "ср", "чт", "пт", "сб"}
)

// Date formats the calendar date of t in loc (nil: UTC):
// English "Mar 5, 2026", Russian "5 марта 2026 г.".
func (l *Localizer) Date(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	if l.lang == "ru" {
		return itoa(t.Day()) + " " + monthsRU[t.Month()-1] + " " + itoa(t.Year()) + " г."
	}
	return monthsEN[t.Month()-1] + " " + itoa(t.Day()) + ", " + itoa(t.Year())
}

// DateTime formats t in loc (nil: UTC) with the weekday, the time and
// the zone abbreviation: English "Wed, Mar 5, 2026 14:00 CET",
// Russian "ср, 5 марта 2026 г., 14:00 CET".
func (l *Localizer) DateTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	clock := t.Format("15:04 MST")
	if l.lang == "ru" {
		return weekdaysRU[t.Weekday()] + ", " + l.Date(t, loc) + ", " + clock
	}
	return weekdaysEN[t.Weekday()] + ", " + l.Date(t, loc) + " " + clock
}

// Weekday is the short weekday name: "Wed", "ср".
func (l *Localizer) Weekday(d time.Weekday) string {
	if l.lang == "ru" {
		return weekdaysRU[d]
	}
	return weekdaysEN[d]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
