package recall

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The columns of NHTSA's recall flat file (FLAT_RCL.txt, described in
// RCL.txt): tab-separated, no header, one row per campaign, make, model,
// year and component. Files since 2008 have 24 fields, later ones 27.
const (
	nhRecordID = iota
	nhCampNo
	nhMake
	nhModel
	nhYear
	nhMfgCampNo
	nhCompName
	nhMfgName
	nhBgMan
	nhEndMan
	nhRclType
	nhPotAff
	nhODate
	nhInfluencedBy
	nhMfgTxt
	nhRCDate
	nhDateA
	nhRPNo
	nhFMVSS
	nhDescDefect
	nhConsequence
	nhCorrective
	nhNotes
	nhRclCmptID
	nhMinFields // 24
)

var nhtsaNames = [...]string{"RECORD_ID", "CAMPNO", "MAKETXT", "MODELTXT", "YEARTXT", "MFGCAMPNO", "COMPNAME", "MFGNAME",
	"BGMAN", "ENDMAN", "RCLTYPECD", "POTAFF", "ODATE", "INFLUENCED_BY", "MFGTXT", "RCDATE", "DATEA", "RPNO", "FMVSS",
	"DESC_DEFECT", "CONEQUENCE_DEFECT", "CORRECTIVE_ACTION", "NOTES", "RCL_CMPT_ID"}

// MaxNHTSALine bounds one row, so a file without newlines cannot make
// the reader buffer it whole.
const MaxNHTSALine = 1 << 20

// ReadNHTSA streams NHTSA recall flat-file rows from r, line by line.
// Valid rows go to fn; malformed ones (too few fields, a missing
// campaign, a bad date or number) are listed in the report with their
// line and field. The error is for a broken stream or from fn.
func ReadNHTSA(r io.Reader, fn func(ImportedRecall) error) (ImportReport, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxNHTSALine)
	var rep ImportReport
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		rep.Records++
		x, bad := nhtsaRow(line, strings.Split(text, "\t"))
		if bad != nil {
			rep.Errors = append(rep.Errors, bad)
			continue
		}
		rep.Imported++
		if fn != nil {
			if err := fn(x); err != nil {
				return rep, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return rep, &ImportError{Line: line + 1, Field: "line", Key: "recall.import.err.line", Value: err.Error(), Source: RegimeNHTSA}
	}
	return rep, nil
}

// nhtsaName names column col (from 0): RCL.txt's name, or "FIELD n"
// past the documented ones.
func nhtsaName(col int) string {
	if col < len(nhtsaNames) {
		return nhtsaNames[col]
	}
	return "FIELD " + strconv.Itoa(col+1)
}

func nhtsaRow(line int, f []string) (ImportedRecall, *ImportError) {
	bad := func(col int, key string) *ImportError {
		v := ""
		if col < len(f) {
			v = f[col]
		}
		return &ImportError{Line: line, Field: nhtsaName(col), Key: key, Value: v, Source: RegimeNHTSA}
	}
	if len(f) < nhMinFields {
		return ImportedRecall{}, &ImportError{Line: line, Field: nhtsaName(len(f)), Key: "recall.import.err.fields", Value: strconv.Itoa(len(f)), Source: RegimeNHTSA}
	}
	for i := range f {
		// a record must survive JSON and the store as it was read
		if !utf8.ValidString(f[i]) {
			return ImportedRecall{}, bad(i, "recall.import.err.utf8")
		}
		f[i] = strings.TrimSpace(f[i])
	}
	if _, err := strconv.Atoi(f[nhRecordID]); err != nil {
		return ImportedRecall{}, bad(nhRecordID, "recall.import.err.number")
	}
	for _, col := range [...]int{nhCampNo, nhMake, nhModel, nhMfgName, nhDescDefect} {
		if f[col] == "" {
			return ImportedRecall{}, bad(col, "recall.import.err.missing")
		}
	}
	if y := f[nhYear]; len(y) != 4 || strings.Trim(y, "0123456789") != "" {
		return ImportedRecall{}, bad(nhYear, "recall.import.err.number")
	}
	switch f[nhRclType] {
	case "V", "E", "T", "C":
	default:
		return ImportedRecall{}, bad(nhRclType, "recall.import.err.value")
	}
	x := ImportedRecall{Regime: RegimeNHTSA, Line: line, Number: f[nhCampNo], Firm: f[nhMfgName],
		Product: f[nhMake] + " " + f[nhModel] + " " + f[nhYear], Reason: f[nhDescDefect], Hazard: f[nhConsequence],
		Remedy: f[nhCorrective], Component: f[nhCompName], Quantity: -1, QuantityText: f[nhPotAff], Voluntary: f[nhInfluencedBy]}
	for _, col := range [...]int{nhBgMan, nhEndMan, nhODate, nhRCDate, nhDateA} {
		t, ok := parseDate(f[col])
		if !ok {
			return ImportedRecall{}, bad(col, "recall.import.err.date")
		}
		switch col {
		case nhBgMan:
			x.Affected.ProducedFrom = t
		case nhEndMan:
			x.Affected.ProducedTo = t
		case nhRCDate:
			x.Initiated = t
		}
	}
	if x.Initiated.IsZero() {
		return ImportedRecall{}, bad(nhRCDate, "recall.import.err.missing")
	}
	if !x.Affected.ProducedFrom.IsZero() && !x.Affected.ProducedTo.IsZero() && x.Affected.ProducedTo.Before(x.Affected.ProducedFrom) {
		return ImportedRecall{}, bad(nhEndMan, "recall.import.err.value")
	}
	if f[nhPotAff] != "" {
		n, err := strconv.Atoi(f[nhPotAff])
		if err != nil || n < 0 {
			return ImportedRecall{}, bad(nhPotAff, "recall.import.err.number")
		}
		x.Quantity = n
	}
	x.Affected.Models = []string{f[nhMake] + "/" + f[nhModel] + "/" + f[nhYear]}
	return x, nil
}
