package strategy

import (
	"context"
	"testing"
	"time"

	"github.com/carekernel/carekernel/internal/badinput"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage/memory"
)

// New refuses every broken part of a spec with ErrInvalid and a key.
func TestBadInputNew(t *testing.T) {
	cases := []struct {
		name string
		mod  func(s *Spec)
		key  string
	}{
		{"no id", func(s *Spec) { s.ID = "" }, "strategy.err.id"},
		{"version 0", func(s *Spec) { s.Version = 0 }, "strategy.err.version"},
		{"no effective date", func(s *Spec) { s.EffectiveFrom = time.Time{} }, "strategy.err.effective"},
		{"ends before it starts", func(s *Spec) { s.EffectiveTo = s.EffectiveFrom.Add(-time.Hour) }, "strategy.err.effective"},
		{"unnamed calendar", func(s *Spec) { s.Calendars[0].Name = "" }, "strategy.err.name"},
		{"calendar twice", func(s *Spec) { s.Calendars[1].Name = s.Calendars[0].Name }, "strategy.err.duplicate"},
		{"unknown zone", func(s *Spec) { s.Calendars[0].Zone = "Mars/Olympus" }, "sla.calendar.err.zone"},
		{"invalid policy", func(s *Spec) { s.Policies[0].ID = "" }, "sla.policy.err.id"},
		{"policy twice", func(s *Spec) { s.Policies[1].ID = s.Policies[0].ID }, "strategy.err.duplicate"},
		{"unnamed segment", func(s *Spec) { s.Segments[0].Name = "" }, "strategy.err.name"},
		{"segment twice", func(s *Spec) { s.Segments[1].Name = s.Segments[0].Name }, "strategy.err.duplicate"},
		{"segment with an unknown policy", func(s *Spec) { s.Segments[0].Policy = "gold" }, "strategy.err.unknown_policy"},
		{"segment with an unknown calendar", func(s *Spec) { s.Segments[0].Calendar = "moon" }, "strategy.err.unknown_calendar"},
		{"unknown channel", func(s *Spec) { s.Segments[0].Channels[0].Channel = "pigeon" }, "strategy.err.channel"},
		{"channel twice", func(s *Spec) { s.Segments[0].Channels[1].Channel = s.Segments[0].Channels[0].Channel }, "strategy.err.duplicate"},
		{"channel on an unknown calendar", func(s *Spec) { s.Segments[0].Channels[0].Calendar = "moon" }, "strategy.err.unknown_calendar"},
		{"segment standards out of range", func(s *Spec) { s.Segments[2].Standards.FCRTarget = 101 }, "strategy.err.percent"},
		{"no default", func(s *Spec) { s.Default = "" }, "strategy.err.no_default"},
		{"unknown default", func(s *Spec) { s.Default = "vip" }, "strategy.err.unknown_segment"},
		{"unnamed rule", func(s *Spec) { s.Rules[0].Name = "" }, "strategy.err.name"},
		{"rule twice", func(s *Spec) { s.Rules[1].Name = s.Rules[0].Name }, "strategy.err.duplicate"},
		{"rule to an unknown segment", func(s *Spec) { s.Rules[0].Segment = "vip" }, "strategy.err.unknown_segment"},
		{"rule without conditions", func(s *Spec) { s.Rules[0].All = nil }, "strategy.err.empty_rule"},
		{"unknown attribute", func(s *Spec) { s.Rules[0].All[0].Attr = "age" }, "strategy.err.attr"},
		{"bare attr.", func(s *Spec) { s.Rules[0].All[0].Attr = "attr." }, "strategy.err.attr"},
		{"no values", func(s *Spec) { s.Rules[0].All[0].Values = nil }, "strategy.err.values"},
		{"eq with two values", func(s *Spec) { s.Rules[0].All[0].Values = []string{"true", "false"} }, "strategy.err.values"},
		{"has on tier", func(s *Spec) { s.Rules[2].All[0].Op = OpHas }, "strategy.err.op"},
		{"revenue eq", func(s *Spec) { s.Rules[1].All[0].Op = OpEq }, "strategy.err.op"},
		{"unknown operator", func(s *Spec) { s.Rules[2].All[0].Op = "like" }, "strategy.err.op"},
		{"unparsable amount", func(s *Spec) { s.Rules[1].All[0].Values = []string{"a lot"} }, "strategy.err.money"},
		{"key account not a bool", func(s *Spec) { s.Rules[0].All[0].Values = []string{"yes"} }, "strategy.err.bool"},
		{"requirement on an unknown channel", func(s *Spec) { s.Requirements[1].Channel = "telex" }, "strategy.err.channel"},
		{"FCR target negative", func(s *Spec) { s.Standards.FCRTarget = -1 }, "strategy.err.percent"},
		{"transfers negative", func(s *Spec) { s.Standards.MaxTransfers = -1 }, "strategy.err.negative"},
		{"unknown tone", func(s *Spec) { s.Standards.Tone = "sarcastic" }, "strategy.err.tone"},
		{"document without id", func(s *Spec) { s.Documents = []Document{{Version: 1}} }, "strategy.err.id"},
		{"document version 0", func(s *Spec) { s.Documents = []Document{{ID: "d"}} }, "strategy.err.version"},
		{"document without English title", func(s *Spec) {
			s.Documents = []Document{{ID: "d", Version: 1, EffectiveFrom: s.EffectiveFrom, Title: Text{"ru": "Возвраты"}}}
		}, "strategy.err.title"},
		{"document twice", func(s *Spec) {
			d := Document{ID: "d", Version: 1, EffectiveFrom: s.EffectiveFrom, Title: Text{"en": "Returns"}}
			s.Documents = []Document{d, d}
		}, "strategy.err.duplicate"},
		{"document section repeated", func(s *Spec) {
			s.Documents = []Document{{ID: "d", Version: 1, EffectiveFrom: s.EffectiveFrom, Title: Text{"en": "Returns"}, Sections: []Section{{Key: "a"}, {Key: "a"}}}}
		}, "strategy.err.section"},
		{"document without effective date", func(s *Spec) { s.Documents = []Document{{ID: "d", Version: 1, Title: Text{"en": "R"}}} }, "strategy.err.effective"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := fixture()
			tc.mod(&spec)
			st, err := New(spec)
			assert.Nil(t, st)
			badinput.Check(t, err, carekernel.ErrInvalid, tc.key)
		})
	}
}

