// Package storagetest is the conformance suite for storage.Store
// adapters. An adapter author calls Run from a test with a function that
// makes a fresh, empty store; every case is a named subtest whose
// failures cite the contract rule they check, as in testing/slogtest:
//
//	func TestConformance(t *testing.T) {
//		storagetest.Run(t, func(t *testing.T) storage.Store { return myadapter.New(...) })
//	}
//
// Optional capabilities are found by type assertion: the storage.Eraser
// cases are skipped when it is absent; storage.Migrator and
// storage.Pinger are checked through storage.Migrate and storage.Ping,
// which fall back to what the contract documents. Check runs the same
// cases without package testing, for a host's start-up self-test.
//
// The suite uses plain testing only, so adapter authors keep control of
// their test dependencies.
package storagetest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// A test case: a name (the subtest), the contract rule it checks (quoted
// in every failure) and the check itself.
type testCase struct {
	name string
	rule string
	fn   func(c *C)
}

// C is what a case works with: a fresh store, a context and failure
// reporting that names the case's rule.
type C struct {
	Ctx   context.Context
	Store storage.Store

	name, rule string
	report     func(string)
	stop       func()
	helper     func()
	ids        carekernel.IDGenerator
	mu         sync.Mutex
	failed     bool
}

// Errorf records a failure of the case's rule.
func (c *C) Errorf(format string, args ...any) {
	c.helper()
	c.mu.Lock()
	c.failed = true
	c.mu.Unlock()
	c.report(fmt.Sprintf("%s: rule %q: %s", c.name, c.rule, fmt.Sprintf(format, args...)))
}

// Fatalf records a failure and ends the case.
func (c *C) Fatalf(format string, args ...any) {
	c.helper()
	c.Errorf(format, args...)
	c.stop()
}

// Failed reports whether the case has failed.
func (c *C) Failed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.failed
}

// Run runs every conformance case as a subtest of t, each on a store
// newStore makes for it (newStore may register cleanups with t; Run
// closes the store at the end of the subtest).
func Run(t *testing.T, newStore func(t *testing.T) storage.Store) {
	t.Helper()
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() { _ = s.Close() })
			c := &C{Ctx: t.Context(), Store: s, name: tc.name, rule: tc.rule, report: func(m string) { t.Error(m) }, stop: t.FailNow, helper: t.Helper, ids: newIDs()}
			if skip := tc.skip(s); skip != "" {
				t.Skip(skip)
			}
			tc.fn(c)
		})
	}
}

// Check runs every conformance case without package testing, each on a
// fresh store from newStore, and returns the failures joined (nil when
// the adapter conforms). Cases for capabilities the store lacks are left
// out.
func Check(ctx context.Context, newStore func() (storage.Store, error)) error {
	var errs []error
	for _, tc := range cases() {
		s, err := newStore()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: new store: %w", tc.name, err))
			continue
		}
		if tc.skip(s) != "" {
			_ = s.Close()
			continue
		}
		var mu sync.Mutex
		c := &C{Ctx: ctx, Store: s, name: tc.name, rule: tc.rule, ids: newIDs(), helper: func() {},
			report: func(m string) { mu.Lock(); errs = append(errs, errors.New(m)); mu.Unlock() },
			stop:   runtime.Goexit}
		done := make(chan struct{})
		go func() {
			defer close(done)
			tc.fn(c)
		}()
		<-done
		_ = s.Close()
	}
	return errors.Join(errs...)
}

// skip names the capability a case needs that s lacks, if any.
func (tc testCase) skip(s storage.Store) string {
	switch {
	case strings.HasPrefix(tc.name, "Erase/"):
		if _, ok := s.(storage.Eraser); !ok {
			return "the store does not implement storage.Eraser"
		}
	}
	return ""
}

func newIDs() carekernel.IDGenerator {
	return carekernel.SequentialIDs(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
}

// cases lists the suite. Names follow "Area/WhatMustHold".
func cases() []testCase {
	return append([]testCase{
		{"Save/CreateGetUpdate", "Save with expected 0 creates version 1; Save with expected N stores version N+1; Get returns what was saved", testCreateGetUpdate},
		{"Save/StaleVersionConflicts", "Save with an expected version that is not the stored one returns ErrConflict and writes nothing", testStale},
		{"Save/CreateExistingConflicts", "Save with expected 0 on an existing id returns ErrConflict and writes nothing", testCreateExisting},
		{"Save/UpdateMissingNotFound", "Save with expected N > 0 on a missing document returns ErrNotFound and writes nothing", testUpdateMissing},
		{"Save/VersionFieldIgnored", "Save ignores doc.Version: the stored version comes from expected", testVersionIgnored},
		{"Get/NotFound", "Get of a missing document returns an error matching ErrNotFound", testGetNotFound},
		{"Get/NoAliasing", "the store shares no memory with its callers: changing what was passed to Save or returned by Get, Find or Journal changes nothing stored", testNoAliasing},
		{"Tenant/Isolation", "nothing crosses tenants: Get, Find, Save and Journal of one tenant never see another's documents or events", testTenantIsolation},
		{"Journal/AtomicWithSave", "a Save appends its events to the tenant's journal in the same transaction: all of them on success, none on failure", testJournalAtomic},
		{"Journal/GapFree", "journal sequence numbers are 1, 2, 3… per tenant in save order, with no gap; Journal(after, limit) pages through them", testJournalGapFree},
		{"Find/Operators", "Find matches =, in, <, <=, >, >= and prefix on string, number and time index fields, AND-ing conditions", testFindOperators},
		{"Find/MissingFieldDoesNotMatch", "documents lacking a field named in a condition or in OrderBy do not match", testFindMissingField},
		{"Find/Order", "Find returns documents in OrderBy order, ascending or descending, ties broken by id; no OrderBy orders by id", testFindOrder},
		{"Find/PagingStableAfterInsert", "paging is keyset: documents saved behind the cursor do not shift later pages, and no document is returned twice", testFindPaging},
		{"Find/InvalidQuery", "a malformed query or cursor returns ErrInvalid", testFindInvalid},
		{"Ctx/Canceled", "every method returns the context's error (errors.Is context.Canceled) on a cancelled context and writes nothing", testCanceled},
		{"Text/RussianRoundTrip", "Russian and emoji text in bodies, index values, subjects and event payloads round-trips exactly and is found by prefix", testText},
		{"Money/ExactDecimal", "a Money amount and a long JSON number in a body round-trip to the last digit", testMoney},
		{"Doc/Large", "a 1 MiB document round-trips", testLarge},
		{"Invalid/NothingWritten", "bad input (empty tenant, kind or id, invalid JSON, oversized body, bad or too many index fields, bad index value, over-long subject, foreign-tenant or untyped event) returns ErrInvalid and writes nothing", testInvalid},
		{"Concurrency/ReadModifyWrite", "concurrent read-modify-write loops retrying on ErrConflict lose no update: the final version counts the successful saves, and the journal holds exactly their events, gap-free", testConcurrency},
		{"Erase/Subject", "Eraser deletes the subject's documents of that tenant and blanks their events' payloads, keeping the journal's sequence numbers", testErase},
		{"Migrate/Idempotent", "storage.Migrate (the store's Migrator, or nothing when it has none) can run again on a migrated store without error or data loss", testMigrate},
		{"Ping/Healthy", "storage.Ping succeeds on a working store", testPing},
	}, saveAllCases()...)
}
