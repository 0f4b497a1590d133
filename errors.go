package carekernel

import (
	"errors"
	"strings"
)

// The error kinds. Every error the library returns matches exactly one of
// them with errors.Is, so a host can map it to an HTTP status or a retry
// decision without parsing text.
var (
	// ErrInvalid: the input breaks a rule; fix the input, do not retry.
	ErrInvalid = errors.New("invalid")
	// ErrNotFound: the thing named does not exist in this tenant.
	ErrNotFound = errors.New("not found")
	// ErrConflict: someone else changed it first, or it already exists;
	// reload and retry the whole command.
	ErrConflict = errors.New("conflict")
	// ErrTransition: the action is not allowed in the current state.
	ErrTransition = errors.New("transition not allowed")
	// ErrForbidden: the actor may not do this (role, limit, ownership).
	ErrForbidden = errors.New("forbidden")
)

// KindOf reports which kind err matches, or nil when it matches none
// (a context error or a bug).
func KindOf(err error) error {
	for _, k := range [...]error{ErrInvalid, ErrNotFound, ErrConflict, ErrTransition, ErrForbidden} {
		if errors.Is(err, k) {
			return k
		}
	}
	return nil
}

// Localizable is anything the i18n package can render: a stable message
// key and the arguments its text formats. Errors and notices implement it.
type Localizable interface {
	MessageKey() string
	MessageArgs() []any
}

// Message is a localizable value that is not an error: a notice, a
// label, an argument that must itself be translated (a state name).
type Message struct {
	Key  string
	Args []any
}

// Msg builds a Message.
func Msg(key string, args ...any) Message { return Message{Key: key, Args: args} }

// MessageKey implements Localizable.
func (m Message) MessageKey() string { return m.Key }

// MessageArgs implements Localizable.
func (m Message) MessageArgs() []any { return m.Args }

// Error is the concrete error of the library. Kind is one of the kinds
// above; Key and Args select the user-facing text in the i18n catalog;
// Field names the input concerned ("amount", "lines[2].quantity").
// Error() is English for developers and never includes Args, which may
// hold personal data.
type Error struct {
	Kind  error
	Op    string // "warranty.Service.Approve"
	Key   string // "warranty.claim.err.out_of_coverage"
	Args  []any
	Field string
	Err   error // the cause, if any
}

// NewError builds an Error of the given kind.
func NewError(kind error, op, key string, args ...any) *Error {
	return &Error{Kind: kind, Op: op, Key: key, Args: args}
}

// Invalid builds an ErrInvalid error about one input field.
func Invalid(op, field, key string, args ...any) *Error {
	return &Error{Kind: ErrInvalid, Op: op, Key: key, Args: args, Field: field}
}

// NotFound builds an ErrNotFound error.
func NotFound(op, key string, args ...any) *Error {
	return &Error{Kind: ErrNotFound, Op: op, Key: key, Args: args}
}

// Conflict builds an ErrConflict error.
func Conflict(op, key string, args ...any) *Error {
	return &Error{Kind: ErrConflict, Op: op, Key: key, Args: args}
}

// Forbidden builds an ErrForbidden error.
func Forbidden(op, key string, args ...any) *Error {
	return &Error{Kind: ErrForbidden, Op: op, Key: key, Args: args}
}

// WithField sets the field concerned and returns e.
func (e *Error) WithField(field string) *Error { e.Field = field; return e }

// Wrap sets the cause and returns e.
func (e *Error) Wrap(cause error) *Error { e.Err = cause; return e }

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("error")
	}
	if e.Field != "" {
		b.WriteString(" ")
		b.WriteString(e.Field)
	}
	if e.Key != "" {
		b.WriteString(" (")
		b.WriteString(e.Key)
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	switch {
	case e.Kind != nil && e.Err != nil:
		return []error{e.Kind, e.Err}
	case e.Kind != nil:
		return []error{e.Kind}
	case e.Err != nil:
		return []error{e.Err}
	}
	return nil
}

// MessageKey implements Localizable.
func (e *Error) MessageKey() string { return e.Key }

// MessageArgs implements Localizable.
func (e *Error) MessageArgs() []any { return e.Args }
