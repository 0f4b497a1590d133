package warranty_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/memory"
	"github.com/carekernel/carekernel/warranty"
)

func newMemory() storage.Store { return memory.New() }

// nopTB lets examples use the test fixtures; examples have no testing.TB.
type nopTB struct{ testing.TB }

func (nopTB) Helper()               {}
func (nopTB) Errorf(string, ...any) {}
func (nopTB) FailNow()              {}

func catalog() *i18n.Catalog { return i18n.NewCatalog() }

// assertKey checks err carries the message key and that the key has
// English and Russian text.
func assertKey(t *testing.T, err error, key string) {
	t.Helper()
	var l carekernel.Localizable
	if !errors.As(err, &l) {
		t.Errorf("%v carries no message key (want %s)", err, key)
		return
	}
	if l.MessageKey() != key {
		t.Errorf("key %s, want %s (%v)", l.MessageKey(), key, err)
	}
	if !i18n.Has(key) {
		t.Errorf("key %s is not registered", key)
		return
	}
	en, ru := messages.Localizer("en").Render(l), messages.Localizer("ru").Render(l)
	if en == ru || strings.Contains(en, key) || strings.Contains(ru, key) {
		t.Errorf("key %s lacks an English or Russian text: en %q, ru %q", key, en, ru)
	}
}

var messages = i18n.NewCatalog()

// warrantyKinds are every document kind the package writes.
var warrantyKinds = []string{"warranty.claim", "warranty.registration", "warranty.recovery", "warranty.contract",
	"warranty.policy", "warranty.policy_head", "warranty.catalog", "warranty.catalog_head",
	"warranty.supplier", "warranty.supplier_head", "warranty.offer", "warranty.offer_head"}

// snapshot is everything the package has stored for the test tenant:
// each document's version and body, and the journal. Comparing two
// snapshots proves a failed command wrote nothing.
func snapshot(t testing.TB, store storage.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	for _, kind := range warrantyKinds {
		q := storage.Query{Limit: storage.MaxPageSize}
		for {
			p, err := store.Find(ctx, tenant, kind, q)
			if err != nil {
				t.Fatalf("snapshot %s: %v", kind, err)
			}
			for _, d := range p.Docs {
				out[kind+"/"+d.ID.String()] = strconv.FormatInt(d.Version, 10) + " " + string(d.Body)
			}
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
	}
	recs, err := store.Journal(ctx, tenant, 0, 100000)
	if err != nil {
		t.Fatalf("snapshot journal: %v", err)
	}
	for _, r := range recs {
		out["journal/"+strconv.FormatInt(r.Seq, 10)] = r.Event.Type + " " + r.Event.AggregateID.String()
	}
	return out
}

// newService is warranty.NewService for tests: outside benchmarks every
// claim save also checks its incremental encoding against a fresh one.
func newService(t testing.TB, store storage.Store, o *warranty.Options) *warranty.Service {
	svc := warranty.NewService(store, o)
	if _, bench := t.(*testing.B); !bench {
		warranty.VerifyEncodings(svc)
	}
	return svc
}
