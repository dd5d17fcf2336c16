package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// migrateTo migrates the Hugo site at src into a new folder and returns
// it, with the report.
func migrateTo(t *testing.T, src string) (string, *migrate.Report) {
	t.Helper()
	dest := t.TempDir()
	source, err := Open(src, migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sink, rep, err := migrate.NewWriter(src, dest, "Hugo")
	if err != nil {
		t.Fatal(err)
	}
	if err := source.Walk(sink); err != nil {
		t.Fatal(err)
	}
	return dest, rep
}

// TestURLClaims: where two files had one URL, the migration keeps the
// one Hugo's output had there, and says so.
func TestURLClaims(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml": "title = 'T'\n[taxonomies]\ntopic = 'topics'\nauthor = 'authors'\n[permalinks]\nnews = '/:year/:month/:slug/'\n",
		// One URL, two articles: Hugo wrote the newer.
		"content/news/2023/09/a.md": "---\ntitle: A\ndate: 2023-09-06 08:59:00 -0500\nslug: same\n---\nA.\n",
		"content/news/2023/11/b.md": "---\ntitle: B\ndate: 2023-09-06 11:10:00 -0500\nslug: same\nauthors: [\"jo\", \"\"]\ntopics: [beta]\n---\nB.\n",
		// An alias that is a live article's URL is dropped; one that is an
		// expired article's URL is kept (Hugo wrote the redirect there).
		"content/news/2020/01/old.md": "---\ntitle: Old\ndate: 2020-01-02\nexpirydate: 2021-01-01\n---\nOld.\n",
		"content/news/2020/01/c.md":   "---\ntitle: C\ndate: 2020-01-03\naliases: [/2023/09/same/, /2020/01/old/, /c-old/]\n---\nC.\n",
		// An alias of two files: the first by path keeps it, a term page's
		// before any.
		"content/about/a.md": "---\ntitle: About\ndraft: \"false\"\naliases: [/info/, /both/]\n---\nAbout.\n",
		"content/about/b.md": "---\ntitle: Contact\naliases: [/info, /topics/]\n---\nContact.\n",
		// A page Hugo no longer published: a draft, its URL left to an alias.
		"content/about/old.md":           "---\ntitle: Old\nexpirydate: 2020-01-01\ndraft: \"false\"\n---\nOld.\n",
		"content/about/c.md":             "---\ntitle: C\naliases: [/about/old/]\n---\nC.\n",
		"content/topics/alpha/_index.md": "---\ntitle: Alpha\naliases: [/topics/beta/, /topics/alpha/, /both/]\n---\n",
		// An expired term page whose term an article lists: folio makes the
		// page, which keeps the URL.
		"content/topics/beta/_index.md": "---\ntitle: Beta\nexpirydate: 2020-01-01\n---\n",
	})
	dest, rep := migrateTo(t, src)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	for name, want := range map[string]string{
		"content/articles/2023/09/same.md":   "---\ntitle: B\ndate: \"2023-09-06 11:10:00 -0500\"\nslug: same\nauthors:\n  - jo\ntopics:\n  - beta\n---\nB.\n",
		"content/articles/2023/09/same-2.md": "---\ntitle: A\ndate: \"2023-09-06 08:59:00 -0500\"\nslug: same-2\n---\nA.\n",
		"content/articles/2020/01/c.md":      "---\ntitle: C\ndate: \"2020-01-03\"\naliases:\n  - /2020/01/old/\n  - /c-old/\n---\nC.\n",
		"content/pages/about/a.md":           "---\ntitle: About\ndraft: false\naliases:\n  - /info/\n---\nAbout.\n",
		"content/pages/about/b.md":           "---\ntitle: Contact\n---\nContact.\n",
		"content/pages/about/old.md":         "---\ntitle: Old\nexpiryDate: \"2020-01-01\"\ndraft: true\n---\nOld.\n",
		"content/pages/about/c.md":           "---\ntitle: C\naliases:\n  - /about/old/\n---\nC.\n",
		"content/topics/alpha.md":            "---\nname: Alpha\nredirect_from:\n  - /both/\n---\n",
	} {
		if got := read(name); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
	}
	got := rep.Lines("URLs changed (two pages had one URL)", "Old URLs left to another page (as in Hugo's output)", "Empty terms dropped", "Pages past their expiry date (made drafts)")
	want := []string{
		"content/news/2023/09/a.md:1: /2023/09/same/ was also the URL of content/news/2023/11/b.md, which Hugo's output has there: this article gets /2023/09/same-2/",
		"content/about/a.md:4: aliases: /both/ is also an alias of content/topics/alpha/_index.md, whose redirect Hugo wrote: not a redirect here",
		"content/about/b.md:3: aliases: /info is also an alias of content/about/a.md, whose redirect Hugo wrote: not a redirect here",
		"content/about/b.md:3: aliases: /topics/ is the URL of folio's list of all topics: not a redirect here",
		"content/news/2020/01/c.md:4: aliases: /2023/09/same/ is the URL of content/news/2023/11/b.md: not a redirect here",
		"content/topics/alpha/_index.md:3: aliases: /topics/beta/ is the URL of the term page of content/topics/beta/_index.md: not a redirect here",
		"content/topics/alpha/_index.md:3: aliases: /topics/alpha/ is this page's own URL: not a redirect here",
		"content/news/2023/11/b.md:5: authors: item 2 is empty: dropped",
		"content/about/old.md:1: Hugo no longer published it: written with draft: true",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMovedTerms: a term whose folio URL is not Hugo's gets a profile
// redirecting from Hugo's URL.
func TestMovedTerms(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":              "title = 'T'\n[taxonomies]\ntag = 'tags'\n",
		"content/news/2020/a.md": "---\ntitle: A\ndate: 2020-01-02\ntags: [\"C++\", \"i/o\", \"Paweł\", \"plain\"]\n---\nA.\n",
		"content/news/2020/b.md": "---\ntitle: B\ndate: 2020-01-03\ntags: [\"c++\", \"C--\", \"c..\", \"Oil & gas\"]\n---\nB.\n",
	})
	dest, rep := migrateTo(t, src)
	for name, want := range map[string]string{
		"content/tags/c-plus-plus.md": "---\nname: C++\nredirect_from:\n  - /tags/c++/\n---\n",
		// Two spellings, one slug: no name.
		"content/tags/c.md":     "---\nredirect_from:\n  - /tags/c--/\n  - /tags/c../\n---\n",
		"content/tags/i-o.md":   "---\nname: i/o\nredirect_from:\n  - /tags/i/o/\n---\n",
		"content/tags/pawel.md": "---\nname: Paweł\nredirect_from:\n  - /tags/paweł/\n---\n",
		// Hugo 0.111 wrote oil-gas, 0.165 oil--gas.
		"content/tags/oil-and-gas.md": "---\nname: \"Oil & gas\"\nredirect_from:\n  - /tags/oil-gas/\n  - /tags/oil--gas/\n---\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, b, want)
		}
	}
	if n := rep.Counts[migrate.Profiles]; n != 5 {
		t.Errorf("%d profiles", n)
	}
}

