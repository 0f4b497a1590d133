package carekernel_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/carekernel/carekernel"
)

func TestFixedClock(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*3600)
	c := carekernel.FixedClock(time.Date(2026, 3, 5, 16, 0, 0, 0, moscow))
	assert.Equal(t, t0, c.Now())
	assert.Equal(t, time.UTC, c.Now().Location(), "readings are UTC")
	assert.Equal(t, t0, c.Now(), "a fixed clock stands still")
	c.Advance(90 * time.Minute)
	assert.Equal(t, t0.Add(90*time.Minute), c.Now())
	c.Set(time.Date(2027, 1, 1, 3, 0, 0, 0, moscow))
	assert.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), c.Now())
}

func TestSteppingClock(t *testing.T) {
	c := carekernel.SteppingClock(t0, time.Second)
	assert.Equal(t, t0, c.Now())
	assert.Equal(t, t0.Add(time.Second), c.Now())
	c.Advance(time.Hour)
	assert.Equal(t, t0.Add(time.Hour+2*time.Second), c.Now())
}

func TestSteppingClockConcurrentReadingsAreDistinct(t *testing.T) {
	c := carekernel.SteppingClock(t0, time.Millisecond)
	var mu sync.Mutex
	seen := map[time.Time]bool{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				now := c.Now()
				mu.Lock()
				seen[now] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Len(t, seen, 400)
}

func TestSystemClockAndClockFunc(t *testing.T) {
	now := carekernel.SystemClock().Now()
	assert.Equal(t, time.UTC, now.Location())
	assert.WithinDuration(t, time.Now(), now, time.Minute)
	var c carekernel.Clock = carekernel.ClockFunc(func() time.Time { return t0 })
	assert.Equal(t, t0, c.Now())
}
