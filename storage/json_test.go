package storage

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

var jsonSamples = []string{
	`{}`, ` {} `, `{"a":1}`, `{"a":[1,2,{"b":null}],"c":"d"}`, `[]`, `[1,]`, `{"a":1,}`, `{,}`, `{"a" 1}`, `{"a":}`,
	`"x"`, `"\u00e9\n\t\"\\\/\b\f\r"`, `"\u00g0"`, `"\x"`, `"a` + "\x01" + `"`, `"unterminated`, `"ab\`,
	`0`, `-0`, `-`, `01`, `1.`, `1.5`, `1e5`, `1E+5`, `1e-5`, `1e`, `-1.5e-10`, `.5`, `+1`, `1.5.5`,
	`true`, `false`, `null`, `tru`, `nul`, `truex`, `{"a":true false}`, `{"a":1}{}`, ``, ` `, `{"a":1} x`,
	`{"Пётр":"Щукин 🙂"}`, "{\"a\":\"\xc3\x28\"}", "{\"a\":\"\xff\"}", "\xef\xbb\xbf{}", `{"a":"` + strings.Repeat("x", 100) + `"}`,
	`{"a":"` + strings.Repeat("é", 30) + `"}`, `[[[[[]]]]]`, `[[[[[]]]]`, `{"a":{"b":{"c":{}}}}`, `{"a":{"b":{"c":{}}}`,
	"{\"a\":\"\xed\xa0\x80\"}", // a surrogate half, not UTF-8
	`{"a":"12345678\"9"}`, `{"a":"1234567\\\\"}`,
}

func TestValidJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSamples {
		for _, strict := range []bool{false, true} {
			want := json.Valid([]byte(s)) && (!strict || utf8.ValidString(s))
			if got := validJSON([]byte(s), strict); got != want {
				t.Errorf("validJSON(%q, utf8 %v) = %v, json.Valid says %v", s, strict, got, want)
			}
		}
	}
}

func TestValidJSONDepthLimit(t *testing.T) {
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		for _, open := range []string{"[", `{"a":`} {
			closeWith := "]"
			if open != "[" {
				closeWith = "}"
			}
			s := strings.Repeat(open, n) + strings.Repeat(closeWith, n)
			if got, want := validJSON([]byte(s), true), json.Valid([]byte(s)); got != want {
				t.Errorf("depth %d of %s: validJSON %v, json.Valid %v", n, open, got, want)
			}
		}
		s := strings.Repeat("[", n-1) + "{}" + strings.Repeat("]", n-1)
		if got, want := validJSON([]byte(s), true), json.Valid([]byte(s)); got != want {
			t.Errorf("depth %d ending in {}: validJSON %v, json.Valid %v", n, got, want)
		}
	}
}

// TestValidJSONSpecialByteAtEveryOffset puts each byte a string must
// look at (a quote, an escape, a control character, the start of a
// multi-byte or broken UTF-8 sequence) at every offset of the 8-byte
// words the scanner skips, and at every offset of a long string's bulk
// check (past the first 40 bytes), so a miscounted jump cannot go
// unnoticed.
func TestValidJSONSpecialByteAtEveryOffset(t *testing.T) {
	for _, ins := range []string{`"`, `\`, `\"`, `\u00e9`, `\q`, "\x01", "\x1f", "\x7f", "é", "🙂", "\xc3", "\xff", "\xe2\x82", "\xed\xa0\x80", "\x80", "\x9f"} {
		for pre := 0; pre < 90; pre++ {
			for post := 0; post < 10; post++ {
				s := `{"k":"` + strings.Repeat("a", pre) + ins + strings.Repeat("b", post) + `","z":1}`
				for _, strict := range []bool{false, true} {
					want := json.Valid([]byte(s)) && (!strict || utf8.ValidString(s))
					if got := validJSON([]byte(s), strict); got != want {
						t.Fatalf("validJSON(%q, utf8 %v) = %v, json.Valid says %v", s, strict, got, want)
					}
				}
			}
		}
	}
}

// TestValidJSONOneByteChanged changes each byte of a claim-like body
// (and of the body shifted, so its bytes meet other offsets of the
// scanner's 64-byte blocks) to each byte that matters to it, and checks
// every result against encoding/json.
func TestValidJSONOneByteChanged(t *testing.T) {
	body := claimLikeBody()
	for _, shift := range []int{0, 13, 38} {
		doc := []byte(`{"pad":"` + strings.Repeat("p", shift) + `","claim":` + string(body) + `}`)
		for i := range doc {
			orig := doc[i]
			for _, c := range []byte{'"', '\\', ':', ',', '{', '}', '[', ']', ' ', '1', 'x', 0x01, '\n', 0xC3, 0xD0, 0xFF} {
				doc[i] = c
				isJSON, isUTF8 := json.Valid(doc), utf8.Valid(doc)
				for _, strict := range []bool{false, true} {
					want := isJSON && (!strict || isUTF8)
					if got := validJSON(doc, strict); got != want {
						t.Fatalf("byte %d set to %q (shift %d): validJSON(utf8 %v) = %v, json.Valid says %v", i, c, shift, strict, got, want)
					}
				}
			}
			doc[i] = orig
		}
	}
}

// TestValidJSONDeepMixed nests objects and arrays in turn around the
// 64 levels the scanner tracks in a word, with a member after each
// close, and checks well- and ill-formed ends against encoding/json.
func TestValidJSONDeepMixed(t *testing.T) {
	for n := 60; n <= 70; n++ {
		var open, close strings.Builder
		for d := range n {
			if d%2 == 0 {
				open.WriteString(`{"k":`)
			} else {
				open.WriteString(`[1,"x",`)
			}
		}
		for d := n - 1; d >= 0; d-- {
			if d%2 == 0 {
				close.WriteString(`,"z":{}}`)
			} else {
				close.WriteString(`,[]]`)
			}
		}
		good := open.String() + `"v"` + close.String()
		if !json.Valid([]byte(good)) {
			t.Fatalf("depth %d: the test's own document is not JSON: %s", n, good)
		}
		docs := []string{good, open.String() + `{}` + close.String(), open.String() + `"v"` + close.String()[1:]}
		for _, cut := range []int{1, 2, 5, 9} { // a closer of the wrong kind, a missing one
			c := []byte(good)
			j := len(c) - cut
			switch c[j] {
			case '}':
				c[j] = ']'
			case ']':
				c[j] = '}'
			}
			docs = append(docs, string(c), good[:len(good)-cut])
		}
		for _, s := range docs {
			if got, want := validJSON([]byte(s), true), json.Valid([]byte(s)); got != want {
				t.Errorf("depth %d: validJSON(%q) = %v, json.Valid says %v", n, s, got, want)
			}
		}
	}
}

// FuzzValidJSON checks the one-pass validator against encoding/json and
// unicode/utf8 on arbitrary input.
func FuzzValidJSON(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, strict := range []bool{false, true} {
			want := json.Valid(b) && (!strict || utf8.Valid(b))
			if got := validJSON(b, strict); got != want {
				t.Fatalf("validJSON(%q, utf8 %v) = %v, want %v", b, strict, got, want)
			}
		}
	})
}

