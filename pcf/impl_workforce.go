package pcf

// implWorkforce maps PCF elements to the symbols of package contact/workforce.
// Elements not listed here show as not implemented; never list a placeholder.
func implWorkforce() []Impl {
	return nil
}
