package warranty

import (
	"encoding/json"
	"strconv"

	"github.com/carekernel/carekernel/internal/jsonw"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/lifecycle"
)

// appendJSON writes the claim document: the same shape the struct tags
// of claimData describe (encoding/json reads it back to the same value),
// written by hand because every command saves the claim.
func (d *claimData) appendJSON(b []byte) ([]byte, error) {
	return d.appendJSONReusing(b, nil, 0)
}

// The sections of a claim body, in order. Each but the head starts with
// the comma before its first key, so sections written at different
// times join into one body.
const (
	secHead          = iota // id, tenant (copied), state (rewritten every time)
	secParties              // claimant … customer_lang
	secUnit                 // unit
	secTerms                // policy_id … invoice
	secLines                // lines
	secRouting              // catalog_id … coverage
	secInvestigation        // issue … preauth
	secOutcome              // decided … closed
	numSections
)

// claimEncoding is a claim's last encoding, kept so that the next save
// writes again only the sections that changed and the history entries
// added since, and copies the rest: a command changes one or two
// sections, and most of a body (parties, unit, terms, lines, the older
// history) stays as it was. The verbs mark the sections they change
// (Claim.changed; the state is always written again, the id and tenant
// never change); the history is only appended to, and its last entry
// written is checked. It belongs to one Claim at a time (claimCache.put
// moves it to the cached copy).
type claimEncoding struct {
	body []byte
	pre  int              // where the id and tenant end in body
	ends [numSections]int // where each section ends in body
	hist int              // history entries in body
	last historyEntry     // the last of them
	hLo  int              // where the first entry starts in body
	hHi  int              // where entry hist-1 ends in body
	ok   bool             // body, ends and the history marks hold
}

type historyEntry = lifecycle.Entry[ClaimState, ClaimAction]

// reset forgets the encoding but keeps its buffer for the next one.
func (e *claimEncoding) reset() {
	body := e.body[:0]
	*e = claimEncoding{body: body}
}

// appendJSONReusing is appendJSON copying from e, when e holds an
// encoding, the sections not marked in dirty and the history entries
// written before, and recording in e what it wrote.
func (d *claimData) appendJSONReusing(b []byte, e *claimEncoding, dirty uint16) ([]byte, error) {
	base := len(b)
	reuse := e != nil && e.ok
	var ends [numSections]int
	pre := 0
	if reuse { // the id and tenant never change
		b = append(b, e.body[:e.pre]...)
		pre = e.pre
	} else {
		b = d.appendIdentity(b)
		pre = len(b) - base
	}
	b = append(b, `,"state":`...)
	b = jsonw.AppendString(b, string(d.State))
	ends[secHead] = len(b) - base
	for sec := secParties; sec < numSections; sec++ {
		if reuse && dirty&(1<<sec) == 0 {
			b = append(b, e.body[e.ends[sec-1]:e.ends[sec]]...)
		} else {
			b = d.appendSection(b, sec)
		}
		ends[sec] = len(b) - base
	}
	if d.Reconciliation != nil {
		// written once, at the very end: not worth a hand-written encoder
		rb, err := json.Marshal(d.Reconciliation)
		if err != nil {
			if e != nil {
				e.reset()
			}
			return nil, err
		}
		b = append(b, `,"reconciliation":`...)
		b = append(b, rb...)
	}
	b = append(b, `,"history":[`...)
	hLo := len(b) - base
	h := d.History
	from := 0
	if reuse && e.hist > 0 && e.hist <= len(h) && h[e.hist-1] == e.last {
		b = append(b, e.body[e.hLo:e.hHi]...)
		from = e.hist
	}
	b = h.appendEntries(b, from)
	hHi := len(b) - base
	b = append(b, ']', '}')
	if e != nil {
		e.body = append(e.body[:0], b[base:]...)
		e.pre, e.ends = pre, ends
		e.hist, e.hLo, e.hHi = len(h), hLo, hHi
		if len(h) > 0 {
			e.last = h[len(h)-1]
		} else {
			e.last = historyEntry{}
		}
		e.ok = true
	}
	return b, nil
}

// appendIdentity opens the body with the id and tenant; the state
// follows.
func (d *claimData) appendIdentity(b []byte) []byte {
	b = append(b, `{"id":"`...)
	b = appendID(b, d.ID)
	b = append(b, `","tenant":`...)
	return jsonw.AppendString(b, string(d.Tenant))
}

