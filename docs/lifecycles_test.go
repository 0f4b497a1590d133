package docs

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carekernel/carekernel/complaint"
	"github.com/carekernel/carekernel/contact"
	"github.com/carekernel/carekernel/i18n"
	"github.com/carekernel/carekernel/recall"
	"github.com/carekernel/carekernel/returns"
	"github.com/carekernel/carekernel/satisfaction"
	"github.com/carekernel/carekernel/service"
	"github.com/carekernel/carekernel/sla"
	"github.com/carekernel/carekernel/strategy"
	"github.com/carekernel/carekernel/warranty"
)

var update = flag.Bool("update", false, "rewrite lifecycles.md")

// table is what every lifecycle.Table instantiation offers.
type table interface {
	Name() string
	Mermaid() string
	LabelKeys() []string
}

// tables lists every exported lifecycle table of the module, by the
// function that returns it; TestEveryTableIsListed keeps it complete.
func tables() map[string]table {
	return map[string]table{
		"sla.PolicyLifecycle":              sla.PolicyLifecycle(),
		"sla.TimerLifecycle":               sla.TimerLifecycle(),
		"strategy.VersionLifecycle":        strategy.VersionLifecycle(),
		"warranty.ClaimLifecycle":          warranty.ClaimLifecycle(),
		"warranty.RecoveryLifecycle":       warranty.RecoveryLifecycle(),
		"recall.RecallLifecycle":           recall.RecallLifecycle(),
		"recall.NoticeLifecycle":           recall.NoticeLifecycle(),
		"recall.ReportLifecycle":           recall.ReportLifecycle(),
		"recall.IncidentLifecycle":         recall.IncidentLifecycle(),
		"complaint.Lifecycle":              complaint.Lifecycle(),
		"contact.Lifecycle":                contact.Lifecycle(),
		"contact.OpportunityLifecycle":     contact.OpportunityLifecycle(),
		"returns.RMALifecycle":             returns.RMALifecycle(),
		"returns.LineLifecycle":            returns.LineLifecycle(),
		"service.OrderLifecycle":           service.OrderLifecycle(),
		"satisfaction.InvitationLifecycle": satisfaction.InvitationLifecycle(),
		"satisfaction.InsightLifecycle":    satisfaction.InsightLifecycle(),
	}
}

func render() []byte {
	ts := tables()
	names := make([]string, 0, len(ts))
	for n := range ts {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteString("# Lifecycles\n\n")
	b.WriteString("Every state machine of carekernel, rendered from its transition table by\n")
	b.WriteString("`go generate ./docs` (a test fails when this file is stale). State and action\n")
	b.WriteString("labels in English and Russian come from the i18n catalog.\n")
	cat := i18n.NewCatalog()
	en, ru := cat.Localizer("en"), cat.Localizer("ru")
	for _, n := range names {
		t := ts[n]
		fmt.Fprintf(&b, "\n## %s (`%s`)\n\n```mermaid\n%s```\n\n", n, t.Name(), t.Mermaid())
		b.WriteString("| key | English | Russian |\n|---|---|---|\n")
		for _, k := range t.LabelKeys() {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.TrimPrefix(k, t.Name()+"."), en.Label(k), ru.Label(k))
		}
	}
	return b.Bytes()
}

func TestLifecyclesDoc(t *testing.T) {
	got := render()
	if *update {
		if err := os.WriteFile("lifecycles.md", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("lifecycles.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("docs/lifecycles.md is stale: run go generate ./docs")
	}
}

// TestEveryTableIsListed parses the module for exported functions that
// return a *lifecycle.Table and fails when one is missing from tables().
func TestEveryTableIsListed(t *testing.T) {
	listed := tables()
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "examples" || d.Name() == "benchmarks" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || fn.Type.Results == nil || len(fn.Type.Results.List) != 1 {
				continue
			}
			star, ok := fn.Type.Results.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			idx, ok := star.X.(*ast.IndexListExpr)
			if !ok {
				continue
			}
			if sel, ok := idx.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Table" {
				name := f.Name.Name + "." + fn.Name.Name
				if _, ok := listed[name]; !ok {
					t.Errorf("%s (%s) returns a lifecycle table that docs/lifecycles_test.go does not list", name, path)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryMessageIsTranslated runs the catalog check over every
// package of the module (this test binary imports them all) and checks
// every state and action of every table has a label.
func TestEveryMessageIsTranslated(t *testing.T) {
	if err := i18n.Check(); err != nil {
		t.Fatal(err)
	}
	for name, tb := range tables() {
		if missing := i18n.Missing(tb.LabelKeys()...); len(missing) > 0 {
			t.Errorf("%s: labels without text: %v", name, missing)
		}
	}
}
