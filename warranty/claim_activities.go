package warranty

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/carekernel/carekernel/internal/jsonw"

	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
)

const maxLines = 200

var (
	hundred     = decimal.NewFromInt(100)
	maxQuantity = decimal.NewFromInt(1_000_000)
)

// newClaim checks the input and builds a received claim (6.3.2.1).
func newClaim(id carekernel.ID, t carekernel.Tenant, in *ClaimInput, reg *Registration, by carekernel.Actor, now time.Time) (*Claim, error) {
	const op = "warranty.Receive"
	cur, err := carekernel.ParseCurrency(in.Currency)
	if err != nil {
		return nil, err
	}
	if !validCode(in.Claimant) {
		return nil, carekernel.Invalid(op, "claimant", "warranty.err.code_invalid", in.Claimant)
	}
	if in.Reference != "" && !validCode(in.Reference) {
		return nil, carekernel.Invalid(op, "reference", "warranty.err.code_invalid", in.Reference)
	}
	switch in.Origin {
	case OriginDealer, OriginCustomer:
	case "":
		in.Origin = OriginDealer
	default:
		return nil, carekernel.Invalid(op, "origin", "warranty.claim.err.origin", string(in.Origin))
	}
	if in.FailureDate.IsZero() || in.FailureDate.After(now) {
		return nil, carekernel.Invalid(op, "failure_date", "warranty.claim.err.failure_date")
	}
	if !validCode(in.FailureCode) {
		return nil, carekernel.Invalid(op, "failure_code", "warranty.err.code_invalid", in.FailureCode)
	}
	for _, s := range [...]struct{ f, v string }{{"condition_code", in.ConditionCode}, {"causal_part", in.CausalPart}, {"invoice", in.Invoice}} {
		if s.v != "" && !validCode(s.v) {
			return nil, carekernel.Invalid(op, s.f, "warranty.err.code_invalid", s.v)
		}
	}
	if len(in.Lines) == 0 || len(in.Lines) > maxLines {
		return nil, carekernel.Invalid(op, "lines", "warranty.claim.err.lines", maxLines)
	}
	usage := make([]Reading, len(in.Usage))
	for i, r := range in.Usage {
		if r.At.IsZero() {
			r.At = in.FailureDate
		}
		r.At = r.At.UTC()
		usage[i] = r
	}
	if err := checkReadings(op, usage, reg.Usage, now); err != nil {
		return nil, err
	}
	lines := make([]lineData, len(in.Lines))
	places := carekernel.MinorUnits(cur)
	for i, l := range in.Lines {
		field := func() string { return "lines[" + itoa(int64(i)) + "]" } // only for an error
		switch l.Kind {
		case LinePart, LineLabour, LineTravel, LineOther:
		default:
			return nil, carekernel.Invalid(op, field()+".kind", "warranty.claim.err.line_kind", string(l.Kind))
		}
		if !validCode(l.Code) {
			return nil, carekernel.Invalid(op, field()+".code", "warranty.err.code_invalid", l.Code)
		}
		if !l.Quantity.IsPositive() || l.Quantity.Exponent() < -4 || l.Quantity.GreaterThan(maxQuantity) {
			return nil, carekernel.Invalid(op, field()+".quantity", "warranty.err.quantity_negative", field()+".quantity")
		}
		if l.UnitPrice.Currency() != cur {
			return nil, carekernel.Invalid(op, field()+".unit_price", "kernel.err.currency_mismatch", l.UnitPrice.Currency(), cur)
		}
		if l.UnitPrice.IsNegative() {
			return nil, carekernel.Invalid(op, field()+".unit_price", "warranty.err.amount_negative", field())
		}
		amount, ok := roundedProduct(l.UnitPrice.Amount(), l.Quantity, places)
		if !ok {
			amount = l.UnitPrice.Mul(l.Quantity).Round().Amount()
		}
		lines[i] = lineData{No: i + 1, Kind: l.Kind, Code: l.Code, Qty: l.Quantity, Price: l.UnitPrice.Amount(), Amount: amount}
	}
	c := &Claim{d: claimData{
		ID: id, Tenant: t, State: ClaimReceived, Claimant: in.Claimant, Reference: in.Reference, Origin: in.Origin,
		Serial: reg.Serial, Model: reg.Model, ProductLine: reg.ProductLine, Dealer: reg.Dealer,
		CustomerID: reg.Owner.CustomerID, CustomerLang: reg.Owner.Language,
		Unit:     unitData{Produced: reg.Produced, Purchased: reg.Purchased, Delivered: reg.Delivered, Registered: reg.Registered, Usage: slices.Clone(reg.Usage)},
		PolicyID: reg.PolicyID, PolicyVersion: reg.PolicyVersion,
		Currency: cur, Received: now.UTC(), FailureDate: in.FailureDate.UTC(),
		FailureCode: in.FailureCode, ConditionCode: in.ConditionCode, CausalPart: in.CausalPart,
		Usage: usage, Invoice: in.Invoice, Lines: lines,
		History: make(claimHistory, 0, 8), // room for a lifecycle's moves
	}}
	total := c.sum(func(l lineData) decimal.Decimal { return l.Amount })
	p := claimPayload{Claim: id, Serial: reg.Serial, To: ClaimReceived, amount: &total, Currency: cur}
	c.pending = append(c.pending, carekernel.Event{Tenant: t, Type: "warranty.claim.received", AggregateKind: claimSchema.Kind, AggregateID: id,
		Version: 1, At: now.UTC(), Actor: by, PCF: "6.3.2.1", Payload: p.appendJSON(make([]byte, 0, 160))})
	return c, nil
}

