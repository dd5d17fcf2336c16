// Package sitetest helps tests that need a site of their own: it copies
// the repository's example site to a temporary folder that a test may
// change freely.
package sitetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Copy copies the sources of the site at root (config.yaml, content/,
// layouts/, static/) to a new temporary folder and returns it.
func Copy(t testing.TB, root string) string {
	t.Helper()
	dst := t.TempDir()
	for _, d := range []string{"content", "layouts", "static", "config.yaml"} {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			if e.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// Report prints a figure a test measured (pages checked, scores) to
// standard error and appends it to the file $FOLIO_REPORT names, when it
// does: go test shows a passing package's output only with -v, and CI
// prints that file after the tests.
func Report(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	fmt.Fprintln(os.Stderr, line)
	if name := os.Getenv("FOLIO_REPORT"); name != "" {
		f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return
		}
		defer f.Close()
		fmt.Fprintln(f, line)
	}
}

// Age sets the times of every file under root an hour back: a build
// records sources as up to date only when none changed in the last
// seconds (see build's fingerprint), and a copy made just now has.
func Age(t testing.TB, root string) {
	t.Helper()
	hourAgo := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, hourAgo, hourAgo)
	})
	if err != nil {
		t.Fatal(err)
	}
}
