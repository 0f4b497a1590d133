package strategy

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

// FuzzParseChannel: a known name comes back as itself, anything else is
// ErrInvalid with a registered key.
func FuzzParseChannel(f *testing.F) {
	for _, c := range Channels() {
		f.Add(string(c))
	}
	for _, s := range []string{"", "Phone", "pigeon", "email ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseChannel(s)
		if err != nil {
			requireKey(t, err, "strategy.err.channel")
			return
		}
		if string(c) != s {
			t.Fatalf("ParseChannel(%q) = %q", s, c)
		}
	})
}

func requireKey(t *testing.T, err error, key string) {
	t.Helper()
	if !errors.Is(err, carekernel.ErrInvalid) {
		t.Fatalf("%v is not ErrInvalid", err)
	}
	var loc carekernel.Localizable
	if !errors.As(err, &loc) || (key != "" && loc.MessageKey() != key) || !i18n.Has(loc.MessageKey()) {
		t.Fatalf("%v: key %v, want %q with EN and RU text", err, loc, key)
	}
}

// FuzzNew decodes arbitrary JSON as a Spec and builds it: never a panic,
// only ErrInvalid with a registered key; an accepted spec survives a
// JSON round trip and builds the same strategy again, and segmenting
// any customer does not panic.
func FuzzNew(f *testing.F) {
	good, err := json.Marshal(fixture())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "c", true, "gold", "1000000 EUR", "DE")
	f.Add([]byte(`{"id":"x","version":1,"effective_from":"2026-01-01T00:00:00Z","calendars":[{"name":"c","zone":"UTC","windows":[]}],"policies":[{"id":"p","version":1,"name":"p","targets":[]}],"segments":[{"name":"s","policy":"p","calendar":"c"}],"default":"s","rules":[{"name":"r","segment":"s","all":[{"attr":"revenue","op":"gte","values":["x"]}]}]}`), "", false, "", "", "")
	f.Add([]byte(`{"id":"x","version":0}`), "", false, "", "", "")
	f.Add([]byte(`{"id":"x","version":1,"effective_from":"2026-01-01T00:00:00Z","calendars":[{"name":"c","zone":"Mars/Olympus"}]}`), "", false, "", "", "")
	f.Add([]byte(`null`), "", false, "", "", "")
	f.Fuzz(func(t *testing.T, data []byte, id string, key bool, tier, revenue, region string) {
		var spec Spec
		if json.Unmarshal(data, &spec) != nil {
			return
		}
		st, err := New(spec)
		if err != nil {
			requireKey(t, err, "")
			return
		}
		b, err := json.Marshal(st.Spec())
		if err != nil {
			t.Fatalf("an accepted spec does not encode: %v", err)
		}
		var back Spec
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		again, err := New(back)
		if err != nil {
			t.Fatalf("an accepted spec is refused after a round trip: %v\n%s", err, b)
		}
		b2, err := json.Marshal(again.Spec())
		if err != nil || string(b) != string(b2) {
			t.Fatalf("round trip differs: %v\n%s\n%s", err, b, b2)
		}
		cu := Customer{ID: id, KeyAccount: key, Tier: tier, Region: region, ProductLines: []string{tier}, Attributes: map[string]string{"x": region}}
		if m, err := parseMoney(revenue); err == nil {
			cu.Revenue = m
		}
		d1, err1 := st.Segment(cu)
		d2, err2 := again.Segment(cu)
		if (err1 == nil) != (err2 == nil) || d1.Segment != d2.Segment || d1.Rule != d2.Rule {
			t.Fatalf("the round trip segments differently: %v %v / %v %v", d1.Segment, err1, d2.Segment, err2)
		}
		for _, seg := range back.Segments {
			_ = st.Channels(seg.Name)
			_ = st.Standards(seg.Name)
		}
	})
}

// FuzzDecodeRecord rehydrates arbitrary stored records: never a panic,
// only the "damaged" error; an accepted record re-encodes to one that
// decodes equal.
func FuzzDecodeRecord(f *testing.F) {
	spec := fixture()
	r := record{ID: "acme", Versions: []Version{{Spec: spec, State: VersionActive}, {Spec: Spec{ID: "acme", Version: 2}, State: VersionDraft}}}
	good, err := json.Marshal(r)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "acme")
	f.Add([]byte(`{"id":"acme","versions":[{"spec":{"version":1},"state":"flying"}]}`), "acme")
	f.Add([]byte(`{"id":"acme","versions":[{"spec":{"version":1},"state":"draft"},{"spec":{"version":1},"state":"draft"}]}`), "acme")
	f.Add([]byte(`{"id":"other","versions":[]}`), "acme")
	f.Add([]byte(`[]`), "")
	f.Fuzz(func(t *testing.T, body []byte, id string) {
		got, err := decodeRecord(body, id)
		if err != nil {
			requireKey(t, err, "strategy.err.stored")
			return
		}
		_ = got.active()
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatalf("an accepted record does not encode: %v", err)
		}
		again, err := decodeRecord(b, id)
		if err != nil {
			t.Fatalf("re-encoded record refused: %v", err)
		}
		b2, _ := json.Marshal(again)
		if !reflect.DeepEqual(b, b2) {
			t.Fatalf("round trip differs\n%s\n%s", b, b2)
		}
	})
}
