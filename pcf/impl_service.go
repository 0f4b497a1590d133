package pcf

// implService maps PCF elements to the symbols of package service.
// Elements not listed here show as not implemented; never list a placeholder.
func implService() []Impl {
	return nil
}
