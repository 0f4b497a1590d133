package memory_test

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

// The memory store keeps the whole storage contract: a save names the
// version it replaces, so the second of two writers that read the same
// version gets ErrConflict and writes nothing, and the journal holds
// only the winner's event.
func Example() {
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ids := carekernel.SequentialIDs(at)
	s := memory.New()
	const t carekernel.Tenant = "acme"
	id := ids.NewID()
	doc := storage.Document{Tenant: t, Kind: "demo.ticket", ID: id, Schema: 1, Body: []byte(`{"text":"Чайник течёт"}`)}
	event := func(typ string, v int64) []carekernel.Event {
		e, _ := carekernel.NewEvent(t, "demo.ticket", id, v, typ, "6.2.2.1", at, carekernel.System(), nil)
		return []carekernel.Event{e}
	}
	v, err := s.Save(ctx, doc, 0, event("demo.ticket.opened", 1))
	fmt.Println("created at version", v, err)

	doc.Body = []byte(`{"text":"Чайник течёт","state":"answered"}`)
	v, err = s.Save(ctx, doc, 1, event("demo.ticket.answered", 2))
	fmt.Println("first writer: version", v, err)
	_, err = s.Save(ctx, doc, 1, event("demo.ticket.closed", 2)) // read version 1 too
	fmt.Println("second writer: conflict:", errors.Is(err, carekernel.ErrConflict))
	cat := i18n.NewCatalog()
	fmt.Println(cat.Localizer("en").Error(err))
	fmt.Println(cat.Localizer("ru").Error(err))

	got, _ := s.Get(ctx, t, "demo.ticket", id)
	fmt.Println(got.Version, string(got.Body))
	recs, _ := s.Journal(ctx, t, 0, 0)
	for _, r := range recs {
		fmt.Println(r.Seq, r.Event.Type)
	}
	_, err = s.Get(ctx, "other", "demo.ticket", id)
	fmt.Println("another tenant sees it:", !errors.Is(err, carekernel.ErrNotFound))
	// Output:
	// created at version 1 <nil>
	// first writer: version 2 <nil>
	// second writer: conflict: true
	// demo.ticket 019cadc6-9a80-7000-8000-000000000001 was changed by someone else (version 1 expected, 2 stored); reload and try again
	// demo.ticket 019cadc6-9a80-7000-8000-000000000001 изменён(а) кем-то другим (ожидалась версия 1, сохранена 2); обновите данные и повторите
	// 2 {"text":"Чайник течёт","state":"answered"}
	// 1 demo.ticket.opened
	// 2 demo.ticket.answered
	// another tenant sees it: false
}

// Find reads documents by their declared index fields, a page at a
// time; the cursor of a page keeps the next page stable while others
// insert.
func ExampleStore_Find() {
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	s := memory.New()
	const t carekernel.Tenant = "acme"
	for i, city := range []string{"Москва", "Berlin", "Москва", "Казань", "Москва"} {
		doc := storage.Document{Tenant: t, Kind: "demo.order", ID: ids.NewID(), Schema: 1, Body: []byte(`{}`),
			Index: map[string]storage.Value{"city": storage.String(city), "total": storage.Int(int64(100 * (i + 1)))}}
		if _, err := s.Save(ctx, doc, 0, nil); err != nil {
			fmt.Println(err)
		}
	}
	q := storage.Query{Where: []storage.Cond{storage.Where("city", storage.Eq, storage.String("Москва"))}, OrderBy: "total", Desc: true, Limit: 2}
	for page := 1; ; page++ {
		p, err := s.Find(ctx, t, "demo.order", q)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, d := range p.Docs {
			fmt.Println("page", page, d.Index["city"].Str(), d.Index["total"].Num())
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	_, err := s.Find(ctx, t, "demo.order", storage.Query{Cursor: "not-a-cursor"})
	fmt.Println(i18n.NewCatalog().Localizer("ru").Error(err))
	// Output:
	// page 1 Москва 500
	// page 1 Москва 300
	// page 2 Москва 100
	// недопустимый курсор страницы
}
