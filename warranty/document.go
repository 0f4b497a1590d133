package warranty

import (
	"encoding/json"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

var claimSchema = storage.Schema{Kind: "warranty.claim", Version: 1, Fields: map[string]storage.ValueType{
	"serial": storage.TypeString, "state": storage.TypeString, "claimant": storage.TypeString, "dealer": storage.TypeString,
	"model": storage.TypeString, "customer": storage.TypeString, "invoice": storage.TypeString, "failure_code": storage.TypeString,
	"received": storage.TypeTime, "part_due": storage.TypeTime,
}}

var recoverySchema = storage.Schema{Kind: "warranty.recovery", Version: 1, Fields: map[string]storage.ValueType{
	"claim": storage.TypeString, "supplier": storage.TypeString, "state": storage.TypeString,
}}

func (c *Claim) document() (storage.Document, error) {
	// room for the body as last read or written plus a history entry
	return c.documentInto(make([]byte, 0, max(c.size, 1024)+512), nil)
}

// documentInto is document with the body appended to buf and the index
// fields in idx, cleared first (the Service's reused buffers and maps:
// every store copies what it is given); a nil idx is made. The claim
// keeps its encoding, so that the next one copies what did not change.
func (c *Claim) documentInto(buf []byte, idx map[string]storage.Value) (storage.Document, error) {
	if c.enc == nil {
		c.enc = &claimEncoding{}
	}
	body, err := c.d.appendJSONReusing(buf, c.enc, c.dirty)
	c.dirty = 0
	if err != nil {
		return storage.Document{}, carekernel.Invalid("warranty.claim", "body", "warranty.err.document", "claim").Wrap(err)
	}
	// At most eight fields: a map that small needs no table of its own.
	// failure_code and invoice stay declared (documents saved before
	// still carry them) but are no longer written: nothing queries
	// claims by them.
	if idx == nil {
		idx = make(map[string]storage.Value, 8)
	}
	// every key is set or deleted: a reused map holds nothing else
	idx["serial"] = storage.String(c.d.Serial)
	idx["state"] = storage.String(string(c.d.State))
	idx["claimant"] = storage.String(c.d.Claimant)
	idx["model"] = storage.String(c.d.Model)
	idx["customer"] = storage.String(c.d.CustomerID)
	idx["received"] = storage.Time(c.d.Received)
	if c.d.Dealer != "" {
		idx["dealer"] = storage.String(c.d.Dealer)
	} else {
		delete(idx, "dealer")
	}
	if c.d.State == ClaimAwaitingPart {
		idx["part_due"] = storage.Time(c.d.PartReturn.Due)
	} else {
		delete(idx, "part_due")
	}
	c.size = len(body)
	return storage.Document{Tenant: c.d.Tenant, ID: c.d.ID, Body: body, Index: idx, Subject: c.d.CustomerID}, nil
}

// claimFromDocument rehydrates a claim, refusing unknown states and
// broken invariants rather than guessing.
func claimFromDocument(d storage.Document) (*Claim, error) {
	c := &Claim{version: d.Version, size: len(d.Body)}
	if !c.d.readJSON(d.Body) {
		return nil, carekernel.Invalid("warranty.claim", "body", "warranty.err.document", "claim")
	}
	if c.d.ID.IsZero() || c.d.ID != d.ID || c.d.Tenant != d.Tenant || !claimTable.Has(c.d.State) || len(c.d.Lines) == 0 ||
		(c.d.State == ClaimAwaitingPart && c.d.PartReturn == nil) {
		return nil, carekernel.Invalid("warranty.claim", "body", "warranty.err.document", "claim")
	}
	if _, err := carekernel.ParseCurrency(c.d.Currency); err != nil {
		return nil, carekernel.Invalid("warranty.claim", "body", "warranty.err.document", "claim").Wrap(err)
	}
	return c, nil
}

func (r *RecoveryClaim) document() (storage.Document, error) {
	body, err := json.Marshal(&r.d)
	if err != nil {
		return storage.Document{}, carekernel.Invalid("warranty.recovery", "body", "warranty.err.document", "recovery").Wrap(err)
	}
	return storage.Document{Tenant: r.d.Tenant, ID: r.d.ID, Body: body, Index: map[string]storage.Value{
		"claim": storage.String(r.d.Claim.String()), "supplier": storage.String(r.d.Supplier), "state": storage.String(string(r.d.State)),
	}}, nil
}

func recoveryFromDocument(d storage.Document) (*RecoveryClaim, error) {
	r := &RecoveryClaim{version: d.Version}
	if err := json.Unmarshal(d.Body, &r.d); err != nil {
		return nil, carekernel.Invalid("warranty.recovery", "body", "warranty.err.document", "recovery").Wrap(err)
	}
	if r.d.ID != d.ID || r.d.Tenant != d.Tenant || !recoveryTable.Has(r.d.State) || r.d.Requested.IsNegative() {
		return nil, carekernel.Invalid("warranty.recovery", "body", "warranty.err.document", "recovery")
	}
	if _, err := carekernel.ParseCurrency(r.d.Currency); err != nil {
		return nil, carekernel.Invalid("warranty.recovery", "body", "warranty.err.document", "recovery").Wrap(err)
	}
	return r, nil
}
