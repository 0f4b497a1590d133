// Package satisfaction measures customer satisfaction (PCF 6.5.1–6.5.3
// and 6.5.4.1): surveys with CSAT, NPS, CES, yes/no and free-text
// questions; invitations triggered when a contact, complaint, warranty
// claim, return or service order closes, throttled and honouring
// opt-outs; and scores a manager can trust — every score carries a
// confidence interval and says "not enough answers" instead of a number
// below the minimum sample.
//
// Scores and intervals:
//   - CSAT is the share of 4 and 5 answers on a 1–5 scale, with a Wilson
//     score interval.
//   - NPS is the share of promoters (9–10) minus the share of detractors
//     (0–6) on a 0–10 scale, in points from −100 to +100, with the
//     adjusted-Wald interval of Rocks (2016): 3/4 of an answer is added to
//     promoters and detractors and 3 to n before the trinomial variance.
//   - CES is the mean of a 1–7 scale with a Student t interval.
//
// Where to start: Survey declares questions; Service.Plan (or HandleEvent
// with a closing event from another package) creates an Invitation;
// Send, Answer, Expire and OptOut move it; Tally and Breakdown turn
// answers into scores; Opportunities, SLAEffect and Themes analyse them;
// Service.PublishInsight sends findings to product, design, marketing or
// manufacturing teams as journal events.
package satisfaction
