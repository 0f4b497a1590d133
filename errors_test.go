package carekernel_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carekernel/carekernel"
)

func TestErrorKinds(t *testing.T) {
	kinds := []error{carekernel.ErrInvalid, carekernel.ErrNotFound, carekernel.ErrConflict, carekernel.ErrTransition, carekernel.ErrForbidden}
	build := map[error]*carekernel.Error{
		carekernel.ErrInvalid:    carekernel.Invalid("pkg.Op", "amount", "pkg.err.amount", 1),
		carekernel.ErrNotFound:   carekernel.NotFound("pkg.Op", "pkg.err.missing", "x"),
		carekernel.ErrConflict:   carekernel.Conflict("pkg.Op", "pkg.err.exists"),
		carekernel.ErrForbidden:  carekernel.Forbidden("pkg.Op", "pkg.err.limit"),
		carekernel.ErrTransition: carekernel.NewError(carekernel.ErrTransition, "pkg.Op", "pkg.err.move"),
	}
	for kind, err := range build {
		wrapped := fmt.Errorf("loading: %w", err)
		for _, k := range kinds {
			assert.Equal(t, k == kind, errors.Is(wrapped, k), "%v is %v", err, k)
		}
		assert.Equal(t, kind, carekernel.KindOf(wrapped))
	}
	assert.Nil(t, carekernel.KindOf(nil))
	assert.Nil(t, carekernel.KindOf(context.Canceled))
	assert.Nil(t, carekernel.KindOf(errors.New("bug")))
}

func TestErrorUnwrapReachesCause(t *testing.T) {
	err := carekernel.NotFound("warranty.Service.Get", "warranty.claim.err.not_found").Wrap(io.ErrUnexpectedEOF)
	assert.ErrorIs(t, err, carekernel.ErrNotFound)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.NotErrorIs(t, err, carekernel.ErrInvalid)

	noKind := &carekernel.Error{Op: "x", Err: context.DeadlineExceeded}
	assert.ErrorIs(t, noKind, context.DeadlineExceeded)
	assert.Nil(t, carekernel.KindOf(noKind))
	assert.Nil(t, (&carekernel.Error{}).Unwrap())

	var target *carekernel.Error
	require.ErrorAs(t, fmt.Errorf("ctx: %w", err), &target)
	assert.Same(t, err, target)
}

func TestErrorLocalizable(t *testing.T) {
	err := carekernel.Invalid("warranty.NewClaim", "serial", "warranty.err.serial", "SN-1", 3).WithField("lines[2].serial")
	var l carekernel.Localizable = err
	assert.Equal(t, "warranty.err.serial", l.MessageKey())
	assert.Equal(t, []any{"SN-1", 3}, l.MessageArgs())
	assert.Equal(t, "lines[2].serial", err.Field)

	m := carekernel.Msg("sla.timer.days_left", 5)
	assert.Equal(t, "sla.timer.days_left", m.MessageKey())
	assert.Equal(t, []any{5}, m.MessageArgs())
}

func TestErrorTextHasNoArgs(t *testing.T) {
	// Args may hold personal data; Error() is for developers and logs.
	err := carekernel.Invalid("contact.Receive", "email", "contact.err.email", "ivan.petrov@example.com")
	assert.Equal(t, "contact.Receive: invalid email (contact.err.email)", err.Error())
	assert.NotContains(t, err.Error(), "ivan.petrov")

	err = carekernel.Conflict("storage.Save", "storage.err.version", "secret").Wrap(errors.New("stale"))
	assert.Equal(t, "storage.Save: conflict (storage.err.version): stale", err.Error())
	assert.Equal(t, "error", (&carekernel.Error{}).Error())
}