// appendField writes `,"key":` and the string v, unless omitEmpty and
// v is empty.
func appendField(b []byte, key, v string, omitEmpty bool) []byte {
	if omitEmpty && v == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return jsonw.AppendString(b, v)
}

// appendSection writes one section of the body.
func (d *claimData) appendSection(b []byte, sec int) []byte {
	switch sec {
	case secParties:
		b = appendField(b, "claimant", d.Claimant, false)
		b = appendField(b, "reference", d.Reference, true)
		b = appendField(b, "origin", string(d.Origin), false)
		b = appendField(b, "processor", d.Processor, true)
		b = appendField(b, "serial", d.Serial, false)
		b = appendField(b, "model", d.Model, false)
		b = appendField(b, "product_line", d.ProductLine, true)
		b = appendField(b, "dealer", d.Dealer, true)
		b = appendField(b, "customer_id", d.CustomerID, false)
		b = appendField(b, "customer_lang", d.CustomerLang, true)
	case secUnit:
		b = append(b, `,"unit":`...)
		u, ufirst := &d.Unit, true
		b = append(b, '{')
		if !u.Produced.IsZero() {
			b = appendKey(b, &ufirst, "produced")
			b = appendTime(b, u.Produced)
		}
		if !u.Purchased.IsZero() {
			b = appendKey(b, &ufirst, "purchased")
			b = appendTime(b, u.Purchased)
		}
		if !u.Delivered.IsZero() {
			b = appendKey(b, &ufirst, "delivered")
			b = appendTime(b, u.Delivered)
		}
		b = appendKey(b, &ufirst, "registered")
		b = appendTime(b, u.Registered)
		if len(u.Usage) > 0 {
			b = appendKey(b, &ufirst, "usage")
			b = appendReadings(b, u.Usage)
		}
		b = append(b, '}')
	case secTerms:
		b = appendField(b, "policy_id", d.PolicyID, true)
		if d.PolicyVersion != 0 {
			b = append(b, `,"policy_version":`...)
			b = strconv.AppendInt(b, int64(d.PolicyVersion), 10)
		}
		b = appendField(b, "currency", d.Currency, false)
		b = append(b, `,"received":`...)
		b = appendTime(b, d.Received)
		b = append(b, `,"failure_date":`...)
		b = appendTime(b, d.FailureDate)
		b = appendField(b, "failure_code", d.FailureCode, false)
		b = appendField(b, "condition_code", d.ConditionCode, true)
		b = appendField(b, "causal_part", d.CausalPart, true)
		if len(d.Usage) > 0 {
			b = append(b, `,"usage":`...)
			b = appendReadings(b, d.Usage)
		}
		b = appendField(b, "invoice", d.Invoice, true)
	case secLines:
		b = append(b, `,"lines":[`...)
		for i, l := range d.Lines {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"no":`...)
			b = strconv.AppendInt(b, int64(l.No), 10)
			b = append(b, `,"kind":`...)
			b = jsonw.AppendString(b, string(l.Kind))
			b = append(b, `,"code":`...)
			b = jsonw.AppendString(b, l.Code)
			b = append(b, `,"qty":`...)
			b = appendDecimal(b, l.Qty)
			b = append(b, `,"price":`...)
			b = appendDecimal(b, l.Price)
			b = append(b, `,"amount":`...)
			b = appendDecimal(b, l.Amount)
			b = append(b, `,"approved":`...)
			b = appendDecimal(b, l.Approved)
			if l.Decision != "" {
				b = append(b, `,"decision":`...)
				b = jsonw.AppendString(b, string(l.Decision))
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	case secRouting:
		b = appendField(b, "catalog_id", d.CatalogID, true)
		if d.CatalogVersion != 0 {
			b = append(b, `,"catalog_version":`...)
			b = strconv.AppendInt(b, int64(d.CatalogVersion), 10)
		}
		b = appendField(b, "queue", d.Queue, true)
		if d.NeedsPreAuth {
			b = append(b, `,"needs_preauth":true`...)
		}
		if d.NeedsPart {
			b = append(b, `,"needs_part":true`...)
		}
		if c := d.Coverage; c != nil {
			b = append(b, `,"coverage":{"outcome":`...)
			b = jsonw.AppendString(b, string(c.Outcome))
			b = append(b, `,"parts":`...)
			b = strconv.AppendInt(b, int64(c.Parts), 10)
			b = append(b, `,"labour":`...)
			b = strconv.AppendInt(b, int64(c.Labour), 10)
			b = append(b, `,"travel":`...)
			b = strconv.AppendInt(b, int64(c.Travel), 10)
			b = append(b, `,"deductible":`...)
			b = appendDecimal(b, c.Deductible)
			b = append(b, `,"months_in_service":`...)
			b = strconv.AppendInt(b, int64(c.MonthsInService), 10)
			b = append(b, `,"days_left":`...)
			b = strconv.AppendInt(b, int64(c.DaysLeft), 10)
			if !c.End.IsZero() {
				b = append(b, `,"end":`...)
				b = appendTime(b, c.End)
			}
			if c.Contract != "" {
				b = append(b, `,"contract":`...)
				b = jsonw.AppendString(b, c.Contract)
			}
			b = append(b, '}')
		}
	case secInvestigation:
		b = appendField(b, "issue", d.Issue, true)
		b = appendField(b, "field_service", d.FieldService, true)
		if p := d.PartReturn; p != nil {
			b = append(b, `,"part_return":{"part":`...)
			b = jsonw.AppendString(b, p.Part)
			b = append(b, `,"requested":`...)
			b = appendTime(b, p.Requested)
			b = append(b, `,"due":`...)
			b = appendTime(b, p.Due)
			if !p.Received.IsZero() {
				b = append(b, `,"received":`...)
				b = appendTime(b, p.Received)
			}
			b = append(b, '}')
		}
		b = appendField(b, "root_cause", d.RootCause, true)
		b = appendField(b, "finding", d.Finding, true)
		b = appendField(b, "recommendation", d.Recommendation, true)
		if p := d.Responsible; p != nil {
			b = append(b, `,"responsible":{"party":{"kind":`...)
			b = jsonw.AppendString(b, string(p.Party.Kind))
			if p.Party.ID != "" {
				b = append(b, `,"id":`...)
				b = jsonw.AppendString(b, p.Party.ID)
			}
			b = append(b, `},"parts":`...)
			b = strconv.AppendInt(b, int64(p.Parts), 10)
			b = append(b, `,"labour":`...)
			b = strconv.AppendInt(b, int64(p.Labour), 10)
			if !p.RecoverBy.IsZero() {
				b = append(b, `,"recover_by":`...)
				b = appendTime(b, p.RecoverBy)
			}
			b = append(b, '}')
		}
		if p := d.PreAuth; p != nil {
			b = append(b, `,"preauth":{"requested":`...)
			b = appendTime(b, p.Requested)
			b = append(b, `,"cap":`...)
			b = appendDecimal(b, p.Cap)
			if !p.Expires.IsZero() {
				b = append(b, `,"expires":`...)
				b = appendTime(b, p.Expires)
			}
			b = append(b, `,"granted":`...)
			b = strconv.AppendBool(b, p.Granted)
			b = append(b, '}')
		}
	case secOutcome:
		if !d.Decided.IsZero() {
			b = append(b, `,"decided":`...)
			b = appendTime(b, d.Decided)
		}
		if !d.Notified.IsZero() {
			b = append(b, `,"notified":`...)
			b = appendTime(b, d.Notified)
		}
		if p := d.Payment; p != nil {
			b = append(b, `,"payment":{"amount":`...)
			b = appendDecimal(b, p.Amount)
			b = append(b, `,"credit_memo":`...)
			b = jsonw.AppendString(b, p.CreditMemo)
			b = append(b, `,"at":`...)
			b = appendTime(b, p.At)
			b = append(b, '}')
		}
		if !d.Closed.IsZero() {
			b = append(b, `,"closed":`...)
			b = appendTime(b, d.Closed)
		}
	}
	return b
}

// claimHistory is the claim's history as stored. An entry leaves out
// "from" when it is the previous entry's "to" and "by" when the
// previous entry's actor moved the claim too, so an entry costs about
// half the bytes: every save writes (and every store validates and
// copies) the whole history again. Entries of bodies written before
// carry both and read the same. MarshalJSON and UnmarshalJSON are the
// same code, so encoding/json agrees with the hand-written codec.
type claimHistory []lifecycle.Entry[ClaimState, ClaimAction]

func (h claimHistory) appendJSON(b []byte) []byte {
	b = append(b, '[')
	b = h.appendEntries(b, 0)
	return append(b, ']')
}

// appendEntries writes entries from on, each after a comma but the
// first of the history.
func (h claimHistory) appendEntries(b []byte, from int) []byte {
	for i := from; i < len(h); i++ {
		e := &h[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"action":`...)
		b = jsonw.AppendString(b, string(e.Action))
		if i == 0 || e.From != h[i-1].To {
			b = append(b, `,"from":`...)
			b = jsonw.AppendString(b, string(e.From))
		}
		b = append(b, `,"to":`...)
		b = jsonw.AppendString(b, string(e.To))
		b = append(b, `,"at":`...)
		b = appendTime(b, e.At)
		if i == 0 || e.By != h[i-1].By {
			b = append(b, `,"by":`...)
			b = appendActor(b, e.By)
		}
		if e.Note != "" {
			b = append(b, `,"note":`...)
			b = jsonw.AppendString(b, e.Note)
		}
		b = append(b, '}')
	}
	return b
}

// read reads what appendJSON writes, replacing h's entries.
func (h *claimHistory) read(r *jsonReader) {
	*h = (*h)[:0]
	r.array(func() {
		var e lifecycle.Entry[ClaimState, ClaimAction]
		var from, by bool
		r.object(func(k string) {
			switch k {
			case "from":
				e.From, from = ClaimState(r.str()), true
			case "action":
				e.Action = ClaimAction(r.str())
			case "to":
				e.To = ClaimState(r.str())
			case "at":
				e.At = r.time()
			case "by":
				e.By, by = r.actor(), true
			case "note":
				e.Note = r.str()
			default:
				r.skip()
			}
		})
		if n := len(*h); n > 0 {
			if !from {
				e.From = (*h)[n-1].To
			}
			if !by {
				e.By = (*h)[n-1].By
			}
		}
		*h = append(*h, e)
	})
}

// MarshalJSON writes the stored form.
func (h claimHistory) MarshalJSON() ([]byte, error) { return h.appendJSON(nil), nil }

// UnmarshalJSON reads the stored form, old or compact.
func (h *claimHistory) UnmarshalJSON(b []byte) error {
	r := &jsonReader{b: b}
	h.read(r)
	r.end()
	if r.failed() {
		return carekernel.Invalid("warranty.claim", "history", "warranty.err.document", "claim")
	}
	return nil
}

// readJSON reads what appendJSON writes (and what encoding/json writes
// for claimData); unknown fields are ignored, malformed input is an
// error, never a panic.
func (d *claimData) readJSON(b []byte) bool {
	r := &jsonReader{b: b}
	r.object(func(k string) {
		switch k {
		case "id":
			d.ID = r.id()
		case "tenant":
			d.Tenant = carekernel.Tenant(r.str())
		case "state":
			d.State = ClaimState(r.str())
		case "claimant":
			d.Claimant = r.str()
		case "reference":
			d.Reference = r.str()
		case "origin":
			d.Origin = Origin(r.str())
		case "processor":
			d.Processor = r.str()
		case "serial":
			d.Serial = r.str()
		case "model":
			d.Model = r.str()
		case "product_line":
			d.ProductLine = r.str()
		case "dealer":
			d.Dealer = r.str()
		case "customer_id":
			d.CustomerID = r.str()
		case "customer_lang":
			d.CustomerLang = r.str()
		case "unit":
			r.object(func(k string) {
				switch k {
				case "produced":
					d.Unit.Produced = r.time()
				case "purchased":
					d.Unit.Purchased = r.time()
				case "delivered":
					d.Unit.Delivered = r.time()
				case "registered":
					d.Unit.Registered = r.time()
				case "usage":
					d.Unit.Usage = r.readings()
				default:
					r.skip()
				}
			})
		case "policy_id":
			d.PolicyID = r.str()
		case "policy_version":
			d.PolicyVersion = r.intN()
		case "currency":
			d.Currency = r.str()
		case "received":
			d.Received = r.time()
		case "failure_date":
			d.FailureDate = r.time()
		case "failure_code":
			d.FailureCode = r.str()
		case "condition_code":
			d.ConditionCode = r.str()
		case "causal_part":
			d.CausalPart = r.str()
		case "usage":
			d.Usage = r.readings()
		case "invoice":
			d.Invoice = r.str()
		case "lines":
			d.Lines = d.Lines[:0]
			r.array(func() {
				var l lineData
				r.object(func(k string) {
					switch k {
					case "no":
						l.No = r.intN()
					case "kind":
						l.Kind = LineKind(r.str())
					case "code":
						l.Code = r.str()
					case "qty":
						l.Qty = r.dec()
					case "price":
						l.Price = r.dec()
					case "amount":
						l.Amount = r.dec()
					case "approved":
						l.Approved = r.dec()
					case "decision":
						l.Decision = DecisionCode(r.str())
					default:
						r.skip()
					}
				})
				d.Lines = append(d.Lines, l)
			})
		case "catalog_id":
			d.CatalogID = r.str()
		case "catalog_version":
			d.CatalogVersion = r.intN()
		case "queue":
			d.Queue = r.str()
		case "needs_preauth":
			d.NeedsPreAuth = r.boolean()
		case "needs_part":
			d.NeedsPart = r.boolean()
		case "coverage":
			if r.null() {
				d.Coverage = nil
				return
			}
			c := &coverageData{}
			r.object(func(k string) {
				switch k {
				case "outcome":
					c.Outcome = Outcome(r.str())
				case "parts":
					c.Parts = r.intN()
				case "labour":
					c.Labour = r.intN()
				case "travel":
					c.Travel = r.intN()
				case "deductible":
					c.Deductible = r.dec()
				case "months_in_service":
					c.MonthsInService = r.intN()
				case "days_left":
					c.DaysLeft = r.intN()
				case "end":
					c.End = r.time()
				case "contract":
					c.Contract = r.str()
				default:
					r.skip()
				}
			})
			d.Coverage = c
		case "issue":
			d.Issue = r.str()
		case "field_service":
			d.FieldService = r.str()
		case "part_return":
			if r.null() {
				d.PartReturn = nil
				return
			}
			p := &partReturnData{}
			r.object(func(k string) {
				switch k {
				case "part":
					p.Part = r.str()
				case "requested":
					p.Requested = r.time()
				case "due":
					p.Due = r.time()
				case "received":
					p.Received = r.time()
				default:
					r.skip()
				}
			})
			d.PartReturn = p
		case "root_cause":
			d.RootCause = r.str()
		case "finding":
			d.Finding = r.str()
		case "recommendation":
			d.Recommendation = r.str()
		case "responsible":
			if r.null() {
				d.Responsible = nil
				return
			}
			p := &responsibleData{}
			r.object(func(k string) {
				switch k {
				case "party":
					r.object(func(k string) {
						switch k {
						case "kind":
							p.Party.Kind = PartyKind(r.str())
						case "id":
							p.Party.ID = r.str()
						default:
							r.skip()
						}
					})
				case "parts":
					p.Parts = r.intN()
				case "labour":
					p.Labour = r.intN()
				case "recover_by":
					p.RecoverBy = r.time()
				default:
					r.skip()
				}
			})
			d.Responsible = p
		case "preauth":
			if r.null() {
				d.PreAuth = nil
				return
			}
			p := &preAuthData{}
			r.object(func(k string) {
				switch k {
				case "requested":
					p.Requested = r.time()
				case "cap":
					p.Cap = r.dec()
				case "expires":
					p.Expires = r.time()
				case "granted":
					p.Granted = r.boolean()
				default:
					r.skip()
				}
			})
			d.PreAuth = p
		case "decided":
			d.Decided = r.time()
		case "notified":
			d.Notified = r.time()
		case "payment":
			if r.null() {
				d.Payment = nil
				return
			}
			p := &paymentData{}
			r.object(func(k string) {
				switch k {
				case "amount":
					p.Amount = r.dec()
				case "credit_memo":
					p.CreditMemo = r.str()
				case "at":
					p.At = r.time()
				default:
					r.skip()
				}
			})
			d.Payment = p
		case "closed":
			d.Closed = r.time()
		case "reconciliation":
			raw := r.raw()
			if r.failed() {
				return
			}
			var rec *Reconciliation
			if err := json.Unmarshal(raw, &rec); err != nil {
				r.fail()
				return
			}
			d.Reconciliation = rec
		case "history":
			d.History.read(r)
		default:
			r.skip()
		}
	})
	r.end()
	return !r.failed()
}
