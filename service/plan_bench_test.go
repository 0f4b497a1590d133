package service_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
)

// BenchmarkPlan500Orders50Technicians plans one day: 500 orders of
// 30–90 minutes, each needing one of 5 skills, over 50 technicians with
// two skills each on a 9–17 calendar with a lunch break.
func BenchmarkPlan500Orders50Technicians(b *testing.B) {
	cal := workCal(b)
	skills := []string{"gas", "electric", "plumbing", "hvac", "appliance"}
	techs := make([]service.Technician, 50)
	for i := range techs {
		techs[i] = service.Technician{ID: fmt.Sprintf("t%02d", i), Skills: []string{skills[i%5], skills[(i+2)%5]}, Calendar: cal}
	}
	ids := carekernel.SequentialIDs(day0)
	jobs := make([]service.Job, 500)
	for i := range jobs {
		jobs[i] = service.Job{Order: ids.NewID(), Skills: []string{skills[i%5]}, Duration: time.Duration(30+30*(i%3)) * time.Minute,
			Due: day0.Add(time.Duration(10+i%8) * time.Hour), Priority: sla.PriorityNormal}
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := service.Plan(day0, day0.Add(24*time.Hour), jobs, techs)
		if err != nil || len(s.Visits) == 0 {
			b.Fatal(err)
		}
	}
}
