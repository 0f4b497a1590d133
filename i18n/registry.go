package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Msg is one message key with its English and Russian text, declared as
// Go data in the messages.go of the package that owns the key.
//
// Texts are fmt formats with explicit argument indexes ("%[1]s"). When
// Plural is n > 0, argument n is an integer count that selects the CLDR
// plural form and the texts list the forms separated by "|":
// English "one|other", Russian "one|few|many|other"
// ("%[1]d претензия|%[1]d претензии|%[1]d претензий|%[1]d претензии").
type Msg struct {
	Key    string
	Plural int
	EN, RU string
}

// The registry is the only package-level state: keys registered by each
// package's init, read-only afterwards. Catalogs are built from it.
var registry = struct {
	sync.RWMutex
	m map[string]Msg
}{m: map[string]Msg{}}

// Register adds messages to the registry. It panics on an empty or
// duplicate key, which is a programming error found at start-up.
func Register(msgs ...Msg) {
	registry.Lock()
	defer registry.Unlock()
	for _, m := range msgs {
		if m.Key == "" {
			panic("i18n: Register with an empty key")
		}
		if _, dup := registry.m[m.Key]; dup {
			panic("i18n: duplicate message key " + m.Key)
		}
		registry.m[m.Key] = m
	}
}

// Has reports whether key is registered.
func Has(key string) bool {
	registry.RLock()
	defer registry.RUnlock()
	_, ok := registry.m[key]
	return ok
}

// Missing returns the keys of the list that are not registered, in order.
// Packages use it in tests to prove every state and action has a label.
func Missing(keys ...string) []string {
	registry.RLock()
	defer registry.RUnlock()
	var out []string
	for _, k := range keys {
		if _, ok := registry.m[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// Keys returns every registered key, sorted.
func Keys() []string {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]string, 0, len(registry.m))
	for k := range registry.m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func snapshot() []Msg {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]Msg, 0, len(registry.m))
	for _, m := range registry.m {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// The plural categories each language uses, in the order Msg lists them.
var (
	formsEN = []string{"one", "other"}
	formsRU = []string{"one", "few", "many", "other"}
)

var (
	// A verb with its flags, width, precision and explicit index; x/text
	// wants the index right before the verb when there is a precision:
	// "%[1]d", "%.1[2]f".
	verbRE  = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?(\[\d+\])?[a-zA-Z%]`)
	indexRE = regexp.MustCompile(`\[(\d+)\]`)
)

// placeholders returns the sorted set of "%[n]v" verbs of a text, or an
// error when a verb lacks an explicit index.
func placeholders(text string) ([]string, error) {
	var out []string
	for _, v := range verbRE.FindAllString(text, -1) {
		if v == "%%" {
			continue
		}
		if !indexRE.MatchString(v) {
			return nil, fmt.Errorf("verb %q has no explicit argument index", v)
		}
		out = append(out, v)
	}
	sort.Strings(out)
	return slices.Compact(out), nil
}

// Check validates every registered message: both languages present, the
// plural forms complete, explicit indexes everywhere, and the same
// placeholders in English and Russian. It sees the packages linked into
// the program, so each package's tests call it (with i18n.Missing for
// their lifecycle labels) and a missing translation fails CI.
func Check() error {
	var errs []string
	for _, m := range snapshot() {
		if err := checkMsg(m); err != nil {
			errs = append(errs, m.Key+": "+err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("i18n: %d broken messages:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	return nil
}

func checkMsg(m Msg) error {
	if strings.TrimSpace(m.EN) == "" {
		return fmt.Errorf("no English text")
	}
	if strings.TrimSpace(m.RU) == "" {
		return fmt.Errorf("no Russian text")
	}
	en, ru := []string{m.EN}, []string{m.RU}
	if m.Plural > 0 {
		en, ru = strings.Split(m.EN, "|"), strings.Split(m.RU, "|")
		if len(en) != len(formsEN) {
			return fmt.Errorf("the English text needs %d plural forms (one|other), has %d", len(formsEN), len(en))
		}
		if len(ru) != len(formsRU) {
			return fmt.Errorf("the Russian text needs %d plural forms (one|few|many|other), has %d", len(formsRU), len(ru))
		}
	}
	union := func(texts []string) ([]string, error) {
		var all []string
		for _, t := range texts {
			if strings.TrimSpace(t) == "" {
				return nil, fmt.Errorf("empty plural form")
			}
			p, err := placeholders(t)
			if err != nil {
				return nil, err
			}
			all = append(all, p...)
		}
		sort.Strings(all)
		return slices.Compact(all), nil
	}
	pe, err := union(en)
	if err != nil {
		return fmt.Errorf("in English: %w", err)
	}
	pr, err := union(ru)
	if err != nil {
		return fmt.Errorf("in Russian: %w", err)
	}
	if !slices.Equal(pe, pr) {
		return fmt.Errorf("placeholders differ: English %v, Russian %v", pe, pr)
	}
	if m.Plural > 0 && !slices.ContainsFunc(pe, func(v string) bool { return strings.Contains(v, fmt.Sprintf("[%d]", m.Plural)) }) {
		return fmt.Errorf("plural argument %d is not in the text", m.Plural)
	}
	return nil
}
