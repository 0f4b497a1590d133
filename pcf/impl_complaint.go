package pcf

// implComplaint maps PCF elements to the symbols of package complaint.
// Elements not listed here show as not implemented; never list a placeholder.
func implComplaint() []Impl {
	return []Impl{
		{Element: "6.2.3", Symbol: "complaint.Service"},
		{Element: "6.2.3", Symbol: "complaint.Lifecycle"},
		{Element: "6.2.3.1", Symbol: "complaint.Service.Receive"},
		{Element: "6.2.3.1", Symbol: "complaint.Service.Acknowledge"},
		{Element: "6.2.3.1", Symbol: "complaint.Service.ImportCFPB"},
		{Element: "6.2.3.2", Symbol: "complaint.Rules.Route"},
		{Element: "6.2.3.2", Symbol: "complaint.Service.Reroute"},
		{Element: "6.2.3.2", Symbol: "complaint.Service.Assign"},
		{Element: "6.2.3.3", Symbol: "complaint.Service.Assess"},
		{Element: "6.2.3.3", Symbol: "complaint.Service.Investigate"},
		{Element: "6.2.3.3", Symbol: "complaint.Service.Propose"},
		{Element: "6.2.3.4", Symbol: "complaint.Service.Respond"},
		{Element: "6.2.3.4", Symbol: "complaint.Service.Appeal"},
		{Element: "6.2.3.4", Symbol: "complaint.Service.Close"},
		{Element: "6.2.3.5", Symbol: "complaint.Analyze"},
		{Element: "6.2.3.5", Symbol: "complaint.Service.Analyze"},
		{Element: "6.5.2", Symbol: "complaint.Service.Analyze"},
		{Element: "6.5.2.2", Symbol: "complaint.Analyze"},
		{Element: "6.5.2.3", Symbol: "complaint.Analyze"},
	}
}
