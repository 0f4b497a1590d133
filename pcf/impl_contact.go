package pcf

// implContact maps PCF elements to the symbols of package contact.
// Elements not listed here show as not implemented; never list a placeholder.
func implContact() []Impl {
	return nil
}
