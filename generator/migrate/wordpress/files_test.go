package wordpress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// TestMigrateSplitExport: the parts WordPress (or a splitting tool)
// writes of one large export, in a folder, are one migration; a post's
// featured image is found in another part.
func TestMigrateSplitExport(t *testing.T) {
	whole, err := os.ReadFile(filepath.Join("testdata", "site", "export.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(whole)
	first := strings.Index(s, "\t<item>")
	cut := strings.Index(s, "\t<item>\n\t\t<title><![CDATA[About]]>")
	end := strings.Index(s, "</channel>")
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "site.wordpress.2015-06-29.001.xml"), []byte(s[:cut]+s[end:]), 0o644)
	os.WriteFile(filepath.Join(src, "site.wordpress.2015-06-29.002.xml"), []byte(s[:first]+s[cut:]), 0o644)
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("not an export"), 0o644)
	os.WriteFile(filepath.Join(src, "sitemap.xml"), []byte("<urlset></urlset>"), 0o644)
	if !detect(src) {
		t.Fatal("the folder of exports is not detected")
	}
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts[migrate.Articles] != 4 || rep.Counts[migrate.Pages] != 2 || rep.Counts[migrate.Profiles] != 2 {
		t.Errorf("counts %v", rep.Counts)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "content/articles/2015/06/its-the-first.md"))
	if !strings.Contains(string(b), "\nimage: https://news.example.org/wp-content/uploads/2015/06/hall.jpg\nimage_alt: City hall lit up\n") {
		t.Errorf("the featured image in the other part is lost:\n%s", b)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	if !strings.Contains(string(md), "- site.wordpress.2015-06-29.001.xml:95: post 14 \"Secret\": private\n") {
		t.Errorf("MIGRATION.md does not name the part:\n%s", md)
	}
}

func TestExportsRefused(t *testing.T) {
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "feed.xml"), []byte("<rss><channel></channel></rss>"), 0o644)
	if _, err := exports(empty); err == nil || err.Error() != empty+" holds no WordPress export (an .xml file from Tools → Export)" {
		t.Errorf("folder: %v", err)
	}
	if detect(empty) {
		t.Error("a folder with an RSS feed is taken for an export")
	}
	feed := filepath.Join(empty, "feed.xml")
	if _, err := exports(feed); err == nil || err.Error() != feed+" is not a WordPress export (an .xml file from Tools → Export)" {
		t.Errorf("file: %v", err)
	}
}
