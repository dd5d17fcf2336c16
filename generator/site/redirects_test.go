package site

import (
	"slices"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
)

func withAliases(a *content.Article, url string, line int, aliases ...string) *content.Article {
	a.URL = url
	a.Lines = map[string]int{"aliases": line, "url": line - 1}
	for _, p := range aliases {
		a.Aliases = append(a.Aliases, content.Alias{Path: p, Field: "aliases"})
	}
	return a
}

func TestRedirects(t *testing.T) {
	for _, tc := range []struct {
		name     string
		articles []*content.Article
		want     []Redirect
		probs    []string
	}{
		{
			name: "absolute, relative and repeated aliases",
			articles: []*content.Article{
				withAliases(art("content/articles/a.md", "2024-01-01", nil), "", 5, "/2015/06/old-a.html", "older-a", "/old/b/", "/old/b"),
				withAliases(art("content/articles/b.md", "2024-01-02", nil), "/news/b.html", 6, "b-before.html"),
			},
			want: []Redirect{
				{From: "/2015/06/old-a.html", To: "/articles/a/", Source: "content/articles/a.md", Line: 5, Field: "aliases"},
				{From: "/articles/older-a", To: "/articles/a/", Source: "content/articles/a.md", Line: 5, Field: "aliases"},
				{From: "/news/b-before.html", To: "/news/b.html", Source: "content/articles/b.md", Line: 6, Field: "aliases"},
				{From: "/old/b/", To: "/articles/a/", Source: "content/articles/a.md", Line: 5, Field: "aliases"},
			},
		},
		{
			name: "an alias that is the article's own URL",
			articles: []*content.Article{
				withAliases(art("content/articles/a.md", "2024-01-01", nil), "", 4, "/articles/a", "/old/"),
			},
			want: []Redirect{{From: "/old/", To: "/articles/a/", Source: "content/articles/a.md", Line: 4, Field: "aliases"}},
			probs: []string{
				"content/articles/a.md:4: warning: aliases: /articles/a is the article's own URL, not an old one: remove it",
			},
		},
		{
			name: "one old path for two articles",
			articles: []*content.Article{
				withAliases(art("content/articles/a.md", "2024-01-01", nil), "", 4, "/old/"),
				withAliases(art("content/articles/b.md", "2024-01-02", nil), "", 7, "/old"),
			},
			want: []Redirect{{From: "/old/", To: "/articles/a/", Source: "content/articles/a.md", Line: 4, Field: "aliases"}},
			probs: []string{
				"content/articles/b.md:7: aliases: /old redirects to /articles/b/ here, and to /articles/a/ in content/articles/a.md:4: keep it in one of them",
			},
		},
		{
			name: "two articles at one url",
			articles: []*content.Article{
				withAliases(art("content/articles/a.md", "2024-01-01", nil), "/news/x/", 4),
				withAliases(art("content/articles/b.md", "2024-01-02", nil), "/news/x/", 7),
			},
			probs: []string{
				"content/articles/b.md:6: url: the URL /news/x/ is also the URL of content/articles/a.md: change the url: of one of them",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := Assemble(config.Default(), tc.articles, nil, nil)
			if !slices.Equal(s.Redirects, tc.want) {
				t.Errorf("Redirects\n got %+v\nwant %+v", s.Redirects, tc.want)
			}
			probs.Sort()
			if got := texts(probs); !slices.Equal(got, tc.probs) {
				t.Errorf("problems\n got %q\nwant %q", got, tc.probs)
			}
		})
	}
}

func texts(list diag.List) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Error())
	}
	return out
}

// An edit that changes an article's url:, aliases or date offset changes
// the site's shape: the quick path must not take it.
func TestSwapRefusesURLChanges(t *testing.T) {
	a := art("content/articles/a.md", "2024-01-01", nil)
	s, _ := Assemble(config.Default(), []*content.Article{a}, nil, nil)
	for name, edit := range map[string]func(*content.Article){
		"url":     func(b *content.Article) { b.URL = "/news/a/" },
		"aliases": func(b *content.Article) { b.Aliases = []content.Alias{{Path: "/old/", Field: "aliases"}} },
		"offset":  func(b *content.Article) { b.Date = b.Date.In(time.FixedZone("", -4*3600)) },
	} {
		b := *a
		edit(&b)
		if s.Swap([]*content.Article{&b}) {
			t.Errorf("Swap took an edit of %s", name)
		}
	}
	b := *a
	b.Title = "New title"
	if !s.Swap([]*content.Article{&b}) {
		t.Error("Swap refused a new title")
	}
}
