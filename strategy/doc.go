// Package strategy holds the customer service strategy (PCF 6.1.1–6.1.5)
// as versioned, effective-dated data, validated as a whole and
// explained in every decision:
//
//   - 6.1.1 requirements: skills and behaviours per channel and case
//     category (Strategy.Requirements, used by routing);
//   - 6.1.2 experience standards: FCR target, maximum transfers,
//     self-service first, tone (Standards, Standards.Check);
//   - 6.1.3 channels offered per segment, each on its own opening
//     calendar (Strategy.Channels, Strategy.Offers);
//   - 6.1.4 policies and procedures: versioned documents with effective
//     dates, localized titles and summaries, and Diff between versions;
//   - 6.1.5 segments: ordered rules over customer attributes, first match
//     wins, a default is required (Strategy.Segment), each segment with
//     its sla.Policy, calendar and optional dedicated account manager.
//
// Start with New (or Service.Activate to keep versions in a store) and
// Strategy.Segment.
package strategy
