// Package sitetest helps tests that need a site of their own: it copies
// the repository's example site to a temporary folder that a test may
// change freely.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
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
