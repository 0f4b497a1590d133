// Package recall makes a product recall a real, auditable process: the
// recall strategy (PCF 6.1.7), incident reports to regulators with their
// statutory clocks (6.2.5), initiation against a frozen snapshot of the
// affected units (6.4.1), hazard assessment (6.4.2), notices to
// consignees and owners (6.4.3), regulatory reports (6.4.4),
// effectiveness checks (6.4.5), termination (6.4.6) and recall
// performance (6.5.5).
//
// Regulatory regimes (FDA 21 CFR Part 7, CPSC section 15(b), NHTSA Part
// 573, EU GPSR) are data: see Regimes. Their deadlines run on the sla
// package's statutory clocks, so "5 working days" follows the tenant's
// business calendar.
//
// The affected population is frozen at initiation: the units are
// stored in parts of PartSize with a SHA-256 digest that Verify
// recomputes, and units found later join only through Amend, which
// records an amendment and its own event. The parts and the recall that
// lists them are saved in one storage SaveAll, as are the notices
// Notify sends with the recall's record of them: a failed save leaves
// nothing behind. WarrantyUnits reads registrations through warranty's
// lean bulk lookup, one index walk per model, lot or serial range.
// ReadOpenFDA and ReadNHTSA
// stream public recall data into ImportedRecall values, listing every
// malformed record with its line and field.
//
// Where to start: NewService over a storage.Store and a UnitSource (the
// registered units, usually warranty registrations through
// WarrantyUnits), then Create, Assess, Initiate, Notify, Report,
// ProposeTermination. The aggregates (Recall, Notice, Incident) do no
// I/O and can be used on their own.
package recall
