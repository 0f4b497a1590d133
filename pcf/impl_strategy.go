package pcf

// implStrategy maps PCF elements to the symbols of package strategy.
// Elements not listed here show as not implemented; never list a placeholder.
func implStrategy() []Impl {
	return []Impl{
		{Element: "6.1", Symbol: "strategy.Strategy"},
		{Element: "6.1", Symbol: "strategy.Service.Activate"},
		{Element: "6.1", Symbol: "strategy.Service.Effective"},
		{Element: "6.1.1", Symbol: "strategy.Strategy.Requirements"},
		{Element: "6.1.2", Symbol: "strategy.Standards"},
		{Element: "6.1.2", Symbol: "strategy.Standards.Check"},
		{Element: "6.1.3", Symbol: "strategy.Strategy.Offers"},
		{Element: "6.1.3", Symbol: "strategy.Strategy.Channels"},
		{Element: "6.1.4", Symbol: "strategy.Strategy.Document"},
		{Element: "6.1.4", Symbol: "strategy.Diff"},
		{Element: "6.1.5", Symbol: "strategy.Strategy.Segment"},
	}
}
