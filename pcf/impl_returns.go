package pcf

// implReturns maps PCF elements to the symbols of package returns.
// Elements not listed here show as not implemented; never list a placeholder.
func implReturns() []Impl {
	return nil
}
