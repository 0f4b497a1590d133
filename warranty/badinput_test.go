package warranty_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/warranty"
)

// badCase feeds one exported constructor or verb one invalid input.
type badCase struct {
	name string
	// steps of claimSteps to run first (the claim's state the verb sees)
	steps int
	// pre prepares what the call needs beyond the claim steps
	pre  func(ctx context.Context, svc *warranty.Service, st *faultState) error
	call func(ctx context.Context, svc *warranty.Service, st *faultState) error
	kind error
	key  string
}

func recv(mut func(*warranty.ClaimInput)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		in := leakClaim("BAD")
		mut(&in)
		_, err := svc.Receive(ctx, tenant, in, dealer)
		return err
	}
}

func reg(mut func(*warranty.RegisterInput)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		in := regInput("SN-0009")
		mut(&in)
		_, err := svc.Register(ctx, tenant, in, dealer)
		return err
	}
}

func pol(mut func(*warranty.Policy)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		p := stdPolicy()
		p.Version, p.EffectiveFrom = 2, t0
		mut(&p)
		return svc.PublishPolicy(ctx, tenant, p, agent)
	}
}

func cat(mut func(*warranty.CodeCatalog)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		c := pumpsCatalog(2, 45)
		mut(&c)
		return svc.PublishCatalog(ctx, tenant, c, agent)
	}
}

func sup(mut func(*warranty.SupplierAgreement)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		a := supplierAgreement()
		a.Version, a.EffectiveFrom = 2, t0
		mut(&a)
		return svc.PublishSupplierAgreement(ctx, tenant, a, agent)
	}
}

func offer(mut func(*warranty.ContractOffer)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		o := extOffer()
		mut(&o)
		return svc.PublishOffer(ctx, tenant, o, agent)
	}
}

func decide(mut func([]warranty.LineDecision) []warranty.LineDecision) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		ds := []warranty.LineDecision{{Line: 1, Approved: eur("400"), Code: warranty.DecisionApproved},
			{Line: 2, Approved: eur("80"), Code: warranty.DecisionLabourCapped}, {Line: 3, Approved: eur("30"), Code: warranty.DecisionShare}}
		_, err := svc.Decide(ctx, tenant, st.claim, mut(ds), agent)
		return err
	}
}

// sellContract sells EXT-36 for SN-0001.
func sellContract(ctx context.Context, svc *warranty.Service, st *faultState) error {
	if err := svc.PublishOffer(ctx, tenant, extOffer(), agent); err != nil {
		return err
	}
	k, err := svc.SellContract(ctx, tenant, "SN-0001", "EXT-36", dealer)
	if err == nil {
		st.contract = k.ID
	}
	return err
}

func contractCall(f func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		return f(ctx, svc, st.contract)
	}
}

// receiveBad receives a claim the verb under test then refuses.
func receiveBad(mut func(*warranty.ClaimInput)) func(context.Context, *warranty.Service, *faultState) error {
	return func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		in := leakClaim("BAD")
		mut(&in)
		c, err := svc.Receive(ctx, tenant, in, dealer)
		if err == nil {
			st.claim = c.ID()
		}
		return err
	}
}

// assessedForDecide is the number of claimSteps that leave the claim
// pre-authorized, where Decide applies.
const assessedForDecide = 11

