package recall

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/i18n"
)

func TestLabelsAndMessages(t *testing.T) {
	var keys []string
	keys = append(keys, RecallLifecycle().LabelKeys()...)
	keys = append(keys, NoticeLifecycle().LabelKeys()...)
	keys = append(keys, ReportLifecycle().LabelKeys()...)
	keys = append(keys, IncidentLifecycle().LabelKeys()...)
	for _, r := range Regimes() {
		keys = append(keys, "recall.regime."+string(r.Code))
		for _, fields := range r.Required {
			for _, f := range fields {
				keys = append(keys, "recall.field."+f)
			}
		}
	}
	for _, f := range reportFieldOrder {
		keys = append(keys, "recall.field."+f)
	}
	assert.Empty(t, i18n.Missing(keys...))
	assert.NoError(t, i18n.Check())
}

func TestCreateRefusesBadInputAndWritesNothing(t *testing.T) {
	f := newFixture(t, fleet())
	cat := i18n.NewCatalog()
	cases := map[string]func(*CreateInput){
		"no population":           func(in *CreateInput) { in.Affected = Population{} },
		"class without assessing": func(in *CreateInput) { in.Class = ClassI },
		"unknown regime":          func(in *CreateInput) { in.Regime = "osha" },
		"no remedy":               func(in *CreateInput) { in.Strategy.Remedies = nil },
		"reversed serials":        func(in *CreateInput) { in.Affected.Serials = []SerialRange{{From: "B", To: "A"}} },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			in := input()
			mutate(&in)
			_, err := f.svc.Create(f.ctx, tenant, in, agent)
			require.ErrorIs(t, err, carekernel.ErrInvalid)
			var ce *carekernel.Error
			require.True(t, errors.As(err, &ce))
			assert.True(t, i18n.Has(ce.Key), ce.Key)
			assert.NotEqual(t, cat.Localizer("en").Error(err), cat.Localizer("ru").Error(err))
		})
	}
	assert.Empty(t, f.journal(t))
	assert.Zero(t, f.count(t, AggregateKind))

	in := input()
	in.Class = ClassI
	_, err := f.svc.Create(f.ctx, tenant, in, agent)
	assert.Equal(t, "class I cannot be set without a hazard assessment", cat.Localizer("en").Error(err))
	assert.Equal(t, "класс I нельзя назначить без оценки опасности", cat.Localizer("ru").Error(err))
}

func TestClassMustMatchAssessment(t *testing.T) {
	f := newFixture(t, fleet())
	in := input()
	h := hazard()
	in.Hazard, in.Class = &h, ClassIII
	_, err := f.svc.Create(f.ctx, tenant, in, agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	in.Class = ClassI
	r, err := f.svc.Create(f.ctx, tenant, in, agent)
	require.NoError(t, err)
	a, ok := r.Assessment()
	require.True(t, ok)
	assert.Equal(t, ClassI, a.Class)
	assert.Equal(t, RiskSerious, a.EURisk)
	assert.Equal(t, agent, a.Assessor)
}

func TestInitiateNeedsAssessmentAndPopulation(t *testing.T) {
	f := newFixture(t, fleet())
	r, err := f.svc.Create(f.ctx, tenant, input(), agent)
	require.NoError(t, err)
	before := len(f.journal(t))

	_, err = f.svc.Initiate(f.ctx, tenant, r.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "recall.err.not_assessed", err.(*carekernel.Error).Key)
	assert.Len(t, f.journal(t), before, "a refused initiation writes nothing")

	// a population that matches no registered unit
	in := input()
	in.Affected = Population{Models: []string{"K9"}}
	h := hazard()
	in.Hazard = &h
	empty, err := f.svc.Create(f.ctx, tenant, in, agent)
	require.NoError(t, err)
	before = len(f.journal(t))
	_, err = f.svc.Initiate(f.ctx, tenant, empty.ID(), agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "recall.err.no_population", err.(*carekernel.Error).Key)
	assert.Len(t, f.journal(t), before)
	assert.Zero(t, f.count(t, "recall.population"))

	r, err = f.svc.Assess(f.ctx, tenant, r.ID(), hazard(), agent)
	require.NoError(t, err)
	r, err = f.svc.Initiate(f.ctx, tenant, r.ID(), agent)
	require.NoError(t, err)
	assert.Equal(t, RecallOpen, r.State())
	assert.Equal(t, 20, r.Units())
	assert.Equal(t, 10, r.Population().Owners)
	assert.Equal(t, []string{"D1", "D2"}, r.Consignees())
	require.NoError(t, f.svc.Verify(f.ctx, tenant, r.ID()))

	_, err = f.svc.Initiate(f.ctx, tenant, r.ID(), agent)
	assert.ErrorIs(t, err, carekernel.ErrTransition)
}

func TestReassessmentKeepsHistory(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	h := HazardInput{Severity: SeverityMinor, Probability: ProbabilityRemote, Rationale: "lab retest: 60 °C at most"}
	r, err := f.svc.Assess(f.ctx, tenant, r.ID(), h, agent)
	require.NoError(t, err)
	as := r.Assessments()
	require.Len(t, as, 2)
	assert.Equal(t, ClassI, as[0].Class)
	assert.Equal(t, ClassIII, as[1].Class)
	_, err = f.svc.Assess(f.ctx, tenant, r.ID(), HazardInput{Severity: SeverityMinor, Probability: ProbabilityRemote}, agent)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}

func TestAmendmentIsExplicit(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	digest := r.Population().Digest

	r, err := f.svc.Amend(f.ctx, tenant, r.ID(), Population{Serials: []SerialRange{{From: "SN0015", To: "SN0024"}}}, "K2 shares the base", agent)
	require.NoError(t, err)
	require.Len(t, r.Amendments(), 1)
	assert.Equal(t, 4, r.Amendments()[0].Units) // 0021–0024; 0015–0020 are in already
	assert.Equal(t, 24, r.Units())
	assert.Equal(t, digest, r.Population().Digest, "the original snapshot never changes")
	require.NoError(t, f.svc.Verify(f.ctx, tenant, r.ID()))

	var serials []string
	require.NoError(t, f.svc.EachUnit(f.ctx, tenant, r.ID(), func(u Unit) error { serials = append(serials, u.Serial); return nil }))
	assert.Len(t, serials, 24)
	assert.Equal(t, "SN0024", serials[23])

	_, err = f.svc.Amend(f.ctx, tenant, r.ID(), Population{Serials: []SerialRange{{From: "SN0015", To: "SN0024"}}}, "again", agent)
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "recall.err.amendment_empty", err.(*carekernel.Error).Key)

	types := []string{}
	for _, rec := range f.journal(t) {
		types = append(types, rec.Event.Type)
	}
	assert.Contains(t, types, "recall.population_amended")
}

