package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
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
