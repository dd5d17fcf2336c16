package build_test

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
	"folio/generator/migrate/wordpress"
)

// TestMigratedWordPressSite migrates WordPress's theme unit test data, the
// export themes are tried on (every kind of post, block, shortcode, raw
// HTML, nested pages and comments, kept), builds it in folio's look, and runs
// the web checks on it: every link answers and every page is valid.
func TestMigratedWordPressSite(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("migrates and checks a whole site")
	}
	src := filepath.Join("..", "migrate", "wordpress", "testdata", "wpi", "theme-unit-test-data.xml")
	dest := filepath.Join(t.TempDir(), "site")
	rep, err := migrate.Run(src, dest, wordpress.Reader(), migrate.Options{Look: exampleSite, Comments: true})
	if err != nil {
		t.Fatal(err)
	}
	// 57 published posts, 21 pages (one password-protected left out),
	// 38 terms and authors with a profile, and the old URLs of terms,
	// authors, feeds and attachment pages.
	want := map[migrate.Kind]int{migrate.Articles: 57, migrate.Profiles: 38, migrate.Pages: 21, migrate.Redirects: 416, migrate.Comments: 22}
	if !maps.Equal(rep.Counts, want) {
		t.Errorf("counts %v, want %v", rep.Counts, want)
	}
	if got := rep.Items()["Posts and pages left out"]; len(got) != 1 {
		t.Errorf("left out: %v, want the one password-protected post", got)
	}
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatal(err)
	}
	t.Run("crawl", func(t *testing.T) { crawl(t, "WordPress's theme unit test data, migrated", pub) })
	t.Run("valid HTML", func(t *testing.T) {
		validateExcept(t, "WordPress's theme unit test data, migrated", pub, func(p string) bool {
			// The export's Greek page is Greek on an English site, as it
			// was in WordPress, which records no language per page.
			return strings.Contains(p, " greek/index.html:2: This document appears to be written in Greek")
		})
	})
}
