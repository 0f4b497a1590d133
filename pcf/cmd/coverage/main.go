// Command coverage prints which PCF 6 elements carekernel implements,
// and with -readme regenerates the coverage table in README.md, so the
// table a reader sees is the one the code's pcf mapping produces.
//
//	go run ./pcf/cmd/coverage            # the table, English names
//	go run ./pcf/cmd/coverage -lang ru   # Russian names
//	go run ./pcf/cmd/coverage -readme    # rewrite README.md between <!-- pcf:begin --> and <!-- pcf:end -->
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/carekernel/carekernel/pcf"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "coverage:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fl.SetOutput(stderr)
	lang := fl.String("lang", "en", "language of names and statuses: en or ru")
	readme := fl.Bool("readme", false, "rewrite the coverage section of README.md at the module root")
	path := fl.String("file", "", "the README to rewrite (default: README.md at the module root)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *lang != "en" && *lang != "ru" {
		return fmt.Errorf("-lang %q: want en or ru", *lang)
	}
	if !*readme {
		_, err := io.WriteString(stdout, pcf.Markdown(*lang))
		return err
	}
	if *path == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		*path = filepath.Join(root, "README.md")
	}
	return rewrite(*path, stdout)
}

// minimal is written only when there is no README at all; the rest of
// the README belongs to its authors, who keep the two marker lines.
const minimal = "# carekernel\n\n## PCF coverage\n\n" + pcf.BeginMarker + "\n" + pcf.EndMarker + "\n"

func rewrite(path string, stdout io.Writer) error {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		old, err = []byte(minimal), nil
	}
	if err != nil {
		return err
	}
	updated, err := pcf.UpdateReadme(string(old))
	if err != nil {
		return fmt.Errorf("%s: %w; add the two marker lines where the table belongs", path, err)
	}
	if updated == string(old) {
		fmt.Fprintf(stdout, "%s: coverage table is up to date\n", path)
		return nil
	}
	if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: coverage table updated\n", path)
	return nil
}

// moduleRoot walks up from the working directory to the go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; run from inside the module")
		}
		dir = parent
	}
}
