package warranty_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/warranty"
)

// A save writes again only what changed since the claim's last save and
// copies the rest from it (claimEncoding): after every command the
// stored body must be byte for byte what writing the claim from scratch
// gives, both from the returned claim and from the body read back.
func checkStoredEncoding(t *testing.T, store storage.Store, step string, c *warranty.Claim) {
	t.Helper()
	d, err := store.Get(context.Background(), tenant, "warranty.claim", c.ID())
	require.NoError(t, err, step)
	fresh, err := warranty.ClaimFreshJSON(c)
	require.NoError(t, err, step)
	if !bytes.Equal(d.Body, fresh) {
		t.Fatalf("%s: stored body differs from a fresh encoding of the claim:\nstored %s\nfresh  %s", step, d.Body, fresh)
	}
	back, err := warranty.ClaimFromDocument(d)
	require.NoError(t, err, step)
	again, err := warranty.ClaimFreshJSON(back)
	require.NoError(t, err, step)
	if !bytes.Equal(d.Body, again) {
		t.Fatalf("%s: stored body differs from a fresh encoding of it read back:\nstored %s\nfresh  %s", step, d.Body, again)
	}
}

type encStep struct {
	name string
	run  func(ctx context.Context, svc *warranty.Service, id carekernel.ID) (*warranty.Claim, error)
}

func encVerb(name string, f func(context.Context, *warranty.Service, carekernel.ID) (*warranty.Claim, error)) encStep {
	return encStep{name, f}
}

// the long way: investigation, a part returned, pre-authorization,
// decision, payment, closing, a supplier recovery and reconciliation
var longWay = []encStep{
	encVerb("validate", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Validate(ctx, tenant, id, agent)
	}),
	encVerb("define issue", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.DefineIssue(ctx, tenant, id, "leak \"at\" the shaft\n", agent)
	}),
	encVerb("field service", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RequestFieldService(ctx, tenant, id, "visit <soon> & call", agent)
	}),
	encVerb("request part", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RequestPart(ctx, tenant, id, "P-SEAL", agent)
	}),
	encVerb("receive part", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.ReceivePart(ctx, tenant, id, dealer)
	}),
	encVerb("root cause", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RecordRootCause(ctx, tenant, id, "seal batch", agent)
	}),
	encVerb("result", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RecordResult(ctx, tenant, id, "worn seal", "replace seal", false, agent)
	}),
	encVerb("responsibility", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		c, _, err := s.DetermineResponsibility(ctx, tenant, id, agent)
		return c, err
	}),
	encVerb("request preauth", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RequestPreAuthorization(ctx, tenant, id, agent)
	}),
	encVerb("grant preauth", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.DecidePreAuthorization(ctx, tenant, id, true, eur("520"), agent)
	}),
	encVerb("decide", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Decide(ctx, tenant, id, nil, agent)
	}),
	encVerb("notify", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Notify(ctx, tenant, id, agent)
	}),
	encVerb("pay", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.AuthorizePayment(ctx, tenant, id, "CM-1", agent)
	}),
	encVerb("close", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Close(ctx, tenant, id, agent)
	}),
	encVerb("reconcile", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		r, err := s.CreateRecovery(ctx, tenant, id, agent)
		if err != nil {
			return nil, err
		}
		if _, err = s.NegotiateRecovery(ctx, tenant, r.ID(), warranty.RecSubmit, eur("0"), agent); err != nil {
			return nil, err
		}
		if _, err = s.Reconcile(ctx, tenant, id, agent); err != nil {
			return nil, err
		}
		return s.Claim(ctx, tenant, id)
	}),
}

// the short way: rejected at once, notified, closed
var rejectWay = []encStep{
	encVerb("reject", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Reject(ctx, tenant, id, warranty.DecisionNotCovered, agent)
	}),
	encVerb("notify", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Notify(ctx, tenant, id, agent)
	}),
	encVerb("close", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Close(ctx, tenant, id, agent)
	}),
}

