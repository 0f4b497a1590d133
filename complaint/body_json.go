package complaint

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/carekernel/carekernel/internal/jsonw"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/strategy"
)

// appendBody writes the stored JSON of b, byte for byte what
// json.Marshal(b) writes, without reflection for the fields every
// complaint has: an import encodes one body per row, and reflection was
// most of its cost. Fields most complaints lack (timers, policy,
// assessment, resolution…) still go through json.Marshal. A test and a
// fuzz target hold the two encoders equal.
func appendBody(dst []byte, b *body) ([]byte, error) {
	var err error
	dst = append(dst, `{"id":`...)
	dst = jsonw.AppendString(dst, b.ID.String())
	dst = append(dst, `,"state":`...)
	dst = jsonw.AppendString(dst, string(b.State))
	dst = append(dst, `,"received":`...)
	if dst, err = appendTime(dst, b.Received); err != nil {
		return nil, err
	}
	dst = append(dst, `,"channel":`...)
	dst = jsonw.AppendString(dst, string(b.Channel))
	dst = append(dst, `,"customer":`...)
	if dst, err = appendCustomer(dst, &b.Customer); err != nil {
		return nil, err
	}
	if b.Contact != (Contact{}) {
		dst = append(dst, `,"contact":{`...)
		dst = appendFields(dst, "name", b.Contact.Name, "email", b.Contact.Email, "phone", b.Contact.Phone)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"language":`...)
	dst = jsonw.AppendString(dst, b.Language)
	dst = append(dst, `,"category":`...)
	dst = jsonw.AppendString(dst, string(b.Category))
	dst = append(dst, `,"severity":`...)
	dst = jsonw.AppendString(dst, string(b.Severity))
	if b.Product != (Product{}) {
		dst = append(dst, `,"product":{`...)
		dst = appendFields(dst, "line", b.Product.Line, "model", b.Product.Model, "serial", b.Product.Serial)
		dst = append(dst, '}')
	}
	dst = appendOptString(dst, "text", b.Text)
	dst = appendOptString(dst, "remedy_sought", b.RemedySought)
	if len(b.Attachments) > 0 {
		dst = append(dst, `,"attachments":[`...)
		for i, a := range b.Attachments {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"ref":`...)
			dst = jsonw.AppendString(dst, a.Ref)
			dst = appendOptString(dst, "name", a.Name)
			dst = appendOptString(dst, "media_type", a.MediaType)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = appendOptString(dst, "segment", b.Segment)
	dst = appendOptString(dst, "segment_rule", b.SegmentRule)
	dst = appendOptString(dst, "account_manager", b.AccountManager)
	if b.Policy != nil {
		if dst, err = appendReflect(dst, "policy", b.Policy); err != nil {
			return nil, err
		}
	}
	if len(b.Timers) > 0 {
		if dst, err = appendReflect(dst, "timers", b.Timers); err != nil {
			return nil, err
		}
	}
	if b.Route != nil {
		dst = append(dst, `,"route":`...)
		dst = appendRoute(dst, b.Route)
	}
	if b.Assessment != nil {
		if dst, err = appendReflect(dst, "assessment", b.Assessment); err != nil {
			return nil, err
		}
	}
	if len(b.Notes) > 0 {
		if dst, err = appendReflect(dst, "notes", b.Notes); err != nil {
			return nil, err
		}
	}
	if b.Resolution != nil {
		if dst, err = appendReflect(dst, "resolution", b.Resolution); err != nil {
			return nil, err
		}
	}
	if len(b.Responses) > 0 {
		if dst, err = appendReflect(dst, "responses", b.Responses); err != nil {
			return nil, err
		}
	}
	if b.Safety != nil {
		if dst, err = appendReflect(dst, "safety", b.Safety); err != nil {
			return nil, err
		}
	}
	for _, t := range [...]struct {
		name string
		at   time.Time
	}{{"acknowledged", b.Acknowledged}, {"responded", b.Responded}, {"closed", b.Closed}} {
		if t.at.IsZero() {
			continue
		}
		dst = append(dst, ',', '"')
		dst = append(dst, t.name...)
		dst = append(dst, '"', ':')
		if dst, err = appendTime(dst, t.at); err != nil {
			return nil, err
		}
	}
	if b.Reopened != 0 {
		dst = append(dst, `,"reopened":`...)
		dst = appendInt(dst, b.Reopened)
	}
	if x := b.External; x != nil {
		dst = append(dst, `,"external":{"source":`...)
		dst = jsonw.AppendString(dst, x.Source)
		dst = append(dst, `,"id":`...)
		dst = jsonw.AppendString(dst, x.ID)
		if len(x.Fields) > 0 {
			dst = append(dst, `,"fields":[`...)
			for i, f := range x.Fields {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = append(dst, `{"name":`...)
				dst = jsonw.AppendString(dst, f.Name)
				dst = append(dst, `,"value":`...)
				dst = jsonw.AppendString(dst, f.Value)
				dst = append(dst, '}')
			}
			dst = append(dst, ']')
		}
		if !x.Sent.IsZero() {
			dst = append(dst, `,"sent":`...)
			if dst, err = appendTime(dst, x.Sent); err != nil {
				return nil, err
			}
		}
		dst = appendOptString(dst, "timely", x.Timely)
		dst = appendOptString(dst, "disputed", x.Disputed)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"history":`...)
	if b.History == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, e := range b.History {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"from":`...)
			dst = jsonw.AppendString(dst, string(e.From))
			dst = append(dst, `,"action":`...)
			dst = jsonw.AppendString(dst, string(e.Action))
			dst = append(dst, `,"to":`...)
			dst = jsonw.AppendString(dst, string(e.To))
			dst = append(dst, `,"at":`...)
			if dst, err = appendTime(dst, e.At); err != nil {
				return nil, err
			}
			dst = append(dst, `,"by":`...)
			dst = appendActor(dst, e.By)
			dst = appendOptString(dst, "note", e.Note)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}'), nil
}

func appendRoute(dst []byte, r *Route) []byte {
	dst = append(dst, `{"target":{"kind":`...)
	dst = jsonw.AppendString(dst, string(r.Target.Kind))
	dst = append(dst, `,"to":`...)
	dst = jsonw.AppendString(dst, r.Target.To)
	dst = append(dst, '}')
	dst = appendOptString(dst, "rule", r.Rule)
	if r.Fallback {
		dst = append(dst, `,"fallback":true`...)
	}
	return append(dst, '}')
}

// appendImported writes an importedPayload as json.Marshal does.
func appendImported(dst []byte, p *importedPayload) []byte {
	dst = append(dst, `{"source":`...)
	dst = jsonw.AppendString(dst, p.Source)
	dst = append(dst, `,"id":`...)
	dst = jsonw.AppendString(dst, p.ID)
	dst = append(dst, `,"state":`...)
	dst = jsonw.AppendString(dst, string(p.State))
	if p.Route != nil {
		dst = append(dst, `,"route":`...)
		dst = appendRoute(dst, p.Route)
	}
	return append(dst, '}')
}

func appendActor(dst []byte, a carekernel.Actor) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonw.AppendString(dst, a.ID)
	dst = append(dst, `,"kind":`...)
	dst = jsonw.AppendString(dst, string(a.Kind))
	dst = appendOptString(dst, "name", a.Name)
	return append(dst, '}')
}

