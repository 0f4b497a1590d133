package workforce

import (
	"errors"
	"math"
	"testing"
)

// Small assertion helpers: the package tests use only the standard
// library, so they build even where testify's own dependencies are not
// in go.sum.

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func near(t *testing.T, want, got, tol float64, what string) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s: got %.10g, want %.10g ± %g", what, got, want, tol)
	}
}

func isKind(t *testing.T, err, kind error, what string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("%s: error %v does not match %v", what, err, kind)
	}
}

func check(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf(format, args...)
	}
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