func TestBadInputQueriesAndService(t *testing.T) {
	ctx := context.Background()
	st, err := New(fixture())
	require.NoError(t, err)
	by := carekernel.Actor{ID: "lead", Kind: carekernel.ActorAgent}
	newSvc := func(t *testing.T) *Service {
		s := NewService(memory.New(), &Options{Clock: carekernel.FixedClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))})
		d := fixture()
		d.Version = 0
		_, err := s.SaveDraft(ctx, "acme", d, by)
		require.NoError(t, err)
		return s
	}
	cases := []struct {
		name string
		call func(t *testing.T) error
		kind error
		key  string
	}{
		{"ParseChannel", func(*testing.T) error { _, err := ParseChannel("Phone"); return err }, carekernel.ErrInvalid, "strategy.err.channel"},
		{"Document none in effect", func(*testing.T) error { _, err := st.Document("refunds", time.Now()); return err }, carekernel.ErrNotFound, "strategy.err.document"},
		{"Offers a channel not offered", func(*testing.T) error { _, err := st.Offers("consumer", ChannelFieldService); return err }, carekernel.ErrNotFound, "strategy.err.channel_not_offered"},
		{"SaveDraft bad tenant", func(t *testing.T) error { _, err := newSvc(t).SaveDraft(ctx, "", fixture(), by); return err }, carekernel.ErrInvalid, "kernel.err.tenant_empty"},
		{"SaveDraft no actor", func(t *testing.T) error {
			_, err := newSvc(t).SaveDraft(ctx, "acme", fixture(), carekernel.Actor{})
			return err
		}, carekernel.ErrInvalid, "kernel.err.actor_id_empty"},
		{"SaveDraft invalid spec", func(t *testing.T) error {
			sp := fixture()
			sp.Default = ""
			_, err := newSvc(t).SaveDraft(ctx, "acme", sp, by)
			return err
		}, carekernel.ErrInvalid, "strategy.err.no_default"},
		{"SaveDraft unknown version", func(t *testing.T) error {
			sp := fixture()
			sp.Version = 7
			_, err := newSvc(t).SaveDraft(ctx, "acme", sp, by)
			return err
		}, carekernel.ErrNotFound, "strategy.err.version_not_found"},
		{"SaveDraft an active version", func(t *testing.T) error {
			s := newSvc(t)
			_, err := s.Activate(ctx, "acme", "acme", 1, by)
			require.NoError(t, err)
			_, err = s.SaveDraft(ctx, "acme", fixture(), by)
			return err
		}, carekernel.ErrTransition, "strategy.err.not_draft"},
		{"Activate unknown version", func(t *testing.T) error { _, err := newSvc(t).Activate(ctx, "acme", "acme", 9, by); return err }, carekernel.ErrNotFound, "strategy.err.version_not_found"},
		{"Activate twice", func(t *testing.T) error {
			s := newSvc(t)
			_, err := s.Activate(ctx, "acme", "acme", 1, by)
			require.NoError(t, err)
			_, err = s.Activate(ctx, "acme", "acme", 1, by)
			return err
		}, carekernel.ErrTransition, "lifecycle.err.transition"},
		{"Retire twice", func(t *testing.T) error {
			s := newSvc(t)
			_, err := s.Retire(ctx, "acme", "acme", 1, by)
			require.NoError(t, err)
			_, err = s.Retire(ctx, "acme", "acme", 1, by)
			return err
		}, carekernel.ErrTransition, "lifecycle.err.transition_final"},
		{"Effective never activated", func(t *testing.T) error { _, err := newSvc(t).Effective(ctx, "acme", "acme", time.Now()); return err }, carekernel.ErrNotFound, "strategy.err.none_effective"},
		{"Versions of nothing", func(t *testing.T) error { _, err := newSvc(t).Versions(ctx, "acme", "globex"); return err }, carekernel.ErrNotFound, "strategy.err.none_effective"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { badinput.Check(t, tc.call(t), tc.kind, tc.key) })
	}
}
