package pcf

// Impl names one exported Go symbol that implements a PCF element.
// Symbol is "<package path below the module>.<Name>" or
// "<package path>.<Type>.<Method>": "warranty.Service.Receive",
// "contact/workforce.ErlangC"; the root package is "carekernel.Money".
// A test fails when a named symbol does not exist in the module or the
// element is not in the catalog. After changing a mapping, run
// go run ./pcf/cmd/coverage -readme to regenerate the README table.
type Impl struct {
	Element string // hierarchy id, "6.3.2.1"
	Symbol  string
}

// impls gathers the mapping files, one per process package, so that each
// package's maintainers edit only their own file.
func impls() [][]Impl {
	return [][]Impl{
		implStrategy(), implSLA(), implWarranty(), implRecall(), implComplaint(),
		implContact(), implWorkforce(), implReturns(), implService(), implSatisfaction(),
	}
}
