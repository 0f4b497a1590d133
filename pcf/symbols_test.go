package pcf

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// moduleRoot is the directory of the go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above %s", dir)
		dir = parent
	}
}

// exportedSymbols parses every non-test Go file of the module (nested
// modules, testdata, hidden directories and commands excluded) and
// returns the names an Impl may use: "pkg.Func", "pkg.Type",
// "pkg.Type.Method", "pkg.Const", "pkg.Var", with pkg the directory below
// the module root ("contact/workforce") or "carekernel" for the root.
func exportedSymbols(t *testing.T, root string) map[string]bool {
	t.Helper()
	syms := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root {
				if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // a nested module (benchmarks/)
				}
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if f.Name.Name == "main" {
			return nil // commands and examples implement nothing a host imports
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(rel)
		if pkg == "." {
			pkg = "carekernel"
		}
		collect(f, pkg, syms)
		return nil
	})
	require.NoError(t, err)
	return syms
}

func collect(f *ast.File, pkg string, syms map[string]bool) {
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv == nil || len(d.Recv.List) == 0 {
				syms[pkg+"."+d.Name.Name] = true
				continue
			}
			if typ := receiverType(d.Recv.List[0].Type); typ != "" {
				syms[pkg+"."+typ+"."+d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					syms[pkg+"."+s.Name.Name] = true
					if it, ok := s.Type.(*ast.InterfaceType); ok {
						for _, m := range it.Methods.List {
							for _, n := range m.Names {
								if n.IsExported() {
									syms[pkg+"."+s.Name.Name+"."+n.Name] = true
								}
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							syms[pkg+"."+n.Name] = true
						}
					}
				}
			}
		}
	}
}

// receiverType is the type name of a receiver: T, *T, T[K], *T[K, V].
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func TestExportedSymbolsOfTheKernel(t *testing.T) {
	syms := exportedSymbols(t, moduleRoot(t))
	for _, s := range []string{
		"carekernel.Money", "carekernel.ParseMoney", "carekernel.Money.Allocate", "carekernel.ErrInvalid",
		"carekernel.ActorAgent", "carekernel.ManualClock.Advance", "carekernel.Localizable.MessageKey",
		"lifecycle.New", "lifecycle.Table.Next", "lifecycle.Builder.Allow", "lifecycle.TransitionError.Unwrap",
		"i18n.Localizer.Money", "i18n.English", "pcf.Lookup", "pcf.Implemented",
	} {
		assert.True(t, syms[s], "%s should be found", s)
	}
	for _, s := range []string{
		"carekernel.plainDecimal", "carekernel.Money.same", "lifecycle.Table.find", "lifecycle.Nope",
		"nopkg.Thing", "carekernel.Money.Nope", "pcf.exportedSymbols", "pcf/cmd/coverage.run",
	} {
		assert.False(t, syms[s], "%s should not be found", s)
	}
}

// TestImplSymbolsExist is the guard the PCF map relies on: every symbol
// named in an impl_*.go file exists in the module, and every element it
// names is in the catalog.
func TestImplSymbolsExist(t *testing.T) {
	syms := exportedSymbols(t, moduleRoot(t))
	for _, m := range catalog.unknown {
		t.Errorf("%s maps to element %q, which is not in the PCF 6 catalog", m.Symbol, m.Element)
	}
	seen := map[Impl]bool{}
	for _, list := range impls() {
		for _, m := range list {
			if seen[m] {
				t.Errorf("%s is mapped to %s twice", m.Symbol, m.Element)
			}
			seen[m] = true
			if !syms[m.Symbol] {
				t.Errorf("element %s names %q, which is not an exported symbol of the module "+
					`(write "<package path>.<Name>" or "<package path>.<Type>.<Method>", e.g. "contact/workforce.ErlangC")`, m.Element, m.Symbol)
			}
		}
	}
}
