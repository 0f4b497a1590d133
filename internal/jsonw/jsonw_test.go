package jsonw

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/internal/cputime"
)

// FuzzAppendString holds AppendString byte-equal to encoding/json for
// any string, valid UTF-8 or not.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "<a href=\"x\">&amp;</a>",
		"\b\f\n\r\t\x00\x1f\x7f", "Чайник не включается", "emoji 🫖", "\u2028\u2029", "bad \xff\xfe utf-8", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got[1:], want)
		}
	})
}

// TestAppendStringSpecialAtEveryOffset puts each kind of byte the
// writer must not copy as it is at every offset of the 8-byte words it
// tests, and of the last word it tests again, and compares the result
// with encoding/json's.
func TestAppendStringSpecialAtEveryOffset(t *testing.T) {
	for _, ins := range []string{`"`, `\`, "<", ">", "&", "\x00", "\x1f", "\n", "\x7f", "é", "Ж", "🙂", "\u2028", "\u2029",
		"\xc3", "\xff", "\xe2\x80", "\xed\xa0\x80", "\x80", "'", "=", "%", "#", "[", "]", "^", "|"} {
		for pre := 0; pre < 20; pre++ {
			for post := 0; post < 20; post++ {
				s := strings.Repeat("a", pre) + ins + strings.Repeat("b", post)
				want, _ := json.Marshal(s)
				if got := AppendString(nil, s); !bytes.Equal(got, want) {
					t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got, want)
				}
			}
		}
	}
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

// asciiStrings are the short ASCII strings the warranty claim encoder
// and the complaint importer write most: IDs, codes, RFC 3339 times,
// amounts.
var asciiStrings = []string{
	"0195c3a8-0000-7000-8000-000000000001", "acme", "closed", "D-0042", "dealer", "P-7", "SN-000123", "M03",
	"pumps", "C-0000001", "ru", "2025-06-01T00:00:00Z", "2026-03-01T09:00:00Z", "POL-1", "EUR", "F-201",
	"P-1001", "part", "P-1001", "125.40", "approved", "received", "validated", "agent-7", "supplier", "S-9",
	"2027-06-04T00:00:00Z", "covered", "hours", "1200",
}

// mixStrings adds what they write less often: Russian names and notes,
// a few strings to escape.
var mixStrings = append(append([]string(nil), asciiStrings...),
	"Проверено", "Иванова Мария", "pump <P-7> & seal", "line 1\nline 2", "2026-09-01T00:00:00Z", "recover_by")

func BenchmarkAppendString(b *testing.B) {
	for _, set := range []struct {
		name string
		ss   []string
	}{{"mix", mixStrings}, {"ascii", asciiStrings}} {
		n := 0
		for _, s := range set.ss {
			n += len(s)
		}
		b.Run(set.name, func(b *testing.B) {
			b.SetBytes(int64(n))
			buf := make([]byte, 0, 4096)
			start := cputime.Now()
			for b.Loop() {
				buf = buf[:0]
				for _, s := range set.ss {
					buf = AppendString(buf, s)
				}
			}
			cputime.Report(b, start)
		})
	}
}
