// Package faulty wraps a storage.Store so tests can make chosen calls
// fail, stall or lose a race, and so prove that services retry conflicts
// a bounded number of times and never leave a half-applied change.
//
//	st := faulty.New(memory.New(),
//		faulty.Rule{Op: faulty.OpSave, Call: 1, Err: faulty.Conflict},
//		faulty.Rule{Op: faulty.OpSave, Kind: "returns.rma", Call: 3, Err: faulty.Failure})
//
// A rule that returns an error does so instead of calling the inner
// store (nothing is written), unless After is set: then the inner call
// runs first and its result is dropped, like a commit whose
// acknowledgement was lost.
package faulty

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Op names a Store method.
type Op uint8

// The operations a rule can target.
const (
	OpGet Op = iota + 1
	OpSave
	OpFind
	OpJournal
	OpSaveAll
)

func (o Op) String() string {
	switch o {
	case OpGet:
		return "Get"
	case OpSave:
		return "Save"
	case OpFind:
		return "Find"
	case OpJournal:
		return "Journal"
	case OpSaveAll:
		return "SaveAll"
	}
	return "invalid"
}

// Call describes one call reaching the wrapper. N counts, from 1, the
// calls a rule has matched so far (each rule counts its own).
type Call struct {
	Op     Op
	N      int
	Tenant carekernel.Tenant
	Kind   string        // "" for Journal; a SaveAll's first write's
	ID     carekernel.ID // zero for Find and Journal; a SaveAll's first write's
	// Writes are a SaveAll's writes (nil for the other operations), for
	// Match functions that look past the first one.
	Writes []storage.Write
}

// ErrInjected is the cause of every injected failure, so a test can tell
// an injected error from a real one with errors.Is.
var ErrInjected = errors.New("faulty: injected")

// Fault turns a matched call into the error to return.
type Fault func(Call) error

// Conflict is a lost optimistic race: a *carekernel.Error matching
// carekernel.ErrConflict (and ErrInjected), what a retrying service
// must absorb.
func Conflict(c Call) error {
	return carekernel.Conflict("faulty."+c.Op.String(), "faulty.err.conflict", c.Op.String(), c.N).Wrap(ErrInjected)
}

// Failure is an infrastructure error (the database is down): it matches
// ErrInjected and no carekernel error kind, so services must not retry it.
func Failure(c Call) error {
	return &failure{c}
}

type failure struct{ c Call }

func (f *failure) Error() string { return "faulty: injected failure on " + f.c.Op.String() }
func (f *failure) Unwrap() error { return ErrInjected }

// MessageKey implements carekernel.Localizable.
func (f *failure) MessageKey() string { return "faulty.err.failure" }

// MessageArgs implements carekernel.Localizable.
func (f *failure) MessageArgs() []any { return []any{f.c.Op.String(), f.c.N} }

// Rule selects calls and says what happens to them. Op is required;
// Kind and Match narrow the calls further. Of the matching calls, Call
// picks the N-th (from 1); 0 picks every one.
type Rule struct {
	Op    Op
	Kind  string          // only documents of this kind (a SaveAll with one of this kind); "" any
	Match func(Call) bool // optional extra condition, run under the wrapper's lock
	Call  int
	// Delay stalls the call before it proceeds (or fails); a cancelled
	// context ends the wait with the context's error.
	Delay time.Duration
	// Err, when set, makes the call fail with Err(call).
	Err Fault
	// After runs the inner call first and returns Err only if it
	// succeeded (a write that committed but whose caller saw an error).
	After bool
}

// Store is the wrapper. It is safe for concurrent use.
type Store struct {
	inner storage.Store
	mu    sync.Mutex
	rules []Rule
	seen  []int  // calls matched per rule
	calls [6]int // calls per Op
	fired []Call // calls a rule acted on, in order
}

var _ storage.Store = (*Store)(nil)

// New wraps inner with rules, checked in order: the first rule that
// picks a call decides it.
func New(inner storage.Store, rules ...Rule) *Store {
	return &Store{inner: inner, rules: append([]Rule(nil), rules...), seen: make([]int, len(rules))}
}

// Calls reports how many calls of op reached the wrapper.
func (s *Store) Calls(op Op) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if op < OpGet || op > OpSaveAll {
		return 0
	}
	return s.calls[op]
}

// Fired lists the calls a rule acted on, in the order they came.
func (s *Store) Fired() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.fired...)
}

