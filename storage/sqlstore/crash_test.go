package sqlstore_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/sqlstore"
)

// crashChildEnv, set to a database path, turns the test binary into the
// crash test's child process (see TestMain).
const crashChildEnv = "CAREKERNEL_SQLSTORE_CRASH_CHILD"

const crashTenant carekernel.Tenant = "crash"

const (
	crashItem    = "crash.item"
	crashCounter = "crash.counter"
)

// crashCounterID is the one document every child updates.
var crashCounterID = carekernel.ID{0: 1, 6: 0x70, 8: 0x80, 15: 7}

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		if err := crashChild(path); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild saves forever, until killed: each round creates an item
// document and updates the counter, each with one event, and reports
// every acknowledged save on stdout ("item <id>", "counter <version>").
func crashChild(path string) error {
	ctx := context.Background()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(path))
	if err != nil {
		return err
	}
	s, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		return err
	}
	if err := s.Migrate(ctx); err != nil {
		return err
	}
	out := os.Stdout
	ids := carekernel.NewIDs(carekernel.SystemClock())
	counter := storage.Document{Tenant: crashTenant, Kind: crashCounter, ID: crashCounterID, Schema: 1}
	fmt.Fprintln(out, "ready")
	for {
		item := storage.Document{Tenant: crashTenant, Kind: crashItem, ID: ids.NewID(), Schema: 1,
			Body: json.RawMessage(`{"pad":"` + strings.Repeat("x", rand.IntN(4000)) + `"}`), Index: map[string]storage.Value{"n": storage.Int(1)}}
		ev := carekernel.Event{Type: "crash.item.created", AggregateKind: crashItem, AggregateID: item.ID, Version: 1}
		if _, err := s.Save(ctx, item, 0, []carekernel.Event{ev}); err != nil {
			return err
		}
		fmt.Fprintf(out, "item %s\n", item.ID)

		var version int64
		if cur, err := s.Get(ctx, crashTenant, crashCounter, crashCounterID); err == nil {
			version = cur.Version
		} else if carekernel.KindOf(err) != carekernel.ErrNotFound {
			return err
		}
		counter.Body = json.RawMessage(fmt.Sprintf(`{"count":%d}`, version))
		ev = carekernel.Event{Type: "crash.counter.changed", AggregateKind: crashCounter, AggregateID: crashCounterID, Version: version + 1}
		if _, err := s.Save(ctx, counter, version, []carekernel.Event{ev}); err != nil {
			return err
		}
		fmt.Fprintf(out, "counter %d\n", version+1)
	}
}

// TestCrash kills a saving child process with SIGKILL 20 times at random
// moments; after each kill the database must hold every acknowledged
// save, nothing half-written, and a gap-free journal.
func TestCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	acked := map[carekernel.ID]bool{}
	var ackedCounter int64
	for round := range 20 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		if first, ok := <-lines; !ok || first != "ready" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("round %d: child did not start: %q %s", round, first, stderr.String())
		}
		kill := time.After(time.Duration(5+rand.IntN(150)) * time.Millisecond)
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				record(t, line, acked, &ackedCounter)
			case <-kill:
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				kill = nil
			}
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: child ended by itself (%v): %s", round, err, stderr.String())
		}
		verifyCrashDB(t, round, path, acked, ackedCounter)
	}
	t.Logf("%d acknowledged item saves and %d counter versions survived 20 kills", len(acked), ackedCounter)
}

func record(t *testing.T, line string, acked map[carekernel.ID]bool, counter *int64) {
	t.Helper()
	what, arg, _ := strings.Cut(line, " ")
	switch what {
	case "item":
		id, err := carekernel.ParseID(arg)
		if err != nil {
			t.Fatalf("child wrote %q", line)
		}
		acked[id] = true
	case "counter":
		v, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			t.Fatalf("child wrote %q", line)
		}
		*counter = max(*counter, v)
	default:
		t.Fatalf("child wrote %q", line)
	}
}

func verifyCrashDB(t *testing.T, round int, path string, acked map[carekernel.ID]bool, ackedCounter int64) {
	t.Helper()
	ctx := t.Context()
	db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := sqlstore.New(db, sqlstore.SQLite, nil)
	if err != nil {
		t.Fatal(err)
	}
	items := map[carekernel.ID]bool{}
	q := storage.Query{Limit: storage.MaxPageSize}
	for {
		p, err := s.Find(ctx, crashTenant, crashItem, q)
		if err != nil {
			t.Fatalf("round %d: Find: %v", round, err)
		}
		for _, d := range p.Docs {
			items[d.ID] = true
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	for id := range acked {
		if !items[id] {
			t.Fatalf("round %d: acknowledged item %s is lost", round, id)
		}
	}
	var counterVersion int64
	if c, err := s.Get(ctx, crashTenant, crashCounter, crashCounterID); err == nil {
		counterVersion = c.Version
		var body struct{ Count int64 }
		if err := json.Unmarshal(c.Body, &body); err != nil || body.Count != c.Version-1 {
			t.Fatalf("round %d: counter version %d has body %s (half-written)", round, c.Version, c.Body)
		}
	} else if carekernel.KindOf(err) != carekernel.ErrNotFound {
		t.Fatal(err)
	}
	if counterVersion < ackedCounter {
		t.Fatalf("round %d: counter is at version %d, but version %d was acknowledged", round, counterVersion, ackedCounter)
	}
	var n int64
	itemEvents := 0
	for after := int64(0); ; {
		rs, err := s.Journal(ctx, crashTenant, after, 1000)
		if err != nil {
			t.Fatalf("round %d: Journal: %v", round, err)
		}
		if len(rs) == 0 {
			break
		}
		for _, r := range rs {
			n++
			if r.Seq != n {
				t.Fatalf("round %d: journal record %d has seq %d (a gap)", round, n, r.Seq)
			}
			if r.Event.AggregateKind == crashItem {
				itemEvents++
				if !items[r.Event.AggregateID] {
					t.Fatalf("round %d: event %d is about item %s, which is not stored (half-written)", round, r.Seq, r.Event.AggregateID)
				}
			}
		}
		after = rs[len(rs)-1].Seq
	}
	if itemEvents != len(items) || n != int64(len(items))+counterVersion {
		t.Fatalf("round %d: %d journal records (%d about items) for %d items and counter version %d: a save and its events parted", round, n, itemEvents, len(items), counterVersion)
	}
}
