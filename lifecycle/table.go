package lifecycle

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/carekernel/carekernel"
)

// Guard decides whether a move is allowed for a subject (the aggregate).
// It returns nil to allow it, or a typed error saying why not.
type Guard[T any] func(subject T) error

type row[S, A ~string, T any] struct {
	action A
	to     S
	guards []Guard[T]
}

// Table is an immutable transition table. Its methods are safe for
// concurrent use.
type Table[S, A ~string, T any] struct {
	name     string
	initial  S
	states   []S // declaration order
	actions  []A // declaration order
	index    map[S]int
	rows     [][]row[S, A, T]
	terminal []bool
	slots    []slot[S, A, T] // (from, action) → row, for Next and Fire
	mask     uint32
	shift    uint32 // 32 − log2(len(slots)): moveHash's top bits index the slots
}

// Builder collects the moves of a table. Use it once, at package
// initialisation, and keep the Table it builds.
type Builder[S, A ~string, T any] struct {
	t        *Table[S, A, T]
	terminal []S
	dups     []string
}

// New starts a table named name (the message-key prefix of its labels:
// "warranty.claim" gives "warranty.claim.state.approved") whose aggregates
// start in state initial.
func New[S, A ~string, T any](name string, initial S) *Builder[S, A, T] {
	t := &Table[S, A, T]{name: name, initial: initial, index: map[S]int{}}
	b := &Builder[S, A, T]{t: t}
	b.state(initial)
	return b
}

func (b *Builder[S, A, T]) state(s S) int {
	if i, ok := b.t.index[s]; ok {
		return i
	}
	b.t.index[s] = len(b.t.states)
	b.t.states = append(b.t.states, s)
	b.t.rows = append(b.t.rows, nil)
	return len(b.t.states) - 1
}

// Allow declares that action moves from to to, when every guard agrees.
func (b *Builder[S, A, T]) Allow(from S, action A, to S, guards ...Guard[T]) *Builder[S, A, T] {
	i := b.state(from)
	b.state(to)
	for _, r := range b.t.rows[i] {
		if r.action == action {
			b.dups = append(b.dups, fmt.Sprintf("(%s, %s)", from, action))
		}
	}
	b.t.rows[i] = append(b.t.rows[i], row[S, A, T]{action: action, to: to, guards: guards})
	if !slices.Contains(b.t.actions, action) {
		b.t.actions = append(b.t.actions, action)
	}
	return b
}

// Terminal marks states in which the lifecycle ends; they must have no
// outgoing moves, and every other state must have at least one.
func (b *Builder[S, A, T]) Terminal(states ...S) *Builder[S, A, T] {
	b.terminal = append(b.terminal, states...)
	return b
}