// registration rebuilds the registration view coverage checks need.
func (c *Claim) registration() *Registration {
	return &Registration{ID: c.d.ID, Serial: c.d.Serial, Model: c.d.Model, Produced: c.d.Unit.Produced,
		Purchased: c.d.Unit.Purchased, Delivered: c.d.Unit.Delivered, Registered: c.d.Unit.Registered,
		Usage: c.d.Unit.Usage, PolicyID: c.d.PolicyID, PolicyVersion: c.d.PolicyVersion}
}

// Validate checks the claim's codes against a catalog version and its
// coverage decision (6.3.2.2), and routes it. A claim outside coverage
// or with an unknown code is refused with an explained ErrInvalid error
// and does not move; the processor may then Reject it.
func (c *Claim) Validate(cat *CodeCatalog, cov CoverageDecision, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.Validate"
	if !claimTable.Can(c.d.State, ActValidate) {
		_, err := claimTable.Next(c.d.State, ActValidate)
		return err
	}
	if _, ok := cat.Failure(c.d.FailureCode); !ok {
		return carekernel.Invalid(op, "failure_code", "warranty.claim.err.unknown_code", c.d.FailureCode, cat.ID, cat.Version)
	}
	if c.d.ConditionCode != "" {
		if _, ok := cat.Condition(c.d.ConditionCode); !ok {
			return carekernel.Invalid(op, "condition_code", "warranty.claim.err.unknown_code", c.d.ConditionCode, cat.ID, cat.Version)
		}
	}
	needsPart := false
	if c.d.CausalPart != "" {
		p, ok := cat.PartByNumber(c.d.CausalPart)
		if !ok {
			return carekernel.Invalid(op, "causal_part", "warranty.claim.err.unknown_code", c.d.CausalPart, cat.ID, cat.Version)
		}
		needsPart = p.ReturnRequired
	}
	for i, l := range c.d.Lines {
		ok := true
		switch l.Kind {
		case LinePart:
			_, ok = cat.PartByNumber(l.Code)
		case LineLabour:
			_, ok = cat.LabourOperation(l.Code)
		}
		if !ok {
			return carekernel.Invalid(op, "lines["+itoa(int64(i))+"].code", "warranty.claim.err.unknown_code", l.Code, cat.ID, cat.Version)
		}
	}
	if !cov.Covered() {
		return carekernel.Invalid(op, "coverage", "warranty.claim.err.not_covered", cov.Explain())
	}
	needsPreAuth := false
	queue := ""
	if r, ok := cat.Route(c.d.FailureCode); ok {
		queue = r.Queue
		needsPart = needsPart || r.ReturnPart
		if r.PreAuthorizationOver.IsValid() {
			if r.PreAuthorizationOver.Currency() != c.d.Currency {
				return carekernel.Invalid(op, "currency", "kernel.err.currency_mismatch", c.d.Currency, r.PreAuthorizationOver.Currency())
			}
			needsPreAuth = c.sum(func(l lineData) decimal.Decimal { return l.Amount }).GreaterThan(r.PreAuthorizationOver.Amount())
		}
	}
	ded := decimal.Zero
	if cov.Deductible.IsValid() {
		if !cov.Deductible.IsZero() && cov.Deductible.Currency() != c.d.Currency {
			return carekernel.Invalid(op, "currency", "kernel.err.currency_mismatch", c.d.Currency, cov.Deductible.Currency())
		}
		ded = cov.Deductible.Amount()
	}
	c.d.CatalogID, c.d.CatalogVersion = cat.ID, cat.Version
	c.d.PolicyID, c.d.PolicyVersion = cov.PolicyID, cov.PolicyVersion
	c.d.Queue, c.d.NeedsPreAuth, c.d.NeedsPart = queue, needsPreAuth, needsPart
	c.d.Coverage = &coverageData{Outcome: cov.Outcome, Parts: cov.Parts, Labour: cov.Labour, Travel: cov.Travel, Deductible: ded,
		MonthsInService: cov.MonthsInService, DaysLeft: cov.DaysLeft, End: cov.End}
	if cov.Contract != nil {
		c.d.Coverage.Contract = cov.Contract.Contract.String()
	}
	c.d.Processor = by.ID
	c.changed(secParties, secTerms, secRouting)
	return c.move(ActValidate, by, now, "", nil)
}

