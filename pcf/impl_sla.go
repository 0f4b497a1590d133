package pcf

// implSLA maps PCF elements to the symbols of package sla.
// Elements not listed here show as not implemented; never list a placeholder.
func implSLA() []Impl {
	return []Impl{
		{Element: "6.1.5", Symbol: "sla.Policy"},
		{Element: "6.1.5", Symbol: "sla.Service.Activate"},
		{Element: "6.1.5", Symbol: "sla.StartTimer"},
		{Element: "6.1.5", Symbol: "sla.Timer.Status"},
		{Element: "6.1.5", Symbol: "sla.Calendar.Add"},
	}
}
