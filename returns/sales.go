package returns

import (
	"context"
	"strconv"
	"time"

	"github.com/carekernel/carekernel"
)

// SaleLine is one line of the original sale, as the host's order system
// knows it. Returns read it; they never change it.
type SaleLine struct {
	Tenant      carekernel.Tenant
	Order       string
	Line        int
	Customer    string
	Product     string
	Serial      string
	Quantity    int64
	UnitPrice   carekernel.Money
	SoldAt      time.Time
	DeliveredAt time.Time // zero: not known; the window then runs from SoldAt
	// NonReturnable marks items the law or the shop excludes from returns
	// (hygiene goods, made to order, digital content).
	NonReturnable bool
}

// Sales is the port to the host's order system.
type Sales interface {
	// SaleLine returns the line of that tenant's order. It must return an
	// error matching carekernel.ErrNotFound when the tenant has no such
	// order line (also when another tenant has one).
	SaleLine(ctx context.Context, t carekernel.Tenant, order string, line int) (SaleLine, error)
}

// SalesFunc adapts a function to Sales.
type SalesFunc func(ctx context.Context, t carekernel.Tenant, order string, line int) (SaleLine, error)

// SaleLine implements Sales.
func (f SalesFunc) SaleLine(ctx context.Context, t carekernel.Tenant, order string, line int) (SaleLine, error) {
	return f(ctx, t, order, line)
}

// SalesBook is a fixed, in-memory Sales for tests, examples and
// prototypes. It is immutable after NewSalesBook.
type SalesBook struct {
	lines map[string]SaleLine
}

// NewSalesBook holds the given lines, keyed by tenant, order and line.
func NewSalesBook(lines ...SaleLine) *SalesBook {
	b := &SalesBook{lines: make(map[string]SaleLine, len(lines))}
	for _, l := range lines {
		b.lines[saleKey(l.Tenant, l.Order, l.Line)] = l
	}
	return b
}

// SaleLine implements Sales.
func (b *SalesBook) SaleLine(_ context.Context, t carekernel.Tenant, order string, line int) (SaleLine, error) {
	l, ok := b.lines[saleKey(t, order, line)]
	if !ok {
		return SaleLine{}, carekernel.NotFound("returns.SalesBook.SaleLine", "returns.err.sale_not_found", order, line)
	}
	return l, nil
}

func saleKey(t carekernel.Tenant, order string, line int) string {
	return string(t) + "\x00" + order + "\x00" + strconv.Itoa(line)
}

// WarrantyStatus is the port to warranty data (the warranty package or
// the host's own); returns does not import package warranty.
type WarrantyStatus interface {
	// UnderWarranty reports whether the product (by serial, when known)
	// is covered at the given time.
	UnderWarranty(ctx context.Context, t carekernel.Tenant, product, serial string, at time.Time) (bool, error)
}

// WarrantyStatusFunc adapts a function to WarrantyStatus.
type WarrantyStatusFunc func(ctx context.Context, t carekernel.Tenant, product, serial string, at time.Time) (bool, error)

// UnderWarranty implements WarrantyStatus.
func (f WarrantyStatusFunc) UnderWarranty(ctx context.Context, t carekernel.Tenant, product, serial string, at time.Time) (bool, error) {
	return f(ctx, t, product, serial, at)
}

var (
	_ Sales          = (*SalesBook)(nil)
	_ Sales          = SalesFunc(nil)
	_ WarrantyStatus = WarrantyStatusFunc(nil)
)
