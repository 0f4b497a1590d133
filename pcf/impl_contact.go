package pcf

// implContact maps PCF elements to the symbols of package contact.
// Elements not listed here show as not implemented; never list a placeholder.
func implContact() []Impl {
	return []Impl{
		{Element: "6.2.2", Symbol: "contact.Service"},
		{Element: "6.2.2.1", Symbol: "contact.Service.Receive"},
		{Element: "6.2.2.1", Symbol: "contact.Contact.AddMessage"},
		{Element: "6.2.2.2", Symbol: "contact.Service.Analyze"},
		{Element: "6.2.2.2", Symbol: "contact.DefaultPriority"},
		{Element: "6.2.2.3", Symbol: "contact.Service.Resolve"},
		{Element: "6.2.2.3", Symbol: "contact.Service.Link"},
		{Element: "6.2.2.4", Symbol: "contact.Service.Respond"},
		{Element: "6.2.2.5", Symbol: "contact.Service.CaptureOpportunity"},
		{Element: "6.2.2.6", Symbol: "contact.Service.DeliverOpportunity"},
		{Element: "6.2.2.6", Symbol: "contact.SalesSink"},
		{Element: "6.2.2.6", Symbol: "contact.Service.OpportunityOutcome"},
	}
}
