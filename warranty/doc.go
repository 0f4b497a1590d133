// Package warranty is the warranty process of carekernel (APQC PCF
// 6.1.6, 6.3.1–6.3.3, 6.5.4): coverage policies and code catalogs as
// versioned data, supplier back-to-back terms, extended warranties,
// product registration by serial, warranty claims in the style of SAP
// warranty processing (claimant, processor and reimburser; per-line
// decisions; pre-authorization; part returns; crediting; reconciliation),
// supplier recovery, and warranty performance metrics with pluggable
// fraud screening.
//
// Start with NewService over a storage.Store. Publish a Policy and a
// CodeCatalog, Register a product, then walk a claim: Receive, Validate,
// Investigate (DefineIssue, RequestFieldService, RequestPart,
// ReceivePart, RecordRootCause, RecordResult), DetermineResponsibility,
// RequestPreAuthorization/DecidePreAuthorization, Decide (per line),
// Notify, AuthorizePayment, Close and Reconcile. ClaimLifecycle shows
// the whole table; Coverage explains itself as a Localizable.
//
// Due dates (part returns, pre-authorizations, supplier recovery
// windows) are counted in working days on the sla.Calendar given in
// Options (BusinessDays by default). A claim the base warranty no longer
// covers by time or usage, but an extended warranty or service contract
// in force at the failure does, is validated under the contract and
// consumes one of its ClaimEntitlement services in the same write.
//
// The aggregates (Claim, RecoveryClaim, Contract) are plain values with
// verb methods and no I/O: they read time only from the now they are
// given. Service loads, applies, saves with the expected version and the
// events, and retries on a lost race. The claim document is written and
// read by hand (claim_json.go) and a Service keeps the claims it last
// saved decoded, checked against the stored version and body, because
// every command loads and saves its claim.
package warranty
