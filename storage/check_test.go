package storage_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
)

func TestMessages(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
	keys := []string{"storage.err.not_found", "storage.err.exists", "storage.err.stale", "storage.err.busy", "storage.err.utf8",
		"storage.err.body_json", "storage.err.too_large", "storage.err.field_invalid", "storage.err.cursor", "storage.err.value_invalid"}
	if m := i18n.Missing(keys...); len(m) != 0 {
		t.Fatalf("unregistered keys: %v", m)
	}
}

func TestCheckSaveRejectsInvalidUTF8(t *testing.T) {
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	good := storage.Document{Tenant: "t", Kind: "k", ID: id, Body: json.RawMessage(`{"a":"ok"}`)}
	if _, err := storage.CheckSave(good, 0, nil); err != nil {
		t.Fatalf("valid document refused: %v", err)
	}
	bad := map[string]storage.Document{}
	d := good
	d.Body = json.RawMessage("{\"a\":\"\xc3\x28\"}")
	bad["body"] = d
	d = good
	d.Subject = "\xff"
	bad["subject"] = d
	d = good
	d.Index = map[string]storage.Value{"f": storage.String("a\xffb")}
	bad["index value"] = d
	for name, d := range bad {
		_, err := storage.CheckSave(d, 0, nil)
		var ce *carekernel.Error
		if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &ce) || ce.Key != "storage.err.utf8" {
			t.Errorf("invalid UTF-8 in the %s: got %v, want ErrInvalid with key storage.err.utf8", name, err)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	for _, v := range []storage.Value{{}, storage.String("Пётр 🙂"), storage.Number(-2.5), storage.TimeMicros(1735689600000001)} {
		c, err := storage.DecodeCursor(storage.EncodeCursor(storage.Cursor{Value: v, ID: id}))
		if err != nil || c.ID != id || c.Value.Type() != v.Type() || c.Value.Compare(v) != 0 {
			t.Errorf("cursor of %v came back as %+v, %v", v, c, err)
		}
	}
	if _, err := storage.DecodeCursor("AQ"); !errors.Is(err, carekernel.ErrInvalid) {
		t.Errorf("short cursor: got %v, want ErrInvalid", err)
	}
}

func TestCheckSaveAll(t *testing.T) {
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	a := storage.Document{Tenant: "t", Kind: "k", ID: ids.NewID(), Body: json.RawMessage(`{}`)}
	b := storage.Document{Tenant: "t", Kind: "k", ID: ids.NewID(), Body: json.RawMessage(`{}`)}
	other := b
	other.Tenant = "u"
	sameIDOtherKind := a
	sameIDOtherKind.Kind = "k2"
	ev := carekernel.Event{Type: "k.created", Payload: json.RawMessage(`{"x":1}`)}
	got, err := storage.CheckSaveAll([]storage.Write{{Doc: a, Events: []carekernel.Event{ev}}, {Doc: b}, {Doc: sameIDOtherKind}})
	if err != nil {
		t.Fatalf("valid writes refused: %v", err)
	}
	if got[0].Events[0].Tenant != "t" {
		t.Errorf("event tenant not filled in: %q", got[0].Events[0].Tenant)
	}
	ev.Payload[5] = '2'
	if string(got[0].Events[0].Payload) != `{"x":1}` {
		t.Errorf("event payload aliased: %s", got[0].Events[0].Payload)
	}
	for name, tc := range map[string]struct {
		writes []storage.Write
		key    string
	}{
		"two tenants":    {[]storage.Write{{Doc: a}, {Doc: other}}, "storage.err.tenant_mixed"},
		"same doc twice": {[]storage.Write{{Doc: a}, {Doc: b}, {Doc: a, Expected: 1}}, "storage.err.write_duplicate"},
		"bad body":       {[]storage.Write{{Doc: a}, {Doc: storage.Document{Tenant: "t", Kind: "k", ID: b.ID, Body: json.RawMessage(`[]`)}}}, "storage.err.body_json"},
	} {
		_, err := storage.CheckSaveAll(tc.writes)
		var ce *carekernel.Error
		if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &ce) || ce.Key != tc.key || ce.Op != "storage.SaveAll" {
			t.Errorf("%s: got %v, want ErrInvalid from storage.SaveAll with key %s", name, err, tc.key)
		}
		if verr := storage.ValidateSaveAll(tc.writes); verr == nil || verr.Error() != err.Error() {
			t.Errorf("%s: ValidateSaveAll returned %v, CheckSaveAll %v", name, verr, err)
		}
	}
	if m := i18n.Missing("storage.err.tenant_mixed", "storage.err.write_duplicate"); len(m) != 0 {
		t.Errorf("unregistered keys: %v", m)
	}
}

