package sqlstore

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSuccessor(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"a-", "a.", true},
		{"Пё", "Пђ", true},
		{"a\U0010FFFF", "b", true},
		{"\U0010FFFF", "", false},
		{"", "", false},
		{"x\uD7FF", "x\uE000", true},
	}
	for _, tt := range tests {
		got, ok := successor(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("successor(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && (!utf8.ValidString(got) || got <= tt.in || strings.HasPrefix(got, tt.in)) {
			t.Errorf("successor(%q) = %q is not the least string above its prefix range", tt.in, got)
		}
	}
}

func TestRebind(t *testing.T) {
	q := "SELECT a FROM t WHERE b = ? AND c IN (?, ?)"
	if got := Postgres.rebind(q); got != "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)" {
		t.Errorf("Postgres.rebind = %q", got)
	}
	if got := SQLite.rebind(q); got != q {
		t.Errorf("SQLite.rebind = %q", got)
	}
}

func TestStatementsOf(t *testing.T) {
	got := statementsOf("-- comment\nCREATE TABLE a (\n\tx int\n);\n\nCREATE INDEX i ON a (x);\n")
	if len(got) != 2 || !strings.HasPrefix(got[0], "CREATE TABLE a") || got[1] != "CREATE INDEX i ON a (x);" {
		t.Errorf("statementsOf = %q", got)
	}
}
