package recall_test

import (
	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/recall"
)

// The complaint process hands safety complaints to the recall service
// through its IncidentReporter port; this line breaks the build if the
// two drift apart.
var _ complaint.IncidentReporter = (*recall.Service)(nil)
