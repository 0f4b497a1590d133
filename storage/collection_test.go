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
