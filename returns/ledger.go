package returns

import (
	"encoding/json"
	"strconv"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/google/uuid"
)

// ledgerNS namespaces the name-based ledger IDs (UUIDv5).
var ledgerNS = uuid.MustParse("6b1f3c2e-7d1a-5b7e-9a35-1c0e2f6d8a41")

// ledgerID derives the ledger's ID from the sale line, so that every
// command finds the same document without an index lookup.
func ledgerID(t carekernel.Tenant, order string, line int) carekernel.ID {
	return carekernel.ID(uuid.NewSHA1(ledgerNS, []byte(string(t)+"\x00"+order+"\x00"+strconv.Itoa(line))))
}

// ledger counts, per sale line, the quantity every RMA holds: one entry
// per RMA, so reserving again for the same RMA replaces its entry.
type ledger struct {
	id      carekernel.ID
	tenant  carekernel.Tenant
	version int64
	Order   string        `json:"order"`
	Line    int           `json:"line"`
	Sold    int64         `json:"sold"`
	Entries []ledgerEntry `json:"entries"`
}

type ledgerEntry struct {
	RMA      carekernel.ID `json:"rma"`
	Quantity int64         `json:"quantity"`
	// Token is the attempt that wrote the entry; compensation only undoes
	// its own write.
	Token carekernel.ID `json:"token"`
}

func newLedger(t carekernel.Tenant, s SaleLine) *ledger {
	return &ledger{id: ledgerID(t, s.Order, s.Line), tenant: t, Order: s.Order, Line: s.Line, Sold: s.Quantity}
}

// held is the quantity held by RMAs other than except.
func (l *ledger) held(except carekernel.ID) int64 {
	var n int64
	for _, e := range l.Entries {
		if e.RMA != except {
			n += e.Quantity
		}
	}
	return n
}

func (l *ledger) entry(rma carekernel.ID) (ledgerEntry, bool) {
	for _, e := range l.Entries {
		if e.RMA == rma {
			return e, true
		}
	}
	return ledgerEntry{}, false
}

// set makes the RMA hold qty (0 removes its entry). It refuses to hold
// more than was sold.
func (l *ledger) set(rma carekernel.ID, qty int64, token carekernel.ID) error {
	if qty > 0 && qty > l.Sold-l.held(rma) { // not held+qty: that can overflow
		return carekernel.Invalid("returns.ledger", "quantity", "returns.err.exceeds_sold", qty, l.Sold-l.held(rma))
	}
	out := l.Entries[:0:0]
	for _, e := range l.Entries {
		if e.RMA != rma {
			out = append(out, e)
		}
	}
	if qty > 0 {
		out = append(out, ledgerEntry{RMA: rma, Quantity: qty, Token: token})
	}
	l.Entries = out
	return nil
}

var ledgerSchema = storage.Schema{Kind: "returns.ledger", Version: 1, Fields: map[string]storage.ValueType{"order": storage.TypeString}}

func (l *ledger) document() (storage.Document, error) {
	b, err := json.Marshal(l)
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: l.tenant, ID: l.id, Body: b, Index: map[string]storage.Value{"order": storage.String(l.Order)}}, nil
}

func ledgerFromDocument(d storage.Document) (*ledger, error) {
	l := &ledger{id: d.ID, tenant: d.Tenant, version: d.Version}
	if err := json.Unmarshal(d.Body, l); err != nil {
		return nil, carekernel.Invalid("returns.ledger", "body", "returns.err.document", d.ID.String()).Wrap(err)
	}
	bad := carekernel.Invalid("returns.ledger", "body", "returns.err.document", d.ID.String())
	if l.Sold < 0 {
		return nil, bad
	}
	// Each entry holds a positive part of what was sold, once per RMA;
	// summing only such parts cannot overflow.
	seen := make(map[carekernel.ID]bool, len(l.Entries))
	var held int64
	for _, e := range l.Entries {
		if e.Quantity <= 0 || e.Quantity > l.Sold-held || seen[e.RMA] {
			return nil, bad
		}
		seen[e.RMA] = true
		held += e.Quantity
	}
	return l, nil
}
