package memory

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/carekernel/carekernel"
)

// TestJournalEraseClearsBytes checks that an erasure zeroes the erased
// actor names and payloads in the journal's blocks, not only hides them,
// and leaves the other records' bytes alone.
func TestJournalEraseClearsBytes(t *testing.T) {
	var j journal
	a, z := carekernel.ID{1}, carekernel.ID{2}
	big := append([]byte(`{"big":"`), bytes.Repeat([]byte("b"), byteBlock)...) // a block of its own
	big = append(big, `"}`...)
	for i, ev := range []carekernel.Event{
		{Type: "t.e", AggregateKind: "t.doc", AggregateID: a, Actor: carekernel.Actor{ID: "u", Name: "Alice"}, Payload: json.RawMessage(`{"secret":"A"}`)},
		{Type: "t.e", AggregateKind: "t.doc", AggregateID: z, Actor: carekernel.Actor{ID: "u", Name: "Zoe"}, Payload: json.RawMessage(`{"secret":"Z"}`)},
		{Type: "t.e", AggregateKind: "t.doc", AggregateID: a, Actor: carekernel.Actor{ID: "u", Name: "Alice"}, Payload: json.RawMessage(big)},
	} {
		j.add(&ev)
		if j.n != i+1 {
			t.Fatalf("after %d adds the journal has %d records", i+1, j.n)
		}
	}
	j.erase(map[carekernel.ID]bool{a: true})
	all := bytes.Join(j.blocks, nil)
	for _, gone := range []string{"Alice", `"secret":"A"`, `"big"`} {
		if bytes.Contains(all, []byte(gone)) {
			t.Errorf("the journal's blocks still hold %q after the erasure", gone)
		}
	}
	for _, kept := range []string{"Zoe", `{"secret":"Z"}`} {
		if !bytes.Contains(all, []byte(kept)) {
			t.Errorf("the erasure cleared %q, of another aggregate", kept)
		}
	}
	recs := j.page("t", 0, 3)
	if recs[0].Event.Actor != (carekernel.Actor{ID: "u"}) || recs[0].Event.Payload != nil || recs[2].Event.Payload != nil ||
		recs[1].Event.Actor.Name != "Zoe" || string(recs[1].Event.Payload) != `{"secret":"Z"}` {
		t.Errorf("after the erasure the records read %+v, %+v", recs[0].Event.Actor, recs[1].Event.Actor)
	}
}
