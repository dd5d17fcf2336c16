package jekyll

import (
	"os"
	"path/filepath"
	"testing"

	"folio/generator/migrate"
)

// migrateFiles writes files as a Jekyll (or Eleventy) site, migrates it
// and returns the new site's folder and the report.
func migrateFiles(t *testing.T, files map[string]string, eleventy bool) (string, *migrate.Report) {
	t.Helper()
	src := t.TempDir()
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	source, err := open(src, migrate.Options{}, eleventy)
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	sink, rep, err := migrate.NewWriter(src, dest, "Jekyll")
	if err != nil {
		t.Fatal(err)
	}
	if err := source.Walk(sink); err != nil {
		t.Fatal(err)
	}
	return dest, rep
}
