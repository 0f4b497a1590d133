package storage_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
)

var at = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// A Collection is how a domain package sees one kind: it fills in the
// kind and schema version, refuses index fields the schema does not
// declare, and refuses documents written by newer code, with messages
// in the user's language.
func ExampleCollection() {
	ctx := context.Background()
	store := memory.New()
	tickets := storage.NewCollection(store, storage.Schema{Kind: "demo.ticket", Version: 2,
		Fields: map[string]storage.ValueType{"state": storage.TypeString}})
	ids := carekernel.SequentialIDs(at)
	id := ids.NewID()
	v, err := tickets.Save(ctx, storage.Document{Tenant: "acme", ID: id, Body: []byte(`{"subject":"Чайник течёт"}`),
		Index: map[string]storage.Value{"state": storage.String("open")}}, 0, nil)
	fmt.Println(v, err)
	p, _ := tickets.Find(ctx, "acme", storage.Query{Where: []storage.Cond{storage.Where("state", storage.Eq, storage.String("open"))}})
	fmt.Println(len(p.Docs), p.Docs[0].Kind, p.Docs[0].Schema)

	ru := i18n.NewCatalog().Localizer("ru")
	_, err = tickets.Find(ctx, "acme", storage.Query{Where: []storage.Cond{storage.Where("priority", storage.Eq, storage.String("high"))}})
	fmt.Println(ru.Error(err))
	// A newer release wrote schema version 3; this code knows version 2.
	newer := ids.NewID()
	_, _ = store.Save(ctx, storage.Document{Tenant: "acme", Kind: "demo.ticket", ID: newer, Schema: 3, Body: []byte(`{}`)}, 0, nil)
	_, err = tickets.Get(ctx, "acme", newer)
	fmt.Println(errors.Is(err, carekernel.ErrInvalid), ru.Error(err))
	// Output:
	// 1 <nil>
	// 1 demo.ticket 2
	// у demo.ticket нет индексного поля "priority"
	// true demo.ticket сохранён(а) в версии схемы 3, новее версии этой программы (2)
}

// Retry runs a command again when it loses an optimistic-concurrency
// race: each attempt reloads, applies and saves with the version it
// read. Here another writer gets in first once.
func ExampleRetry() {
	ctx := context.Background()
	store := memory.New()
	counters := storage.NewCollection(store, storage.Schema{Kind: "demo.counter", Version: 1})
	id := carekernel.SequentialIDs(at).NewID()
	_, _ = counters.Save(ctx, storage.Document{Tenant: "acme", ID: id, Body: []byte(`{"n":1}`)}, 0, nil)

	attempts := 0
	err := storage.Retry(ctx, 0, func() error {
		attempts++
		d, err := counters.Get(ctx, "acme", id)
		if err != nil {
			return err
		}
		if attempts == 1 { // someone else saves between our read and our write
			_, _ = counters.Save(ctx, storage.Document{Tenant: "acme", ID: id, Body: []byte(`{"n":2}`)}, d.Version, nil)
		}
		_, err = counters.Save(ctx, storage.Document{Tenant: "acme", ID: id, Body: []byte(`{"n":3}`)}, d.Version, nil)
		return err
	})
	d, _ := counters.Get(ctx, "acme", id)
	fmt.Println("attempts:", attempts, "error:", err, "version:", d.Version, string(d.Body))
	// Output:
	// attempts: 2 error: <nil> version: 3 {"n":3}
}

// SaveAll saves documents of several kinds and their events in one
// transaction: when one write conflicts, nothing of the others is
// written either, and the error says which document lost the race.
func ExampleStore_SaveAll() {
	ctx := context.Background()
	store := memory.New()
	claims := storage.NewCollection(store, storage.Schema{Kind: "demo.claim", Version: 1})
	units := storage.NewCollection(store, storage.Schema{Kind: "demo.unit", Version: 1})
	ids := carekernel.SequentialIDs(at)
	claimID, unitID := ids.NewID(), ids.NewID()
	_, _ = units.Save(ctx, storage.Document{Tenant: "acme", ID: unitID, Body: []byte(`{"claims":0}`)}, 0, nil)

	event, _ := carekernel.NewEvent("acme", "demo.claim", claimID, 1, "demo.claim.received", "6.3.2.1", at, carekernel.System(), nil)
	wc, _ := claims.Write(storage.Document{Tenant: "acme", ID: claimID, Body: []byte(`{}`)}, 0, []carekernel.Event{event})
	stale, _ := units.Write(storage.Document{Tenant: "acme", ID: unitID, Body: []byte(`{"claims":1}`)}, 7, nil)
	_, err := store.SaveAll(ctx, []storage.Write{wc, stale})
	fmt.Println(errors.Is(err, carekernel.ErrConflict), i18n.NewCatalog().Localizer("ru").Error(err))
	_, err = claims.Get(ctx, "acme", claimID)
	fmt.Println("claim written:", err == nil)

	fresh, _ := units.Write(storage.Document{Tenant: "acme", ID: unitID, Body: []byte(`{"claims":1}`)}, 1, nil)
	versions, err := store.SaveAll(ctx, []storage.Write{wc, fresh})
	fmt.Println(versions, err)
	recs, _ := store.Journal(ctx, "acme", 0, 0)
	for _, r := range recs {
		fmt.Println(r.Seq, r.Event.Type)
	}
	// Output:
	// true demo.unit 019cadc6-9a80-7000-8000-000000000002 изменён(а) кем-то другим (ожидалась версия 7, сохранена 1); обновите данные и повторите
	// claim written: false
	// [1 2] <nil>
	// 1 demo.claim.received
}

// A host that accepts any store brings it up the same way: Migrate runs
// the store's migrations when it has a schema (sqlstore) and does
// nothing when it has none (memory), and Ping checks it answers.
func ExampleMigrate() {
	ctx := context.Background()
	var store storage.Store = memory.New()
	if err := storage.Migrate(ctx, store); err != nil {
		fmt.Println("migrate:", err)
		return
	}
	fmt.Println("ready:", storage.Ping(ctx, store) == nil)
	// Output: ready: true
}
