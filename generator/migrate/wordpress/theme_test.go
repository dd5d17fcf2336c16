package wordpress

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// TestMigrateThemeUnitTestData migrates WordPress's theme unit test data
// (every block, shortcode, edge-case title and page tree WordPress
// themes are checked against), builds it, and asks for the old address
// of every published post and page. Its approved comments are kept
// (-comments), and none of its commenters' e-mail addresses is written.
func TestMigrateThemeUnitTestData(t *testing.T) {
	src := filepath.Join("testdata", "wpi", "theme-unit-test-data.xml")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", ".."), Comments: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts[migrate.Articles] != 57 || rep.Counts[migrate.Pages] != 21 || rep.Counts[migrate.Comments] != 22 {
		t.Errorf("counts %v", rep.Counts)
	}
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatal(err)
	}
	// The old addresses, read from the export as a crawler of the old
	// site would have found them.
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x := newIndex()
	asked := 0
	err = Parse(f, "theme-unit-test-data.xml", Handler{
		Channel: func(c *Channel) error { x.base, _ = url.Parse(c.BaseBlogURL); return nil },
		Item: func(it *Item) error {
			if it.Type != "post" && it.Type != "page" || it.Status != "publish" || it.Password != "" {
				return nil
			}
			old, ok := x.oldPath(it.Link)
			if !ok {
				return nil
			}
			if d, err := parseWP(it.PostDate); err == nil && d.Year() > 2029 {
				return nil // dated ahead: published then
			}
			asked++
			if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(old), "index.html")); err != nil {
				t.Errorf("line %d: the old address %s of %s %s is not answered", it.Line, old, it.Type, it.ID)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if asked < 70 {
		t.Errorf("only %d old addresses asked", asked)
	}
	filepath.WalkDir(pub, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, bad := range []string{"<!-- wp:", "[caption", "[gallery", "@example.org", "@example.com", "@gmail.com"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s shows %s", p, bad)
			}
		}
		return nil
	})
}