// decide counts the call and returns the rule that picks it, if any.
func (s *Store) decide(c Call) (Rule, Call, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[c.Op]++
	var pick Rule
	var picked Call
	found := false
	for i, r := range s.rules {
		if r.Op != c.Op || (r.Kind != "" && !c.hasKind(r.Kind)) {
			continue
		}
		rc := c
		rc.N = s.seen[i] + 1
		if r.Match != nil && !r.Match(rc) {
			continue
		}
		s.seen[i]++
		if !found && (r.Call == 0 || r.Call == rc.N) {
			pick, picked, found = r, rc, true
		}
	}
	if found {
		s.fired = append(s.fired, picked)
	}
	return pick, picked, found
}

func (c Call) hasKind(kind string) bool {
	if c.Writes == nil {
		return c.Kind == kind
	}
	for _, w := range c.Writes {
		if w.Doc.Kind == kind {
			return true
		}
	}
	return false
}

// before applies a rule's delay and, unless After, its error.
func before(ctx context.Context, r Rule, c Call) error {
	if r.Delay > 0 {
		t := time.NewTimer(r.Delay)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	if r.Err != nil && !r.After {
		return r.Err(c)
	}
	return nil
}

func after(r Rule, c Call, err error) error {
	if err == nil && r.Err != nil && r.After {
		return r.Err(c)
	}
	return err
}

// Get implements storage.Store.
func (s *Store) Get(ctx context.Context, tenant carekernel.Tenant, kind string, id carekernel.ID) (storage.Document, error) {
	r, c, ok := s.decide(Call{Op: OpGet, Tenant: tenant, Kind: kind, ID: id})
	if !ok {
		return s.inner.Get(ctx, tenant, kind, id)
	}
	if err := before(ctx, r, c); err != nil {
		return storage.Document{}, err
	}
	d, err := s.inner.Get(ctx, tenant, kind, id)
	if err = after(r, c, err); err != nil {
		return storage.Document{}, err
	}
	return d, nil
}

// Save implements storage.Store.
func (s *Store) Save(ctx context.Context, doc storage.Document, expected int64, events []carekernel.Event) (int64, error) {
	r, c, ok := s.decide(Call{Op: OpSave, Tenant: doc.Tenant, Kind: doc.Kind, ID: doc.ID})
	if !ok {
		return s.inner.Save(ctx, doc, expected, events)
	}
	if err := before(ctx, r, c); err != nil {
		return 0, err
	}
	v, err := s.inner.Save(ctx, doc, expected, events)
	if err = after(r, c, err); err != nil {
		return 0, err
	}
	return v, nil
}

// SaveAll implements storage.Store: one Call (OpSaveAll) per SaveAll,
// whatever the number of writes, so a rule fails or loses the whole
// transaction as a database would.
func (s *Store) SaveAll(ctx context.Context, writes []storage.Write) ([]int64, error) {
	c := Call{Op: OpSaveAll, Writes: append([]storage.Write{}, writes...)}
	if len(writes) > 0 {
		c.Tenant, c.Kind, c.ID = writes[0].Doc.Tenant, writes[0].Doc.Kind, writes[0].Doc.ID
	}
	r, c, ok := s.decide(c)
	if !ok {
		return s.inner.SaveAll(ctx, writes)
	}
	if err := before(ctx, r, c); err != nil {
		return nil, err
	}
	vs, err := s.inner.SaveAll(ctx, writes)
	if err = after(r, c, err); err != nil {
		return nil, err
	}
	return vs, nil
}

// Find implements storage.Store.
func (s *Store) Find(ctx context.Context, tenant carekernel.Tenant, kind string, q storage.Query) (storage.Page, error) {
	r, c, ok := s.decide(Call{Op: OpFind, Tenant: tenant, Kind: kind})
	if !ok {
		return s.inner.Find(ctx, tenant, kind, q)
	}
	if err := before(ctx, r, c); err != nil {
		return storage.Page{}, err
	}
	p, err := s.inner.Find(ctx, tenant, kind, q)
	if err = after(r, c, err); err != nil {
		return storage.Page{}, err
	}
	return p, nil
}

// Journal implements storage.Store.
func (s *Store) Journal(ctx context.Context, tenant carekernel.Tenant, afterSeq int64, limit int) ([]storage.Record, error) {
	r, c, ok := s.decide(Call{Op: OpJournal, Tenant: tenant})
	if !ok {
		return s.inner.Journal(ctx, tenant, afterSeq, limit)
	}
	if err := before(ctx, r, c); err != nil {
		return nil, err
	}
	recs, err := s.inner.Journal(ctx, tenant, afterSeq, limit)
	if err = after(r, c, err); err != nil {
		return nil, err
	}
	return recs, nil
}

// Close closes the inner store.
func (s *Store) Close() error { return s.inner.Close() }
