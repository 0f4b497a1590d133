package complaint

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/carekernel/carekernel"
	"github.com/carekernel/carekernel/storage"
	"github.com/carekernel/carekernel/strategy"
)

// The columns of the CFPB consumer complaint database CSV, as published.
const (
	ColDateReceived     = "Date received"
	ColProduct          = "Product"
	ColSubProduct       = "Sub-product"
	ColIssue            = "Issue"
	ColSubIssue         = "Sub-issue"
	ColNarrative        = "Consumer complaint narrative"
	ColPublicResponse   = "Company public response"
	ColCompany          = "Company"
	ColState            = "State"
	ColZIP              = "ZIP code"
	ColTags             = "Tags"
	ColConsent          = "Consumer consent provided?"
	ColSubmittedVia     = "Submitted via"
	ColDateSent         = "Date sent to company"
	ColCompanyResponse  = "Company response to consumer"
	ColTimely           = "Timely response?"
	ColDisputed         = "Consumer disputed?"
	ColComplaintID      = "Complaint ID"
	cfpbSource          = "cfpb"
	defaultMaxProblems  = 1000
	cancelCheckInterval = 1024
	importBatch         = 64 // rows handed from the reader to the saver at once
)

// CFPBColumns lists the published columns in their published order.
func CFPBColumns() []string {
	return []string{ColDateReceived, ColProduct, ColSubProduct, ColIssue, ColSubIssue, ColNarrative, ColPublicResponse,
		ColCompany, ColState, ColZIP, ColTags, ColConsent, ColSubmittedVia, ColDateSent, ColCompanyResponse,
		ColTimely, ColDisputed, ColComplaintID}
}

var requiredCFPB = []string{ColDateReceived, ColProduct, ColSubmittedVia, ColComplaintID}

// extraCFPB are the columns kept verbatim on the complaint's External.
var extraCFPB = []string{ColSubProduct, ColIssue, ColSubIssue, ColPublicResponse, ColCompany, ColState, ColZIP, ColTags, ColConsent, ColCompanyResponse}

// DefaultCFPBChannels maps "Submitted via" to strategy channels. The CFPB
// has channels the strategy does not (postal mail, fax, referral by
// another agency); they map to the nearest written channel. Hosts that
// track them apart pass their own map.
func DefaultCFPBChannels() map[string]strategy.Channel {
	return map[string]strategy.Channel{
		"Web": strategy.ChannelWebForm, "Web Referral": strategy.ChannelWebForm, "Referral": strategy.ChannelWebForm,
		"Phone": strategy.ChannelPhone, "Email": strategy.ChannelEmail, "Postal mail": strategy.ChannelEmail, "Fax": strategy.ChannelEmail,
	}
}

// CFPBCategory is the default category of a CFPB row: the product as a
// lower-case slug ("Credit card" → "credit_card").
func CFPBCategory(product, _, _ string) Category { return Category(slug(product)) }

// CFPBCategories lists the slugs of the products the CFPB publishes, to
// add to the service's category catalog.
func CFPBCategories() []Category {
	products := []string{"Credit reporting, credit repair services, or other personal consumer reports", "Credit reporting or other personal consumer reports",
		"Debt collection", "Mortgage", "Credit card", "Credit card or prepaid card", "Checking or savings account", "Bank account or service",
		"Student loan", "Vehicle loan or lease", "Consumer Loan", "Money transfer, virtual currency, or money service", "Money transfers",
		"Payday loan, title loan, or personal loan", "Payday loan, title loan, personal loan, or advance loan", "Payday loan", "Prepaid card",
		"Debt or credit management", "Credit reporting", "Virtual currency", "Other financial service"}
	out := make([]Category, len(products))
	for i, p := range products {
		out[i] = Category(slug(p))
	}
	return out
}

func slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	under := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
			under = false
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
			under = false
		case b.Len() > 0 && !under:
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// CFPBOptions tune ImportCFPB; nil fields take the defaults.
type CFPBOptions struct {
	Category    func(product, subProduct, issue string) Category // nil: CFPBCategory
	Channels    map[string]strategy.Channel                      // nil: DefaultCFPBChannels
	Severity    Severity                                         // "": medium
	By          carekernel.Actor                                 // zero: carekernel.System()
	MaxProblems int                                              // problems kept in the report (all are counted); 0: 1000
}

