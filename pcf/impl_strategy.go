package pcf

// implStrategy maps PCF elements to the symbols of package strategy.
// Elements not listed here show as not implemented; never list a placeholder.
func implStrategy() []Impl {
	return nil
}
