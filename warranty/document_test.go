package warranty

import (
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
)

// Service.saveClaim saves without Collection.Save's check of the index
// fields against the schema: every field a claim's document can carry
// must be declared, with its type.
func TestClaimIndexDeclared(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	claims := storage.NewCollection(nil, claimSchema)
	for _, c := range []*Claim{
		{d: claimData{ID: carekernel.ID{1}, Tenant: "acme", State: ClaimReceived, Serial: "S", Claimant: "D", Model: "M", CustomerID: "C", Received: at}},
		{d: claimData{ID: carekernel.ID{2}, Tenant: "acme", State: ClaimAwaitingPart, Serial: "S", Claimant: "D", Model: "M", CustomerID: "C",
			Received: at, Dealer: "D-7", PartReturn: &partReturnData{Part: "P", Requested: at, Due: at}}},
	} {
		doc, err := c.documentInto(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := claims.Write(doc, 0, nil); err != nil {
			t.Fatalf("%s: %v", c.d.State, err)
		}
		if c.d.State == ClaimAwaitingPart && len(doc.Index) != 8 {
			t.Fatalf("index %v, want all eight fields", doc.Index)
		}
	}
}