var badCases = []badCase{
	// the call itself
	{name: "Register/tenant empty", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Register(ctx, "", regInput("SN-0009"), dealer)
		return err
	}, kind: carekernel.ErrInvalid, key: "kernel.err.tenant_empty"},
	{name: "Register/actor without id", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Register(ctx, tenant, regInput("SN-0009"), carekernel.Actor{Kind: carekernel.ActorDealer})
		return err
	}, kind: carekernel.ErrInvalid, key: "kernel.err.actor_id_empty"},

	// 6.3.1 registration
	{name: "Register/serial", call: reg(func(in *warranty.RegisterInput) { in.Serial = "SN 9" }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.serial_invalid"},
	{name: "Register/model", call: reg(func(in *warranty.RegisterInput) { in.Model = "" }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.model_invalid"},
	{name: "Register/lot", call: reg(func(in *warranty.RegisterInput) { in.Lot = "lot 1" }), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "Register/owner", call: reg(func(in *warranty.RegisterInput) { in.Owner.CustomerID = "" }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.owner_empty"},
	{name: "Register/future purchase", call: reg(func(in *warranty.RegisterInput) { in.Purchased = t0.AddDate(0, 0, 1) }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.date_future"},
	{name: "Register/delivered before purchase", call: reg(func(in *warranty.RegisterInput) { in.Delivered = in.Purchased.AddDate(0, 0, -1) }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.date_order"},
	{name: "Register/negative reading", call: reg(func(in *warranty.RegisterInput) { in.Usage[0].Value = -1 }), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "Register/unknown unit", call: reg(func(in *warranty.RegisterInput) { in.Usage[0].Unit = "miles" }), kind: carekernel.ErrInvalid, key: "warranty.err.unit_unknown"},
	{name: "Register/unknown policy", call: reg(func(in *warranty.RegisterInput) { in.PolicyID = "NOPE" }), kind: carekernel.ErrNotFound, key: "warranty.err.unknown_policy"},
	{name: "Register/duplicate serial", call: reg(func(in *warranty.RegisterInput) { in.Serial = "SN-0001" }), kind: carekernel.ErrConflict, key: "warranty.registration.err.duplicate_serial"},
	{name: "RegistrationBySerial/not registered", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.RegistrationBySerial(ctx, tenant, "SN-NONE")
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.registration.err.not_registered"},
	{name: "EachRegistration/reversed range", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		return svc.EachRegistration(ctx, tenant, warranty.RegistrationQuery{SerialFrom: "B", SerialTo: "A"}, func(warranty.Registration) error { return nil })
	}, kind: carekernel.ErrInvalid, key: "warranty.err.range"},
	{name: "TransferOwnership/no owner", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.TransferOwnership(ctx, tenant, "SN-0001", warranty.Owner{}, dealer)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.registration.err.owner_empty"},
	{name: "TransferOwnership/same owner", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.TransferOwnership(ctx, tenant, "SN-0001", warranty.Owner{CustomerID: "C-1"}, dealer)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.registration.err.same_owner"},
	{name: "TransferOwnership/not transferable", pre: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		p := stdPolicy()
		p.ID, p.Transferable = "LOCKED", false
		if err := svc.PublishPolicy(ctx, tenant, p, agent); err != nil {
			return err
		}
		in := regInput("SN-0010")
		in.PolicyID = "LOCKED"
		_, err := svc.Register(ctx, tenant, in, dealer)
		return err
	}, call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.TransferOwnership(ctx, tenant, "SN-0010", warranty.Owner{CustomerID: "C-2"}, dealer)
		return err
	}, kind: carekernel.ErrForbidden, key: "warranty.registration.err.not_transferable"},
	{name: "RecordUsage/backwards", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.RecordUsage(ctx, tenant, "SN-0001", []warranty.Reading{{Unit: warranty.UnitKm, Value: 5}}, dealer)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.registration.err.reading_backwards"},
	{name: "RecordUsage/future", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.RecordUsage(ctx, tenant, "SN-0001", []warranty.Reading{{Unit: warranty.UnitKm, Value: 5000, At: t0.Add(time.Hour)}}, dealer)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.registration.err.date_future"},

	// 6.1.6 offering
	{name: "PublishPolicy/stale version", call: pol(func(p *warranty.Policy) { p.Version = 1 }), kind: carekernel.ErrConflict, key: "warranty.err.stale_version"},
	{name: "PublishPolicy/effective before", call: pol(func(p *warranty.Policy) { p.EffectiveFrom = t0.AddDate(-3, 0, 0) }), kind: carekernel.ErrInvalid, key: "warranty.err.effective_before"},
	{name: "PublishPolicy/id", call: pol(func(p *warranty.Policy) { p.ID = "" }), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "PublishPolicy/version", call: pol(func(p *warranty.Policy) { p.Version = 0 }), kind: carekernel.ErrInvalid, key: "warranty.err.version_invalid"},
	{name: "PublishPolicy/effective missing", call: pol(func(p *warranty.Policy) { p.EffectiveFrom = time.Time{} }), kind: carekernel.ErrInvalid, key: "warranty.err.effective_missing"},
	{name: "PublishPolicy/months", call: pol(func(p *warranty.Policy) { p.Months = -1 }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.months"},
	{name: "PublishPolicy/no limit", call: pol(func(p *warranty.Policy) { p.Months, p.Limits, p.ProRata = 0, nil, nil }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.no_limit"},
	{name: "PublishPolicy/limit twice", call: pol(func(p *warranty.Policy) { p.Limits = append(p.Limits, p.Limits[0]) }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.limits_duplicate"},
	{name: "PublishPolicy/percent", call: pol(func(p *warranty.Policy) { p.Labour = 101 }), kind: carekernel.ErrInvalid, key: "warranty.err.percent"},
	{name: "PublishPolicy/deductible", call: pol(func(p *warranty.Policy) { p.Deductible = eur("-5") }), kind: carekernel.ErrInvalid, key: "warranty.err.amount_negative"},
	{name: "PublishPolicy/pro rata", call: pol(func(p *warranty.Policy) { p.ProRata = []warranty.ProRataStep{{FromMonth: 30, Percent: 50}} }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.pro_rata"},
	{name: "PublishPolicy/start rule", call: pol(func(p *warranty.Policy) { p.Start = "shipment" }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.start_rule"},
	{name: "PublishCatalog/no failures", call: cat(func(c *warranty.CodeCatalog) { c.Failures = nil }), kind: carekernel.ErrInvalid, key: "warranty.catalog.err.no_failures"},
	{name: "PublishCatalog/duplicate", call: cat(func(c *warranty.CodeCatalog) { c.Parts = append(c.Parts, c.Parts[0]) }), kind: carekernel.ErrInvalid, key: "warranty.catalog.err.duplicate"},
	{name: "PublishCatalog/standard time", call: cat(func(c *warranty.CodeCatalog) { c.Labour[0].StandardMinutes = 0 }), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "PublishCatalog/party", call: cat(func(c *warranty.CodeCatalog) { c.Conditions[1].Responsible = "insurer" }), kind: carekernel.ErrInvalid, key: "warranty.err.party_unknown"},
	{name: "PublishCatalog/pre-authorization", call: cat(func(c *warranty.CodeCatalog) { c.Routes[0].PreAuthorizationOver = eur("-1") }), kind: carekernel.ErrInvalid, key: "warranty.err.amount_negative"},
	{name: "PublishCatalog/code", call: cat(func(c *warranty.CodeCatalog) { c.Failures[0].Code = "F LEAK" }), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "PublishSupplierAgreement/percent", call: sup(func(a *warranty.SupplierAgreement) { a.Terms[0].Parts = -1 }), kind: carekernel.ErrInvalid, key: "warranty.err.percent"},
	{name: "PublishSupplierAgreement/recovery days", call: sup(func(a *warranty.SupplierAgreement) { a.Terms[0].RecoveryDays = 0 }), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "PublishSupplierAgreement/stale", call: sup(func(a *warranty.SupplierAgreement) { a.Version = 3 }), kind: carekernel.ErrConflict, key: "warranty.err.stale_version"},
	{name: "PublishOffer/price", call: offer(func(o *warranty.ContractOffer) { o.Price = eur("-1") }), kind: carekernel.ErrInvalid, key: "warranty.err.amount_negative"},
	{name: "PublishOffer/months", call: offer(func(o *warranty.ContractOffer) { o.Months = 0 }), kind: carekernel.ErrInvalid, key: "warranty.policy.err.months"},
	{name: "PublishOffer/entitlement", call: offer(func(o *warranty.ContractOffer) { o.Entitlements[0].Quantity = 0 }), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "SellContract/unknown offer", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.SellContract(ctx, tenant, "SN-0001", "NOPE", dealer)
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.err.unknown_offer"},
	{name: "SellContract/unregistered", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.SellContract(ctx, tenant, "SN-NONE", "EXT-36", dealer)
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.registration.err.not_registered"},
	{name: "ConsumeEntitlement/quantity", pre: sellContract, call: contractCall(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.ConsumeEntitlement(ctx, tenant, id, "inspection", 0, "SO-1", agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "ConsumeEntitlement/reference", pre: sellContract, call: contractCall(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.ConsumeEntitlement(ctx, tenant, id, "inspection", 1, "", agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "ConsumeEntitlement/exhausted", pre: sellContract, call: contractCall(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.ConsumeEntitlement(ctx, tenant, id, "inspection", 2, "SO-1", agent)
		return err
	}), kind: carekernel.ErrForbidden, key: "warranty.contract.err.exhausted"},
	{name: "Contract/not found", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Contract(ctx, tenant, carekernel.ID{1})
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.contract.err.not_found"},

	// 6.3.2 claims
	{name: "Receive/unregistered serial", call: recv(func(in *warranty.ClaimInput) { in.Serial = "SN-NONE" }), kind: carekernel.ErrNotFound, key: "warranty.registration.err.not_registered"},
	{name: "Receive/currency", call: recv(func(in *warranty.ClaimInput) { in.Currency = "EURO" }), kind: carekernel.ErrInvalid, key: "kernel.err.currency_invalid"},
	{name: "Receive/line in other currency", call: recv(func(in *warranty.ClaimInput) { in.Lines[0].UnitPrice = carekernel.MustMoney("1", "USD") }), kind: carekernel.ErrInvalid, key: "kernel.err.currency_mismatch"},
	{name: "Receive/negative quantity", call: recv(func(in *warranty.ClaimInput) { in.Lines[1].Quantity = decimal.NewFromInt(-1) }), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "Receive/negative price", call: recv(func(in *warranty.ClaimInput) { in.Lines[0].UnitPrice = eur("-1") }), kind: carekernel.ErrInvalid, key: "warranty.err.amount_negative"},
	{name: "Receive/no lines", call: recv(func(in *warranty.ClaimInput) { in.Lines = nil }), kind: carekernel.ErrInvalid, key: "warranty.claim.err.lines"},
	{name: "Receive/line kind", call: recv(func(in *warranty.ClaimInput) { in.Lines[0].Kind = "freight" }), kind: carekernel.ErrInvalid, key: "warranty.claim.err.line_kind"},
	{name: "Receive/future failure", call: recv(func(in *warranty.ClaimInput) { in.FailureDate = t0.Add(time.Hour) }), kind: carekernel.ErrInvalid, key: "warranty.claim.err.failure_date"},
	{name: "Receive/origin", call: recv(func(in *warranty.ClaimInput) { in.Origin = "fax" }), kind: carekernel.ErrInvalid, key: "warranty.claim.err.origin"},
	{name: "Receive/failure code", call: recv(func(in *warranty.ClaimInput) { in.FailureCode = "" }), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "Receive/odometer backwards", call: recv(func(in *warranty.ClaimInput) { in.Usage[0].Value = 10 }), kind: carekernel.ErrInvalid, key: "warranty.registration.err.reading_backwards"},
	{name: "Receive/duplicate reference", steps: 1, call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Receive(ctx, tenant, leakClaim("FT-1"), dealer)
		return err
	}, kind: carekernel.ErrConflict, key: "warranty.claim.err.duplicate"},
	{name: "Claim/not found", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Claim(ctx, tenant, carekernel.ID{1})
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.claim.err.not_found"},
	{name: "Validate/unknown code", pre: receiveBad(func(in *warranty.ClaimInput) { in.FailureCode = "F-FIRE" }), call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Validate(ctx, tenant, id, agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.unknown_code"},
	{name: "Validate/outside coverage", pre: receiveBad(func(in *warranty.ClaimInput) { in.Usage[0].Value = 61000 }), call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Validate(ctx, tenant, id, agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.not_covered"},
	{name: "Notify/before decision", steps: 1, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Notify(ctx, tenant, id, agent)
		return err
	}), kind: carekernel.ErrTransition, key: "lifecycle.err.transition"},
	{name: "DefineIssue/empty", steps: 2, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.DefineIssue(ctx, tenant, id, "", agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.text_empty"},
	{name: "RequestPart/part", steps: 3, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.RequestPart(ctx, tenant, id, "seal kit", agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},
	{name: "DecidePreAuthorization/cap currency", steps: 10, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.DecidePreAuthorization(ctx, tenant, id, true, carekernel.MustMoney("520", "USD"), agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "kernel.err.currency_mismatch"},
	{name: "DecidePreAuthorization/cap zero", steps: 10, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.DecidePreAuthorization(ctx, tenant, id, true, eur("0"), agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.quantity_negative"},
	{name: "Decide/without pre-authorization", steps: 9, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Decide(ctx, tenant, id, nil, agent)
		return err
	}), kind: carekernel.ErrForbidden, key: "warranty.claim.err.preauth_required"},
	{name: "Decide/over the cap", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision {
		ds[1].Approved = eur("120")
		return ds
	}), kind: carekernel.ErrForbidden, key: "warranty.claim.err.preauth_cap"},
	{name: "Decide/missing line", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision { return ds[:2] }),
		kind: carekernel.ErrInvalid, key: "warranty.claim.err.decisions"},
	{name: "Decide/line twice", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision {
		ds[2].Line = 1
		return ds
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.decisions"},
	{name: "Decide/more than claimed", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision {
		ds[0].Approved = eur("401")
		return ds
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.approved_range"},
	{name: "Decide/other currency", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision {
		ds[0].Approved = carekernel.MustMoney("1", "USD")
		return ds
	}), kind: carekernel.ErrInvalid, key: "kernel.err.currency_mismatch"},
	{name: "Decide/decision code", steps: assessedForDecide, call: decide(func(ds []warranty.LineDecision) []warranty.LineDecision {
		ds[0].Code = "because"
		return ds
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.decision_code"},
	{name: "Reject/approving code", steps: 1, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.Reject(ctx, tenant, id, warranty.DecisionApproved, agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.claim.err.decision_code"},
	{name: "AuthorizePayment/credit memo", steps: 13, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.AuthorizePayment(ctx, tenant, id, "", agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.err.code_invalid"},

	// 6.3.3 supplier recovery
	{name: "CreateRecovery/not approved", steps: 9, call: claimStep(func(ctx context.Context, svc *warranty.Service, id carekernel.ID) error {
		_, err := svc.CreateRecovery(ctx, tenant, id, agent)
		return err
	}), kind: carekernel.ErrInvalid, key: "warranty.recovery.err.not_approved"},
	{name: "NegotiateRecovery/more than requested", steps: 17, call: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		_, err := svc.NegotiateRecovery(ctx, tenant, st.recovery, warranty.RecAccept, eur("456"), agent)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.recovery.err.amount"},
	{name: "NegotiateRecovery/other currency", steps: 17, call: func(ctx context.Context, svc *warranty.Service, st *faultState) error {
		_, err := svc.NegotiateRecovery(ctx, tenant, st.recovery, warranty.RecCounter, carekernel.MustMoney("1", "USD"), agent)
		return err
	}, kind: carekernel.ErrInvalid, key: "kernel.err.currency_mismatch"},
	{name: "Recovery/not found", call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Recovery(ctx, tenant, carekernel.ID{1})
		return err
	}, kind: carekernel.ErrNotFound, key: "warranty.recovery.err.not_found"},

	// coverage
	{name: "Coverage/no policy", pre: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		in := regInput("SN-0011")
		in.PolicyID = ""
		_, err := svc.Register(ctx, tenant, in, dealer)
		return err
	}, call: func(ctx context.Context, svc *warranty.Service, _ *faultState) error {
		_, err := svc.Coverage(ctx, tenant, "SN-0011", t0, nil)
		return err
	}, kind: carekernel.ErrInvalid, key: "warranty.coverage.err.no_policy"},
}

// TestBadInput feeds every exported constructor and verb its invalid
// inputs: each is refused with a typed error whose message key has
// English and Russian text, and nothing is written (store and journal
// compared before and after).
func TestBadInput(t *testing.T) {
	ctx := context.Background()
	for _, tc := range badCases {
		t.Run(tc.name, func(t *testing.T) {
			store := newMemory()
			svc, clock := setup(t, store)
			st := &faultState{}
			for _, s := range claimSteps[:tc.steps] {
				clock.Advance(time.Hour)
				require.NoError(t, s.run(ctx, svc, st), s.name)
			}
			if tc.pre != nil {
				require.NoError(t, tc.pre(ctx, svc, st))
			}
			before := snapshot(t, store)
			err := tc.call(ctx, svc, st)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.kind)
			assertKey(t, err, tc.key)
			assert.Equal(t, before, snapshot(t, store), "nothing written")
		})
	}
}

func TestConstructorsRefuseBadInput(t *testing.T) {
	// the aggregates' own verbs, without a service
	c := warranty.Claim{}
	assert.ErrorIs(t, c.DefineIssue("", agent, t0), carekernel.ErrInvalid)
	_, err := warranty.DefaultCoverage(nil).Coverage(context.Background(), warranty.CoverageQuery{})
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
	assertKey(t, err, "warranty.coverage.err.no_policy")
}