// DefineIssue records what is wrong, opening the investigation (6.3.2.3.1).
func (c *Claim) DefineIssue(issue string, by carekernel.Actor, now time.Time) error {
	if err := checkText("warranty.Claim.DefineIssue", "issue", issue); err != nil {
		return err
	}
	if err := c.move(ActDefineIssue, by, now, issue, nil); err != nil {
		return err
	}
	c.d.Issue = issue
	c.changed(secInvestigation)
	return nil
}

// RequestFieldService asks for a technician visit (6.3.2.3.2); the host
// or the service package schedules it from the event.
func (c *Claim) RequestFieldService(note string, by carekernel.Actor, now time.Time) error {
	if err := checkText("warranty.Claim.RequestFieldService", "note", note); err != nil {
		return err
	}
	if err := c.move(ActRequestFieldService, by, now, note, nil); err != nil {
		return err
	}
	c.d.FieldService = note
	c.changed(secInvestigation)
	return nil
}

// RequestPart asks the claimant to send the defective part back by due
// (6.3.2.3.3); if it is not received by then the claim is rejected.
func (c *Claim) RequestPart(part string, due time.Time, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.RequestPart"
	if !validCode(part) {
		return carekernel.Invalid(op, "part", "warranty.err.code_invalid", part)
	}
	if !due.After(now) {
		return carekernel.Invalid(op, "due", "warranty.claim.err.due_past")
	}
	if err := c.move(ActRequestPart, by, now, part, nil); err != nil {
		return err
	}
	c.d.PartReturn = &partReturnData{Part: part, Requested: now.UTC(), Due: due.UTC()}
	c.changed(secInvestigation)
	return nil
}

// ReceivePart records the returned part.
func (c *Claim) ReceivePart(by carekernel.Actor, now time.Time) error {
	if c.d.State == ClaimAwaitingPart && now.After(c.d.PartReturn.Due) {
		return carekernel.Invalid("warranty.Claim.ReceivePart", "part", "warranty.claim.err.part_overdue", c.d.PartReturn.Part, dateMsg(c.d.PartReturn.Due))
	}
	if err := c.move(ActReceivePart, by, now, "", nil); err != nil {
		return err
	}
	pr := *c.d.PartReturn // replaced, never changed in place: copies of the claim share it
	pr.Received = now.UTC()
	c.d.PartReturn = &pr
	c.changed(secInvestigation)
	return nil
}

