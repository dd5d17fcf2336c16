package render

import (
	"fmt"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

// brokenLinks plans a site of the articles srcs at baseURL, with the
// static files static, and returns the text of its link warnings.
func brokenLinks(t *testing.T, baseURL string, static []string, srcs ...string) []string {
	t.Helper()
	cfg, err := config.Parse("config.yaml", []byte("baseURL: "+baseURL+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := content.NewParser(cfg)
	var arts []*content.Article
	for i, src := range srcs {
		a, probs := p.Parse(fmt.Sprintf("content/articles/%c.md", 'a'+i), []byte(src))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		arts = append(arts, a)
	}
	s, _ := site.Assemble(cfg, arts, nil, nil)
	pages, _ := Plan(s, nil, nil, nil)
	byURL := map[string]*Page{}
	for _, pg := range pages {
		byURL[pg.URL] = pg
	}
	isStatic := func(name string) bool {
		for _, f := range static {
			if f == name {
				return true
			}
		}
		return false
	}
	var out []string
	for _, w := range BrokenLinks(cfg, s.Articles, byURL, isStatic) {
		out = append(out, w.Error())
	}
	return out
}

func TestBrokenLinks(t *testing.T) {
	t.Parallel()
	const b = "---\ntitle: B\ndate: 2024-01-01\npeople: [Jane Roe]\n---\n\nB.\n"
	a := `---
title: A
date: 2024-01-02
---

[fine](/articles/b/), [gone](/articles/gone/), [up](../b/) and [up, gone](../nope/#x).
[absolute](https://archive.example.org/articles/b/) and [absolute, gone](http://ARCHIVE.example.org/articles/gone/?q=1)
[other site](https://other.example.org/articles/gone/), [mail](mailto:a@b.org), [here](#top), [query](?page=2)
[style](/css/style.css), [file](/files/report%20one.pdf), [missing file](/files/missing.pdf)
[no slash](/articles/b), [index](/articles/b/index.html), [person](/people/jane-roe/), [feed](/people/jane-roe/index.xml)
[sitemap](/sitemap.xml), [home](https://archive.example.org), [no scheme](//archive.example.org/articles/b/)
[folder](/docs/), [typo](/artciles/b/)
[dots](/people/../articles/b/), [dots, gone](/articles/./gone/), [dots, absolute](https://archive.example.org/x/../articles/b/)
`
	got := brokenLinks(t, "https://archive.example.org/", []string{"css/style.css", "files/report one.pdf", "docs/index.html"}, a, b)
	want := []string{
		"content/articles/a.md:6: warning: link to /articles/gone/: no page has this address",
		"content/articles/a.md:6: warning: link to ../nope/#x: no page has this address",
		"content/articles/a.md:7: warning: link to http://ARCHIVE.example.org/articles/gone/?q=1: no page has this address",
		"content/articles/a.md:9: warning: link to /files/missing.pdf: no page has this address",
		"content/articles/a.md:12: warning: link to /artciles/b/: no page has this address",
		"content/articles/a.md:13: warning: link to /articles/./gone/: no page has this address",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBrokenLinksUnderABasePath(t *testing.T) {
	t.Parallel()
	a := "---\ntitle: A\ndate: 2024-01-02\n---\n\n[in](https://example.org/sub/articles/a/) [gone](https://example.org/sub/articles/gone/)\n[the host's](https://example.org/articles/gone/) [root](/articles/a/)\n"
	got := brokenLinks(t, "https://example.org/sub/", nil, a)
	if want := "content/articles/a.md:6: warning: link to https://example.org/sub/articles/gone/: no page has this address"; strings.Join(got, "\n") != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// Without an absolute base URL, no absolute link is the site's.
	if got := brokenLinks(t, "/", nil, a); len(got) != 0 {
		t.Errorf("warnings with baseURL /: %q", got)
	}
}

func TestBrokenLinksOfOneArticleCounted(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: A\ndate: 2024-01-02\n---\n\n" + strings.Repeat("[gone](/articles/gone/)\n", maxLinkWarnings+5)
	got := brokenLinks(t, "https://example.org/", nil, src)
	if len(got) != maxLinkWarnings+1 || got[maxLinkWarnings-1] != fmt.Sprintf("content/articles/a.md:%d: warning: link to /articles/gone/: no page has this address", 5+maxLinkWarnings) {
		t.Fatalf("%d warnings:\n%s", len(got), strings.Join(got, "\n"))
	}
	if want := fmt.Sprintf("content/articles/a.md:%d: warning: and 5 more links from here on to addresses where the site has no page", 6+maxLinkWarnings); got[maxLinkWarnings] != want {
		t.Errorf("last warning %q, want %q", got[maxLinkWarnings], want)
	}
}
