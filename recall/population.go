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
// gathered in one pass over src and ordered by serial with one sort of
// their positions, so the cost is O(n log n) in the affected units,
// whatever order src answers in.
func Resolve(ctx context.Context, src UnitSource, t carekernel.Tenant, p Population, skip map[string]bool) (*Snapshot, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	// Units are gathered in chunks that never move, then copied once
	// into a slice of the exact size: no re-growing of a large slice.
	var (
		chunks [][]Unit
		cur    []Unit
		total  int
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
		total++
		return nil
	})
	if err != nil {
		return nil, err
	}
	units := cur
	if len(chunks) > 0 {
		units = make([]Unit, 0, total)
		for _, c := range append(chunks, cur) {
			units = append(units, c...)
		}
	}
	units = bySerial(units)
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

// bySerial orders units by serial, keeping the first of each serial. It
// sorts compact (serial, position) keys rather than the large units,
// ties broken by position, which keeps the sort stable, and then moves
// each unit once.
func bySerial(units []Unit) []Unit {
	sorted := true
	for i := 1; i < len(units); i++ {
		if units[i].Serial <= units[i-1].Serial {
			sorted = false
			break
		}
	}
	if sorted { // strictly increasing: no duplicate either
		return units
	}
	type key struct {
		serial string
		pos    int
	}
	keys := make([]key, len(units))
	for i := range units {
		keys[i] = key{units[i].Serial, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := strings.Compare(a.serial, b.serial); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := make([]Unit, 0, len(units))
	for i, k := range keys {
		if i > 0 && keys[i-1].serial == k.serial {
			continue
		}
		out = append(out, units[k.pos])
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
