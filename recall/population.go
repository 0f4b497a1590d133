package recall

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// SerialRange is an inclusive range of serial numbers, by string order
// (the same order warranty registrations use).
type SerialRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Population names the affected units: any of the models, any of the
// lots, any of the serial ranges, produced within the dates. Empty
// criteria match all, so at least one must be given.
type Population struct {
	Models       []string      `json:"models,omitempty"`
	Lots         []string      `json:"lots,omitempty"`
	Serials      []SerialRange `json:"serials,omitempty"`
	ProducedFrom time.Time     `json:"produced_from,omitzero"`
	ProducedTo   time.Time     `json:"produced_to,omitzero"`
}

// IsEmpty reports whether no criterion is given (which would recall
// every unit ever registered).
func (p Population) IsEmpty() bool {
	return len(p.Models) == 0 && len(p.Lots) == 0 && len(p.Serials) == 0 && p.ProducedFrom.IsZero() && p.ProducedTo.IsZero()
}

// Validate refuses an empty population, blank values and reversed ranges.
func (p Population) Validate() error {
	const op = "recall.Population.Validate"
	if p.IsEmpty() {
		return carekernel.Invalid(op, "population", "recall.err.no_population")
	}
	for _, v := range append(slices.Clone(p.Models), p.Lots...) {
		if strings.TrimSpace(v) == "" {
			return carekernel.Invalid(op, "population", "recall.err.blank_criterion")
		}
	}
	for i, r := range p.Serials {
		if r.From == "" || r.To == "" || r.From > r.To {
			return carekernel.Invalid(op, "population.serials", "recall.err.serial_range", i+1, r.From, r.To)
		}
	}
	if !p.ProducedFrom.IsZero() && !p.ProducedTo.IsZero() && p.ProducedTo.Before(p.ProducedFrom) {
		return carekernel.Invalid(op, "population.produced", "recall.err.date_range")
	}
	return nil
}

// Matches reports whether u is affected.
func (p Population) Matches(u *Unit) bool {
	if len(p.Models) > 0 && !slices.Contains(p.Models, u.Model) {
		return false
	}
	if len(p.Lots) > 0 && !slices.Contains(p.Lots, u.Lot) {
		return false
	}
	if len(p.Serials) > 0 && !slices.ContainsFunc(p.Serials, func(r SerialRange) bool { return u.Serial >= r.From && u.Serial <= r.To }) {
		return false
	}
	if !p.ProducedFrom.IsZero() && u.Produced.Before(p.ProducedFrom) {
		return false
	}
	if !p.ProducedTo.IsZero() && u.Produced.After(p.ProducedTo) {
		return false
	}
	return true
}

// Owner is the registered owner of a unit. It is personal data:
// LogValue shows the customer ID only.
type Owner struct {
	CustomerID string `json:"customer_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Language   string `json:"language,omitempty"`
	Email      string `json:"email,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Address    string `json:"address,omitempty"`
}

// LogValue implements slog.LogValuer, redacting everything but the ID.
func (o Owner) LogValue() slog.Value { return slog.StringValue("owner:" + o.CustomerID) }

// key identifies an owner across units: the customer ID, else the
// e-mail, phone or address.
func (o Owner) key() string {
	for _, k := range [...]string{o.CustomerID, o.Email, o.Phone, o.Address, o.Name} {
		if k != "" {
			return k
		}
	}
	return ""
}

// Unit is one affected unit as frozen in the snapshot.
type Unit struct {
	Serial         string        `json:"serial"`
	Lot            string        `json:"lot,omitempty"`
	Model          string        `json:"model,omitempty"`
	Produced       time.Time     `json:"produced,omitzero"`
	RegistrationID carekernel.ID `json:"registration_id,omitzero"`
	Owner          Owner         `json:"owner,omitzero"`
	// Consignee is the dealer or distributor the unit was shipped to.
	Consignee string `json:"consignee,omitempty"`
}

// UnitSource is where a recall finds registered units: usually warranty
// registrations (WarrantyUnits), or a host's own traceability system.
// EachUnit may pass units outside p (the recall filters again) but must
// pass every unit inside it.
type UnitSource interface {
	EachUnit(ctx context.Context, t carekernel.Tenant, p Population, fn func(Unit) error) error
}

// UnitSourceFunc adapts a function to UnitSource.
type UnitSourceFunc func(ctx context.Context, t carekernel.Tenant, p Population, fn func(Unit) error) error

