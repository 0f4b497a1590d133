package warranty

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

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

// roundedProduct and sumOf agree with decimal's Mul, Round and Add on
// value and exponent.
func TestDecimalFastPaths(t *testing.T) {
	vals := []string{"0", "1", "-1", "0.5", "-0.5", "0.125", "-0.125", "0.005", "120", "80.00", "1.23456789", "99999999.9999",
		"-0.0049", "0.0051", "12345678901234567", "922337203685477580", "0.000000000000000001", "1E+3", "-7.5E+2", "3.14159"}
	var ds []decimal.Decimal
	for _, v := range vals {
		ds = append(ds, decimal.RequireFromString(v))
	}
	same := func(what string, got, want decimal.Decimal) {
		t.Helper()
		if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Errorf("%s: %s (exp %d), want %s (exp %d)", what, got, got.Exponent(), want, want.Exponent())
		}
	}
	if _, ok := roundedProduct(decimal.RequireFromString("80.50"), decimal.RequireFromString("1.25"), 2); !ok {
		t.Fatal("an ordinary line amount does not take the int64 path")
	}
	fast := 0
	defer func() {
		if fast < len(ds)*len(ds) {
			t.Errorf("only %d products of %d took the int64 path", fast, 4*len(ds)*len(ds))
		}
	}()
	for _, a := range ds {
		for _, b := range ds {
			for _, places := range []int32{0, 2, 3, -1} {
				if got, ok := roundedProduct(a, b, places); ok {
					fast++
					same(a.String()+"*"+b.String()+" round "+itoa(int64(places)), got, a.Mul(b).Round(places))
				}
			}
			want := decimal.Zero.Add(a).Add(b)
			got := sumOf(2, func(i int) decimal.Decimal { return []decimal.Decimal{a, b}[i] })
			same(a.String()+"+"+b.String(), got, want)
		}
	}
}

// A closed claim is not kept in the cache; its encoding goes to the
// spares for the next new claim, and the caller's claim keeps none.
func TestClaimCacheForgetsClosedClaims(t *testing.T) {
	var cc claimCache
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	open := &Claim{d: claimData{ID: carekernel.ID{1}, Tenant: "acme", State: ClaimPaymentAuthorized, Received: at}}
	closed := &Claim{d: claimData{ID: carekernel.ID{2}, Tenant: "acme", State: ClaimClosed, Received: at}}
	for _, c := range []*Claim{open, closed} {
		c.enc = &claimEncoding{}
		if _, err := c.documentInto(nil, nil); err != nil {
			t.Fatal(err)
		}
		cc.put(1, c)
		if c.enc != nil || c.version != 1 {
			t.Fatalf("%s: the caller's claim keeps encoding %v, version %d", c.d.State, c.enc, c.version)
		}
	}
	if len(cc.m) != 1 || cc.m[claimKey{"acme", open.d.ID}] == nil {
		t.Fatalf("cached %v, want only the open claim", cc.m)
	}
	if len(cc.spare) != 1 || cc.spare[0].ok || len(cc.spare[0].body) != 0 {
		t.Fatalf("spares %v, want the closed claim's encoding, reset", cc.spare)
	}
	if _, ok := cc.takeUnread("acme", closed.d.ID); ok {
		t.Fatal("a closed claim was taken from the cache")
	}
}
