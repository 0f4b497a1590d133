// Package workforce plans the people who answer customer contacts
// (APQC PCF 6.2.1): it forecasts contact volume per interval (6.2.1.1),
// turns the forecast into agents with Erlang B, C and A and into shifts
// (6.2.1.2), measures utilization, occupancy and adherence from agent
// state events (6.2.1.3), and scores interaction quality against
// scorecards tied to the strategy's experience standards (6.2.1.4).
//
// Everything here is pure computation: no storage, no clock, no I/O.
// Start with Required (one interval) or Plan (a day or a week), then
// Forecast for the volumes and Schedule for the shifts.
//
// # Queueing conventions
//
// Traffic A = λ·AHT in Erlangs. Erlang B is the blocking probability of
// M/M/N/N; Erlang C is the probability of waiting of M/M/N with infinite
// patience and needs N > A (otherwise the queue grows without bound and
// the functions return an *UnstableError). For Erlang C the service level
// is P(W ≤ t) = 1 − C·e^{−(N−A)t/AHT} over all offered contacts, and ASA
// is C·AHT/(N−A).
//
// Erlang A (Palm's M/M/N+M) gives every waiting customer an exponential
// patience with mean Patience and is stable for any N ≥ 1. Its service
// level uses the "offered" convention: a contact counts as a success only
// when it is answered within t, and every abandoned contact counts as a
// failure, whenever it abandoned; ServiceLevelAnswered is the "removed"
// convention (abandons excluded from numerator and denominator).
// AbandonRate is the share of offered contacts that abandon, MeanWait is
// the mean time in queue over all offered contacts (P(abandon) = θ·E[W])
// and ASA the mean wait of answered contacts.
//
// All three use recurrences and log-space series (no factorials, no
// overflow) and are exact to about 1e-12 relative for thousands of agents;
// the tests check them against direct big.Float sums and an independent
// Markov-chain computation.
package workforce
