package build_test

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/sitetest"
)

// TestNewsSitemap: /sitemap-news.xml lists the articles of the last two
// days, newest first, with the publication's name and language, each
// article's date and title, in Google's news namespace, and robots.txt
// names it; once they are older, the next build is not "up to date" and
// the file and its robots.txt line are gone (an empty news sitemap would
// not be a valid one).
func TestNewsSitemap(t *testing.T) {
	root := copySite(t)
	now := time.Now().UTC().Truncate(time.Second)
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	write(t, root, "content/articles/2030/01/fresh.md", "---\ntitle: Fresh & new\ndate: "+at(-time.Hour)+"\n---\nText.\n")
	write(t, root, "content/articles/2030/01/older.md", "---\ntitle: Older\ndate: "+at(-30*time.Hour)+"\nlanguage: pt-BR\n---\nText.\n")
	write(t, root, "content/articles/2030/01/stale.md", "---\ntitle: Stale\ndate: "+at(-50*time.Hour)+"\n---\nText.\n")
	sitetest.Age(t, root)
	dest := filepath.Join(t.TempDir(), "public")
	built := func(when time.Time) *build.Result {
		t.Helper()
		res, err := build.Run(build.Options{Source: root, Dest: dest, Now: when})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	built(now)
	var news struct {
		XMLName xml.Name
		URLs    []struct {
			Loc  string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			News struct {
				Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
				Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
				Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
				Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	raw := readOut(t, dest, "sitemap-news.xml")
	if err := xml.Unmarshal([]byte(raw), &news); err != nil {
		t.Fatal(err)
	}
	if news.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || news.XMLName.Local != "urlset" || len(news.URLs) != 2 {
		t.Fatalf("news sitemap:\n%s", raw)
	}
	first, second := news.URLs[0], news.URLs[1]
	if first.Loc != "https://archive.example.org/articles/fresh/" || first.News.Name != "The Dispatch Archive" || first.News.Language != "en" ||
		first.News.Title != "Fresh & new" || first.News.Date != now.Add(-time.Hour).Format(time.RFC3339) {
		t.Errorf("first entry %+v", first)
	}
	if second.Loc != "https://archive.example.org/articles/older/" || second.News.Language != "pt" {
		t.Errorf("second entry %+v", second)
	}
	// The publication comes before its date and the title, as the schema
	// orders them.
	if i, j, k := strings.Index(raw, "<news:publication>"), strings.Index(raw, "<news:publication_date>"), strings.Index(raw, "<news:title>"); !(i < j && j < k) {
		t.Errorf("elements out of order:\n%s", raw)
	}
	robots := readOut(t, dest, "robots.txt")
	if !strings.Contains(robots, "Sitemap: https://archive.example.org/sitemap-news.xml\n") {
		t.Errorf("robots.txt does not name the news sitemap:\n%s", robots)
	}
	if res := built(now.Add(time.Hour)); !res.UpToDate {
		t.Error("nothing came due, yet the site was built again")
	}
	// The older article's two days end: built again, with one entry.
	if res := built(now.Add(20 * time.Hour)); res.UpToDate || strings.Contains(readOut(t, dest, "sitemap-news.xml"), "older") {
		t.Errorf("after the older article's window: up to date %v", res.UpToDate)
	}
	if res := built(now.Add(72 * time.Hour)); res.UpToDate {
		t.Error("the last article left the window, yet the site was not built again")
	}
	if _, err := os.Stat(filepath.Join(dest, "sitemap-news.xml")); !os.IsNotExist(err) {
		t.Errorf("an empty news sitemap is still there: %v", err)
	}
	if robots := readOut(t, dest, "robots.txt"); strings.Contains(robots, "news") {
		t.Errorf("robots.txt still names the news sitemap:\n%s", robots)
	}
}

// TestSitemapsValidAgainstTheirSchemas: the news sitemap and the sitemap
// of a site with fresh articles (one in another language, titles with
// characters XML escapes) are valid against sitemaps.org's schema and
// Google's News sitemap schema, checked by xmllint. The schemas come from
// npm's sitemap@4.0.2 (the last version that ships the news one; Google's
// schema is not free to copy here): $FOLIO_SITEMAP_XSD is its schema
// folder.
func TestSitemapsValidAgainstTheirSchemas(t *testing.T) {
	t.Parallel()
	dir, xmllint := tool(t, "FOLIO_SITEMAP_XSD", "xmllint", "sitemap validation", "the schema folder of npm's sitemap@4.0.2")
	root := copySite(t)
	now := time.Now().UTC().Truncate(time.Second)
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	write(t, root, "content/articles/2030/01/fresh.md", "---\ntitle: \"Fresh & <new> \\\"news\\\"\"\ndate: "+at(-time.Hour)+"\n---\nText.\n")
	write(t, root, "content/articles/2030/01/older.md", "---\ntitle: Mais antigo\ndate: "+at(-30*time.Hour)+"\nlanguage: pt-BR\n---\nTexto.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest, Now: now}); err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join(t.TempDir(), "sitemaps.xsd")
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	err = os.WriteFile(schema, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:folio:sitemaps" elementFormDefault="qualified">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="`+filepath.Join(abs, "sitemap.xsd")+`"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="`+filepath.Join(abs, "sitemap-news.xsd")+`"/>
</xsd:schema>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sitemap-news.xml", "sitemap.xml"} {
		if !strings.Contains(readOut(t, dest, name), "<url>") {
			t.Fatalf("%s lists no page", name)
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, filepath.Join(dest, name)).CombinedOutput()
		if err != nil {
			t.Errorf("%s is not valid against its schema: %v\n%s", name, err, out)
		}
	}
}