// ExpirePart rejects the claim because the requested part is overdue.
func (c *Claim) ExpirePart(by carekernel.Actor, now time.Time) error {
	if c.d.State == ClaimAwaitingPart && !now.After(c.d.PartReturn.Due) {
		return carekernel.Invalid("warranty.Claim.ExpirePart", "part", "warranty.claim.err.part_not_due", c.d.PartReturn.Part, dateMsg(c.d.PartReturn.Due))
	}
	if err := c.move(ActExpirePart, by, now, c.d.PartReturn.Part, nil); err != nil {
		return err
	}
	c.rejectAll(DecisionPartMissing, now)
	return nil
}

// RecordRootCause records the root-cause analysis (6.3.2.3.4).
func (c *Claim) RecordRootCause(cause string, by carekernel.Actor, now time.Time) error {
	if err := checkText("warranty.Claim.RecordRootCause", "root_cause", cause); err != nil {
		return err
	}
	if err := c.move(ActRecordRootCause, by, now, cause, nil); err != nil {
		return err
	}
	c.d.RootCause = cause
	c.changed(secInvestigation)
	return nil
}

// RecordResult records the investigation result and the recommended
// corrective action (6.3.2.3.5). A finding of no fault makes Suggest
// reject the part lines.
func (c *Claim) RecordResult(finding, recommendation string, noFault bool, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.RecordResult"
	if err := checkText(op, "finding", finding); err != nil {
		return err
	}
	if len(recommendation) > maxText {
		return carekernel.Invalid(op, "recommendation", "warranty.err.text", maxText)
	}
	if err := c.move(ActRecordResult, by, now, finding, nil); err != nil {
		return err
	}
	c.d.Finding, c.d.Recommendation = finding, recommendation
	if noFault {
		c.d.Finding = noFaultPrefix + finding
	}
	c.changed(secInvestigation)
	return nil
}

const noFaultPrefix = "[no fault found] "

// NoFaultFound reports whether the investigation found no fault.
func (c *Claim) NoFaultFound() bool {
	return len(c.d.Finding) >= len(noFaultPrefix) && c.d.Finding[:len(noFaultPrefix)] == noFaultPrefix
}

// DetermineResponsibility records who bears the claim (6.3.2.4).
func (c *Claim) DetermineResponsibility(r Responsibility, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.DetermineResponsibility"
	if !r.Party.Kind.valid() {
		return carekernel.Invalid(op, "party", "warranty.err.party_unknown", string(r.Party.Kind))
	}
	if (r.Party.Kind == PartySupplier || r.Party.Kind == PartyDealer) && r.Party.ID == "" {
		return carekernel.Invalid(op, "party.id", "warranty.claim.err.party_id")
	}
	if r.Parts < 0 || r.Parts > 100 || r.Labour < 0 || r.Labour > 100 {
		return carekernel.Invalid(op, "share", "warranty.err.percent", "share", r.Parts)
	}
	if err := c.move(ActDetermine, by, now, string(r.Party.Kind)+":"+r.Party.ID, nil); err != nil {
		return err
	}
	c.d.Responsible = &responsibleData{Party: r.Party, Parts: r.Parts, Labour: r.Labour, RecoverBy: r.RecoverBy.UTC()}
	c.changed(secInvestigation)
	return nil
}

// NeedsPreAuthorization reports whether the routing rules ask for a
// pre-authorization before approval.
func (c *Claim) NeedsPreAuthorization() bool { return c.d.NeedsPreAuth }

// RequestPreAuthorization asks for prior approval of the claimed amount (6.3.2.5).
func (c *Claim) RequestPreAuthorization(by carekernel.Actor, now time.Time) error {
	if err := c.move(ActRequestPreAuth, by, now, "", nil); err != nil {
		return err
	}
	c.d.PreAuth = &preAuthData{Requested: now.UTC()}
	c.changed(secInvestigation)
	return nil
}

