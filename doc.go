// Package carekernel is an embeddable domain kernel for customer
// service: warranty claims, recalls, complaints, returns, service orders,
// contacts, SLAs and satisfaction surveys, covering every process of
// APQC PCF category 6 "Manage Customer Service" as plain Go types, state
// machines and policy interfaces over a small storage contract, with
// every user-facing text in English and Russian.
//
// # The PCF 6 map
//
//	6.1 strategy          strategy (6.1.1–6.1.5), sla (targets, calendars, timers),
//	                      warranty (6.1.6 offering), recall (6.1.7 strategy)
//	6.2 contacts          contact/workforce (6.2.1), contact (6.2.2),
//	                      complaint (6.2.3), returns (6.2.4), recall (6.2.5 incidents)
//	6.3 after-sales       warranty (6.3.1 registration, 6.3.2 claims, 6.3.3 recovery),
//	                      service (6.3.4 service orders)
//	6.4 recalls           recall (6.4.1–6.4.6)
//	6.5 evaluation        satisfaction (6.5.1–6.5.3), warranty (6.5.4), recall (6.5.5)
//
// Package pcf lists every element with the symbols that implement it;
// `go run ./pcf/cmd/coverage` prints the table.
//
// # Where to start
//
// Product teams embedding carekernel in an ERP: pick the process package
// (for example warranty), create its Service over a storage.Store
// (storage/sqlstore on your own *sql.DB, PostgreSQL or SQLite), and call
// its verbs; read the journal (Store.Journal) to notify customers, post
// payments and feed sales. Every error matches one of the kinds below
// with errors.Is, and i18n renders it for the customer.
//
// Integrators writing a storage adapter: implement storage.Store and run
// storagetest.Run against it; examples/adapter is a complete one.
//
// Students: run `go run ./examples/quickstart` (add `-lang ru` for
// Russian), then the program of each process in examples/.
//
// # The shared kernel
//
// This package holds what every process shares: ID (UUIDv7), Money
// (decimal amount and ISO 4217 currency, never float), Tenant, Actor,
// Clock (inject FixedClock or SteppingClock in tests), IDGenerator
// (SequentialIDs for golden output), Event (what aggregates record on
// every change), and the error kinds ErrInvalid, ErrNotFound,
// ErrConflict, ErrTransition and ErrForbidden carried by *Error with a
// message key, its arguments and the field concerned.
package carekernel
