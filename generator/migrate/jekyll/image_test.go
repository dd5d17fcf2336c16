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

// TestEleventyMissingImageAndFeed: an Eleventy post's image that no file
// of its input folder gives (18F's blog has two such GIFs) was kept, and
// folio refused to build the migrated site; it is now left out and
// reported, as for Jekyll. A template that makes a feed (permalink:
// /feed.xml) is not migrated as a page of Liquid text.
func TestEleventyMissingImageAndFeed(t *testing.T) {
	dest, rep := migrateFiles(t, map[string]string{
		"eleventy.config.js":         "module.exports = function () {};\n",
		"posts/2015-10-09-launch.md": "---\ntitle: Launch\ndate: 2015-10-09\nimage: /assets/blog/ship-launch.gif\n---\nA.\n",
		"posts/2015-10-10-here.md":   "---\ntitle: Here\ndate: 2015-10-10\nimage: /assets/blog/here.png\nimage_alt: A chart\n---\nB.\n",
		"assets/blog/here.png":       "png",
		"pages/feed/feed.md":         "---\npermalink: /feed.xml\n---\n{% assign selected_posts = collections.posts %}\n<feed></feed>\n",
		"pages/old.md":               "---\ntitle: Old\npermalink: /old.php\n---\nAn old page.\n",
	}, true)
	for name, want := range map[string]bool{"launch.md": false, "here.md": true} {
		b, err := os.ReadFile(filepath.Join(dest, "content/articles/2015/10", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), "\nimage:"); got != want {
			t.Errorf("%s keeps its image: %v, want %v\n%s", name, got, want, b)
		}
	}
	got := rep.Lines("Images not found (left out)", "Templates not migrated")
	want := []string{
		"posts/2015-10-09-launch.md:1: image: /assets/blog/ship-launch.gif is no file of the site: left out",
		"pages/feed/feed.md: makes /feed.xml, which is no page: folio writes its own feeds, sitemap and robots.txt",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	filepath.WalkDir(filepath.Join(dest, "content"), func(p string, e os.DirEntry, err error) error {
		if err == nil && strings.Contains(p, "feed") {
			t.Errorf("the feed's template came across: %s", p)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(dest, "content/pages/pages/old.md")); err != nil {
		t.Errorf("a page at an old .php address is left out: %v", err)
	}
}
