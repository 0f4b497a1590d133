package pcf

// implWarranty maps PCF elements to the symbols of package warranty.
// Elements not listed here show as not implemented; never list a placeholder.
func implWarranty() []Impl {
	return nil
}
