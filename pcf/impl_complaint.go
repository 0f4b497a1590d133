package pcf

// implComplaint maps PCF elements to the symbols of package complaint.
// Elements not listed here show as not implemented; never list a placeholder.
func implComplaint() []Impl {
	return nil
}