// a part never returned: the claim is rejected when it falls due
var expireWay = []encStep{
	encVerb("validate", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Validate(ctx, tenant, id, agent)
	}),
	encVerb("define issue", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.DefineIssue(ctx, tenant, id, "leak", agent)
	}),
	encVerb("request part", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RequestPart(ctx, tenant, id, "P-SEAL", agent)
	}),
	encVerb("expire part", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		if n, err := s.ExpireOverdueParts(ctx, tenant); err != nil || n != 1 {
			return nil, fmt.Errorf("expired %d: %w", n, err)
		}
		return s.Claim(ctx, tenant, id)
	}),
	encVerb("notify", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Notify(ctx, tenant, id, agent)
	}),
}

// pre-authorization denied after a finding of no fault
var denyWay = []encStep{
	encVerb("validate", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Validate(ctx, tenant, id, agent)
	}),
	encVerb("define issue", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.DefineIssue(ctx, tenant, id, "leak", agent)
	}),
	encVerb("no fault", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RecordResult(ctx, tenant, id, "dry", "", true, agent)
	}),
	encVerb("responsibility", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		c, _, err := s.DetermineResponsibility(ctx, tenant, id, agent)
		return c, err
	}),
	encVerb("request preauth", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.RequestPreAuthorization(ctx, tenant, id, agent)
	}),
	encVerb("deny preauth", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.DecidePreAuthorization(ctx, tenant, id, false, eur("1"), agent)
	}),
	encVerb("notify", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Notify(ctx, tenant, id, agent)
	}),
	encVerb("close", func(ctx context.Context, s *warranty.Service, id carekernel.ID) (*warranty.Claim, error) {
		return s.Close(ctx, tenant, id, agent)
	}),
}

// A claim validated under a service contract is saved with the contract
// in one SaveAll; its encoding is kept as on a plain save.
func TestClaimReencodingUnderContract(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	svc, clock, _ := withContract(t, store)
	c, err := svc.Receive(ctx, tenant, lateClaim(""), dealer)
	require.NoError(t, err)
	checkStoredEncoding(t, store, "receive", c)
	for _, st := range longWay[:1] {
		c, err = st.run(ctx, svc, c.ID())
		require.NoError(t, err, st.name)
		_, ok := c.Contract()
		require.True(t, ok)
		checkStoredEncoding(t, store, st.name, c)
	}
	for _, st := range []encStep{longWay[7], longWay[10], longWay[11], longWay[12], longWay[13]} {
		clock.Advance(time.Hour)
		c, err = st.run(ctx, svc, c.ID())
		require.NoError(t, err, st.name)
		checkStoredEncoding(t, store, st.name, c)
	}
}

func TestClaimReencodingMatchesFreshEncoding(t *testing.T) {
	for _, tc := range []struct {
		name string
		ref  string
		way  []encStep
		two  bool // alternate two services, so most commands decode the claim
	}{
		{"long", "", longWay, false},
		{"long with reference", "ENC-1", longWay, false},
		{"long on two instances", "", longWay, true},
		{"reject", "", rejectWay, false},
		{"reject on two instances", "ENC-2", rejectWay, true},
		{"expired part", "", expireWay, false},
		{"denied pre-authorization", "ENC-3", denyWay, false},
		{"denied pre-authorization on two instances", "", denyWay, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			store := newMemory()
			svc, clock := setup(t, store)
			other := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(7))})
			c, err := svc.Receive(ctx, tenant, leakClaim(tc.ref), dealer)
			require.NoError(t, err)
			checkStoredEncoding(t, store, "receive", c)
			for i, st := range tc.way {
				clock.Advance(time.Hour + time.Duration(i)*time.Millisecond) // times with and without fractions
				if st.name == "expire part" {
					clock.Advance(60 * 24 * time.Hour) // past the part's due date
				}
				s := svc
				if tc.two && i%2 == 0 {
					s = other
				}
				c, err := st.run(ctx, s, c.ID())
				require.NoError(t, err, st.name)
				checkStoredEncoding(t, store, st.name, c)
			}
		})
	}
}

