package natsrelay_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/shopspring/decimal"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/storage/relay"
	"github.com/carekernel/carekernel/storage/relay/natsrelay"
	"github.com/carekernel/carekernel/storage/sqlstore"
	"github.com/carekernel/carekernel/warranty"
)

// The multi-instance test re-executes its own binary as host and relay
// processes; these variables tell a child its role and where to work.
const (
	envRole   = "CAREKERNEL_MULTI_ROLE" // "host" or "relay"
	envSchema = "CAREKERNEL_MULTI_SCHEMA"
	envName   = "CAREKERNEL_MULTI_NAME"
	envClaims = "CAREKERNEL_MULTI_CLAIMS" // comma-separated claim IDs (hosts)
	envUntil  = "CAREKERNEL_MULTI_UNTIL"  // Unix nanoseconds: when the hosts stop requesting
	envStream = "CAREKERNEL_MULTI_STREAM" // stream and prefix (relays)
	envPrefix = "CAREKERNEL_MULTI_PREFIX"
	// A relay stalls after the broker acknowledged its first batch past
	// this time (Unix nanoseconds), before saving its checkpoint, when it
	// is the first to create the stall file: the parent kills it there,
	// the worst moment.
	envStallAt   = "CAREKERNEL_MULTI_STALL_AT"
	envStallFile = "CAREKERNEL_MULTI_STALL_FILE"
	multiTenant  = carekernel.Tenant("acme")
)

var (
	agent  = carekernel.Actor{ID: "u1", Kind: carekernel.ActorAgent, Name: "Ann"}
	dealer = carekernel.Actor{ID: "D-7", Kind: carekernel.ActorDealer, Name: "Dealer 7"}
)

