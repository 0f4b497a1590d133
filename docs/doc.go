// Package docs holds the generated documentation of carekernel and the
// tests that keep it true: docs/lifecycles.md is rendered from the
// lifecycle tables themselves, and the module-wide translation check
// runs here because this package's test imports every process package.
//
// Regenerate with:
//
//	go generate ./docs
package docs

//go:generate go test -run TestLifecyclesDoc -update
