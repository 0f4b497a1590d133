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
