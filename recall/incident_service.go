package recall

import (
	"context"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// RaiseIncident records a reportable incident from a complaint, service
// finding or claim, on the Options.IncidentRegime's clock, and returns
// its ID. It is the complaint package's IncidentReporter hand-off.
func (s *Service) RaiseIncident(ctx context.Context, t carekernel.Tenant, sourceKind string, sourceID carekernel.ID, harm string, summary string, by carekernel.Actor) (carekernel.ID, error) {
	i, err := s.ReportIncident(ctx, t, IncidentInput{Regime: s.incRegime, SourceKind: sourceKind, SourceID: sourceID, Harm: Harm(harm), Summary: summary}, by)
	if err != nil {
		return carekernel.ID{}, err
	}
	return i.ID(), nil
}

// IncidentWrite builds the incident RaiseIncident would record, without
// saving it, and returns its ID and the write that creates it (expected
// version 0, with its "recall.incident.raised" event). It is the
// complaint package's IncidentWriter: the complaint and its incident
// are saved in one Store.SaveAll, both or neither. The write belongs in
// the store this Service is built on (IncidentStore), which is how the
// complaint service tells whether it may save it.
func (s *Service) IncidentWrite(_ context.Context, t carekernel.Tenant, sourceKind string, sourceID carekernel.ID, harm string, summary string, by carekernel.Actor) (carekernel.ID, storage.Write, error) {
	i, err := s.newIncident(t, IncidentInput{Regime: s.incRegime, SourceKind: sourceKind, SourceID: sourceID, Harm: Harm(harm), Summary: summary}, by)
	if err != nil {
		return carekernel.ID{}, storage.Write{}, err
	}
	d, err := i.document()
	if err != nil {
		return carekernel.ID{}, storage.Write{}, err
	}
	w, err := s.incidents.Write(d, 0, i.Events())
	if err != nil {
		return carekernel.ID{}, storage.Write{}, err
	}
	return i.ID(), w, nil
}

// IncidentStore is the store IncidentWrite's writes belong in: the
// complaint service saves an incident with a complaint only when its
// own store is this one, and raises it with RaiseIncident otherwise.
func (s *Service) IncidentStore() storage.Store { return s.incidents.Store() }

// ReportIncident records a reportable incident (6.2.5) due on the
// regime's statutory clock for its harm.
func (s *Service) ReportIncident(ctx context.Context, t carekernel.Tenant, in IncidentInput, by carekernel.Actor) (*Incident, error) {
	i, err := s.newIncident(t, in, by)
	if err != nil {
		return nil, err
	}
	// a lost race on a fresh ID can only be transient: retried, bounded
	if err := storage.Retry(ctx, 0, func() error { return s.saveIncident(ctx, i, 0) }); err != nil {
		return nil, err
	}
	return i, nil
}

// newIncident builds a draft incident due on the regime's statutory
// clock for its harm, counted from when the firm learned of it.
func (s *Service) newIncident(t carekernel.Tenant, in IncidentInput, by carekernel.Actor) (*Incident, error) {
	now := s.clock.Now()
	reg, err := RegimeOf(in.Regime)
	if err != nil {
		return nil, err
	}
	if !in.Harm.Valid() {
		return nil, carekernel.Invalid("recall.Service.ReportIncident", "harm", "recall.err.harm", string(in.Harm))
	}
	learned := in.Learned
	if learned.IsZero() {
		learned = now
	}
	d, err := due(reg.Deadlines().Incident[in.Harm], learned, s.cal)
	if err != nil {
		return nil, err
	}
	return NewIncident(s.ids.NewID(), t, in, d, by, now)
}

func (s *Service) saveIncident(ctx context.Context, i *Incident, expected int64) error {
	d, err := i.document()
	if err != nil {
		return err
	}
	v, err := s.incidents.Save(ctx, d, expected, i.pending)
	if err != nil {
		return err
	}
	i.version, i.pending = v, nil
	return nil
}

// Incident loads an incident report.
func (s *Service) Incident(ctx context.Context, t carekernel.Tenant, id carekernel.ID) (*Incident, error) {
	d, err := s.incidents.Get(ctx, t, id)
	if err != nil {
		return nil, err
	}
	return incidentFromDocument(d)
}

func (s *Service) updateIncident(ctx context.Context, t carekernel.Tenant, id carekernel.ID, fn func(i *Incident, now time.Time) error) (*Incident, error) {
	var out *Incident
	err := storage.Retry(ctx, 0, func() error {
		i, err := s.Incident(ctx, t, id)
		if err != nil {
			return err
		}
		if err := fn(i, s.clock.Now()); err != nil {
			return err
		}
		if err := s.saveIncident(ctx, i, i.version); err != nil {
			return err
		}
		out = i
		return nil
	})
	return out, err
}

// SubmitIncident records the incident report sent to the regulator.
func (s *Service) SubmitIncident(ctx context.Context, t carekernel.Tenant, id carekernel.ID, by carekernel.Actor) (*Incident, error) {
	return s.updateIncident(ctx, t, id, func(i *Incident, now time.Time) error { return i.Submit(by, now) })
}

// AcknowledgeIncident records the regulator's receipt and reference.
func (s *Service) AcknowledgeIncident(ctx context.Context, t carekernel.Tenant, id carekernel.ID, reference string, by carekernel.Actor) (*Incident, error) {
	return s.updateIncident(ctx, t, id, func(i *Incident, now time.Time) error { return i.Acknowledge(reference, by, now) })
}

// CloseIncident closes an acknowledged incident.
func (s *Service) CloseIncident(ctx context.Context, t carekernel.Tenant, id carekernel.ID, note string, by carekernel.Actor) (*Incident, error) {
	return s.updateIncident(ctx, t, id, func(i *Incident, now time.Time) error { return i.Close(note, by, now) })
}

// OverdueIncidents lists draft incidents past their statutory deadline
// at the clock's time, most overdue first.
func (s *Service) OverdueIncidents(ctx context.Context, t carekernel.Tenant) ([]*Incident, error) {
	now := s.clock.Now()
	var out []*Incident
	q := storage.Query{Where: []storage.Cond{
		storage.Where("state", storage.Eq, storage.String(string(IncidentDraft))),
		storage.Where("due", storage.Lt, storage.Time(now)),
	}, OrderBy: "due", Limit: storage.MaxPageSize}
	err := s.incidents.Each(ctx, t, q, func(d storage.Document) error {
		i, err := incidentFromDocument(d)
		if err != nil {
			return err
		}
		out = append(out, i)
		return nil
	})
	return out, err
}
