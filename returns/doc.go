// Package returns processes customer returns (APQC PCF 6.2.4): a return
// request (RMA) whose lines point at the original sale, an authorization
// policy that authorizes, partially authorizes or rejects each line with a
// reason, then shipping, receipt, inspection, a disposition per line
// (restock, refurbish, repair, scrap, return to vendor) and the outcome
// (refund, exchange, store credit) with exact amounts and fees.
//
// PCF: 6.2.4.1 authorize return (Service.Request, Service.Authorize,
// DefaultPolicy); 6.2.4.2 process return and record reason
// (Service.Ship, Receive, Inspect, Dispose, Complete, ReasonCatalog,
// Analyze).
//
// The quantity returned across every RMA for one sale line never exceeds
// the quantity sold, also when RMAs are authorized concurrently: a ledger
// document per sale line (its ID derived from tenant, order and line)
// holds one reservation per RMA. Authorize reserves on the ledger first
// and then saves the RMA; if that save fails it withdraws its own
// reservation (matched by a per-attempt token, so it never withdraws a
// concurrent winner's). Releases (Cancel) happen after the RMA is saved.
// Every failure therefore leaves the ledger counting too much, never too
// little; Service.Reconcile drops reservations whose RMA ended without
// returning goods.
//
// Start with NewService, the Sales port your order system implements,
// and RMALifecycle / LineLifecycle for the states.
package returns
