package sqlstore

import (
	"encoding/json"
	"slices"
	"strconv"

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
	if m, ok := decodeIndexFast(b); ok {
		return m, nil
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

// decodeIndexFast reads the compact form encodeIndex writes,
// [{"f":"name","s":"text"},{"f":"n","n":1.5},{"f":"t","t":123}], without
// encoding/json, which took a quarter of a large Find's time. Anything
// else (escapes, spaces, other keys) is left to encoding/json: false.
func decodeIndexFast(b []byte) (map[string]storage.Value, bool) {
	m := make(map[string]storage.Value, 4)
	i := 0
	next := func(c byte) bool {
		if i < len(b) && b[i] == c {
			i++
			return true
		}
		return false
	}
	// str reads a string without escapes after its opening quote.
	str := func() (string, bool) {
		j := i
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' || b[j] < 0x20 {
				return "", false
			}
			j++
		}
		if j == len(b) {
			return "", false
		}
		v := string(b[i:j])
		i = j + 1
		return v, true
	}
	if !next('[') {
		return nil, false
	}
	for {
		if !next('{') || !next('"') || !next('f') || !next('"') || !next(':') || !next('"') {
			return nil, false
		}
		name, ok := str()
		if !ok || !next(',') || !next('"') || i+3 > len(b) || b[i+1] != '"' || b[i+2] != ':' {
			return nil, false
		}
		typ := b[i]
		i += 3
		switch typ {
		case 's':
			if !next('"') {
				return nil, false
			}
			v, ok := str()
			if !ok {
				return nil, false
			}
			m[name] = storage.String(v)
		case 'n', 't':
			j := i
			for j < len(b) && b[j] != '}' {
				j++
			}
			tok := string(b[i:j])
			i = j
			if typ == 'n' {
				v, err := strconv.ParseFloat(tok, 64)
				if err != nil {
					return nil, false
				}
				m[name] = storage.Number(v)
			} else {
				v, err := strconv.ParseInt(tok, 10, 64)
				if err != nil {
					return nil, false
				}
				m[name] = storage.TimeMicros(v)
			}
		default:
			return nil, false
		}
		if !next('}') {
			return nil, false
		}
		if next(']') {
			return m, i == len(b)
		}
		if !next(',') {
			return nil, false
		}
	}
}
