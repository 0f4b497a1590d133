package carekernel

import "log/slog"

// Tenant scopes every stored document, event and query: one company,
// brand or legal entity of the host. Nothing ever crosses tenants.
// A tenant is 1–64 characters of ASCII letters, digits, '-', '_' and '.'.
type Tenant string

// Validate returns an ErrInvalid error when t is empty or malformed.
func (t Tenant) Validate() error {
	if len(t) == 0 {
		return Invalid("carekernel.Tenant", "tenant", "kernel.err.tenant_empty")
	}
	if len(t) > 64 {
		return Invalid("carekernel.Tenant", "tenant", "kernel.err.tenant_invalid", string(t))
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return Invalid("carekernel.Tenant", "tenant", "kernel.err.tenant_invalid", string(t))
		}
	}
	return nil
}

// ActorKind says in which role someone acts.
type ActorKind string

// The kinds of actors in customer service.
const (
	ActorCustomer   ActorKind = "customer"
	ActorAgent      ActorKind = "agent"
	ActorDealer     ActorKind = "dealer"
	ActorSupplier   ActorKind = "supplier"
	ActorTechnician ActorKind = "technician"
	ActorRegulator  ActorKind = "regulator"
	ActorSystem     ActorKind = "system"
)

// ActorKinds lists every kind, in a stable order.
func ActorKinds() []ActorKind {
	return []ActorKind{ActorCustomer, ActorAgent, ActorDealer, ActorSupplier, ActorTechnician, ActorRegulator, ActorSystem}
}

// Valid reports whether k is one of the declared kinds.
func (k ActorKind) Valid() bool {
	switch k {
	case ActorCustomer, ActorAgent, ActorDealer, ActorSupplier, ActorTechnician, ActorRegulator, ActorSystem:
		return true
	}
	return false
}

// Actor is who did something: recorded on every event and history entry.
// ID is the host's own user or party key; Name is for display and is
// personal data (LogValue leaves it out).
type Actor struct {
	ID   string    `json:"id"`
	Kind ActorKind `json:"kind"`
	Name string    `json:"name,omitempty"`
}

// System is the actor for changes the library makes on its own
// (timers, scheduled reminders, automatic rejection).
func System() Actor { return Actor{ID: "system", Kind: ActorSystem, Name: "system"} }

// Validate returns an ErrInvalid error when the ID is empty or the kind unknown.
func (a Actor) Validate() error {
	if a.ID == "" {
		return Invalid("carekernel.Actor", "actor.id", "kernel.err.actor_id_empty")
	}
	if !a.Kind.Valid() {
		return Invalid("carekernel.Actor", "actor.kind", "kernel.err.actor_kind", string(a.Kind))
	}
	return nil
}

// LogValue implements slog.LogValuer: kind and id only, never the name.
func (a Actor) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", string(a.Kind)), slog.String("id", a.ID))
}
