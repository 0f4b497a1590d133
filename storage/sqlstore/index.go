package sqlstore

import (
	"encoding/json"
	"slices"

	"github.com/carekernel/carekernel/storage"
)

// ixEntry is one index field as kept in the documents table's ix column,
// so a document is read back, index and all, from one row. The fields
// table holds the same values for querying.
type ixEntry struct {
	F string   `json:"f"`
	S *string  `json:"s,omitempty"`
	N *float64 `json:"n,omitempty"`
	T *int64   `json:"t,omitempty"`
}

// encodeIndex writes an index map as a JSON array sorted by field name.
// float64 values round-trip exactly through encoding/json.
func encodeIndex(index map[string]storage.Value) (string, error) {
	if len(index) == 0 {
		return "[]", nil
	}
	entries := make([]ixEntry, 0, len(index))
	for name, v := range index {
		e := ixEntry{F: name}
		switch v.Type() {
		case storage.TypeString:
			s := v.Str()
			e.S = &s
		case storage.TypeNumber:
			n := v.Num()
			e.N = &n
		case storage.TypeTime:
			t := v.Micros()
			e.T = &t
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b ixEntry) int {
		switch {
		case a.F < b.F:
			return -1
		case a.F > b.F:
			return 1
		}
		return 0
	})
	b, err := json.Marshal(entries)
	return string(b), err
}

// decodeIndex reads what encodeIndex wrote; an empty index is nil, as a
// document saved without index fields has none.
func decodeIndex(b []byte) (map[string]storage.Value, error) {
	if len(b) == 0 || string(b) == "[]" {
		return nil, nil
	}
	var entries []ixEntry
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, err
	}
	m := make(map[string]storage.Value, len(entries))
	for _, e := range entries {
		switch {
		case e.S != nil:
			m[e.F] = storage.String(*e.S)
		case e.N != nil:
			m[e.F] = storage.Number(*e.N)
		case e.T != nil:
			m[e.F] = storage.TimeMicros(*e.T)
		}
	}
	return m, nil
}
