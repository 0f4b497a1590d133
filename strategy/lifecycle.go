package strategy

import "github.com/carekernel/carekernel/lifecycle"

// VersionState is where a strategy version is in its life.
type VersionState string

// The strategy version states. A draft is edited; activating it makes it
// the version in force from its EffectiveFrom on and retires the one
// active before (which still answers for dates before that).
const (
	VersionDraft   VersionState = "draft"
	VersionActive  VersionState = "active"
	VersionRetired VersionState = "retired"
)

// VersionAction moves a strategy version.
type VersionAction string

// The strategy version actions.
const (
	ActionActivate VersionAction = "activate"
	ActionRetire   VersionAction = "retire"
)

var versionTable = lifecycle.New[VersionState, VersionAction, *Spec]("strategy.version", VersionDraft).
	Allow(VersionDraft, ActionActivate, VersionActive, func(s *Spec) error { _, err := New(*s); return err }).
	Allow(VersionDraft, ActionRetire, VersionRetired).
	Allow(VersionActive, ActionRetire, VersionRetired).
	Terminal(VersionRetired).
	Build()

// VersionLifecycle is the table of strategy version states (read-only).
func VersionLifecycle() *lifecycle.Table[VersionState, VersionAction, *Spec] { return versionTable }
