package satisfaction

import "github.com/carekernel/carekernel/i18n"

func newCatalog() *i18n.Catalog { return i18n.NewCatalog() }