// claimLikeBody is shaped like a warranty claim document (about 2.2 KB
// of short keys, short values, times, money and nested lists), where
// the per-token cost of the validator shows more than its per-byte one.
func claimLikeBody() []byte {
	money := `{"amount":"125.40","currency":"EUR"}`
	var lines, history []string
	for n := range 3 {
		lines = append(lines, fmt.Sprintf(`{"no":%d,"kind":"part","code":"P-10%02d","qty":"1","price":%s,"amount":%s,"approved":%s,"decision":"approved"}`, n+1, n+1, money, money, money))
	}
	for n := range 6 {
		history = append(history, fmt.Sprintf(`{"at":"2026-03-0%dT10:15:00Z","from":"received","to":"validated","by":"agent-7","note":"Проверено"}`, n+1))
	}
	return []byte(`{"id":"0195c3a8-0000-7000-8000-000000000001","tenant":"acme","state":"closed","claimant":"D-0042","origin":"dealer",` +
		`"processor":"P-7","serial":"SN-000123","model":"M03","product_line":"pumps","dealer":"D-0042","customer_id":"C-0000001",` +
		`"customer_lang":"ru","unit":{"purchased":"2025-06-01T00:00:00Z","delivered":"2025-06-03T00:00:00Z","registered":"2025-06-04T00:00:00Z",` +
		`"usage":[{"unit":"hours","value":"1200"}]},"policy_id":"POL-1","policy_version":3,"currency":"EUR","received":"2026-03-01T09:00:00Z",` +
		`"failure_date":"2026-02-27T00:00:00Z","failure_code":"F-201","causal_part":"P-1001","lines":[` + strings.Join(lines, ",") + `],` +
		`"coverage":{"outcome":"covered","parts":true,"labour":true,"travel":false,"deductible":{"amount":"0","currency":"EUR"},` +
		`"months_in_service":9,"days_left":640,"end":"2027-06-04T00:00:00Z"},"responsible":{"party":"supplier","kind":"supplier","id":"S-9",` +
		`"parts":"0.8","labour":"0.5","recover_by":"2026-09-01T00:00:00Z"},"history":[` + strings.Join(history, ",") + `]}`)
}

