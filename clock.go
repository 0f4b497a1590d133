package carekernel

import (
	"sync"
	"time"
)

// Clock is where the library reads the current time. Aggregates never
// call time.Now: services pass them the clock's reading, so tests,
// examples and "what was the status last Tuesday" all work the same way.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock, in UTC.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now().UTC() }

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now implements Clock.
func (f ClockFunc) Now() time.Time { return f() }

// ManualClock stands still until told to move: Set and Advance it from
// tests and examples. Every reading advances by Step (zero: stand still),
// which gives distinct, ordered timestamps without real waiting.
// Safe for concurrent use.
type ManualClock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

// FixedClock returns a ManualClock standing at t.
func FixedClock(t time.Time) *ManualClock { return &ManualClock{now: t.UTC()} }

// SteppingClock returns a ManualClock at start that moves by step after
// every reading.
func SteppingClock(start time.Time, step time.Duration) *ManualClock {
	return &ManualClock{now: start.UTC(), step: step}
}

// Now implements Clock.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.now
	c.now = c.now.Add(c.step)
	return t
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t.UTC()
	c.mu.Unlock()
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
