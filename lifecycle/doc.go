// Package lifecycle is the state machine every carekernel process uses:
// a transition table (state, action) → state built once as data,
// validated when it is built, and read-only afterwards.
//
// There are no callbacks, no reflection and no locks: an aggregate asks
// the table for its next state, applies the change itself and records a
// history Entry. Guards are plain functions that return an error (a
// typed carekernel error) when a move is not allowed for this subject.
// A forbidden move is a *TransitionError that lists what is allowed, and
// the Mermaid diagram in the docs is rendered from the same table, so
// documentation cannot drift from code.
//
// Building an invalid table (an unreachable state, a non-terminal dead
// end, a duplicate move) panics: that is a programming error found the
// first time the package initialises, never a runtime input error.
package lifecycle