// cyrillicBody is a complaint's comment thread in Russian (about 3.8
// KB): most string bytes are two-byte characters.
func cyrillicBody() []byte {
	var comments []string
	for n := range 12 {
		comments = append(comments, fmt.Sprintf(`{"at":"2026-03-%02dT10:15:00Z","author":"Иванова Мария Петровна","text":"Клиент сообщил, что насос №%d перестал включаться после замены ТЭНа; просит заменить по гарантии."}`, n+1, n))
	}
	return []byte(`{"subject":"Жалоба на качество ремонта","comments":[` + strings.Join(comments, ",") + `]}`)
}

// numberBody is a series of readings (about 3.4 KB): mostly numbers,
// with one-letter keys.
func numberBody() []byte {
	var points []string
	for n := range 60 {
		points = append(points, fmt.Sprintf(`{"t":%d,"v":%d.%02d,"min":-%d.5,"max":%de3,"ok":true}`, 1767225600+n*60, 200+n, n, n, n%7))
	}
	return []byte(`{"series":[` + strings.Join(points, ",") + `]}`)
}

func BenchmarkValidJSON(b *testing.B) {
	body := []byte(`{"text":"` + strings.Repeat("x", 1000) + `"}`)
	mixed := []byte(`{"id":"0195c3a8-0000-7000-8000-000000000001","tenant":"acme","serial":"S00000001","model":"M01","lot":"L0001","owner":{"customer_id":"C0000001","language":"ru","name":"Пётр Иванович"},"amount":"12345.67","items":[1,2,3,4.5e3,true,false,null],"registered":"2026-01-01T00:00:00Z"}`)
	for _, bc := range []struct {
		name string
		b    []byte
	}{{"1KiB-string", body}, {"mixed", mixed}, {"claim", claimLikeBody()}, {"cyrillic", cyrillicBody()}, {"numbers", numberBody()}} {
		b.Run(bc.name+"/validJSON", func(b *testing.B) {
			b.SetBytes(int64(len(bc.b)))
			for b.Loop() {
				if !validJSON(bc.b, true) {
					b.Fatal("invalid")
				}
			}
		})
		b.Run(bc.name+"/json.Valid+utf8.Valid", func(b *testing.B) {
			b.SetBytes(int64(len(bc.b)))
			for b.Loop() {
				if !json.Valid(bc.b) || !utf8.Valid(bc.b) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