// EachUnit implements UnitSource.
func (f UnitSourceFunc) EachUnit(ctx context.Context, t carekernel.Tenant, p Population, fn func(Unit) error) error {
	return f(ctx, t, p, fn)
}

// Units is an in-memory UnitSource (tests, examples, imports).
type Units []Unit

// EachUnit implements UnitSource.
func (us Units) EachUnit(ctx context.Context, _ carekernel.Tenant, p Population, fn func(Unit) error) error {
	for i := range us {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if p.Matches(&us[i]) {
			if err := fn(us[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Snapshot is a frozen, resolved population: the units sorted by
// serial, with counts and a SHA-256 digest of the serials and
// registrations, so an auditor can prove the list never changed.
type Snapshot struct {
	Units      []Unit
	Owners     int
	Consignees []string
	Digest     string
}

// Resolve asks src for the units of p and freezes them. Duplicate
// serials (a unit registered twice) are kept once, the first seen;
// units in skip (already in the recall) are left out. Units are
// gathered in one pass over src into chunks that never move, and
// ordered by serial with one sort of compact keys, each unit copied
// once into the snapshot: O(n log n) in the affected units, whatever
// order src answers in.
func Resolve(ctx context.Context, src UnitSource, t carekernel.Tenant, p Population, skip map[string]bool) (*Snapshot, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var (
		chunks [][]Unit
		cur    []Unit
	)
	err := src.EachUnit(ctx, t, p, func(u Unit) error {
		if u.Serial == "" || !p.Matches(&u) || skip[u.Serial] {
			return nil
		}
		if len(cur) == cap(cur) {
			if cur != nil {
				chunks = append(chunks, cur)
			}
			cur = make([]Unit, 0, min(max(2*cap(cur), 256), 16384))
		}
		cur = append(cur, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	units := bySerial(append(chunks, cur))
	s := &Snapshot{Units: units}
	owners := make(map[string]struct{}, len(units)/2)
	consignees := map[string]struct{}{}
	for i := range units {
		if k := units[i].Owner.key(); k != "" {
			owners[k] = struct{}{}
		}
		if c := units[i].Consignee; c != "" {
			consignees[c] = struct{}{}
		}
	}
	s.Owners = len(owners)
	s.Consignees = slices.Sorted(maps.Keys(consignees))
	s.Digest = digest(units)
	return s, nil
}

// bySerial returns the units of the chunks, in order, ordered by serial
// and keeping the first of each serial. It sorts compact (serial,
// position) keys rather than the large units, ties broken by position,
// which keeps the sort stable, and then copies each unit once.
func bySerial(chunks [][]Unit) []Unit {
	type key struct {
		serial string
		c, i   int32 // chunk, index in it
	}
	n := 0
	sorted := true // strictly increasing: no duplicate either
	prev := ""
	for _, c := range chunks {
		for i := range c {
			if n > 0 && c[i].Serial <= prev {
				sorted = false
			}
			prev = c[i].Serial
			n++
		}
	}
	if sorted && len(chunks) == 1 {
		return chunks[0]
	}
	out := make([]Unit, 0, n)
	if sorted {
		for _, c := range chunks {
			out = append(out, c...)
		}
		return out
	}
	keys := make([]key, 0, n)
	for ci, c := range chunks {
		for i := range c {
			keys = append(keys, key{c[i].Serial, int32(ci), int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.serial, b.serial); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.i, b.i))
	})
	for j, k := range keys {
		if j > 0 && keys[j-1].serial == k.serial {
			continue
		}
		out = append(out, chunks[k.c][k.i])
	}
	return out
}

// digest hashes serial and registration of every unit, in order.
func digest(units []Unit) string {
	h := sha256.New()
	buf := make([]byte, 0, 64)
	for i := range units {
		buf = append(buf[:0], units[i].Serial...)
		buf = append(buf, 0)
		buf = append(buf, units[i].RegistrationID[:]...)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Amendment is one change of the affected population after initiation:
// the extra criteria, the units they added, and who added them why.
type Amendment struct {
	No       int        `json:"no"`
	Criteria Population `json:"criteria"`
	Units    int        `json:"units"`
	Owners   int        `json:"owners"`
	// Consignees are the consignees of the added units.
	Consignees []string         `json:"consignees,omitempty"`
	Digest     string           `json:"digest"`
	Parts      []carekernel.ID  `json:"parts"`
	Reason     string           `json:"reason"`
	By         carekernel.Actor `json:"by"`
	At         time.Time        `json:"at"`
}