// GrantPreAuthorization authorizes up to limit until expires.
func (c *Claim) GrantPreAuthorization(limit carekernel.Money, expires time.Time, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.GrantPreAuthorization"
	if limit.Currency() != c.d.Currency {
		return carekernel.Invalid(op, "cap", "kernel.err.currency_mismatch", limit.Currency(), c.d.Currency)
	}
	if !limit.IsPositive() {
		return carekernel.Invalid(op, "cap", "warranty.err.quantity_negative", "cap")
	}
	if !expires.After(now) {
		return carekernel.Invalid(op, "expires", "warranty.claim.err.due_past")
	}
	amt := limit.Amount()
	if err := c.move(ActGrantPreAuth, by, now, "", &amt); err != nil {
		return err
	}
	pa := *c.d.PreAuth // replaced, never changed in place: copies of the claim share it
	pa.Cap, pa.Expires, pa.Granted = amt, expires.UTC(), true
	c.d.PreAuth = &pa
	c.changed(secInvestigation)
	return nil
}

// DenyPreAuthorization refuses prior approval; the claim is rejected.
func (c *Claim) DenyPreAuthorization(by carekernel.Actor, now time.Time) error {
	if err := c.move(ActDenyPreAuth, by, now, "", nil); err != nil {
		return err
	}
	c.rejectAll(DecisionPreAuthDenied, now)
	return nil
}

// Suggest proposes line decisions from the coverage shares, the labour
// standard times of the catalog and the investigation: what Decide(nil)
// applies. Lines borne by a dealer or the customer are rejected.
func (c *Claim) Suggest(cat *CodeCatalog) []LineDecision {
	out := make([]LineDecision, len(c.d.Lines))
	cov := c.d.Coverage
	other := c.d.Responsible != nil && (c.d.Responsible.Party.Kind == PartyDealer || c.d.Responsible.Party.Kind == PartyCustomer)
	for i, l := range c.d.Lines {
		d := LineDecision{Line: l.No, Code: DecisionApproved}
		amount := l.Amount
		share := 100
		if cov != nil {
			switch l.Kind {
			case LinePart, LineOther:
				share = cov.Parts
			case LineLabour:
				share = cov.Labour
			case LineTravel:
				share = cov.Travel
			}
		}
		if l.Kind == LineLabour && cat != nil {
			if op, ok := cat.LabourOperation(l.Code); ok {
				std := decimal.NewFromInt(int64(op.StandardMinutes)).Div(decimal.NewFromInt(60))
				if l.Qty.GreaterThan(std) {
					amount = l.Price.Mul(std)
					d.Code = DecisionLabourCapped
				}
			}
		}
		switch {
		case other:
			amount, d.Code = decimal.Zero, DecisionOtherParty
		case c.NoFaultFound() && l.Kind == LinePart:
			amount, d.Code = decimal.Zero, DecisionNoFaultFound
		case share == 0:
			amount, d.Code = decimal.Zero, DecisionNotCovered
		case share < 100:
			amount = amount.Mul(decimal.NewFromInt(int64(share))).Div(hundred)
			if d.Code == DecisionApproved {
				d.Code = DecisionShare
			}
		}
		d.Approved = c.money(amount.Round(carekernel.MinorUnits(c.d.Currency)))
		out[i] = d
	}
	return out
}

