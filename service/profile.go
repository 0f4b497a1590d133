package service

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/google/uuid"
)

// Profile is the service view of a customer (6.3.4.1.2): contact
// language, region and address for dispatch, segment, and the products
// serviced. It holds personal data: Subject is the customer.
type Profile struct {
	Customer string    `json:"customer"`
	Name     string    `json:"name,omitempty"`
	Language string    `json:"language,omitempty"`
	Region   string    `json:"region,omitempty"`
	Address  string    `json:"address,omitempty"`
	Segment  string    `json:"segment,omitempty"`
	Products []string  `json:"products,omitempty"` // "model/serial" or model
	Orders   int       `json:"orders"`
	Updated  time.Time `json:"updated"`
	version  int64
}

// String names the customer only, so that %v never prints personal data.
func (p Profile) String() string { return "service.Profile(" + p.Customer + ")" }

var profileNS = uuid.MustParse("3f0b8a52-4c6e-5d1b-8e7a-2b9c4d6e8f10")

// profileID derives the profile's ID from the customer, so that
// "create or update" needs no lookup index.
func profileID(t carekernel.Tenant, customer string) carekernel.ID {
	return carekernel.ID(uuid.NewSHA1(profileNS, []byte(string(t)+"\x00"+customer)))
}

var profileSchema = storage.Schema{Kind: "service.profile", Version: 1, Fields: map[string]storage.ValueType{
	"customer": storage.TypeString, "region": storage.TypeString,
}}

// merge applies the non-empty fields of in and records the product.
func (p *Profile) merge(in RequestInput, now time.Time) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&p.Name, in.Name)
	set(&p.Language, in.Language)
	set(&p.Region, in.Region)
	set(&p.Address, in.Address)
	set(&p.Segment, in.Segment)
	prod := in.Product
	if in.Serial != "" {
		prod += "/" + in.Serial
	}
	if !slices.Contains(p.Products, prod) {
		p.Products = append(p.Products, prod)
	}
	p.Orders++
	p.Updated = now
}

func (p *Profile) document(t carekernel.Tenant) (storage.Document, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return storage.Document{}, err
	}
	return storage.Document{Tenant: t, ID: profileID(t, p.Customer), Body: b, Subject: p.Customer,
		Index: map[string]storage.Value{"customer": storage.String(p.Customer), "region": storage.String(p.Region)}}, nil
}

func profileFromDocument(d storage.Document) (*Profile, error) {
	p := &Profile{version: d.Version}
	if err := json.Unmarshal(d.Body, p); err != nil || p.Customer == "" {
		return nil, carekernel.Invalid("service.profileFromDocument", "body", "service.err.document", d.ID.String())
	}
	return p, nil
}
