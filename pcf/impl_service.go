package pcf

// implService maps PCF elements to the symbols of package service.
// Elements not listed here show as not implemented; never list a placeholder.
func implService() []Impl {
	return []Impl{
		{Element: "6.3.4", Symbol: "service.Service"},
		{Element: "6.3.4.1", Symbol: "service.Service.ProcessRequest"},
		{Element: "6.3.4.1.1", Symbol: "service.Service.ProcessRequest"},
		{Element: "6.3.4.1.2", Symbol: "service.Service.Profile"},
		{Element: "6.3.4.1.3", Symbol: "service.Order"},
		{Element: "6.3.4.2", Symbol: "service.Service.ScheduleDay"},
		{Element: "6.3.4.2.1", Symbol: "service.Plan"},
		{Element: "6.3.4.2.2", Symbol: "service.Service.Book"},
		{Element: "6.3.4.3", Symbol: "service.Service.Complete"},
		{Element: "6.3.4.3.1", Symbol: "service.Service.DailySchedule"},
		{Element: "6.3.4.3.2", Symbol: "service.Service.UsePart"},
		{Element: "6.3.4.3.2", Symbol: "service.Service.Work"},
		{Element: "6.3.4.3.3", Symbol: "service.Service.Start"},
		{Element: "6.3.4.3.3", Symbol: "service.Service.LeaveIncomplete"},
		{Element: "6.3.4.4", Symbol: "service.Service.Quality"},
		{Element: "6.3.4.4.1", Symbol: "service.Assess"},
		{Element: "6.3.4.4.2", Symbol: "service.Assess"},
		{Element: "6.3.4.4.3", Symbol: "service.Service.SolicitFeedback"},
		{Element: "6.3.4.4.4", Symbol: "service.Service.RecordFeedback"},
	}
}
