package sqlstore

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/carekernel/carekernel/storage"
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

// TestDecodeIndexFast: the fast reader agrees with encoding/json on what
// encodeIndex writes, and gives up (falls back) on anything else.
func TestDecodeIndexFast(t *testing.T) {
	indexes := []map[string]storage.Value{
		{"model": storage.String("M03"), "serial": storage.String("S00000001")},
		{"name": storage.String("Пётр 🙂"), "esc": storage.String(`a"b\c<d>&` + "\t"), "empty": storage.String("")},
		{"n": storage.Number(-1.5), "big": storage.Number(1e21), "tiny": storage.Number(5e-324), "zero": storage.Number(math.Copysign(0, -1)), "int": storage.Int(42)},
		{"t": storage.TimeMicros(1735689600000001), "neg": storage.TimeMicros(-5), "at": storage.Time(time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC))},
	}
	for _, ix := range indexes {
		enc, err := encodeIndex(ix)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeIndex([]byte(enc))
		if err != nil || len(got) != len(ix) {
			t.Fatalf("decodeIndex(%s) = %v, %v", enc, got, err)
		}
		for k, v := range ix {
			if g := got[k]; g.Type() != v.Type() || g.Compare(v) != 0 || g.Type() == storage.TypeNumber && math.Signbit(g.Num()) != math.Signbit(v.Num()) {
				t.Errorf("%s: field %s came back as %v, want %v", enc, k, g, v)
			}
		}
	}
	for _, odd := range []string{`[{"f" : "a", "s" : "b"}]`, `[{"f":"a","x":1}]`, `[{"f":"a","n":"1"}]`, `[{"f":"a","s":"b"}] `, `[{"f":"a\u0062","s":"b"}]`, `[{"f":"a","t":1.5}]`} {
		if m, ok := decodeIndexFast([]byte(odd)); ok {
			t.Errorf("decodeIndexFast(%s) = %v, want a fall back to encoding/json", odd, m)
		}
	}
	if m, err := decodeIndex([]byte(`[{"f" : "a", "s" : "b"}]`)); err != nil || m["a"].Str() != "b" {
		t.Errorf("the encoding/json fall back read %v, %v", m, err)
	}
}