// A term page with no title names its person in a theme's own fields:
// the profile takes the name from them, so bylines show it, not the id.
func TestProfileDisplayName(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                        "title = 'T'\n[taxonomies]\nauthor = 'authors'\n",
		"content/news/2020/a.md":           "---\ntitle: A\ndate: 2020-01-02\nauthors: [tkitch, jdoe]\n---\nA.\n",
		"content/authors/tkitch/_index.md": "---\ndisplay_name: \"Troy Kitch\"\nfirst_name: Troy\n---\n",
		"content/authors/jdoe/_index.md":   "---\nfirst_name: Jane\nlast_name: Doe\n---\n",
	})
	dest, _ := migrateTo(t, src)
	for name, want := range map[string]string{
		"content/authors/tkitch.md": "---\nname: Troy Kitch\ndisplay_name: Troy Kitch\nfirst_name: Troy\n---\n",
		"content/authors/jdoe.md":   "---\nname: Jane Doe\nfirst_name: Jane\nlast_name: Doe\n---\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, b, want)
		}
	}
}

// A static file at a page's address is not copied: Hugo wrote the page
// over it, and folio refuses two files at one address.
func TestStaticFileUnderAPage(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                   "title = 'T'\n",
		"content/news/2020/a.md":      "---\ntitle: A\ndate: 2020-01-02\n---\nA.\n",
		"content/champions.md":        "---\ntitle: Champions\n---\nThe programme.\n",
		"static/champions/index.html": "<meta http-equiv=refresh content='0; url=/old/'>",
		"static/champions/photo.jpg":  "JPEG",
		"static/other/index.html":     "<p>kept</p>",
	})
	dest, rep := migrateTo(t, src)
	if _, err := os.Stat(filepath.Join(dest, "static", "champions", "index.html")); err == nil {
		t.Error("static/champions/index.html was copied")
	}
	for _, kept := range []string{"static/champions/photo.jpg", "static/other/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(kept))); err != nil {
			t.Error(err)
		}
	}
	items := rep.Items()["Static files under a page (not copied)"]
	if len(items) != 1 || items[0].String() != "static/champions/index.html: the address /champions/ is the page of content/champions.md, which Hugo wrote over this file" {
		t.Errorf("report: %v", items)
	}
}

// TestFolioPagesKeepTheirURLs: gRPC's site has a search page of no text
// (Docsy's layout: search) at /search/, where folio makes its own search
// page, and the migrated site did not build. A page of no text there is
// now left out; one with text, at /archive/, moves aside; both are told.
func TestFolioPagesKeepTheirURLs(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":          "title = 'T'\n",
		"content/search.md":  "---\ntitle: Search Results\nlayout: search\n---\n",
		"content/archive.md": "---\ntitle: Archive\n---\nOur archive since 1990.\n",
		"content/news/a.md":  "---\ntitle: A\ndate: 2020-01-02\n---\nA.\n",
		"content/news/b.md":  "---\ntitle: B\ndate: 2020-01-03\n---\nB.\n",
	})
	dest, rep := migrateTo(t, src)
	if _, err := os.Stat(filepath.Join(dest, "content/pages/search.md")); err == nil {
		t.Error("the search page of no text came across")
	}
	b, err := os.ReadFile(filepath.Join(dest, "content/pages/archive.md"))
	if err != nil || !strings.Contains(string(b), "url: /archive-2/\n") {
		t.Errorf("the archive page: %v\n%s", err, b)
	}
	got := rep.Lines("Pages not migrated", "URLs changed (two pages had one URL)")
	want := []string{
		"content/search.md:1: a page with no text at /search/, the URL of folio's search page, which folio makes itself",
		"content/archive.md:1: /archive/ was also the URL of folio's archive, which folio makes itself: this page gets /archive-2/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