// Decide approves or rejects the claim line by line (6.3.2.6): every
// line needs a decision; an approved amount may be less than claimed
// (partial approval) and never more. When all lines are zero the claim
// is rejected. A required pre-authorization must be granted, unexpired
// and cover the approved total.
func (c *Claim) Decide(ds []LineDecision, by carekernel.Actor, now time.Time) error {
	const op = "warranty.Claim.Decide"
	if !claimTable.Can(c.d.State, ActApprove) {
		_, err := claimTable.Next(c.d.State, ActApprove)
		return err
	}
	if len(ds) != len(c.d.Lines) {
		return carekernel.Invalid(op, "decisions", "warranty.claim.err.decisions", len(c.d.Lines))
	}
	n := len(c.d.Lines)
	var (
		approved []decimal.Decimal
		codes    []DecisionCode
		seen     []bool
	)
	if n <= 8 { // on the stack for the usual few lines
		var a [8]decimal.Decimal
		var k [8]DecisionCode
		var s [8]bool
		approved, codes, seen = a[:n], k[:n], s[:n]
	} else {
		approved, codes, seen = make([]decimal.Decimal, n), make([]DecisionCode, n), make([]bool, n)
	}
	for _, d := range ds {
		i := d.Line - 1
		if i < 0 || i >= len(c.d.Lines) || seen[i] {
			return carekernel.Invalid(op, "decisions", "warranty.claim.err.decisions", len(c.d.Lines))
		}
		seen[i] = true
		if !d.Code.valid() {
			return carekernel.Invalid(op, "decisions", "warranty.claim.err.decision_code", string(d.Code))
		}
		if d.Approved.Currency() != c.d.Currency {
			return carekernel.Invalid(op, "decisions", "kernel.err.currency_mismatch", d.Approved.Currency(), c.d.Currency)
		}
		a := d.Approved.Amount()
		if a.IsNegative() || a.GreaterThan(c.d.Lines[i].Amount) {
			return carekernel.Invalid(op, "decisions", "warranty.claim.err.approved_range", d.Line)
		}
		approved[i], codes[i] = a, d.Code
	}
	total := sumOf(len(approved), func(i int) decimal.Decimal { return approved[i] })
	action := ActApprove
	if total.IsZero() {
		action = ActReject
	}
	if action == ActApprove && c.d.NeedsPreAuth {
		pa := c.d.PreAuth
		switch {
		case pa == nil || !pa.Granted:
			return carekernel.Forbidden(op, "warranty.claim.err.preauth_required")
		case now.After(pa.Expires):
			return carekernel.Forbidden(op, "warranty.claim.err.preauth_expired", dateMsg(pa.Expires))
		case total.GreaterThan(pa.Cap):
			return carekernel.Forbidden(op, "warranty.claim.err.preauth_cap", c.money(total), c.money(pa.Cap))
		}
	}
	if err := c.move(action, by, now, "", &total); err != nil {
		return err
	}
	lines := slices.Clone(c.d.Lines) // replaced, never changed in place: copies of the claim share them
	for i := range lines {
		lines[i].Approved, lines[i].Decision = approved[i], codes[i]
	}
	c.d.Lines = lines
	c.d.Decided = now.UTC()
	c.changed(secLines, secOutcome)
	return nil
}

// Reject rejects every line with one reason.
func (c *Claim) Reject(code DecisionCode, by carekernel.Actor, now time.Time) error {
	if !code.valid() || code == DecisionApproved || code == DecisionShare {
		return carekernel.Invalid("warranty.Claim.Reject", "code", "warranty.claim.err.decision_code", string(code))
	}
	if err := c.move(ActReject, by, now, string(code), nil); err != nil {
		return err
	}
	c.rejectAll(code, now)
	return nil
}

func (c *Claim) rejectAll(code DecisionCode, now time.Time) {
	lines := slices.Clone(c.d.Lines) // replaced, never changed in place: copies of the claim share them
	for i := range lines {
		lines[i].Approved, lines[i].Decision = decimal.Zero, code
	}
	c.d.Lines = lines
	c.d.Decided = now.UTC()
	c.changed(secLines, secOutcome)
}

// Notice is the localized decision notice for the originator.
func (c *Claim) Notice() carekernel.Localizable {
	ref := c.d.Reference
	if ref == "" {
		ref = c.d.ID.String()
	}
	switch c.d.State {
	case ClaimRejected, ClaimRejectionNotified:
		return carekernel.Msg("warranty.notice.rejected", ref, c.d.Serial, carekernel.Msg("warranty.decision."+string(c.firstDecision())))
	}
	if c.Approved().Equal(c.Claimed()) {
		return carekernel.Msg("warranty.notice.approved", ref, c.d.Serial, c.Approved())
	}
	return carekernel.Msg("warranty.notice.partial", ref, c.d.Serial, c.Approved(), c.Claimed())
}

