package jekyll

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingImageLeftOut: a post's image: that is a site path to no
// file of the Jekyll site is left out and reported (folio would stop the
// build at it); one that is there, or on another host, is kept.
func TestMissingImageLeftOut(t *testing.T) {
	dest, rep := migrateFiles(t, map[string]string{
		"_config.yml":            "title: T\n",
		"_posts/2020-01-02-a.md": "---\ntitle: A\nimage: /assets/gone.jpg\nimage_alt: Gone\n---\nA.\n",
		"_posts/2020-01-03-b.md": "---\ntitle: B\nimage: /assets/here.jpg\nimage_alt: Here\n---\nB.\n",
		"assets/here.jpg":        "jpg",
		"_posts/2020-01-04-c.md": "---\ntitle: C\nimage: https://example.org/c.jpg\nimage_alt: C\n---\nC.\n",
	}, false)
	for name, want := range map[string]bool{"a.md": false, "b.md": true, "c.md": true} {
		b, err := os.ReadFile(filepath.Join(dest, "content/articles/2020/01", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), "\nimage:"); got != want || !want && strings.Contains(string(b), "image_alt") {
			t.Errorf("%s keeps its image: %v, want %v\n%s", name, got, want, b)
		}
	}
	items := rep.Items()["Images not found (left out)"]
	if len(items) != 1 || items[0].String() != "_posts/2020-01-02-a.md:1: image: /assets/gone.jpg is no file of the site: left out" {
		t.Errorf("report %v", items)
	}
}
