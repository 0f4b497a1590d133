package warranty_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/warranty"
)

func TestEveryLabelAndMessageIsTranslated(t *testing.T) {
	assert.Empty(t, i18n.Missing(warranty.ClaimLifecycle().LabelKeys()...))
	assert.Empty(t, i18n.Missing(warranty.RecoveryLifecycle().LabelKeys()...))
	assert.NoError(t, i18n.Check())
}
