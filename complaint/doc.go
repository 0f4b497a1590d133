// Package complaint handles customer complaints the ISO 10002 way (PCF
// 6.2.3 and 6.5.2): receipt from any strategy channel with the
// acknowledgement due on the customer segment's SLA, explainable
// routing, assessment and investigation, redress within each approver's
// limit, the decision written in the complainant's language,
// acceptance, rejection with appeal or external escalation, reopening,
// withdrawal and closing, and the analysis of complaints (Pareto,
// trends, times, SLA attainment, repeat complainants, common
// complaints, redress cost, satisfaction with handling).
//
// Start with NewService and Service.Receive; the Complaint aggregate and
// its table (Lifecycle) are the functional core. Routing is a Router
// (the default is Rules, first match wins). A complaint flagged as a
// safety incident is handed to an IncidentReporter (the recall
// process); one that is also an IncidentWriter has its incident saved
// with the complaint in one transaction. ImportCFPB streams the public
// CFPB complaint database into the store in batches, reporting every
// row it does not import by line and column.
//
// Events are "complaint.complaint.<state or verb>"; the "closed" event
// carries customer_id, segment, channel, agent and product for the
// satisfaction survey.
package complaint