func TestRiskMatrixAndClass(t *testing.T) {
	cases := []struct {
		s    Severity
		p    Probability
		risk RiskLevel
		c    Class
	}{
		{SeverityCritical, ProbabilityFrequent, RiskSerious, ClassI},
		{SeveritySerious, ProbabilityImprobable, RiskMedium, ClassII},
		{SeverityMinor, ProbabilityOccasional, RiskMedium, ClassII},
		{SeverityNegligible, ProbabilityProbable, RiskLow, ClassIII},
	}
	for _, c := range cases {
		r, err := RiskOf(c.s, c.p)
		require.NoError(t, err)
		assert.Equal(t, c.risk, r)
		assert.Equal(t, c.c, ClassOf(r))
	}
	_, err := RiskOf(0, ProbabilityRemote)
	assert.ErrorIs(t, err, carekernel.ErrInvalid)

	a, err := DefaultHazardPolicy().Assess(HazardInput{Severity: SeverityMinor, Probability: ProbabilityRemote, Deaths: 1})
	require.NoError(t, err)
	assert.Equal(t, ClassI, a.Class)
	assert.Equal(t, "deaths", a.Escalated)
	a, err = DefaultHazardPolicy().Assess(HazardInput{Severity: SeverityMinor, Probability: ProbabilityRemote, Vulnerable: []string{"children"}})
	require.NoError(t, err)
	assert.Equal(t, RiskMedium, a.Risk)
}

func TestVerifyDetectsTamperingAndRehydrationRefusesUnknownState(t *testing.T) {
	f := newFixture(t, fleet())
	r := f.opened(t)
	pid := r.Population().Parts[0]
	d, err := f.store.Get(f.ctx, tenant, "recall.population", pid)
	require.NoError(t, err)
	d.Body = []byte(strings.Replace(string(d.Body), "SN0007", "SN0999", 1))
	_, err = f.store.Save(f.ctx, d, d.Version, nil)
	require.NoError(t, err)
	err = f.svc.Verify(f.ctx, tenant, r.ID())
	require.ErrorIs(t, err, carekernel.ErrInvalid)
	assert.Equal(t, "recall.err.digest", err.(*carekernel.Error).Key)

	rd, err := f.store.Get(f.ctx, tenant, AggregateKind, r.ID())
	require.NoError(t, err)
	rd.Body = []byte(strings.Replace(string(rd.Body), `"state":"open"`, `"state":"paused"`, 1))
	_, err = f.store.Save(f.ctx, rd, rd.Version, nil)
	require.NoError(t, err)
	_, err = f.svc.Get(f.ctx, tenant, r.ID())
	assert.ErrorIs(t, err, carekernel.ErrInvalid)
}