func (c *Claim) firstDecision() DecisionCode {
	for _, l := range c.d.Lines {
		if l.Decision != "" {
			return l.Decision
		}
	}
	return DecisionNotCovered
}

// noticePayload carries the notice so the host renders it in the
// originator's language.
type noticePayload struct {
	Claim    carekernel.ID `json:"claim"`
	To       string        `json:"to"`
	Language string        `json:"language,omitempty"`
	Key      string        `json:"key"`
	Args     []string      `json:"args"`
	Approved string        `json:"approved"`
	Currency string        `json:"currency"`
	// approved, when set, is written as Approved is.
	approved *decimal.Decimal
}

// Notify tells the originator the decision (6.3.2.7): the event
// "warranty.claim.notice" carries the message key and arguments.
func (c *Claim) Notify(by carekernel.Actor, now time.Time) error {
	// the key and arguments of Notice, as strings: Money as its String,
	// a Message as its key (written out rather than built as a
	// Localizable and taken apart: every claim is notified)
	state := c.d.State
	approved := c.sum(func(l lineData) decimal.Decimal { return l.Approved })
	if err := c.move(ActNotify, by, now, "", nil); err != nil {
		return err
	}
	ref := c.d.Reference
	if ref == "" {
		ref = c.d.ID.String()
	}
	var argv [4]string
	args := append(argv[:0], ref, c.d.Serial)
	var key string
	switch state {
	case ClaimRejected, ClaimRejectionNotified:
		key = "warranty.notice.rejected"
		args = append(args, "warranty.decision."+string(c.firstDecision()))
	default:
		claimed := c.sum(func(l lineData) decimal.Decimal { return l.Amount })
		a := moneyString(approved, c.d.Currency)
		if approved.Equal(claimed) {
			key = "warranty.notice.approved"
			args = append(args, a)
		} else {
			key = "warranty.notice.partial"
			args = append(args, a, moneyString(claimed, c.d.Currency))
		}
	}
	to := c.d.Claimant
	lang := ""
	if c.d.Origin == OriginCustomer {
		to, lang = c.d.CustomerID, c.d.CustomerLang
	}
	c.d.Notified = now.UTC()
	c.changed(secOutcome)
	p := noticePayload{Claim: c.d.ID, To: to, Language: lang, Key: key, Args: args, approved: &approved, Currency: c.d.Currency}
	c.pending = append(c.pending, carekernel.Event{Tenant: c.d.Tenant, Type: "warranty.claim.notice", AggregateKind: claimSchema.Kind, AggregateID: c.d.ID,
		Version: c.version + 1, At: now.UTC(), Actor: by, PCF: "6.3.2.7", Payload: p.appendJSON(make([]byte, 0, 256))})
	return nil
}

// AuthorizePayment authorizes crediting the claimant (6.3.2.8): the
// approved total less the policy deductible, under a credit memo
// reference from the host's finance system.
func (c *Claim) AuthorizePayment(creditMemo string, by carekernel.Actor, now time.Time) error {
	if !validCode(creditMemo) {
		return carekernel.Invalid("warranty.Claim.AuthorizePayment", "credit_memo", "warranty.err.code_invalid", creditMemo)
	}
	amount := c.sum(func(l lineData) decimal.Decimal { return l.Approved })
	if c.d.Coverage != nil && !c.d.Coverage.Deductible.IsZero() {
		amount = amount.Sub(c.d.Coverage.Deductible)
	}
	if amount.IsNegative() {
		amount = decimal.Zero
	}
	if err := c.move(ActAuthorizePayment, by, now, creditMemo, &amount); err != nil {
		return err
	}
	c.d.Payment = &paymentData{Amount: amount, CreditMemo: creditMemo, At: now.UTC()}
	c.changed(secOutcome)
	return nil
}

