package workforce

import (
	"testing"

	"github.com/carekernel/carekernel/i18n"
)

func TestMessagesComplete(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
	keys := []string{"workforce.err.unstable", "workforce.err.traffic", "workforce.err.history_empty", "workforce.err.service_level"}
	if m := i18n.Missing(keys...); len(m) > 0 {
		t.Fatalf("missing: %v", m)
	}
}