// Build validates the table and returns it. It panics when a state or
// action is empty, a (state, action) pair is declared twice, a terminal
// state is unknown or has moves, a state is unreachable from the initial
// state, or a non-terminal state has no way out.
func (b *Builder[S, A, T]) Build() *Table[S, A, T] {
	t := b.t
	var problems []string
	if t.name == "" {
		problems = append(problems, "the table has no name")
	}
	problems = append(problems, b.dups...)
	t.terminal = make([]bool, len(t.states))
	for _, s := range b.terminal {
		i, ok := t.index[s]
		if !ok {
			problems = append(problems, fmt.Sprintf("terminal state %q is in no move", s))
			continue
		}
		if len(t.rows[i]) > 0 {
			problems = append(problems, fmt.Sprintf("terminal state %q has moves", s))
		}
		t.terminal[i] = true
	}
	for i, s := range t.states {
		if s == "" {
			problems = append(problems, "a state is empty")
		}
		if len(t.rows[i]) == 0 && !t.terminal[i] {
			problems = append(problems, fmt.Sprintf("state %q is a dead end but not terminal", s))
		}
		for _, r := range t.rows[i] {
			if r.action == "" {
				problems = append(problems, fmt.Sprintf("an action from %q is empty", s))
			}
		}
	}
	seen := make([]bool, len(t.states))
	queue := []int{0}
	seen[0] = true
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, r := range t.rows[i] {
			if j := t.index[r.to]; !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	for i, ok := range seen {
		if !ok {
			problems = append(problems, fmt.Sprintf("state %q is unreachable from %q", t.states[i], t.initial))
		}
	}
	if len(problems) > 0 {
		panic("lifecycle: invalid table " + t.name + ": " + strings.Join(problems, "; "))
	}
	t.buildSlots()
	b.t = nil // the table is immutable from here on
	return t
}

// Name is the table's name and label-key prefix.
func (t *Table[S, A, T]) Name() string { return t.name }

// Initial is the state new aggregates start in.
func (t *Table[S, A, T]) Initial() S { return t.initial }

// States returns every state in declaration order.
func (t *Table[S, A, T]) States() []S { return slices.Clone(t.states) }

// Actions returns every action in declaration order.
func (t *Table[S, A, T]) Actions() []A { return slices.Clone(t.actions) }

// Has reports whether s is a state of the table (rehydration checks it).
func (t *Table[S, A, T]) Has(s S) bool { _, ok := t.index[s]; return ok }

// IsTerminal reports whether s ends the lifecycle.
func (t *Table[S, A, T]) IsTerminal(s S) bool {
	i, ok := t.index[s]
	return ok && t.terminal[i]
}

// slot is one move in the open-addressing index that Next and Fire
// probe. Hashing a few bytes of each name and comparing the two strings
// once beats both a map lookup and a scan of the states (see
// BenchmarkNext), and allocates nothing.
type slot[S, A ~string, T any] struct {
	from   S
	action A
	row    *row[S, A, T]
}

// moveHash mixes the lengths and the first and last bytes of the two
// names with one multiplication (Fibonacci hashing: the caller keeps the
// top bits); collisions only lengthen a probe, never change a result.
func moveHash(from, action string) uint32 {
	h := uint32(len(from))<<24 ^ uint32(len(action))<<28
	if n := len(from); n > 0 {
		h ^= uint32(from[0])<<16 ^ uint32(from[n-1])<<8
	}
	if n := len(action); n > 0 {
		h ^= uint32(action[0]) ^ uint32(action[n-1])<<4 ^ uint32(action[n/2])<<12
	}
	return h * 0x9e3779b1
}

// buildSlots builds the slots: a power of two at least twice the moves.
func (t *Table[S, A, T]) buildSlots() {
	moves := 0
	for _, rows := range t.rows {
		moves += len(rows)
	}
	size := 8
	for size < 2*moves {
		size *= 2
	}
	t.slots = make([]slot[S, A, T], size)
	t.mask = uint32(size - 1)
	t.shift = uint32(32 - bits.Len(uint(size-1)))
	for i, rows := range t.rows {
		from := t.states[i]
		for k := range rows {
			h := moveHash(string(from), string(rows[k].action)) >> t.shift
			for t.slots[h].row != nil {
				h = (h + 1) & t.mask
			}
			t.slots[h] = slot[S, A, T]{from: from, action: rows[k].action, row: &rows[k]}
		}
	}
}

func (t *Table[S, A, T]) find(from S, action A) (*row[S, A, T], bool) {
	h := moveHash(string(from), string(action)) >> t.shift
	for {
		sl := &t.slots[h]
		if sl.row == nil {
			return nil, false
		}
		if sl.from == from && sl.action == action {
			return sl.row, true
		}
		h = (h + 1) & t.mask
	}
}

// Next returns the state action leads to from from, ignoring guards, or
// a *TransitionError (matching carekernel.ErrTransition) when the table
// has no such move.
func (t *Table[S, A, T]) Next(from S, action A) (S, error) {
	if r, ok := t.find(from, action); ok {
		return r.to, nil
	}
	return from, t.transitionError(from, action)
}

// Fire is Next with the move's guards run against subject: the first
// guard error is returned as it is.
func (t *Table[S, A, T]) Fire(subject T, from S, action A) (S, error) {
	r, ok := t.find(from, action)
	if !ok {
		return from, t.transitionError(from, action)
	}
	for _, g := range r.guards {
		if err := g(subject); err != nil {
			return from, err
		}
	}
	return r.to, nil
}

// Can reports whether the table has the move (guards not run).
func (t *Table[S, A, T]) Can(from S, action A) bool {
	_, ok := t.find(from, action)
	return ok
}

// Allowed returns the actions the table allows from a state, in
// declaration order (guards not run). The slice is the caller's.
func (t *Table[S, A, T]) Allowed(from S) []A {
	i, ok := t.index[from]
	if !ok {
		return nil
	}
	out := make([]A, len(t.rows[i]))
	for k, r := range t.rows[i] {
		out[k] = r.action
	}
	return out
}

// StateKey is the message key of a state's label: "<name>.state.<s>".
func (t *Table[S, A, T]) StateKey(s S) string { return t.name + ".state." + string(s) }

// ActionKey is the message key of an action's label: "<name>.action.<a>".
func (t *Table[S, A, T]) ActionKey(a A) string { return t.name + ".action." + string(a) }

// LabelKeys lists the label key of every state and action; the i18n
// completeness test checks each has English and Russian text.
func (t *Table[S, A, T]) LabelKeys() []string {
	out := make([]string, 0, len(t.states)+len(t.actions))
	for _, s := range t.states {
		out = append(out, t.StateKey(s))
	}
	for _, a := range t.actions {
		out = append(out, t.ActionKey(a))
	}
	return out
}

// Mermaid renders the table as a Mermaid state diagram.
func (t *Table[S, A, T]) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s\n", t.initial)
	for i, s := range t.states {
		for _, r := range t.rows[i] {
			fmt.Fprintf(&b, "    %s --> %s: %s\n", s, r.to, r.action)
		}
	}
	for i, s := range t.states {
		if t.terminal[i] {
			fmt.Fprintf(&b, "    %s --> [*]\n", s)
		}
	}
	return b.String()
}

