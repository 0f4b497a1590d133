package recall

import (
	"encoding/json"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// The stored shapes. Each schema version is the version of its body;
// rehydration refuses newer versions (Collection) and unknown states.
var (
	recallSchema = storage.Schema{Kind: AggregateKind, Version: 1, Fields: map[string]storage.ValueType{
		"state": storage.TypeString, "regime": storage.TypeString, "number": storage.TypeString, "created": storage.TypeTime,
	}}
	noticeSchema = storage.Schema{Kind: NoticeKind, Version: 1, Fields: map[string]storage.ValueType{
		"recall_id": storage.TypeString, "state": storage.TypeString, "recipient": storage.TypeString,
	}}
	incidentSchema = storage.Schema{Kind: IncidentKind, Version: 1, Fields: map[string]storage.ValueType{
		"state": storage.TypeString, "regime": storage.TypeString, "due": storage.TypeTime, "source_id": storage.TypeString,
	}}
	partSchema = storage.Schema{Kind: "recall.population", Version: 1, Fields: map[string]storage.ValueType{
		"recall_id": storage.TypeString, "part": storage.TypeNumber,
	}}
)

// PartSize is how many units one stored population part holds: small
// enough that a part stays far below storage.MaxBodySize.
const PartSize = 2000

// part is one stored slice of a frozen population.
type part struct {
	RecallID  carekernel.ID `json:"recall_id"`
	Amendment int           `json:"amendment"` // 0: the initial snapshot
	No        int           `json:"no"`
	Units     []Unit        `json:"units"`
}

func encode(t carekernel.Tenant, id carekernel.ID, body any, index map[string]storage.Value) (storage.Document, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return storage.Document{}, carekernel.Invalid("recall.encode", "body", "recall.err.corrupt").Wrap(err)
	}
	return storage.Document{Tenant: t, ID: id, Body: b, Index: index}, nil
}

func corrupt(op string, err error) error {
	return carekernel.Invalid(op, "body", "recall.err.corrupt").Wrap(err)
}

func (r *Recall) document() (storage.Document, error) {
	return encode(r.b.Tenant, r.b.ID, r.b, map[string]storage.Value{
		"state": storage.String(string(r.b.State)), "regime": storage.String(string(r.b.Regime)),
		"number": storage.String(r.b.Number), "created": storage.Time(r.b.Created),
	})
}

func recallFromDocument(d storage.Document) (*Recall, error) {
	const op = "recall.recallFromDocument"
	r := &Recall{version: d.Version}
	if err := json.Unmarshal(d.Body, &r.b); err != nil {
		return nil, corrupt(op, err)
	}
	if !recallTable.Has(r.b.State) || r.b.ID != d.ID || r.b.Tenant != d.Tenant {
		return nil, carekernel.Invalid(op, "state", "recall.err.corrupt")
	}
	if r.b.State != RecallDraft && r.b.State != RecallCancelled && (r.b.Population == nil || len(r.b.Assessments) == 0) {
		return nil, carekernel.Invalid(op, "population", "recall.err.corrupt")
	}
	// a report is rendered through labels: a state or code without one
	// is refused here, not printed as a message key later
	for i := range r.b.Reports {
		rep := &r.b.Reports[i]
		if !reportTable.Has(rep.State) || !rep.Kind.Valid() || rep.Fields.check(op) != nil {
			return nil, carekernel.Invalid(op, "reports", "recall.err.corrupt")
		}
	}
	return r, nil
}

func (n *Notice) document() (storage.Document, error) {
	d, err := encode(n.b.Tenant, n.b.ID, n.b, map[string]storage.Value{
		"recall_id": storage.String(n.b.RecallID.String()), "state": storage.String(string(n.b.State)),
		"recipient": storage.String(string(n.b.Recipient.Kind) + ":" + n.b.Recipient.Key),
	})
	if n.b.Recipient.Kind == RecipientOwner {
		d.Subject = n.b.Recipient.Owner.CustomerID
	}
	return d, err
}

func noticeFromDocument(d storage.Document) (*Notice, error) {
	const op = "recall.noticeFromDocument"
	n := &Notice{version: d.Version}
	if err := json.Unmarshal(d.Body, &n.b); err != nil {
		return nil, corrupt(op, err)
	}
	if !noticeTable.Has(n.b.State) || n.b.ID != d.ID {
		return nil, carekernel.Invalid(op, "state", "recall.err.corrupt")
	}
	return n, nil
}

func (i *Incident) document() (storage.Document, error) {
	return encode(i.b.Tenant, i.b.ID, i.b, map[string]storage.Value{
		"state": storage.String(string(i.b.State)), "regime": storage.String(string(i.b.Regime)),
		"due": storage.Time(i.b.Due), "source_id": storage.String(i.b.SourceID.String()),
	})
}

func incidentFromDocument(d storage.Document) (*Incident, error) {
	const op = "recall.incidentFromDocument"
	i := &Incident{version: d.Version}
	if err := json.Unmarshal(d.Body, &i.b); err != nil {
		return nil, corrupt(op, err)
	}
	if !incidentTable.Has(i.b.State) || i.b.ID != d.ID {
		return nil, carekernel.Invalid(op, "state", "recall.err.corrupt")
	}
	return i, nil
}

// partFromDocument reads a stored population part of the recall
// recallID, refusing one of another recall or with a unit lacking its
// serial (the digest covers serials).
func partFromDocument(d storage.Document, recallID carekernel.ID) (*part, error) {
	const op = "recall.partFromDocument"
	var p part
	if err := json.Unmarshal(d.Body, &p); err != nil {
		return nil, corrupt(op, err)
	}
	if p.RecallID != recallID || p.No < 0 || p.Amendment < 0 {
		return nil, carekernel.Invalid(op, "recall_id", "recall.err.corrupt")
	}
	for i := range p.Units {
		if p.Units[i].Serial == "" {
			return nil, carekernel.Invalid(op, "units", "recall.err.corrupt")
		}
	}
	return &p, nil
}
