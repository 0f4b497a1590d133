package pcf

// implSatisfaction maps PCF elements to the symbols of package satisfaction.
// Elements not listed here show as not implemented; never list a placeholder.
func implSatisfaction() []Impl {
	return []Impl{
		{"6.5.1", "satisfaction.Service"},
		{"6.5.1.1", "satisfaction.Service.HandleEvent"},
		{"6.5.1.1", "satisfaction.Service.Plan"},
		{"6.5.1.1", "satisfaction.Invitation.Answer"},
		{"6.5.1.2", "satisfaction.Opportunities"},
		{"6.5.1.2", "satisfaction.Breakdown"},
		{"6.5.1.2", "satisfaction.SLAEffect"},
		{"6.5.1.3", "satisfaction.Service.PublishInsight"},
		{"6.5.2", "satisfaction.Service"},
		{"6.5.2.1", "satisfaction.Service.HandleEvent"},
		{"6.5.2.1", "satisfaction.TopicComplaint"},
		{"6.5.2.2", "satisfaction.Opportunities"},
		{"6.5.3", "satisfaction.Service"},
		{"6.5.3.1", "satisfaction.TopicProduct"},
		{"6.5.3.1", "satisfaction.Service.Plan"},
		{"6.5.3.2", "satisfaction.TopicAdvertising"},
		{"6.5.3.3", "satisfaction.TopicCrossChannel"},
		{"6.5.3.4", "satisfaction.Opportunities"},
		{"6.5.3.4", "satisfaction.Themes"},
		{"6.5.3.4", "satisfaction.Tally.Score"},
		{"6.5.3.5", "satisfaction.Service.PublishInsight"},
		{"6.5.4.1", "satisfaction.Service.WarrantyHandling"},
	}
}
