package golden

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of reporting
// them, so the harness's own failures can be asserted.
type recorder struct {
	testing.TB
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
}
func (r *recorder) Fatal(args ...any) {
	r.errors = append(r.errors, fmt.Sprint(args...))
	r.fatal = true
}

func inTestdata(t *testing.T, files map[string]string) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	for lang, text := range files {
		if err := os.WriteFile(Path(lang), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCompareEqualPasses(t *testing.T) {
	inTestdata(t, map[string]string{"en": "one\ntwo\n"})
	r := &recorder{TB: t}
	Compare(r, "en", []byte("one\ntwo\n"))
	if len(r.errors) != 0 {
		t.Fatalf("equal output reported: %v", r.errors)
	}
}

func TestCompareNamesTheFirstDifferentLine(t *testing.T) {
	inTestdata(t, map[string]string{"ru": "один\nдва\nтри\n"})
	for _, tc := range []struct{ got, line, want, gotLine string }{
		{"один\nДВА\nтри\n", "line 2", `"два\n"`, `"ДВА\n"`},
		{"один\nдва\n", "line 3", `"три\n"`, `""`},
		{"один\nдва\nтри", "line 3", `"три\n"`, `"три"`},
		{"один\nдва\nтри\nчетыре\n", "line 4", `""`, `"четыре\n"`},
	} {
		r := &recorder{TB: t}
		Compare(r, "ru", []byte(tc.got))
		if len(r.errors) != 1 {
			t.Fatalf("got %q: want one failure, have %v", tc.got, r.errors)
		}
		msg := r.errors[0]
		for _, want := range []string{Path("ru"), tc.line + ":", "want " + tc.want, "got  " + tc.gotLine} {
			if !strings.Contains(msg, want) {
				t.Errorf("got %q: the failure does not say %s:\n%s", tc.got, want, msg)
			}
		}
	}
}

func TestCompareMissingFileIsFatal(t *testing.T) {
	inTestdata(t, nil)
	r := &recorder{TB: t}
	Compare(r, "en", []byte("x\n"))
	if !r.fatal || !strings.Contains(r.errors[0], "-update") {
		t.Fatalf("a missing golden file must stop the test and say how to create it: %v", r.errors)
	}
}

func TestUpdateRewritesAndNeverFails(t *testing.T) {
	inTestdata(t, map[string]string{"en": "old\n"})
	*update = true
	t.Cleanup(func() { *update = false })
	r := &recorder{TB: t}
	Check(r, "en", []byte("new\n"))
	Check(r, "ru", []byte("новый\n"))
	if len(r.errors) != 0 {
		t.Fatalf("update reported: %v", r.errors)
	}
	for lang, want := range map[string]string{"en": "new\n", "ru": "новый\n"} {
		if b, err := os.ReadFile(Path(lang)); err != nil || string(b) != want {
			t.Errorf("%s: file holds %q, %v; want %q", lang, b, err, want)
		}
	}
}

func TestRunChecksBothLanguages(t *testing.T) {
	inTestdata(t, map[string]string{"en": "hello\n", "ru": "привет\n"})
	var ran []string
	Run(t, func(w io.Writer, lang string) error {
		ran = append(ran, lang)
		text, ok := map[string]string{"en": "hello", "ru": "привет"}[lang]
		if !ok {
			return fmt.Errorf("unsupported language %q", lang)
		}
		_, err := fmt.Fprintln(w, text)
		return err
	})
	if strings.Join(ran, ",") != "en,ru,de" {
		t.Fatalf("ran %v, want en, ru and an unsupported language", ran)
	}
}
