package pcf

// implReturns maps PCF elements to the symbols of package returns.
// Elements not listed here show as not implemented; never list a placeholder.
func implReturns() []Impl {
	return []Impl{
		{Element: "6.2.4", Symbol: "returns.Service"},
		{Element: "6.2.4.1", Symbol: "returns.Service.Authorize"},
		{Element: "6.2.4.1", Symbol: "returns.Service.Request"},
		{Element: "6.2.4.1", Symbol: "returns.DefaultPolicy"},
		{Element: "6.2.4.2", Symbol: "returns.Service.Receive"},
		{Element: "6.2.4.2", Symbol: "returns.Service.Dispose"},
		{Element: "6.2.4.2", Symbol: "returns.Service.Complete"},
		{Element: "6.2.4.2", Symbol: "returns.ReasonCatalog"},
		{Element: "6.2.4.2", Symbol: "returns.Analyze"},
	}
}