func TestMain(m *testing.M) {
	if role := os.Getenv(envRole); role != "" {
		var err error
		switch role {
		case "host":
			err = hostChild()
		case "relay":
			err = relayChild()
		default:
			err = fmt.Errorf("unknown role %q", role)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, role, "child:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childStore opens the PostgreSQL schema the parent migrated.
func childStore() (*sqlstore.Store, *sql.DB, error) {
	db, err := sql.Open("pgx", os.Getenv("CAREKERNEL_PG_DSN"))
	if err != nil {
		return nil, nil, err
	}
	s, err := sqlstore.New(db, sqlstore.Postgres, &sqlstore.Options{Schema: os.Getenv(envSchema)})
	return s, db, err
}

// hostChild is one host instance: two workers record field-service
// requests on random claims of the shared set until the run time is
// over, each request with a note naming it uniquely, then race to
// determine responsibility on every claim (a move out of investigation
// that only one worker of all hosts can make). A save that loses the
// optimistic race (ErrConflict) is retried from a fresh load; every
// acknowledged command is printed ("ack <claim> <note>", "moved
// <claim>"), every lost race as "conflict".
func hostChild() error {
	store, db, err := childStore()
	if err != nil {
		return err
	}
	defer db.Close()
	var claims []carekernel.ID
	for _, s := range strings.Split(os.Getenv(envClaims), ",") {
		id, err := carekernel.ParseID(s)
		if err != nil {
			return err
		}
		claims = append(claims, id)
	}
	until, err := strconv.ParseInt(os.Getenv(envUntil), 10, 64)
	if err != nil {
		return err
	}
	name := os.Getenv(envName)
	svc := warranty.NewService(store, &warranty.Options{Attempts: 1}) // this loop retries, visibly
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(os.Stdout, format+"\n", args...)
	}
	say("ready")
	ctx := context.Background()
	end := time.Unix(0, until)
	errs := make(chan error, 2)
	for w := range 2 {
		go func() {
		requests:
			for n := 0; time.Now().Before(end); n++ {
				id := claims[rand.IntN(len(claims))]
				note := fmt.Sprintf("%s.%d.%d", name, w, n)
				for {
					_, err := svc.RequestFieldService(ctx, multiTenant, id, note, agent)
					if err == nil {
						say("ack %s %s", id, note)
						break
					}
					if errors.Is(err, carekernel.ErrTransition) {
						break requests // another worker moved on first: refused, nothing written
					}
					if !errors.Is(err, carekernel.ErrConflict) {
						errs <- err
						return
					}
					say("conflict")
				}
			}
			// Then every worker tries to close the investigation of every
			// claim: a lifecycle move only one of them may make.
			for _, i := range rand.Perm(len(claims)) {
				for {
					_, _, err := svc.DetermineResponsibility(ctx, multiTenant, claims[i], agent)
					if err == nil {
						say("moved %s", claims[i])
						break
					}
					if errors.Is(err, carekernel.ErrTransition) {
						break
					}
					if !errors.Is(err, carekernel.ErrConflict) {
						errs <- err
						return
					}
					say("conflict")
				}
			}
			errs <- nil
		}()
	}
	return errors.Join(<-errs, <-errs)
}

// relayChild is one relay instance: it relays the tenant's journal to
// JetStream until killed.
func relayChild() error {
	store, db, err := childStore()
	if err != nil {
		return err
	}
	defer db.Close()
	// No reconnect buffer: a publish while the connection is down fails
	// at once instead of being sent later, after messages lost with the
	// old connection.
	nc, err := nats.Connect(os.Getenv("CAREKERNEL_NATS_URL"), nats.ReconnectBufSize(-1))
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx := context.Background()
	pub, err := natsrelay.New(ctx, nc, &natsrelay.Options{Stream: os.Getenv(envStream), Prefix: os.Getenv(envPrefix)})
	if err != nil {
		return err
	}
	stallAt, err := strconv.ParseInt(os.Getenv(envStallAt), 10, 64)
	if err != nil {
		return err
	}
	stalling := &stallingPublisher{Publisher: pub, at: time.Unix(0, stallAt), file: os.Getenv(envStallFile)}
	r := relay.New(store, multiTenant, stalling, &relay.Options{Name: os.Getenv(envName), Lease: 4 * time.Second,
		Poll: 20 * time.Millisecond, MinBackoff: 20 * time.Millisecond, MaxBackoff: time.Second})
	fmt.Println("ready")
	return r.Run(ctx)
}

// stallingPublisher publishes, and once per test run (whichever relay
// creates the stall file first) stops for good right after the broker
// acknowledged a batch after the time at, before the relay saves its
// checkpoint, printing "stalled <last seq>".
type stallingPublisher struct {
	*natsrelay.Publisher
	at   time.Time
	file string
}

func (p *stallingPublisher) PublishBatch(ctx context.Context, ms []relay.Message) (int, error) {
	n, err := p.Publisher.PublishBatch(ctx, ms)
	if err != nil {
		fmt.Fprintf(os.Stderr, "publish %d-%d: accepted %d: %v\n", ms[0].Seq, ms[len(ms)-1].Seq, n, err)
	}
	if n > 0 && time.Now().After(p.at) {
		if f, ferr := os.OpenFile(p.file, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); ferr == nil {
			f.Close()
			fmt.Printf("stalled %d\n", ms[n-1].Seq)
			select {} // until killed
		}
	}
	return n, err
}

// child is a started child process and what it printed.
type child struct {
	name   string
	cmd    *exec.Cmd
	stderr strings.Builder
	mu     sync.Mutex
	lines  []string
	done   chan struct{} // closed when stdout is drained
}

func startChild(t *testing.T, name string, env ...string) *child {
	t.Helper()
	c := &child{name: name, done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(append(os.Environ(), envName+"="+name), env...)
	c.cmd.Stderr = &c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(stdout)
		first := true
		for sc.Scan() {
			if first {
				ready <- sc.Text() == "ready"
				first = false
				continue
			}
			c.mu.Lock()
			c.lines = append(c.lines, sc.Text())
			c.mu.Unlock()
		}
		if first {
			ready <- false
		}
	}()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			_ = c.cmd.Process.Kill()
			<-c.done
			_ = c.cmd.Wait()
		}
	})
	if !<-ready {
		<-c.done
		_ = c.cmd.Wait()
		t.Fatalf("%s did not start: %s", name, c.stderr.String())
	}
	return c
}

// kill ends the child with SIGKILL and waits for it.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill %s: %v", c.name, err)
	}
	<-c.done
	_ = c.cmd.Wait()
	if ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("%s ended by itself before the kill: %s", c.name, c.stderr.String())
	}
}

