package jekyll

import (
	"testing"

	"folio/generator/migrate"
)

// TestNotFoundPage: the site's 404 page is not migrated (folio makes its
// own, at /404.html, which the old page would claim too).
func TestNotFoundPage(t *testing.T) {
	for _, c := range []struct {
		name     string
		eleventy bool
		files    map[string]string
		file     string
	}{
		{"jekyll", false, map[string]string{"_config.yml": "title: T\n", "404.md": "---\ntitle: Lost\npermalink: /404.html\n---\nNot here.\n"}, "404.md"},
		{"eleventy", true, map[string]string{".eleventy.js": "module.exports = {}\n", "errors/404.md": "---\ntitle: Lost\npermalink: 404.html\n---\nNot here.\n"}, "errors/404.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, rep := migrateFiles(t, c.files, c.eleventy)
			items := rep.Items()["Pages not migrated"]
			if len(items) != 1 || items[0].String() != c.file+": the not-found page: folio makes its own from layouts/404.html; move its text there" || rep.Counts[migrate.Pages] != 0 {
				t.Errorf("got %v, %d pages", items, rep.Counts[migrate.Pages])
			}
		})
	}
}
