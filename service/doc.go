// Package service runs field and workshop service orders (APQC PCF
// 6.3.4 "Service products"): a customer request becomes a service order
// and updates the customer profile (6.3.4.1); technicians with skills and
// working calendars (sla.Calendar) are planned against SLA due times into
// a fulfilment schedule (6.3.4.2); each technician gets a daily schedule,
// repairs are executed with parts and labour priced in Money, and the
// order's progress is tracked (6.3.4.3); completed orders are marked for
// feedback, incomplete orders and service failures (no first-time fix, a
// repeat visit within N days) are found, and feedback is solicited and
// processed (6.3.4.4).
//
// Service orders link to warranty claims (6.3.2 "schedule field
// service") and complaints by ID. When an order closes, the event
// "service.order.closed" carries customer, segment, channel, technician
// and product for the satisfaction package.
//
// Start with NewService and OrderLifecycle; Plan is the pure scheduler.
package service
