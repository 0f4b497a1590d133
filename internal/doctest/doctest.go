// Package doctest holds the check the fuzz tests of every process
// package make of a document their rehydration accepted: it must write
// back, rehydrate again, and reach a fixed point. Tests only.
package doctest

import (
	"maps"
	"testing"

	"github.com/carekernel/carekernel/storage"
)

// Reencode checks that what rehydration accepted writes back to a
// document that rehydrates again and writes back to the same bytes and
// index (a fixed point after one trip).
func Reencode[T any](t testing.TB, from func(storage.Document) (T, error), doc func(T) (storage.Document, error), d storage.Document, v T) T {
	t.Helper()
	d1, err := doc(v)
	if err != nil {
		t.Fatalf("accepted %s but cannot write it: %v", d.Body, err)
	}
	d1.Kind, d1.Version, d1.Schema = d.Kind, d.Version, d.Schema
	v2, err := from(d1)
	if err != nil {
		t.Fatalf("accepted %s, wrote %s, refused that: %v", d.Body, d1.Body, err)
	}
	d2, err := doc(v2)
	if err != nil {
		t.Fatal(err)
	}
	if string(d1.Body) != string(d2.Body) || !maps.EqualFunc(d1.Index, d2.Index, func(a, b storage.Value) bool { return a.Compare(b) == 0 }) ||
		d1.Subject != d2.Subject || d1.ID != d2.ID || d1.Tenant != d2.Tenant {
		t.Fatalf("re-encoding is not stable:\n%s\n%s", d1.Body, d2.Body)
	}
	return v2
}