// ImportProblem is a row that was not imported, with where and why.
type ImportProblem struct {
	Line   int    // line in the file (1 is the header)
	Column string // the column concerned; "" for a malformed row
	Err    error
}

// MessageKey implements carekernel.Localizable.
func (p ImportProblem) MessageKey() string {
	var ce *carekernel.Error
	if p.Column == "" && errors.As(p.Err, &ce) {
		return ce.Key
	}
	return "complaint.import.err.value"
}

// MessageArgs implements carekernel.Localizable.
func (p ImportProblem) MessageArgs() []any {
	var ce *carekernel.Error
	if p.Column == "" && errors.As(p.Err, &ce) {
		return ce.Args
	}
	var loc carekernel.Localizable
	if errors.As(p.Err, &loc) {
		return []any{p.Line, p.Column, loc}
	}
	return []any{p.Line, p.Column, carekernel.Msg("kernel.err.internal")}
}

func (p ImportProblem) Error() string {
	return "line " + itoa(p.Line) + " " + p.Column + ": " + p.Err.Error()
}

// Unwrap exposes the cause.
func (p ImportProblem) Unwrap() error { return p.Err }

// ImportReport says what an import did: every row is either imported or
// reported, never dropped silently.
type ImportReport struct {
	Rows     int // data rows imported or reported
	Imported int
	Reported int             // rows not imported
	Problems []ImportProblem // the first MaxProblems of them
}

// Summary renders the counts as a localizable line.
func (r *ImportReport) Summary() carekernel.Message {
	return carekernel.Msg("complaint.import.summary", r.Rows, r.Imported, r.Reported)
}

