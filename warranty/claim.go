package warranty

import (
	"encoding/json"
	"math"
	"math/bits"
	"time"

	"github.com/carekernel/carekernel/internal/jsonw"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// PartyKind is who can be responsible for a failure (6.3.2.4).
type PartyKind string

// The parties.
const (
	PartyManufacturer PartyKind = "manufacturer"
	PartySupplier     PartyKind = "supplier"
	PartyDealer       PartyKind = "dealer"
	PartyCustomer     PartyKind = "customer"
)

func (k PartyKind) valid() bool {
	return k == PartyManufacturer || k == PartySupplier || k == PartyDealer || k == PartyCustomer
}

// LineKind is what a claim line charges: SAP's item types.
type LineKind string

// The line kinds.
const (
	LinePart   LineKind = "part"
	LineLabour LineKind = "labour" // Quantity in hours
	LineTravel LineKind = "travel"
	LineOther  LineKind = "other" // sublet and external services
)

// DecisionCode says why a line was approved, cut or rejected.
type DecisionCode string

// The decision codes.
const (
	DecisionApproved      DecisionCode = "approved"
	DecisionShare         DecisionCode = "policy_share"         // cut to the policy's share
	DecisionLabourCapped  DecisionCode = "labour_over_standard" // cut to the standard time
	DecisionNotCovered    DecisionCode = "not_covered"
	DecisionNoFaultFound  DecisionCode = "no_fault_found"
	DecisionPartMissing   DecisionCode = "part_not_returned"
	DecisionPreAuthDenied DecisionCode = "preauth_denied"
	DecisionOtherParty    DecisionCode = "other_party" // a dealer or the customer bears it
	DecisionGoodwill      DecisionCode = "goodwill"
)

var decisionCodes = []DecisionCode{DecisionApproved, DecisionShare, DecisionLabourCapped, DecisionNotCovered,
	DecisionNoFaultFound, DecisionPartMissing, DecisionPreAuthDenied, DecisionOtherParty, DecisionGoodwill}

func (d DecisionCode) valid() bool {
	for _, c := range decisionCodes {
		if c == d {
			return true
		}
	}
	return false
}

// Origin is who filed the claim.
type Origin string

// The origins.
const (
	OriginDealer   Origin = "dealer"
	OriginCustomer Origin = "customer"
)

// LineInput is one claimed line.
type LineInput struct {
	Kind      LineKind
	Code      string // part number, labour operation, or a free code for travel/other
	Quantity  decimal.Decimal
	UnitPrice carekernel.Money
}

// ClaimInput is what Receive needs (6.3.2.1).
type ClaimInput struct {
	Serial string
	// Claimant is the dealer or service partner that repaired and claims
	// (SAP's claimant); Reference is its own claim number. Together they
	// identify the claim: filing the same reference twice is ErrConflict.
	Claimant, Reference string
	Origin              Origin
	FailureDate         time.Time
	FailureCode         string
	ConditionCode       string
	CausalPart          string
	Usage               []Reading
	Invoice             string
	Currency            string
	Lines               []LineInput
}

// Line is a claim line with its decision.
type Line struct {
	No        int
	Kind      LineKind
	Code      string
	Quantity  decimal.Decimal
	UnitPrice carekernel.Money
	Amount    carekernel.Money
	Approved  carekernel.Money
	Decision  DecisionCode // "" until decided
}

// LineDecision decides one line (6.3.2.6): the approved amount (zero
// rejects, less than claimed approves in part) and the reason.
type LineDecision struct {
	Line     int
	Approved carekernel.Money
	Code     DecisionCode
}

// Party is a responsible party: kind and, for suppliers and dealers, who.
type Party struct {
	Kind PartyKind `json:"kind"`
	ID   string    `json:"id,omitempty"`
}

// Responsibility is the answer of responsible-party determination, with
// the supplier's back-to-back shares when a supplier bears it.
type Responsibility struct {
	Party     Party
	Parts     int       // percent of approved parts cost recoverable
	Labour    int       // percent of approved labour cost recoverable
	RecoverBy time.Time // last day to file the recovery claim
	Reason    carekernel.Localizable
}

type lineData struct {
	No       int             `json:"no"`
	Kind     LineKind        `json:"kind"`
	Code     string          `json:"code"`
	Qty      decimal.Decimal `json:"qty"`
	Price    decimal.Decimal `json:"price"`
	Amount   decimal.Decimal `json:"amount"`
	Approved decimal.Decimal `json:"approved"`
	Decision DecisionCode    `json:"decision,omitempty"`
}

type unitData struct {
	Produced   time.Time `json:"produced,omitzero"`
	Purchased  time.Time `json:"purchased,omitzero"`
	Delivered  time.Time `json:"delivered,omitzero"`
	Registered time.Time `json:"registered"`
	Usage      []Reading `json:"usage,omitempty"`
}

type coverageData struct {
	Outcome         Outcome         `json:"outcome"`
	Parts           int             `json:"parts"`
	Labour          int             `json:"labour"`
	Travel          int             `json:"travel"`
	Deductible      decimal.Decimal `json:"deductible"`
	MonthsInService int             `json:"months_in_service"`
	DaysLeft        int             `json:"days_left"`
	End             time.Time       `json:"end,omitzero"`
	// Contract names the extended warranty or service contract that
	// covers the claim when the base warranty does not.
	Contract string `json:"contract,omitempty"`
}

type partReturnData struct {
	Part      string    `json:"part"`
	Requested time.Time `json:"requested"`
	Due       time.Time `json:"due"`
	Received  time.Time `json:"received,omitzero"`
}

type responsibleData struct {
	Party     Party     `json:"party"`
	Parts     int       `json:"parts"`
	Labour    int       `json:"labour"`
	RecoverBy time.Time `json:"recover_by,omitzero"`
}

type preAuthData struct {
	Requested time.Time       `json:"requested"`
	Cap       decimal.Decimal `json:"cap"`
	Expires   time.Time       `json:"expires,omitzero"`
	Granted   bool            `json:"granted"`
}

type paymentData struct {
	Amount     decimal.Decimal `json:"amount"`
	CreditMemo string          `json:"credit_memo"`
	At         time.Time       `json:"at"`
}

// claimData is the claim's stored shape (schema version 1). Amounts are
// decimals in the claim's one currency.
type claimData struct {
	ID             carekernel.ID     `json:"id"`
	Tenant         carekernel.Tenant `json:"tenant"`
	State          ClaimState        `json:"state"`
	Claimant       string            `json:"claimant"`
	Reference      string            `json:"reference,omitempty"`
	Origin         Origin            `json:"origin"`
	Processor      string            `json:"processor,omitempty"`
	Serial         string            `json:"serial"`
	Model          string            `json:"model"`
	ProductLine    string            `json:"product_line,omitempty"`
	Dealer         string            `json:"dealer,omitempty"`
	CustomerID     string            `json:"customer_id"`
	CustomerLang   string            `json:"customer_lang,omitempty"`
	Unit           unitData          `json:"unit"`
	PolicyID       string            `json:"policy_id,omitempty"`
	PolicyVersion  int               `json:"policy_version,omitempty"`
	Currency       string            `json:"currency"`
	Received       time.Time         `json:"received"`
	FailureDate    time.Time         `json:"failure_date"`
	FailureCode    string            `json:"failure_code"`
	ConditionCode  string            `json:"condition_code,omitempty"`
	CausalPart     string            `json:"causal_part,omitempty"`
	Usage          []Reading         `json:"usage,omitempty"`
	Invoice        string            `json:"invoice,omitempty"`
	Lines          []lineData        `json:"lines"`
	CatalogID      string            `json:"catalog_id,omitempty"`
	CatalogVersion int               `json:"catalog_version,omitempty"`
	Queue          string            `json:"queue,omitempty"`
	NeedsPreAuth   bool              `json:"needs_preauth,omitempty"`
	NeedsPart      bool              `json:"needs_part,omitempty"`
	Coverage       *coverageData     `json:"coverage,omitempty"`
	Issue          string            `json:"issue,omitempty"`
	FieldService   string            `json:"field_service,omitempty"`
	PartReturn     *partReturnData   `json:"part_return,omitempty"`
	RootCause      string            `json:"root_cause,omitempty"`
	Finding        string            `json:"finding,omitempty"`
	Recommendation string            `json:"recommendation,omitempty"`
	Responsible    *responsibleData  `json:"responsible,omitempty"`
	PreAuth        *preAuthData      `json:"preauth,omitempty"`
	Decided        time.Time         `json:"decided,omitzero"`
	Notified       time.Time         `json:"notified,omitzero"`
	Payment        *paymentData      `json:"payment,omitempty"`
	Closed         time.Time         `json:"closed,omitzero"`
	Reconciliation *Reconciliation   `json:"reconciliation,omitempty"`
	History        claimHistory      `json:"history"`
}

// Claim is a warranty claim (6.3.2): an aggregate with private state,
// moved only by its verb methods through ClaimLifecycle. It does no I/O.
type Claim struct {
	d       claimData
	version int64
	pending []carekernel.Event
	size    int            // length of the stored body, to size the next encoding
	enc     *claimEncoding // the last encoding, nil until the first
	// dirty marks the sections of the body changed since enc was
	// written: every verb that changes a field marks its section.
	dirty uint16
}

// changed marks sections of the body as changed since the last encoding.
func (c *Claim) changed(secs ...int) {
	for _, s := range secs {
		c.dirty |= 1 << s
	}
}

func (c *Claim) money(d decimal.Decimal) carekernel.Money {
	m, _ := carekernel.NewMoney(d, c.d.Currency) // the currency was validated on receipt
	return m
}

// ID is the claim's ID.
func (c *Claim) ID() carekernel.ID { return c.d.ID }

// Tenant is the claim's tenant.
func (c *Claim) Tenant() carekernel.Tenant { return c.d.Tenant }

// State is the current state.
func (c *Claim) State() ClaimState { return c.d.State }

// Version is the stored version (0 before the first save).
func (c *Claim) Version() int64 { return c.version }

// Allowed lists the actions the lifecycle allows now.
func (c *Claim) Allowed() []ClaimAction { return claimTable.Allowed(c.d.State) }

// Serial is the claimed unit.
func (c *Claim) Serial() string { return c.d.Serial }

// Model is the claimed unit's model.
func (c *Claim) Model() string { return c.d.Model }

// Claimant is the dealer or partner that claims.
func (c *Claim) Claimant() string { return c.d.Claimant }

// CustomerID is the owner of the unit at receipt.
func (c *Claim) CustomerID() string { return c.d.CustomerID }

// Currency is the claim's currency.
func (c *Claim) Currency() string { return c.d.Currency }

// Received is when the claim arrived.
func (c *Claim) Received() time.Time { return c.d.Received }

// FailureDate is when the unit failed.
func (c *Claim) FailureDate() time.Time { return c.d.FailureDate }

// FailureCode is the claimed failure code.
func (c *Claim) FailureCode() string { return c.d.FailureCode }

// CausalPart is the part named as causing the failure.
func (c *Claim) CausalPart() string { return c.d.CausalPart }

// Invoice is the claimant's repair invoice number.
func (c *Claim) Invoice() string { return c.d.Invoice }

// Dealer is the selling dealer of the unit.
func (c *Claim) Dealer() string { return c.d.Dealer }

// CatalogVersion is the code catalog version the claim is decided under
// (0 before validation).
func (c *Claim) CatalogVersion() int { return c.d.CatalogVersion }

// PolicyVersion is the policy version that decided coverage.
func (c *Claim) PolicyVersion() int { return c.d.PolicyVersion }

// Queue is where the routing rules sent the claim.
func (c *Claim) Queue() string { return c.d.Queue }

// MonthsInService is the unit's age at failure, once validated.
func (c *Claim) MonthsInService() int {
	if c.d.Coverage == nil {
		return 0
	}
	return c.d.Coverage.MonthsInService
}

// DaysLeft is the coverage time left at failure, once validated.
func (c *Claim) DaysLeft() int {
	if c.d.Coverage == nil {
		return 0
	}
	return c.d.Coverage.DaysLeft
}

// Contract is the extended warranty or service contract that covers
// the claim when the base warranty does not (false when the base
// warranty covers it, or before validation).
func (c *Claim) Contract() (carekernel.ID, bool) {
	if c.d.Coverage == nil || c.d.Coverage.Contract == "" {
		return carekernel.ID{}, false
	}
	id, err := carekernel.ParseID(c.d.Coverage.Contract)
	return id, err == nil
}

// Responsible is the party bearing the claim, once determined.
func (c *Claim) Responsible() (Party, bool) {
	if c.d.Responsible == nil {
		return Party{}, false
	}
	return c.d.Responsible.Party, true
}

// PartDue is when a requested part must be back (zero when none was requested).
func (c *Claim) PartDue() time.Time {
	if c.d.PartReturn == nil {
		return time.Time{}
	}
	return c.d.PartReturn.Due
}

// CreditMemo is the credit memo reference of the authorized payment.
func (c *Claim) CreditMemo() string {
	if c.d.Payment == nil {
		return ""
	}
	return c.d.Payment.CreditMemo
}

// Decided is when the claim was approved or rejected.
func (c *Claim) Decided() time.Time { return c.d.Decided }

// Closed is when the claim was closed.
func (c *Claim) Closed() time.Time { return c.d.Closed }

// Lines returns the lines with their decisions (a copy).
func (c *Claim) Lines() []Line {
	out := make([]Line, len(c.d.Lines))
	for i, l := range c.d.Lines {
		out[i] = Line{No: l.No, Kind: l.Kind, Code: l.Code, Quantity: l.Qty, UnitPrice: c.money(l.Price),
			Amount: c.money(l.Amount), Approved: c.money(l.Approved), Decision: l.Decision}
	}
	return out
}

// Claimed is the total claimed.
func (c *Claim) Claimed() carekernel.Money {
	return c.money(c.sum(func(l lineData) decimal.Decimal { return l.Amount }))
}

// Approved is the total approved (zero before the decision).
func (c *Claim) Approved() carekernel.Money {
	return c.money(c.sum(func(l lineData) decimal.Decimal { return l.Approved }))
}

// Paid is the amount authorized for payment (zero before).
func (c *Claim) Paid() carekernel.Money {
	if c.d.Payment == nil {
		return c.money(decimal.Zero)
	}
	return c.money(c.d.Payment.Amount)
}

// sum adds f over the lines: what a chain of Adds from decimal.Zero
// gives (the same value at the same exponent), but, when every term and
// the sum fit in int64 at the smallest exponent, added as integers with
// one allocation for the result instead of several per line. Amounts
// always fit; the chain is the fallback.
func (c *Claim) sum(f func(lineData) decimal.Decimal) decimal.Decimal {
	return sumOf(len(c.d.Lines), func(i int) decimal.Decimal { return f(c.d.Lines[i]) })
}

// sumOf adds at(0) … at(n-1) as sum describes.
func sumOf(n int, at func(int) decimal.Decimal) decimal.Decimal {
	if s, ok := sumInt64(n, at); ok {
		return s
	}
	s := decimal.Zero
	for i := range n {
		s = s.Add(at(i))
	}
	return s
}

func sumInt64(n int, at func(int) decimal.Decimal) (decimal.Decimal, bool) {
	exp := int32(0) // decimal.Zero's, where the chain starts
	for i := range n {
		d := at(i)
		if d.NumDigits() > 18 {
			return decimal.Decimal{}, false
		}
		exp = min(exp, d.Exponent())
	}
	var s int64
	for i := range n {
		d := at(i)
		k := int64(d.Exponent()) - int64(exp)
		if k >= int64(len(pow10)) {
			return decimal.Decimal{}, false
		}
		v, p := d.CoefficientInt64(), pow10[k]
		if v > math.MaxInt64/p || v < -math.MaxInt64/p {
			return decimal.Decimal{}, false
		}
		v *= p
		if v > 0 && s > math.MaxInt64-v || v < 0 && s < math.MinInt64-v {
			return decimal.Decimal{}, false
		}
		s += v
	}
	return decimal.New(s, exp), true
}

// roundedProduct is a.Mul(b).Round(places), the same value at the same
// exponent, computed in int64 when the coefficients and the product
// fit (one allocation for the result instead of five); ok is false
// otherwise. Round's steps: truncate to places+1 digits, add ±5, drop
// the last digit (truncating towards zero), which rounds half away
// from zero.
func roundedProduct(a, b decimal.Decimal, places int32) (decimal.Decimal, bool) {
	if a.NumDigits() > 18 || b.NumDigits() > 18 {
		return decimal.Decimal{}, false
	}
	x, y := a.CoefficientInt64(), b.CoefficientInt64()
	neg := (x < 0) != (y < 0)
	hi, lo := bits.Mul64(uint64(abs64(x)), uint64(abs64(y)))
	if hi != 0 || lo > math.MaxInt64 {
		return decimal.Decimal{}, false
	}
	p := int64(lo)
	e := int64(a.Exponent()) + int64(b.Exponent())
	if e == -int64(places) { // Round returns the product as it is
		if neg {
			p = -p
		}
		return decimal.New(p, int32(e)), true
	}
	switch k := e + int64(places); {
	case k > 0: // scale up: exact
		if k >= int64(len(pow10)) || p > math.MaxInt64/pow10[k] {
			return decimal.Decimal{}, false
		}
		p *= pow10[k]
	default: // truncate to places+1 digits, add 5, drop a digit
		if d := -k - 1; d >= int64(len(pow10)) {
			p = 0
		} else {
			p /= pow10[d]
		}
		if p > math.MaxInt64-5 {
			return decimal.Decimal{}, false
		}
		p = (p + 5) / 10
	}
	if neg {
		p = -p
	}
	return decimal.New(p, -places), true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// History is the claim's moves (a copy).
func (c *Claim) History() []lifecycle.Entry[ClaimState, ClaimAction] {
	return append([]lifecycle.Entry[ClaimState, ClaimAction](nil), c.d.History...)
}

// Events returns the events recorded since the claim was loaded.
func (c *Claim) Events() []carekernel.Event { return append([]carekernel.Event(nil), c.pending...) }

// claimPayload is the payload of claim events.
type claimPayload struct {
	Claim    carekernel.ID `json:"claim"`
	Serial   string        `json:"serial"`
	From     ClaimState    `json:"from"`
	To       ClaimState    `json:"to"`
	Amount   string        `json:"amount,omitempty"`
	Currency string        `json:"currency,omitempty"`
	Note     string        `json:"note,omitempty"`
	// amount, when set, is written as Amount is (decimal.String's
	// digits), without making the string first.
	amount *decimal.Decimal
}

// move fires action, appends history and the event.
func (c *Claim) move(action ClaimAction, by carekernel.Actor, now time.Time, note string, amount *decimal.Decimal) error {
	to, err := claimTable.Fire(c, c.d.State, action)
	if err != nil {
		return err
	}
	return c.moved(action, to, by, now, note, amount)
}

func (c *Claim) moved(action ClaimAction, to ClaimState, by carekernel.Actor, now time.Time, note string, amount *decimal.Decimal) error {
	p := claimPayload{Claim: c.d.ID, Serial: c.d.Serial, From: c.d.State, To: to, Note: note}
	if amount != nil {
		p.amount, p.Currency = amount, c.d.Currency
	}
	return c.emit(claimEventTypes[action], claimPCF[action], action, to, by, now, note, p.appendJSON(make([]byte, 0, 160)))
}

// appendJSON writes the payload as encoding/json would: every move
// emits one, so it is written by hand.
func (p *claimPayload) appendJSON(b []byte) json.RawMessage {
	b = append(b, `{"claim":"`...)
	b = appendID(b, p.Claim)
	b = append(b, `","serial":`...)
	b = jsonw.AppendString(b, p.Serial)
	b = append(b, `,"from":`...)
	b = jsonw.AppendString(b, string(p.From))
	b = append(b, `,"to":`...)
	b = jsonw.AppendString(b, string(p.To))
	if p.amount != nil {
		b = append(b, `,"amount":`...)
		b = appendDecimal(b, *p.amount)
	} else if p.Amount != "" {
		b = append(b, `,"amount":`...)
		b = jsonw.AppendString(b, p.Amount)
	}
	if p.Currency != "" {
		b = append(b, `,"currency":`...)
		b = jsonw.AppendString(b, p.Currency)
	}
	if p.Note != "" {
		b = append(b, `,"note":`...)
		b = jsonw.AppendString(b, p.Note)
	}
	return append(b, '}')
}

func (c *Claim) emit(typ, pcf string, action ClaimAction, to ClaimState, by carekernel.Actor, now time.Time, note string, payload json.RawMessage) error {
	ev := carekernel.Event{Tenant: c.d.Tenant, Type: typ, AggregateKind: claimSchema.Kind, AggregateID: c.d.ID, Version: c.version + 1,
		At: now.UTC(), Actor: by, PCF: pcf, Payload: payload}
	c.d.History = append(c.d.History, lifecycle.Entry[ClaimState, ClaimAction]{From: c.d.State, Action: action, To: to, At: now, By: by, Note: note})
	c.d.State = to
	c.pending = append(c.pending, ev)
	return nil
}
