package hugo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeadlessAndUndated: rOpenSci's headless bundles (no page, no files
// in Hugo's output) came across as pages with url "/blog/1/01/01//"; an
// undated page of a dated section keeps Hugo's URL, never with an empty
// segment.
func TestHeadlessAndUndated(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                        "title = 'T'\n[permalinks]\nblog = '/blog/:year/:month/:day/:slug/'\n",
		"content/blog/2020-01-01-a.md":     "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n",
		"content/blog/2020-01-02-b.md":     "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n",
		"content/blog/2021-hl/index.md":    "---\nheadless: true\n---\n",
		"content/blog/2021-hl/a.png":       "png",
		"content/blog/2021-hl/index.es.md": "---\ntitle: Es\n---\n",
		"content/blog/undated/index.md":    "---\nsummary: S\n---\nNo date, no title.\n",
	})
	dest, rep := migrateTo(t, src)
	b, err := os.ReadFile(filepath.Join(dest, "content/pages/blog/undated.md"))
	if want := "---\ntitle: undated\nurl: /blog/1/01/01/\nsummary: S\n---\nNo date, no title.\n"; err != nil || string(b) != want {
		t.Errorf("undated page: %v\n%s\nwant:\n%s", err, b, want)
	}
	filepath.WalkDir(dest, func(p string, e os.DirEntry, err error) error {
		if strings.Contains(p, "2021-hl") || strings.HasSuffix(p, "a.png") {
			t.Errorf("headless bundle written: %s", p)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dest, "content/pages/blog/2021-hl.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("headless page written: %v", err)
	}
	got := rep.Lines("Content files not migrated")
	if want := "content/blog/2021-hl/index.md: a headless bundle (headless: true): Hugo published neither its page nor its files; not migrated"; strings.Join(got, "\n") != want {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