// ImportCFPB streams a CFPB consumer complaint CSV into complaints, row
// by row (a large file never sits in memory). A missing required column
// fails the whole import before any row is written; a malformed row or
// value is reported with its line and column and the import goes on,
// and nothing is written for it. The good rows are saved in batches of
// 64, each in one Store.SaveAll (all or nothing); a batch the store
// refuses is saved row by row, so a refusal (a duplicate, an index value
// too long) is reported on its row. A store failure (an error matching
// no kind) ends the import with that error: the rows of the batch being
// saved that were not yet written are neither imported nor counted.
// Imported complaints carry the CFPB fields on External, are
// acknowledged on "Date sent to company" when given, and keep the
// company's response there (the CFPB publishes no dates for it, so the
// lifecycle is not replayed).
func (s *Service) ImportCFPB(ctx context.Context, t carekernel.Tenant, r io.Reader, opts *CFPBOptions) (*ImportReport, error) {
	const op = "complaint.Service.ImportCFPB"
	o := CFPBOptions{}
	if opts != nil {
		o = *opts
	}
	if o.Category == nil {
		o.Category = CFPBCategory
	}
	if o.Channels == nil {
		o.Channels = DefaultCFPBChannels()
	}
	if o.Severity == "" {
		o.Severity = SeverityMedium
	}
	if o.By == (carekernel.Actor{}) {
		o.By = carekernel.System()
	}
	if o.MaxProblems <= 0 {
		o.MaxProblems = defaultMaxProblems
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if _, err := ParseSeverity(string(o.Severity)); err != nil {
		return nil, err // a bad option would fail every row: refuse it once
	}
	for via, ch := range o.Channels {
		if _, err := strategy.ParseChannel(string(ch)); err != nil {
			return nil, carekernel.Invalid(op, "channels."+via, "complaint.err.channel_unknown", string(ch)).Wrap(err)
		}
	}
	if err := o.By.Validate(); err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, carekernel.Invalid(op, "header", "complaint.import.err.column_missing", ColComplaintID)
		}
		return nil, csvProblem(op, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, name := range requiredCFPB {
		if _, ok := col[name]; !ok {
			return nil, carekernel.Invalid(op, "header", "complaint.import.err.column_missing", name)
		}
	}
	idx := func(name string) int {
		if i, ok := col[name]; ok {
			return i
		}
		return -1
	}
	m := cfpbMap{date: idx(ColDateReceived), product: idx(ColProduct), subProduct: idx(ColSubProduct), issue: idx(ColIssue),
		narrative: idx(ColNarrative), via: idx(ColSubmittedVia), sent: idx(ColDateSent), timely: idx(ColTimely),
		disputed: idx(ColDisputed), id: idx(ColComplaintID), width: len(header), names: make([]string, len(header))}
	for i, h := range header {
		m.names[i] = strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")
		if m.names[i] == "" {
			m.names[i] = "#" + itoa(i+1) // an unnamed column, by position
		}
	}
	for _, name := range extraCFPB {
		m.extra = append(m.extra, extraCol{name, idx(name)})
	}
	// Two stages overlap: this goroutine saves while a reader goroutine
	// parses, validates and encodes the next rows, handed over in
	// batches. Rows stay in file order.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []importRow, 8)
	// Bodies of saved rows go back to the reader: a store keeps nothing
	// the caller later changes, and the encoding buffers were a quarter
	// of what an import allocated.
	free := make(chan []byte, 4*importBatch)
	go s.readCFPB(ctx, t, cr, &m, &o, batches, free)
	rep := &ImportReport{}
	var writes []storage.Write
	for batch := range batches {
		end := len(batch)
		for i := range batch {
			if batch[i].err != nil {
				end = i
				break
			}
		}
		rows := batch[:end]
		failed := s.saveRows(ctx, rows, &writes)
		for i := range rows {
			row := &rows[i]
			if !row.done {
				break // after a store failure: neither written nor reported
			}
			rep.Rows++
			if row.problem != nil {
				rep.Reported++
				if len(rep.Problems) < o.MaxProblems {
					rep.Problems = append(rep.Problems, *row.problem)
				}
				continue
			}
			rep.Imported++
		}
		if failed != nil {
			return rep, failed // storage failure: stop, do not pretend
		}
		for i := range rows {
			if b := rows[i].doc.Body; b != nil {
				select {
				case free <- b[:0]:
				default:
				}
			}
		}
		if end < len(batch) {
			return rep, batch[end].err // the reader or the context failed, not the data
		}
	}
	return rep, ctx.Err()
}

// saveRows writes the good rows of a batch in one SaveAll, all or
// nothing, and marks the rows done. When the store refuses it (a kind
// error: a conflict that outlived the retries, an invalid document),
// each row is saved alone so the refusal lands on the row that caused
// it, as a problem. An error without a kind (the store is down) is
// returned: rows not yet done then are not written.
func (s *Service) saveRows(ctx context.Context, rows []importRow, writes *[]storage.Write) error {
	w := (*writes)[:0]
	var err error
	for i := range rows {
		if rows[i].problem != nil {
			rows[i].done = true // reported as read
			continue
		}
		var one storage.Write
		if one, err = s.col.Write(rows[i].doc, 0, rows[i].events); err != nil {
			break // the row-by-row saves below report it
		}
		w = append(w, one)
	}
	*writes = w
	if err == nil {
		if len(w) == 0 {
			return nil
		}
		err = storage.Retry(ctx, s.attempts, func() error {
			_, err := s.col.Store().SaveAll(ctx, w)
			return err
		})
		if err == nil {
			for i := range rows {
				rows[i].done = true
			}
			return nil
		}
		if carekernel.KindOf(err) == nil {
			return err
		}
	}
	for i := range rows {
		row := &rows[i]
		if row.problem != nil {
			continue
		}
		err := storage.Retry(ctx, s.attempts, func() error {
			_, err := s.col.Save(ctx, row.doc, 0, row.events)
			return err
		})
		if carekernel.KindOf(err) == nil && err != nil {
			return err
		}
		if err != nil {
			row.problem = &ImportProblem{Line: row.line, Column: ColComplaintID, Err: err}
		}
		row.done = true
	}
	return nil
}

// importRow is one parsed row on its way to the store: a document and
// its events, a problem, or a failure that ends the import.
type importRow struct {
	line    int
	doc     storage.Document
	events  []carekernel.Event
	problem *ImportProblem
	err     error
	done    bool // imported or reported (set by the saver)
}

// readCFPB parses rows and sends them in batches, in order, until the
// file ends, the reader fails or ctx is done; it closes out.
func (s *Service) readCFPB(ctx context.Context, t carekernel.Tenant, cr *csv.Reader, m *cfpbMap, o *CFPBOptions, out chan<- []importRow, free <-chan []byte) {
	const op = "complaint.Service.ImportCFPB"
	defer close(out)
	batch := make([]importRow, 0, importBatch)
	// add queues r and sends a full batch; false: stop reading.
	add := func(r importRow) bool {
		batch = append(batch, r)
		if len(batch) < importBatch && r.err == nil {
			return true
		}
		select {
		case out <- batch:
			batch = make([]importRow, 0, importBatch)
			return r.err == nil
		case <-ctx.Done():
			return false
		}
	}
	defer func() {
		if len(batch) > 0 {
			select {
			case out <- batch:
			case <-ctx.Done():
			}
		}
	}()
	for n := 0; ; n++ {
		if n%cancelCheckInterval == 0 && ctx.Err() != nil {
			add(importRow{err: ctx.Err()})
			return
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				add(importRow{err: err})
				return
			}
			if !add(importRow{line: pe.Line, problem: &ImportProblem{Line: pe.Line, Err: csvProblem(op, err)}}) {
				return
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		row := importRow{line: line}
		if len(rec) != m.width {
			row.problem = &ImportProblem{Line: line, Err: carekernel.Invalid(op, "row", "complaint.import.err.field_count", line, len(rec), m.width)}
		} else if in, column, err := m.input(rec, o); err != nil {
			row.problem = &ImportProblem{Line: line, Column: column, Err: err}
		} else if row.doc, row.events, err = s.buildRow(ctx, t, in, o.By, reuse(free)); err != nil {
			if carekernel.KindOf(err) == nil {
				add(importRow{err: err})
				return
			}
			row.problem = &ImportProblem{Line: line, Column: columnOf(err), Err: err}
		}
		if !add(row) {
			return
		}
	}
}

// columnOf names the CSV column behind a validation error's field.
func columnOf(err error) string {
	var ce *carekernel.Error
	if errors.As(err, &ce) {
		switch ce.Field {
		case "channel":
			return ColSubmittedVia
		case "text":
			return ColNarrative
		case "customer.id":
			return ColComplaintID
		}
	}
	return ColProduct
}

func csvProblem(op string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(err, csv.ErrFieldCount) {
			return carekernel.Invalid(op, "row", "complaint.import.err.field_count", pe.Line, 0, 0).Wrap(err)
		}
		return carekernel.Invalid(op, "row", "complaint.import.err.csv", pe.Line, pe.Column).Wrap(err)
	}
	return err
}

type extraCol struct {
	name string
	i    int
}

type cfpbMap struct {
	date, product, subProduct, issue, narrative, via, sent, timely, disputed, id, width int
	extra                                                                               []extraCol
	names                                                                               []string // the header, by index
}

func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// input turns one row into a ReceiveInput, or names the bad column.
func (m *cfpbMap) input(rec []string, o *CFPBOptions) (ReceiveInput, string, error) {
	const op = "complaint.Service.ImportCFPB"
	for i, v := range rec {
		if !utf8.ValidString(v) { // would be stored as U+FFFD: report, do not alter
			return ReceiveInput{}, m.names[i], carekernel.Invalid(op, "text", "complaint.import.err.utf8")
		}
	}
	id := field(rec, m.id)
	if id == "" {
		return ReceiveInput{}, ColComplaintID, carekernel.Invalid(op, "id", "complaint.import.err.required")
	}
	received, err := cfpbDate(field(rec, m.date))
	if err != nil {
		return ReceiveInput{}, ColDateReceived, err
	}
	var sent time.Time
	if v := field(rec, m.sent); v != "" {
		if sent, err = cfpbDate(v); err != nil {
			return ReceiveInput{}, ColDateSent, err
		}
	}
	product := field(rec, m.product)
	if product == "" {
		return ReceiveInput{}, ColProduct, carekernel.Invalid(op, "product", "complaint.import.err.required")
	}
	via := field(rec, m.via)
	ch, ok := o.Channels[via]
	if !ok {
		return ReceiveInput{}, ColSubmittedVia, carekernel.Invalid(op, "channel", "complaint.import.err.unmapped_channel", via)
	}
	ext := &External{Source: cfpbSource, ID: id, Sent: sent, Timely: field(rec, m.timely), Disputed: field(rec, m.disputed),
		Fields: make([]Field, 0, len(m.extra))}
	for _, x := range m.extra {
		if v := field(rec, x.i); v != "" {
			ext.Fields = append(ext.Fields, Field{x.name, v})
		}
	}
	subProduct, issue := field(rec, m.subProduct), field(rec, m.issue)
	return ReceiveInput{
		Customer: strategy.Customer{ID: cfpbSource + ":" + id, Region: ext.Field(ColState), Language: "en"},
		Channel:  ch,
		Category: o.Category(product, subProduct, issue),
		Severity: o.Severity,
		Product:  Product{Line: product, Model: subProduct},
		Text:     field(rec, m.narrative),
		Language: "en",
		External: ext,
		Received: received,
	}, "", nil
}

// cfpbDate reads the dates the CFPB has published: ISO ("2023-01-15"),
// US ("01/15/2023", "01/15/23").
func cfpbDate(s string) (time.Time, error) {
	if t, ok := isoDate(s); ok {
		return t, nil
	}
	for _, layout := range [...]string{"2006-01-02", "01/02/2006", "01/02/06", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, carekernel.Invalid("complaint.Service.ImportCFPB", "date", "complaint.import.err.date", s)
}

// isoDate reads "YYYY-MM-DD" without a layout, the common case; ok is
// false for anything else, including impossible days ("2023-02-30").
func isoDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	n := 0
	var v [8]int
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		v[n] = int(c - '0')
		n++
	}
	y, m, d := v[0]*1000+v[1]*100+v[2]*10+v[3], v[4]*10+v[5], v[6]*10+v[7]
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// reuse takes a saved row's body buffer, or nil for a new one.
func reuse(free <-chan []byte) []byte {
	select {
	case b := <-free:
		return b
	default:
		return nil
	}
}

// buildRow receives one row and, when it was sent to the company,
// acknowledges it then; it returns the document and events to save.
func (s *Service) buildRow(ctx context.Context, t carekernel.Tenant, in ReceiveInput, by carekernel.Actor, buf []byte) (storage.Document, []carekernel.Event, error) {
	c, err := s.receive(ctx, t, in, by, true)
	if err != nil {
		return storage.Document{}, nil, err
	}
	if sent := in.External.Sent; !sent.IsZero() && !sent.Before(in.Received) {
		if err := c.Acknowledge(by, sent); err != nil {
			return storage.Document{}, nil, err
		}
	}
	// One "imported" event stands for the received, routed and
	// acknowledged ones: the history is the source system's, and a bulk
	// load should not flood the journal threefold.
	p := importedPayload{Source: in.External.Source, ID: in.External.ID, State: c.d.State, Route: c.d.Route}
	e := carekernel.Event{Tenant: t, Type: Kind + ".imported", AggregateKind: Kind, AggregateID: c.d.ID, Version: 1,
		At: s.clock.Now().UTC(), Actor: by, PCF: pcfReceive, Payload: appendImported(make([]byte, 0, 160), &p)}
	doc, err := c.documentInto(buf)
	return doc, []carekernel.Event{e}, err
}

// importedPayload is the payload of "complaint.complaint.imported".
type importedPayload struct {
	Source string `json:"source"`
	ID     string `json:"id"`
	State  State  `json:"state"`
	Route  *Route `json:"route,omitempty"`
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
