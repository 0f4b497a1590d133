// Package pcf is the catalog of APQC Process Classification Framework
// category 6 "Manage Customer Service": every process group, process,
// activity and task (6.1 … 6.5.5), with APQC's id, the English and
// Russian names, the definition where APQC gives one, and the exported
// Go symbols of carekernel that implement it.
//
// The mapping is data, kept beside the code it names: each process
// package owns one file, impl_<package>.go, listing Impl{Element,
// Symbol} pairs. The package's tests parse the module's sources and fail
// when a listed symbol does not exist or an element id is unknown, so the
// map cannot drift from the code; an element nobody lists shows as not
// implemented, never as a placeholder.
//
// Where to start: Lookup an element by its hierarchy id, walk Elements in
// PCF order, or read Report for the coverage of each one. The command
// pcf/cmd/coverage prints the table (-lang ru for Russian names) and, with
// -readme, regenerates the table in README.md; a test fails when the
// README's table is stale.
package pcf
