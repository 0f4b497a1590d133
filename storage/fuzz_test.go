package storage_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

// FuzzDecodeCursor: any string decodes to a cursor or to an ErrInvalid
// error, never a panic; a decoded cursor holds a value an index could
// hold and survives another encode and decode.
func FuzzDecodeCursor(f *testing.F) {
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	for _, v := range []storage.Value{{}, storage.String("Пётр 🙂"), storage.Number(-2.5), storage.TimeMicros(1735689600000001)} {
		f.Add(storage.EncodeCursor(storage.Cursor{Value: v, ID: id}))
	}
	f.Add("")
	f.Add("AQ")
	f.Add("!!not a cursor!!")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := storage.DecodeCursor(s)
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) {
				t.Fatalf("DecodeCursor(%q): %v, want ErrInvalid", s, err)
			}
			return
		}
		if c.ID.IsZero() {
			t.Fatalf("DecodeCursor(%q) returned a zero id", s)
		}
		if c.Value.Type() == storage.TypeNumber && (math.IsNaN(c.Value.Num()) || math.IsInf(c.Value.Num(), 0)) {
			t.Fatalf("DecodeCursor(%q) returned the number %v", s, c.Value.Num())
		}
		again, err := storage.DecodeCursor(storage.EncodeCursor(c))
		if err != nil || again.ID != c.ID || again.Value.Type() != c.Value.Type() || again.Value.Compare(c.Value) != 0 {
			t.Fatalf("cursor %+v came back as %+v, %v", c, again, err)
		}
	})
}

// FuzzQuery: a query of fuzzed fields, operators and values is refused
// with ErrInvalid or accepted; an accepted one runs on the memory store,
// returns only documents storage.Match accepts and pages to the end.
func FuzzQuery(f *testing.F) {
	f.Add("n", "=", uint8(2), "", 3.0, int64(0), "", "s", 0, false)
	f.Add("s", "prefix", uint8(1), "a-", 0.0, int64(0), "s", "", 3, true)
	f.Add("t", ">=", uint8(3), "", 0.0, int64(1735689600000000), "t", "n", 2, false)
	f.Add("grp", "in", uint8(1), "even", 0.0, int64(0), "n", "grp", 1, false)
	f.Add("Bad-Field", "~", uint8(9), "\xff", math.NaN(), int64(-1), "", "", -1, false)
	f.Add("n", "<", uint8(2), "", math.Inf(1), int64(0), "", "", 5000, true)
	ctx := context.Background()
	st := memory.New()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 20 {
		grp := "even"
		if i%2 == 1 {
			grp = "odd"
		}
		d := storage.Document{Tenant: "t", Kind: "k", ID: ids.NewID(), Body: json.RawMessage(`{}`), Index: map[string]storage.Value{
			"n": storage.Int(int64(i % 7)), "s": storage.String(string(rune('a'+i%3)) + "-" + string(rune('0'+i%10))),
			"t": storage.Time(base.Add(time.Duration(i) * time.Hour)), "grp": storage.String(grp)}}
		if i%5 == 0 {
			d.Index["n"] = storage.String("five") // a field of mixed types
		}
		if _, err := st.Save(ctx, d, 0, nil); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, field, op string, typ uint8, s string, n float64, us int64, orderBy, field2 string, limit int, desc bool) {
		var v storage.Value
		switch typ % 4 {
		case 1:
			v = storage.String(s)
		case 2:
			v = storage.Number(n)
		case 3:
			v = storage.TimeMicros(us)
		}
		q := storage.Query{Where: []storage.Cond{{Field: field, Op: storage.Op(op), Values: []storage.Value{v}}}, OrderBy: orderBy, Limit: limit % (storage.MaxPageSize + 10), Desc: desc}
		if op == "in" {
			q.Where[0].Values = append(q.Where[0].Values, storage.String(s))
		}
		if field2 != "" {
			q.Where = append(q.Where, storage.Where(field2, storage.Ge, v))
		}
		_, err := storage.CheckQuery(q)
		p, ferr := st.Find(ctx, "t", "k", q)
		if err != nil {
			if !errors.Is(err, carekernel.ErrInvalid) || !errors.Is(ferr, carekernel.ErrInvalid) {
				t.Fatalf("query %+v: CheckQuery %v, Find %v; want both ErrInvalid", q, err, ferr)
			}
			return
		}
		seen := map[carekernel.ID]bool{}
		for pages := 0; ; pages++ {
			if ferr != nil {
				t.Fatalf("query %+v accepted by CheckQuery, Find: %v", q, ferr)
			}
			for _, d := range p.Docs {
				if !storage.Match(d.Index, q) || seen[d.ID] {
					t.Fatalf("query %+v returned %v (index %v) that does not match or twice", q, d.ID, d.Index)
				}
				seen[d.ID] = true
			}
			if p.Next == "" || pages > 20 {
				break
			}
			q.Cursor = p.Next
			p, ferr = st.Find(ctx, "t", "k", q)
		}
	})
}
