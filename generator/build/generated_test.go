package build_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
)

// genarchive is the benchmark kit's corpus generator, beside the checkout.
const genarchive = "../../../shared/bench/genarchive"

// generated builds a 1,000-article archive made by the benchmark kit's
// generator, with this repository's layouts, static files and config.
func generated(t *testing.T, n int) (*site, *build.Result) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(genarchive, "main.go")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no corpus generator at %s: CI has shared/ beside the checkout", genarchive)
		}
		fmt.Fprintln(os.Stderr, "SKIPPED: generated-archive tests need ../shared/bench/genarchive beside the checkout")
		t.Skip("no corpus generator")
	}
	root := t.TempDir()
	cmd := exec.Command("go", "run", ".", "-n", fmt.Sprint(n), "-out", root)
	cmd.Dir = genarchive
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genarchive: %v\n%s", err, out)
	}
	example := copySite(t)
	for _, d := range []string{"layouts", "static", "config.yaml"} {
		if err := os.Rename(filepath.Join(example, d), filepath.Join(root, d)); err != nil {
			t.Fatal(err)
		}
	}
	addArchiveExtras(t, root)
	res, err := build.Run(build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	return parseSite(t, filepath.Join(root, "public")), res
}

// addArchiveExtras gives the generated archive what the example site
// lacks, for the web checks to see: a standalone page with a shortcode,
// raw HTML and an old address, reached from a menu in the header, and the
// profile of an author no article names (a page without a list).
func addArchiveExtras(t *testing.T, root string) {
	t.Helper()
	write(t, root, "content/pages/about.md", `---
title: About the *Continental Review*
summary: Who keeps this archive, and how to reach us.
aliases: [/about-us.html]
---

The archive of the <abbr title="Continental Review">CR</abbr>, 2019 to today.

{{< figure src="/favicon.svg" alt="The archive's mark" caption="Our mark" width="64" height="64" >}}

{{< details summary="How to cite an article" >}}
Give its title, author, date and address.
{{< /details >}}

Corrections: write to the editors.
`)
	write(t, root, "content/authors/former-editor.md", "---\nname: A Former Editor\ndescription: Edited the archive from 2019 to 2021.\n---\nNo articles of theirs are kept here.\n")
	appendFile(t, root, "config.yaml", `menu:
  - {title: People, url: /people/}
  - {title: Places, url: /places/}
  - {title: Topics, url: /topics/}
  - {title: Authors, url: /authors/}
  - {title: Archive, url: /archive/}
  - {title: Search, url: /search/}
  - {title: About, url: /about/}
`)
}

func TestGeneratedArchive(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a 1,000-article archive")
	}
	s, res := generated(t, 1000)
	if res.Articles != 1000 {
		t.Fatalf("%d articles built, want 1000", res.Articles)
	}
	if n := checkLinks(t, s); n < 50000 {
		t.Errorf("only %d links checked", n)
	}
	webChecks(t, "the 1,000-article archive", s.dir)
	for _, u := range []string{"/about/", "/authors/former-editor/"} {
		if s.pages[u] == nil {
			t.Errorf("%s is missing", u)
		}
	}
	if b, err := os.ReadFile(filepath.Join(s.dir, "about-us.html")); err != nil || !strings.Contains(string(b), `http-equiv="refresh"`) {
		t.Errorf("about-us.html: %v\n%s", err, b)
	}
	// Variant spellings of the corpus fold into one term each.
	for _, u := range []string{"/places/zurich/", "/places/new-york/", "/people/lukasz-zak/", "/topics/climate-change/", "/topics/artificial-intelligence/"} {
		if s.pages[u] == nil {
			t.Errorf("%s is missing", u)
		}
	}
	for u := range s.pages {
		if strings.HasSuffix(strings.TrimSuffix(u, "/"), "-2") && strings.Count(u, "/") == 3 && !strings.HasPrefix(u, "/articles/") {
			t.Errorf("a variant spelling got a page of its own: %s", u)
		}
	}
	// Every article is on exactly one month page.
	onMonths := map[string]int{}
	where := map[string][]string{}
	for u, p := range s.pages {
		parts := strings.Split(strings.Trim(u, "/"), "/")
		if len(parts) >= 2 && len(parts[0]) == 4 && len(parts[1]) == 2 && parts[0] != "page" {
			for _, a := range p.links(firstOf(find(p.doc, "ol", "article-list"))) {
				onMonths[a]++
				where[a] = append(where[a], u)
			}
		}
	}
	if len(onMonths) != 1000 {
		t.Errorf("%d articles on month pages, want 1000", len(onMonths))
	}
	for a, n := range onMonths {
		if n != 1 {
			t.Errorf("%s is on %d month pages: %v", a, n, where[a])
		}
	}
	// Feeds parse, and every term has one.
	terms := 0
	for u := range s.pages {
		if isTermPage(u) && !strings.Contains(u, "/page/") {
			terms++
			feed := parseFeed(t, s.dir, strings.TrimPrefix(u, "/")+"index.xml")
			// The profile no article names has an empty feed.
			if len(feed.Items) == 0 && u != "/authors/former-editor/" || len(feed.Items) > 20 {
				t.Errorf("%sindex.xml has %d items", u, len(feed.Items))
			}
		}
	}
	if terms < 500 {
		t.Errorf("only %d term pages", terms)
	}
}
