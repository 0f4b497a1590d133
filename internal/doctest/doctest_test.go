package doctest

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/carekernel/carekernel/storage"
)

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }

func (r *recorder) Fatal(...any) { r.failed = true; runtime.Goexit() }

// fails runs Reencode on a codec whose writer appends n to every trip.
func fails(drift bool) bool {
	r := &recorder{}
	from := func(d storage.Document) (int, error) {
		var v int
		err := json.Unmarshal(d.Body, &v)
		return v, err
	}
	doc := func(v int) (storage.Document, error) {
		if drift {
			v++
		}
		b, err := json.Marshal(v)
		return storage.Document{Tenant: "acme", Kind: "demo.n", Body: b}, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Reencode(r, from, doc, storage.Document{Kind: "demo.n", Body: []byte("1")}, 1)
	}()
	<-done
	return r.failed
}

func TestReencode(t *testing.T) {
	if fails(false) {
		t.Error("a stable codec failed")
	}
	if !fails(true) {
		t.Error("a codec that changes the value on every trip passed")
	}
}