// ChannelWarrantyCentre is the channel name closing events carry (the
// strategy package's warranty-centre channel).
const ChannelWarrantyCentre = "warranty_centre"

type closedPayload struct {
	Claim      carekernel.ID `json:"claim"`
	CustomerID string        `json:"customer_id"`
	Segment    string        `json:"segment"`
	Channel    string        `json:"channel"`
	Agent      string        `json:"agent"`
	Product    string        `json:"product"`
	Serial     string        `json:"serial"`
	Outcome    ClaimState    `json:"outcome"`
	Claimant   string        `json:"claimant"`
}

// Close closes the claim (6.3.2.9). The event "warranty.claim.closed"
// carries what the satisfaction process needs to survey the customer
// about warranty handling (6.5.4.1).
func (c *Claim) Close(by carekernel.Actor, now time.Time) error {
	outcome := ClaimApproved
	if c.d.State == ClaimRejectionNotified {
		outcome = ClaimRejected
	}
	to, err := claimTable.Fire(c, c.d.State, ActClose)
	if err != nil {
		return err
	}
	p := closedPayload{Claim: c.d.ID, CustomerID: c.d.CustomerID, Channel: ChannelWarrantyCentre, Agent: c.d.Processor,
		Product: c.d.Model, Serial: c.d.Serial, Outcome: outcome, Claimant: c.d.Claimant}
	if err := c.emit("warranty.claim.closed", "6.3.2.9", ActClose, to, by, now, "", p.appendJSON(make([]byte, 0, 256))); err != nil {
		return err
	}
	c.d.Closed = now.UTC()
	c.changed(secOutcome)
	return nil
}

// moneyString is what carekernel.Money's String gives for amount in
// currency ("120 EUR"), built in one allocation.
func moneyString(amount decimal.Decimal, currency string) string {
	var buf [48]byte
	b := appendDecimal(buf[:0], amount) // quoted
	b = append(b[1:len(b)-1], ' ')
	return string(append(b, currency...))
}

const maxText = 4000

func checkText(op, field, s string) error {
	if s == "" {
		return carekernel.Invalid(op, field, "warranty.err.text_empty", field)
	}
	if len(s) > maxText {
		return carekernel.Invalid(op, field, "warranty.err.text", maxText)
	}
	return nil
}

// appendJSON writes the notice payload as encoding/json would.
func (p *noticePayload) appendJSON(b []byte) json.RawMessage {
	b = append(b, `{"claim":"`...)
	b = appendID(b, p.Claim)
	b = append(b, `","to":`...)
	b = jsonw.AppendString(b, p.To)
	if p.Language != "" {
		b = append(b, `,"language":`...)
		b = jsonw.AppendString(b, p.Language)
	}
	b = append(b, `,"key":`...)
	b = jsonw.AppendString(b, p.Key)
	b = append(b, `,"args":[`...)
	for i, a := range p.Args {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonw.AppendString(b, a)
	}
	b = append(b, `],"approved":`...)
	if p.approved != nil {
		b = appendDecimal(b, *p.approved)
	} else {
		b = jsonw.AppendString(b, p.Approved)
	}
	b = append(b, `,"currency":`...)
	b = jsonw.AppendString(b, p.Currency)
	return append(b, '}')
}

// appendJSON writes the closing payload as encoding/json would.
func (p *closedPayload) appendJSON(b []byte) json.RawMessage {
	b = append(b, `{"claim":"`...)
	b = appendID(b, p.Claim)
	b = append(b, '"')
	for _, f := range [...]struct{ k, v string }{{"customer_id", p.CustomerID}, {"segment", p.Segment}, {"channel", p.Channel},
		{"agent", p.Agent}, {"product", p.Product}, {"serial", p.Serial}, {"outcome", string(p.Outcome)}, {"claimant", p.Claimant}} {
		b = append(b, ',', '"')
		b = append(b, f.k...)
		b = append(b, '"', ':')
		b = jsonw.AppendString(b, f.v)
	}
	return append(b, '}')
}