// appendCustomer writes strategy.Customer, which has no JSON tags.
func appendCustomer(dst []byte, c *strategy.Customer) ([]byte, error) {
	dst = append(dst, `{"ID":`...)
	dst = jsonw.AppendString(dst, c.ID)
	if c.KeyAccount {
		dst = append(dst, `,"KeyAccount":true`...)
	} else {
		dst = append(dst, `,"KeyAccount":false`...)
	}
	dst = append(dst, `,"Tier":`...)
	dst = jsonw.AppendString(dst, c.Tier)
	dst = append(dst, `,"Revenue":`...)
	if c.Revenue == (carekernel.Money{}) {
		dst = append(dst, `{"amount":"0","currency":""}`...) // most customers state none
	} else {
		m, err := c.Revenue.MarshalJSON()
		if err != nil {
			return nil, err
		}
		dst = append(dst, m...)
	}
	dst = append(dst, `,"Region":`...)
	dst = jsonw.AppendString(dst, c.Region)
	dst = append(dst, `,"ProductLines":`...)
	if c.ProductLines == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, p := range c.ProductLines {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonw.AppendString(dst, p)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"Language":`...)
	dst = jsonw.AppendString(dst, c.Language)
	dst = append(dst, `,"Attributes":`...)
	if c.Attributes == nil {
		dst = append(dst, "null"...)
	} else {
		keys := make([]string, 0, len(c.Attributes))
		for k := range c.Attributes {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonw.AppendString(dst, k)
			dst = append(dst, ':')
			dst = jsonw.AppendString(dst, c.Attributes[k])
		}
		dst = append(dst, '}')
	}
	return append(dst, '}'), nil
}

// appendFields writes name/value pairs whose fields are all omitempty,
// each pair as `"name":"value"`, comma-separated, skipping empty values.
func appendFields(dst []byte, pairs ...string) []byte {
	first := true
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, '"')
		dst = append(dst, pairs[i]...)
		dst = append(dst, '"', ':')
		dst = jsonw.AppendString(dst, pairs[i+1])
	}
	return dst
}

// appendOptString writes `,"name":"v"` unless v is empty (omitempty).
func appendOptString(dst []byte, name, v string) []byte {
	if v == "" {
		return dst
	}
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return jsonw.AppendString(dst, v)
}

// appendReflect writes `,"name":` and v through json.Marshal.
func appendReflect(dst []byte, name string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return append(dst, b...), nil
}

// appendTime writes t as time.Time.MarshalJSON does (RFC 3339 with
// nanoseconds), formatting in place for the UTC times the library keeps.
func appendTime(dst []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); t.Location() == time.UTC && y >= 0 && y <= 9999 {
		dst = append(dst, '"')
		dst = t.AppendFormat(dst, time.RFC3339Nano)
		return append(dst, '"'), nil
	}
	b, err := t.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

func appendInt(dst []byte, n int) []byte {
	return append(dst, itoa(n)...)
}