// A claim changed by another instance between two commands of this one
// is read again; the encoding this one kept of it must not leak into
// the next save.
func TestClaimReencodingAfterAnotherInstance(t *testing.T) {
	ctx := context.Background()
	store := newMemory()
	a, clock := setup(t, store)
	b := newService(t, store, &warranty.Options{Clock: clock, IDs: carekernel.SequentialIDs(t0.Add(7))})
	c, err := a.Receive(ctx, tenant, leakClaim(""), dealer)
	require.NoError(t, err)
	id := c.ID()
	_, err = a.Validate(ctx, tenant, id, agent) // a keeps the validated claim's encoding
	require.NoError(t, err)
	clock.Advance(3600e9)
	_, err = b.DefineIssue(ctx, tenant, id, "noise", agent) // b changes it behind a's back
	require.NoError(t, err)
	clock.Advance(3600e9)
	c, err = a.RecordRootCause(ctx, tenant, id, "bearing", agent) // a's copy is stale: read again
	require.NoError(t, err)
	checkStoredEncoding(t, store, "root cause after another instance", c)
	require.Len(t, c.History(), 3) // receiving is no move
}

// The notice event carries Notice's key and arguments as strings (Money
// as its String, a Message as its key) and the approved total, for an
// approval, a partial approval and a rejection, with and without a
// reference.
func TestNoticePayloadIsNotice(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, ref string
		decide    func(s *warranty.Service, c *warranty.Claim) error
	}{
		{"approved", "", func(s *warranty.Service, c *warranty.Claim) error {
			var ds []warranty.LineDecision
			for _, l := range c.Lines() {
				ds = append(ds, warranty.LineDecision{Line: l.No, Approved: l.Amount, Code: warranty.DecisionApproved})
			}
			_, err := s.Decide(ctx, tenant, c.ID(), ds, agent)
			return err
		}},
		{"partial", "N-2", func(s *warranty.Service, c *warranty.Claim) error {
			_, err := s.Decide(ctx, tenant, c.ID(), nil, agent)
			return err
		}},
		{"rejected", "N-3", func(s *warranty.Service, c *warranty.Claim) error {
			_, err := s.Reject(ctx, tenant, c.ID(), warranty.DecisionNoFaultFound, agent)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newMemory()
			svc, _ := setup(t, store)
			c, err := svc.Receive(ctx, tenant, leakClaim(tc.ref), dealer)
			require.NoError(t, err)
			if tc.name != "rejected" {
				_, err = svc.Validate(ctx, tenant, c.ID(), agent)
				require.NoError(t, err)
				_, _, err = svc.DetermineResponsibility(ctx, tenant, c.ID(), agent)
				require.NoError(t, err)
				if c, err = svc.Claim(ctx, tenant, c.ID()); err == nil && c.NeedsPreAuthorization() {
					_, err = svc.RequestPreAuthorization(ctx, tenant, c.ID(), agent)
					require.NoError(t, err)
					_, err = svc.DecidePreAuthorization(ctx, tenant, c.ID(), true, eur("100000"), agent)
				}
				require.NoError(t, err)
			}
			require.NoError(t, tc.decide(svc, c))
			decided, err := svc.Claim(ctx, tenant, c.ID())
			require.NoError(t, err)
			n := decided.Notice()
			want := []any{}
			for _, a := range n.MessageArgs() {
				switch v := a.(type) {
				case string:
					want = append(want, v)
				case carekernel.Money:
					want = append(want, v.String())
				case carekernel.Message:
					want = append(want, v.Key)
				default:
					t.Fatalf("argument %T", a)
				}
			}
			_, err = svc.Notify(ctx, tenant, c.ID(), agent)
			require.NoError(t, err)
			recs, err := store.Journal(ctx, tenant, 0, 1000)
			require.NoError(t, err)
			var got map[string]any
			for _, rc := range recs {
				if rc.Event.Type == "warranty.claim.notice" {
					require.NoError(t, json.Unmarshal(rc.Event.Payload, &got))
				}
			}
			require.NotNil(t, got)
			require.Equal(t, "warranty.notice."+tc.name, n.MessageKey())
			require.Equal(t, n.MessageKey(), got["key"])
			require.Equal(t, want, got["args"])
			require.Equal(t, decided.Approved().Amount().String(), got["approved"])
			require.Equal(t, "EUR", got["currency"])
		})
	}
}