func (t *Table[S, A, T]) transitionError(from S, action A) *TransitionError {
	e := &TransitionError{Table: t.name, From: string(from), Action: string(action)}
	for _, a := range t.Allowed(from) {
		e.Allowed = append(e.Allowed, string(a))
	}
	return e
}

// TransitionError is a forbidden move. It matches carekernel.ErrTransition
// and renders, through i18n, as "cannot <action> in state <state>;
// allowed: …" with translated labels.
type TransitionError struct {
	Table   string
	From    string
	Action  string
	Allowed []string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("%s: cannot %s from state %s (allowed: %s)", e.Table, e.Action, e.From, strings.Join(e.Allowed, ", "))
}

// Unwrap makes errors.Is(err, carekernel.ErrTransition) true.
func (e *TransitionError) Unwrap() error { return carekernel.ErrTransition }

// MessageKey implements carekernel.Localizable.
func (e *TransitionError) MessageKey() string {
	if len(e.Allowed) == 0 {
		return "lifecycle.err.transition_final"
	}
	return "lifecycle.err.transition"
}

// MessageArgs are the translated action, the translated state and the
// translated list of allowed actions.
func (e *TransitionError) MessageArgs() []any {
	allowed := make([]carekernel.Message, len(e.Allowed))
	for i, a := range e.Allowed {
		allowed[i] = carekernel.Msg(e.Table + ".action." + a)
	}
	args := []any{carekernel.Msg(e.Table + ".action." + e.Action), carekernel.Msg(e.Table + ".state." + e.From)}
	if len(allowed) > 0 {
		args = append(args, allowed)
	}
	return args
}

// Entry is one line of an aggregate's history: who moved it, from where,
// by which action, to where, when, and why.
type Entry[S, A ~string] struct {
	From   S                `json:"from"`
	Action A                `json:"action"`
	To     S                `json:"to"`
	At     time.Time        `json:"at"`
	By     carekernel.Actor `json:"by"`
	Note   string           `json:"note,omitempty"`
}