// wait waits for a child that ends by itself and fails unless it succeeded.
func (c *child) wait(t *testing.T) {
	t.Helper()
	<-c.done
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("%s: %v: %s", c.name, err, c.stderr.String())
	}
}

// setupClaims publishes the warranty rules, registers a pump and files
// n claims on it, each validated and under investigation, so that
// field-service requests can be recorded on them any number of times.
func setupClaims(t *testing.T, store storage.Store, n int) []carekernel.ID {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	svc := warranty.NewService(store, nil)
	eur := func(s string) carekernel.Money { return carekernel.MustMoney(s, "EUR") }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.PublishPolicy(ctx, multiTenant, warranty.Policy{
		ID: "STD-24", Version: 1, EffectiveFrom: now.AddDate(-2, 0, 0), Name: "Standard 24 months",
		Months: 24, Limits: []warranty.Limit{{Unit: warranty.UnitKm, Amount: 60000}},
		Parts: 100, Labour: 100, Travel: 50, Deductible: eur("0"), Start: warranty.StartDelivery,
	}, agent))
	must(svc.PublishCatalog(ctx, multiTenant, warranty.CodeCatalog{
		ID: "pumps", Version: 1, EffectiveFrom: now.AddDate(-1, 0, 0),
		Failures:   []warranty.Code{{Code: "F-NOISE", Name: "Noise"}},
		Conditions: []warranty.Code{{Code: "C-OK", Name: "Normal use"}},
		Labour:     []warranty.LabourOp{{Code: "L-SEAL", Name: "Replace seal", StandardMinutes: 60}},
		Parts:      []warranty.Part{{Number: "P-SEAL", Name: "Seal kit"}},
		Routes:     []warranty.Route{{FailurePrefix: "F-", Queue: "general"}},
	}, agent))
	_, err := svc.Register(ctx, multiTenant, warranty.RegisterInput{
		Serial: "SN-0001", Lot: "L-1", Model: "PUMP-9", ProductLine: "pumps",
		Owner:    warranty.Owner{CustomerID: "C-1", Name: "Ivan Petrov", Language: "ru"},
		Dealer:   "D-7",
		Produced: now.AddDate(0, -8, 0), Purchased: now.AddDate(0, -6, 0), Delivered: now.AddDate(0, -6, 0),
		PolicyID: "STD-24",
	}, dealer)
	must(err)
	ids := make([]carekernel.ID, 0, n)
	for i := range n {
		c, err := svc.Receive(ctx, multiTenant, warranty.ClaimInput{
			Serial: "SN-0001", Claimant: "D-7", Reference: fmt.Sprintf("DC-%d", i), Origin: warranty.OriginDealer,
			FailureDate: now.AddDate(0, 0, -3), FailureCode: "F-NOISE", ConditionCode: "C-OK", CausalPart: "P-SEAL",
			Usage: []warranty.Reading{{Unit: warranty.UnitKm, Value: 8000}}, Invoice: fmt.Sprintf("INV-%d", i), Currency: "EUR",
			Lines: []warranty.LineInput{{Kind: warranty.LinePart, Code: "P-SEAL", Quantity: decimal.NewFromInt(1), UnitPrice: eur("40")}},
		}, dealer)
		must(err)
		_, err = svc.Validate(ctx, multiTenant, c.ID(), agent)
		must(err)
		_, err = svc.DefineIssue(ctx, multiTenant, c.ID(), "the pump hums", agent)
		must(err)
		ids = append(ids, c.ID())
	}
	return ids
}

