package storage_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

func TestCollectionWrite(t *testing.T) {
	st := memory.New()
	claims := storage.NewCollection(st, storage.Schema{Kind: "demo.claim", Version: 2, Fields: map[string]storage.ValueType{"state": storage.TypeString}})
	regs := storage.NewCollection(st, storage.Schema{Kind: "demo.registration", Version: 1, Fields: map[string]storage.ValueType{"serial": storage.TypeString}})
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	claim := storage.Document{Tenant: "acme", ID: ids.NewID(), Body: json.RawMessage(`{}`), Index: map[string]storage.Value{"state": storage.String("open")}}
	reg := storage.Document{Tenant: "acme", ID: ids.NewID(), Body: json.RawMessage(`{}`), Index: map[string]storage.Value{"serial": storage.String("SN-1")}}
	wc, err := claims.Write(claim, 0, []carekernel.Event{{Type: "demo.claim.opened"}})
	if err != nil {
		t.Fatal(err)
	}
	if wc.Doc.Kind != "demo.claim" || wc.Doc.Schema != 2 || len(wc.Events) != 1 {
		t.Fatalf("Write did not prepare the document: %+v", wc)
	}
	wr, err := regs.Write(reg, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := claims.Store().SaveAll(t.Context(), []storage.Write{wc, wr}); err != nil {
		t.Fatal(err)
	}
	if d, err := regs.Get(t.Context(), "acme", reg.ID); err != nil || d.Version != 1 || d.Schema != 1 {
		t.Fatalf("registration after SaveAll: %+v, %v", d, err)
	}

	for name, idx := range map[string]map[string]storage.Value{
		"an undeclared field":       {"serial": storage.String("x")},
		"a field of the wrong type": {"state": storage.Int(1)},
	} {
		d := claim
		d.ID = ids.NewID()
		d.Index = idx
		_, err := claims.Write(d, 0, nil)
		var ce *carekernel.Error
		if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &ce) || ce.Op != "storage.Collection.Write" {
			t.Errorf("%s: got %v, want ErrInvalid from storage.Collection.Write", name, err)
		}
	}
}

// TestCollectionRefusesUnknownFields: an index field or query field the
// schema does not declare is an ErrInvalid error, and nothing is written.
func TestCollectionRefusesUnknownFields(t *testing.T) {
	st := memory.New()
	claims := storage.NewCollection(st, storage.Schema{Kind: "demo.claim", Version: 1, Fields: map[string]storage.ValueType{"state": storage.TypeString}})
	id := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).NewID()
	d := storage.Document{Tenant: "acme", ID: id, Body: json.RawMessage(`{}`), Index: map[string]storage.Value{"state": storage.String("open"), "colour": storage.String("red")}}
	_, err := claims.Save(t.Context(), d, 0, []carekernel.Event{{Type: "demo.claim.opened"}})
	var ce *carekernel.Error
	if !errors.Is(err, carekernel.ErrInvalid) || !errors.As(err, &ce) || ce.Key != "storage.err.field_unknown" {
		t.Fatalf("Save with an undeclared index field: got %v, want ErrInvalid storage.err.field_unknown", err)
	}
	if _, err := st.Get(t.Context(), "acme", "demo.claim", id); !errors.Is(err, carekernel.ErrNotFound) {
		t.Errorf("the refused document was written: Get returned %v", err)
	}
	if rs, _ := st.Journal(t.Context(), "acme", 0, 0); len(rs) != 0 {
		t.Errorf("the refused save appended %d events", len(rs))
	}
	for name, q := range map[string]storage.Query{
		"where":    {Where: []storage.Cond{storage.Where("colour", storage.Eq, storage.String("red"))}},
		"order by": {OrderBy: "colour"},
		"type":     {Where: []storage.Cond{storage.Where("state", storage.Eq, storage.Int(1))}},
	} {
		if _, err := claims.Find(t.Context(), "acme", q); !errors.Is(err, carekernel.ErrInvalid) {
			t.Errorf("Find with an undeclared %s field: got %v, want ErrInvalid", name, err)
		}
	}
}
