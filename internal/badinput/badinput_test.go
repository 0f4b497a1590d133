package badinput

import (
	"errors"
	"runtime"
	"testing"

	"github.com/carekernel/carekernel"
)

// recorder is a testing.TB whose Fatalf records the failure and ends the
// goroutine, as the real one does.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	runtime.Goexit()
}

func fails(err, kind error, key string) bool {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, err, kind, key)
	}()
	<-done
	return r.failed
}

func TestCheck(t *testing.T) {
	good := carekernel.Invalid("demo", "currency", "kernel.err.currency_invalid", "XYZ")
	if fails(good, carekernel.ErrInvalid, "kernel.err.currency_invalid") {
		t.Fatal("a typed, localized error failed the check")
	}
	for name, c := range map[string]struct {
		err, kind error
		key       string
	}{
		"no error":     {nil, carekernel.ErrInvalid, "kernel.err.currency_invalid"},
		"other kind":   {good, carekernel.ErrNotFound, "kernel.err.currency_invalid"},
		"other key":    {good, carekernel.ErrInvalid, "kernel.err.id_invalid"},
		"no key":       {errors.New("plain"), carekernel.ErrInvalid, ""},
		"unregistered": {carekernel.Invalid("demo", "", "demo.err.nowhere"), carekernel.ErrInvalid, "demo.err.nowhere"},
	} {
		if !fails(c.err, c.kind, c.key) {
			t.Errorf("%s: passed the check", name)
		}
	}
}
