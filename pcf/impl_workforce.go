package pcf

// implWorkforce maps PCF elements to the symbols of package contact/workforce.
// Elements not listed here show as not implemented; never list a placeholder.
func implWorkforce() []Impl {
	return []Impl{
		{Element: "6.2.1", Symbol: "contact/workforce.Plan"},
		{Element: "6.2.1.1", Symbol: "contact/workforce.Fit"},
		{Element: "6.2.1.1", Symbol: "contact/workforce.Forecast"},
		{Element: "6.2.1.1", Symbol: "contact/workforce.Holdout"},
		{Element: "6.2.1.1", Symbol: "contact/workforce.MAPE"},
		{Element: "6.2.1.1", Symbol: "contact/workforce.WAPE"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.Required"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.Plan"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.ErlangB"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.ErlangC"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.ErlangCMetrics"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.ErlangA"},
		{Element: "6.2.1.2", Symbol: "contact/workforce.Schedule"},
		{Element: "6.2.1.3", Symbol: "contact/workforce.Utilize"},
		{Element: "6.2.1.4", Symbol: "contact/workforce.NewScorecard"},
		{Element: "6.2.1.4", Symbol: "contact/workforce.Scorecard.Score"},
		{Element: "6.2.1.4", Symbol: "contact/workforce.Scorecard.Calibrate"},
		{Element: "6.2.1.4", Symbol: "contact/workforce.Scorecard.Trends"},
	}
}
