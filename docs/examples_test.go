package docs

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// noExampleNeeded lists the library packages that need no runnable
// Example with Russian output, each with the reason. Everything else
// must show its main verbs in an Example whose output go test checks,
// and at least one of them in Russian.
var noExampleNeeded = map[string]string{
	// Generated documentation and the tests that keep it true; no API.
	"docs": "no API",
	// A test double that injects failures into a Store; its two messages
	// name the injected fault for test failures, never for a customer.
	"storage/faulty": "test double",
	// No message of its own (publisher errors come from the NATS client)
	// and every call needs a running NATS server, which a runnable
	// Example cannot assume; its tests run when CAREKERNEL_NATS_URL is set.
	"storage/relay/natsrelay": "needs a NATS server; no user-facing text",
}

// libraryPackages returns the module's library packages by directory
// relative to the module root ("." for the root package): every
// directory with non-test Go files, leaving out examples, commands,
// internal packages, testdata and nested modules (benchmarks).
func libraryPackages(t *testing.T, root string) []string {
	t.Helper()
	var pkgs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if rel != "." {
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" ||
				name == "examples" || name == "cmd" || name == "internal" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module
			}
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.go"))
		if slices.ContainsFunc(files, func(f string) bool { return !strings.HasSuffix(f, "_test.go") }) {
			pkgs = append(pkgs, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// examples parses the test files of a package directory and returns its
// runnable examples, as go test and pkg.go.dev see them.
func examples(t *testing.T, dir string) []*doc.Example {
	t.Helper()
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	var parsed []*ast.File
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, af)
	}
	return doc.Examples(parsed...)
}

func hasCyrillic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
}

// TestEveryPackageHasExamples fails when a library package has no
// Example with an "// Output:" comment (so go test runs and checks it),
// or none whose output shows Russian text.
func TestEveryPackageHasExamples(t *testing.T) {
	pkgs := libraryPackages(t, "..")
	if !slices.Contains(pkgs, ".") || !slices.Contains(pkgs, "warranty") || slices.Contains(pkgs, "examples/quickstart") {
		t.Fatalf("the package walk is wrong: %v", pkgs)
	}
	for _, pkg := range pkgs {
		if _, ok := noExampleNeeded[pkg]; ok {
			continue
		}
		var checked, russian []string
		for _, e := range examples(t, filepath.Join("..", pkg)) {
			if e.Output == "" && !e.EmptyOutput {
				continue // compile-only
			}
			checked = append(checked, "Example"+e.Name)
			if hasCyrillic(e.Output) {
				russian = append(russian, "Example"+e.Name)
			}
		}
		switch {
		case len(checked) == 0:
			t.Errorf("package %s has no Example with an // Output: comment", pkg)
		case len(russian) == 0:
			t.Errorf("package %s: none of its examples (%s) prints Russian text", pkg, strings.Join(checked, ", "))
		}
	}
}

// TestExemptionsAreCurrent keeps noExampleNeeded honest: an entry for a
// package that no longer exists, or that now has a Russian example, is
// stale and must go.
func TestExemptionsAreCurrent(t *testing.T) {
	pkgs := libraryPackages(t, "..")
	for pkg := range noExampleNeeded {
		if !slices.Contains(pkgs, pkg) {
			t.Errorf("noExampleNeeded lists %s, which is not a library package", pkg)
			continue
		}
		for _, e := range examples(t, filepath.Join("..", pkg)) {
			if hasCyrillic(e.Output) {
				t.Errorf("noExampleNeeded lists %s, but Example%s prints Russian: drop the exemption", pkg, e.Name)
			}
		}
	}
}
