// Package sla answers "when is it due?" for every process package
// (PCF 6.1.5 target service levels, and the clocks behind 6.2.x).
//
//   - Calendar: weekly opening windows in an IANA zone, with split
//     shifts, overnight windows, holidays and one-off overrides. Add,
//     Between, IsOpen and NextOpen step over whole weeks and windows and
//     resolve daylight-saving gaps and overlaps explicitly (see
//     Calendar).
//   - Policy: targets per metric and priority in business or calendar
//     time, pause states, warning threshold, escalation levels; its
//     versions move draft → active → retired (PolicyLifecycle) and are
//     kept by Service, one atomic document per policy.
//   - Timer: an append-only event log (start, pause, resume, fulfil,
//     breach, policy change) from which the status at any moment is
//     recomputed and explained; a policy change keeps elapsed and paused
//     time, a breach is sticky.
//   - Statutory: legal periods ("24 hours", "5 working days", "30
//     calendar days") on the same calendars.
//   - Remaining, Duration, When: localized renderings with Russian
//     plurals.
//
// Start with NewCalendar and StartTimer.
package sla
