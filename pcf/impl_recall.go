package pcf

// implRecall maps PCF elements to the symbols of package recall.
// Elements not listed here show as not implemented; never list a placeholder.
func implRecall() []Impl {
	return []Impl{
		{Element: "6.1.7", Symbol: "recall.RecommendedStrategy"},
		{Element: "6.1.7", Symbol: "recall.Strategy.Validate"},
		{Element: "6.1.7", Symbol: "recall.Regimes"},
		{Element: "6.2.5", Symbol: "recall.Service.RaiseIncident"},
		{Element: "6.2.5", Symbol: "recall.Service.IncidentWrite"},
		{Element: "6.2.5", Symbol: "recall.Service.ReportIncident"},
		{Element: "6.2.5", Symbol: "recall.Service.OverdueIncidents"},
		{Element: "6.4", Symbol: "recall.NewService"},
		{Element: "6.4.1", Symbol: "recall.Service.Initiate"},
		{Element: "6.4.1", Symbol: "recall.Service.Amend"},
		{Element: "6.4.1", Symbol: "recall.Resolve"},
		{Element: "6.4.1", Symbol: "recall.RegisteredUnits"},
		{Element: "6.4.2", Symbol: "recall.Service.Assess"},
		{Element: "6.4.2", Symbol: "recall.RiskOf"},
		{Element: "6.4.3", Symbol: "recall.Service.Notify"},
		{Element: "6.4.3", Symbol: "recall.Service.SendReminders"},
		{Element: "6.4.4", Symbol: "recall.Service.Report"},
		{Element: "6.4.4", Symbol: "recall.Service.SubmitReport"},
		{Element: "6.4.5", Symbol: "recall.Service.Effectiveness"},
		{Element: "6.4.5", Symbol: "recall.PlanSample"},
		{Element: "6.4.5", Symbol: "recall.Service.RecordCheck"},
		{Element: "6.4.6", Symbol: "recall.Service.ProposeTermination"},
		{Element: "6.4.6", Symbol: "recall.Service.Terminate"},
		{Element: "6.5.5", Symbol: "recall.Service.Performance"},
		{Element: "6.5.5", Symbol: "recall.Compare"},
	}
}
