package pcf

// implSatisfaction maps PCF elements to the symbols of package satisfaction.
// Elements not listed here show as not implemented; never list a placeholder.
func implSatisfaction() []Impl {
	return nil
}
