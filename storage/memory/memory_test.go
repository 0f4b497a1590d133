package memory_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/storage/storagetest"
)

func TestConformance(t *testing.T) {
	storagetest.Run(t, func(*testing.T) storage.Store { return memory.New() })
}

func TestConformanceCheck(t *testing.T) {
	err := storagetest.Check(t.Context(), func() (storage.Store, error) { return memory.New(), nil })
	if err != nil {
		t.Fatal(err)
	}
}

// TestRace is the reliability run: 8 goroutines × 1,000 read-modify-write
// loops on one document.
func TestRace(t *testing.T) {
	if err := storagetest.ReadModifyWrite(t.Context(), memory.New(), 8, 1000); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkSaveGet measures a save (create) and a get of a 1 KiB document.
func BenchmarkSaveGet(b *testing.B) {
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	idx := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(1)}
	b.ReportAllocs()
	for b.Loop() {
		d := storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: idx}
		if _, err := s.Save(ctx, d, 0, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Get(ctx, "bench", "bench.doc", d.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateGet measures an update and a get of a 1 KiB document in
// a store of 1,000 documents: the steady state, where the heap does not
// grow with every operation as it does in BenchmarkSaveGet.
func BenchmarkUpdateGet(b *testing.B) {
	s := memory.New()
	ctx := context.Background()
	ids := carekernel.SequentialIDs(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	body := json.RawMessage(fmt.Sprintf(`{"text":%q}`, strings.Repeat("x", 1000)))
	idx := map[string]storage.Value{"status": storage.String("open"), "n": storage.Int(1)}
	docs := make([]storage.Document, 1000)
	for i := range docs {
		docs[i] = storage.Document{Tenant: "bench", Kind: "bench.doc", ID: ids.NewID(), Schema: 1, Body: body, Index: idx}
		if _, err := s.Save(ctx, docs[i], 0, nil); err != nil {
			b.Fatal(err)
		}
		docs[i].Version = 1
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := &docs[i%len(docs)]
		i++
		v, err := s.Save(ctx, *d, d.Version, nil)
		if err != nil {
			b.Fatal(err)
		}
		d.Version = v
		if _, err := s.Get(ctx, "bench", "bench.doc", d.ID); err != nil {
			b.Fatal(err)
		}
	}
}