// TestManyHostsAndRelaysOverPostgres runs three host processes recording
// commands on the same six claims through one PostgreSQL, retrying lost
// races, and two relay processes publishing the journal to JetStream;
// midway one host and the relay holding the lease are killed with
// SIGKILL. Afterwards every acknowledged command is in the store exactly
// once (in the journal and in the claim's history), each claim made its
// raced lifecycle move exactly once, every journal event is in the
// stream exactly once and in journal order, and a consumer gets each
// event once.
func TestManyHostsAndRelaysOverPostgres(t *testing.T) {
	db, schema := openPG(t)
	store := pgStore(t, db, schema)
	_, stream, o := testStream(t, "MULTI")
	ctx := context.Background()
	claims := setupClaims(t, store, 6)
	var ids []string
	for _, id := range claims {
		ids = append(ids, id.String())
	}
	const runFor = 8 * time.Second

	until := time.Now().Add(runFor) // the same end for every host
	stallAt := time.Now().Add(runFor / 2)
	stallFile := filepath.Join(t.TempDir(), "stalled") // one for both relays
	relays := map[string]*child{}
	for _, name := range []string{"relay-a", "relay-b"} {
		relays[name] = startChild(t, name, envRole+"=relay", envSchema+"="+schema, envStream+"="+o.Stream, envPrefix+"="+o.Prefix,
			envStallAt+"="+strconv.FormatInt(stallAt.UnixNano(), 10), envStallFile+"="+stallFile)
	}
	var hosts []*child
	for i := range 3 {
		hosts = append(hosts, startChild(t, fmt.Sprintf("host-%d", i), envRole+"=host", envSchema+"="+schema,
			envClaims+"="+strings.Join(ids, ","), envUntil+"="+strconv.FormatInt(until.UnixNano(), 10)))
	}
	started := time.Now()

	// Midway: kill a host, and the relay holding the lease right after
	// the broker acknowledged a batch it has not checkpointed.
	var holder *child
	var stalled int64
	for ; holder == nil; time.Sleep(10 * time.Millisecond) {
		for _, c := range relays {
			c.mu.Lock()
			for _, line := range c.lines {
				if _, err := fmt.Sscanf(line, "stalled %d", &stalled); err == nil {
					holder = c
				}
			}
			c.mu.Unlock()
		}
		if holder == nil && time.Now().After(until) {
			t.Fatal("no relay published a batch in the second half of the hosts' run")
		}
	}
	watch := relay.New(store, multiTenant, nil, nil) // reads the default stream's status only
	st, err := watch.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hosts[0].kill(t)
	holder.kill(t)
	delete(relays, holder.name)
	if st.Holder != holder.name || st.Checkpoint >= stalled {
		t.Fatalf("%s was killed holding the lease with seq %d published past its checkpoint, yet the status is %+v", holder.name, stalled, st)
	}
	t.Logf("killed host-0 and %s (published to %d, checkpoint %d, head %d) at %v", holder.name, stalled, st.Checkpoint, st.Head, time.Since(started).Round(time.Millisecond))
	for _, h := range hosts[1:] {
		h.wait(t)
	}

	// The surviving relay takes the lease over and catches up.
	var survivor *child
	for _, c := range relays {
		survivor = c
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if st, err = watch.Status(ctx); err != nil {
			t.Fatal(err)
		}
		if st.Lag == 0 && st.Holder == survivor.name {
			break
		}
		if time.Now().After(deadline) {
			survivor.kill(t)
			t.Fatalf("the surviving relay did not catch up: %+v\n%s", st, survivor.stderr.String())
		}
	}
	survivor.kill(t)
	t.Logf("%s caught up with the journal head %d at %v", survivor.name, st.Head, time.Since(started).Round(time.Millisecond))

	// Every acknowledged command is in the store exactly once.
	acked := map[string]carekernel.ID{}
	moved := map[string]int{} // claim → acknowledged DetermineResponsibility moves
	conflicts := 0
	for _, h := range hosts {
		for _, line := range h.lines {
			f := strings.Fields(line)
			switch {
			case len(f) == 3 && f[0] == "ack":
				id, err := carekernel.ParseID(f[1])
				if err != nil {
					t.Fatalf("%s printed %q", h.name, line)
				}
				acked[f[2]] = id
			case len(f) == 2 && f[0] == "moved":
				moved[f[1]]++
			case len(f) == 1 && f[0] == "conflict":
				conflicts++
			default:
				t.Fatalf("%s printed %q", h.name, line)
			}
		}
	}
	if conflicts == 0 {
		t.Error("the hosts never raced on a claim: the test proves nothing about optimistic saves")
	}
	journal := readJournal(t, store)
	inJournal := map[string]int{}
	movedInJournal := map[string]int{}
	for _, rec := range journal {
		if rec.Event.Type == "warranty.claim.determine_responsibility" {
			movedInJournal[rec.Event.AggregateID.String()]++
		}
		if rec.Event.Type != "warranty.claim.request_field_service" {
			continue
		}
		var p struct {
			Note string `json:"note"`
		}
		if err := json.Unmarshal(rec.Event.Payload, &p); err != nil {
			t.Fatal(err)
		}
		inJournal[p.Note]++
		if id, ok := acked[p.Note]; ok && id != rec.Event.AggregateID {
			t.Errorf("command %s acknowledged on claim %s is journaled on %s", p.Note, id, rec.Event.AggregateID)
		}
	}
	for note, n := range inJournal {
		if n != 1 {
			t.Errorf("command %s is journaled %d times", note, n)
		}
	}
	inHistory := map[string]int{}
	svc := warranty.NewService(store, nil)
	for _, id := range claims {
		c, err := svc.Claim(ctx, multiTenant, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range c.History() {
			if h.Action == warranty.ActRequestFieldService {
				inHistory[h.Note]++
			}
		}
	}
	for note := range acked {
		if inJournal[note] != 1 || inHistory[note] != 1 {
			t.Errorf("acknowledged command %s: %d times in the journal, %d in the claim's history", note, inJournal[note], inHistory[note])
		}
	}
	for _, id := range claims {
		if moved[id.String()] != 1 || movedInJournal[id.String()] != 1 {
			t.Errorf("claim %s: the racing lifecycle move acknowledged %d times, journaled %d times", id, moved[id.String()], movedInJournal[id.String()])
		}
	}
	if len(inHistory) != len(inJournal) {
		t.Errorf("%d commands in the claims' histories, %d in the journal", len(inHistory), len(inJournal))
	}
	t.Logf("%d commands acknowledged, %d in the journal (the killed host's last one may be saved unacknowledged), %d claims moved once each, %d lost races retried",
		len(acked), len(inJournal), len(moved), conflicts)

	// Every journal event reached JetStream once, in journal order, and
	// a consumer gets each once.
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != uint64(len(journal)) {
		t.Errorf("the stream holds %d messages for %d journal events", info.State.Msgs, len(journal))
	}
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{Durable: "check", AckPolicy: jetstream.AckExplicitPolicy})
	if err != nil {
		t.Fatal(err)
	}
	delivered := map[string]int{}
	var last int64
	for len(delivered) < len(journal) {
		batch, err := cons.Fetch(min(500, len(journal)-len(delivered)), jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for msg := range batch.Messages() {
			got++
			var env natsrelay.Envelope
			if err := json.Unmarshal(msg.Data(), &env); err != nil {
				t.Fatal(err)
			}
			dedup := msg.Headers().Get(jetstream.MsgIDHeader)
			delivered[dedup]++
			if want := fmt.Sprintf("%s-%d", multiTenant, env.Seq); dedup != want {
				t.Fatalf("message %s carries seq %d", dedup, env.Seq)
			}
			if env.Seq != last+1 {
				t.Fatalf("the stream has seq %d after %d", env.Seq, last)
			}
			last = env.Seq
			rec := journal[env.Seq-1]
			if env.Event.Type != rec.Event.Type || env.Event.AggregateID != rec.Event.AggregateID || env.Event.Version != rec.Event.Version {
				t.Fatalf("message %s is not journal event %d", dedup, rec.Seq)
			}
			if err := msg.Ack(); err != nil {
				t.Fatal(err)
			}
		}
		if batch.Error() != nil {
			t.Fatal(batch.Error())
		}
		if got == 0 {
			t.Fatalf("the consumer got %d of %d events", len(delivered), len(journal))
		}
	}
	if extra, err := cons.Fetch(1, jetstream.FetchMaxWait(time.Second)); err == nil {
		for msg := range extra.Messages() {
			t.Errorf("delivered once more: %s", msg.Headers().Get(jetstream.MsgIDHeader))
		}
	}
	for id, n := range delivered {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
}

// readJournal reads the tenant's whole journal.
func readJournal(t *testing.T, s storage.Store) []storage.Record {
	t.Helper()
	var all []storage.Record
	for {
		recs, err := s.Journal(context.Background(), multiTenant, int64(len(all)), storage.MaxPageSize)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 0 {
			return all
		}
		for _, r := range recs {
			if r.Seq != int64(len(all))+1 {
				t.Fatalf("journal seq %d after %d", r.Seq, len(all))
			}
			all = append(all, r)
		}
	}
}
