// Package contact handles customer problems, requests and inquiries
// (APQC PCF 6.2.2) across every strategy channel: Receive (6.2.2.1)
// threads messages and joins a repeat of the same customer and subject
// within a window, Analyze (6.2.2.2) classifies and prioritizes from the
// customer's segment, Resolve (6.2.2.3) and Respond (6.2.2.4, rendered in
// the customer's language) work it, Reopen and Close finish it. SLA
// timers (first response, resolution) run on the segment's policy and
// calendar and pause in the policy's pause states. A contact links by ID
// to the complaint, return, warranty claim or service order it became.
//
// Upsell and cross-sell (6.2.2.5–6.2.2.6): CaptureOpportunity records a
// product, an estimated value and the agent, and needs the customer's
// consent; DeliverOpportunity hands it to sales through a SalesSink and
// the journal; OpportunityOutcome tracks accepted, declined, won, lost.
//
// Closing records contact.contact.closed with customer_id, segment,
// channel, agent and product, which the satisfaction package surveys.
// Start with NewService and Service.Receive. Planning the people who
// answer contacts is the subpackage workforce.
package contact