func TestDecodeCursorRefusesValuesNoIndexHolds(t *testing.T) {
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	for _, v := range []storage.Value{storage.Number(math.NaN()), storage.Number(math.Inf(-1)), storage.String("\xff"), storage.String(strings.Repeat("x", storage.MaxStringValueLen+1))} {
		if _, err := storage.DecodeCursor(storage.EncodeCursor(storage.Cursor{Value: v, ID: id})); !errors.Is(err, carekernel.ErrInvalid) {
			t.Errorf("cursor with %v: got %v, want ErrInvalid", v, err)
		}
	}
}

// TestValidateSave checks that ValidateSave refuses what CheckSave
// refuses, with the same error, and leaves the events as they were.
func TestValidateSave(t *testing.T) {
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	doc := storage.Document{Tenant: "t", Kind: "k", ID: id, Body: json.RawMessage(`{}`)}
	ev := carekernel.Event{Type: "k.created", Payload: json.RawMessage(`{"x":1}`)}
	with := func(f func(*storage.Document, *carekernel.Event)) (storage.Document, []carekernel.Event) {
		d, e := doc, ev
		f(&d, &e)
		return d, []carekernel.Event{ev, e}
	}
	cases := map[string]func(*storage.Document, *carekernel.Event){
		"valid":      func(*storage.Document, *carekernel.Event) {},
		"own tenant": func(_ *storage.Document, e *carekernel.Event) { e.Tenant = "t" },
		"bad body":   func(d *storage.Document, _ *carekernel.Event) { d.Body = json.RawMessage(`[]`) },
		"bad field": func(d *storage.Document, _ *carekernel.Event) {
			d.Index = map[string]storage.Value{"Bad": storage.Int(1)}
		},
		"event tenant":    func(_ *storage.Document, e *carekernel.Event) { e.Tenant = "u" },
		"event type":      func(_ *storage.Document, e *carekernel.Event) { e.Type = "" },
		"event payload":   func(_ *storage.Document, e *carekernel.Event) { e.Payload = json.RawMessage(`{`) },
		"no payload":      func(_ *storage.Document, e *carekernel.Event) { e.Payload = nil },
		"invalid subject": func(d *storage.Document, _ *carekernel.Event) { d.Subject = "\xff" },
	}
	for name, f := range cases {
		d, events := with(f)
		before := append([]carekernel.Event(nil), events...)
		_, cerr := storage.CheckSave(d, 0, events)
		verr := storage.ValidateSave(d, 0, events)
		if (cerr == nil) != (verr == nil) || cerr != nil && cerr.Error() != verr.Error() {
			t.Errorf("%s: ValidateSave returned %v, CheckSave %v", name, verr, cerr)
		}
		if (cerr == nil) != (name == "valid" || name == "own tenant" || name == "no payload") {
			t.Errorf("%s: CheckSave returned %v", name, cerr)
		}
		for i := range events {
			if events[i].Tenant != before[i].Tenant || string(events[i].Payload) != string(before[i].Payload) {
				t.Errorf("%s: event %d changed", name, i)
			}
		}
	}
}

// A Value holds a number's bits: -0 must still be the Value 0, equal
// by == (map keys, struct comparison) as well as by Compare.
func TestNumberNegativeZero(t *testing.T) {
	neg := storage.Number(math.Copysign(0, -1))
	if neg != storage.Number(0) || neg != storage.Int(0) {
		t.Fatalf("Number(-0) = %#v, want the Value of 0", neg)
	}
	if neg.Compare(storage.Number(0)) != 0 || math.Signbit(neg.Num()) {
		t.Fatalf("Number(-0) compares %d to 0 and has sign bit %v", neg.Compare(storage.Number(0)), math.Signbit(neg.Num()))
	}
}
