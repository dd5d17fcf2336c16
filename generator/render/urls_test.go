package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

func TestRelative(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"/", "/", "./"},
		{"/", "/people/", "people/"},
		{"/articles/x/", "/people/y/", "../../people/y/"},
		{"/articles/x/", "/", "../../"},
		{"/people/a/", "/people/b/", "../b/"},
		{"/people/a/", "/people/a/", "./"},
		{"/people/a/", "/people/a/page/2/", "page/2/"},
		{"/people/a/page/2/", "/people/a/", "../../"},
		{"/people/a/page/2/", "/people/a/page/3/", "../3/"},
		{"/404.html", "/people/", "people/"},
		{"/articles/x/", "/css/style.css", "../../css/style.css"},
		{"/articles/x/", "/people/y/#bio", "../../people/y/#bio"},
		{"/articles/x/", "https://example.org/a", "https://example.org/a"},
		{"/articles/x/", "//cdn.example.org/a", "//cdn.example.org/a"},
		{"/articles/x/", "#fn:1", "#fn:1"},
		{"/articles/x/", "img/a.png", "img/a.png"},
	}
	for _, tt := range tests {
		if got := relative(tt.from, tt.target); got != tt.want {
			t.Errorf("relative(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

func TestRebase(t *testing.T) {
	tests := []struct{ in, prefix, want string }{
		{`<a href="/articles/x/">x</a>`, "../../", `<a href="../../articles/x/">x</a>`},
		{`<img src="/img/a.png" alt="">`, "../../", `<img src="../../img/a.png" alt="">`},
		{`<a href="//cdn.example.org/">x</a>`, "../../", `<a href="//cdn.example.org/">x</a>`},
		{`<a href="https://example.org/">x</a>`, "../../", `<a href="https://example.org/">x</a>`},
		{`<a href="#fn:1">1</a>`, "../../", `<a href="#fn:1">1</a>`},
		{`<p>data="/not/an/attr"</p>`, "../../", `<p>data="/not/an/attr"</p>`},
		{`<a href="/a/">a</a> and <a href="/b/">b</a>`, "/archive/", `<a href="/archive/a/">a</a> and <a href="/archive/b/">b</a>`},
		{`<a href="/a/">a</a>`, "/", `<a href="/a/">a</a>`},
	}
	for _, tt := range tests {
		if got := rebase(tt.in, tt.prefix); got != tt.want {
			t.Errorf("rebase(%q, %q) = %q, want %q", tt.in, tt.prefix, got, tt.want)
		}
	}
}

func TestPagerLinks(t *testing.T) {
	show := func(links []PageLink) string {
		s := ""
		for _, l := range links {
			switch {
			case l.Gap:
				s += "… "
			case l.Current:
				s += "[" + itoa(l.Number) + "] "
			default:
				s += itoa(l.Number) + " "
			}
		}
		return s
	}
	tests := []struct {
		number, total int
		want          string
	}{
		{1, 1, "[1] "},
		{1, 3, "[1] 2 3 "},
		{1, 10, "[1] 2 3 … 10 "},
		{5, 10, "1 2 3 4 [5] 6 7 … 10 "},
		{6, 12, "1 … 4 5 [6] 7 8 … 12 "},
		{10, 10, "1 … 8 9 [10] "},
		{4, 500, "1 2 3 [4] 5 6 … 14 … 54 … 104 … 500 "},
		{250, 500, "1 … 150 … 200 … 240 … 248 249 [250] 251 252 … 260 … 300 … 350 … 500 "},
		{50, 100, "1 … 40 … 48 49 [50] 51 52 … 60 … 100 "},
		{11, 12, "1 … 9 10 [11] 12 "},
	}
	for _, tt := range tests {
		p := &Pager{Number: tt.number, Total: tt.total, base: "/people/x/"}
		if got := show(p.Links()); got != tt.want {
			t.Errorf("page %d of %d: links %q, want %q", tt.number, tt.total, got, tt.want)
		}
	}
	// Every page of a long list is a few clicks from its first page.
	for _, total := range []int{7, 100, 999, 20000} {
		clicks := map[int]int{1: 0}
		queue := []int{1}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, l := range (&Pager{Number: n, Total: total, base: "/"}).Links() {
				if _, seen := clicks[l.Number]; !seen && !l.Gap {
					clicks[l.Number] = clicks[n] + 1
					queue = append(queue, l.Number)
				}
			}
		}
		most := 0
		for _, c := range clicks {
			most = max(most, c)
		}
		if len(clicks) != total || most > 12 { // walking two pages at a time would take total/4
			t.Errorf("%d pages: %d reached from the first, the farthest in %d clicks", total, len(clicks), most)
		}
	}
	p := &Pager{Number: 2, Total: 3, base: "/people/x/"}
	if p.Prev() != "/people/x/" || p.Next() != "/people/x/page/3/" || p.URLOf(1) != "/people/x/" {
		t.Errorf("prev %q next %q first %q", p.Prev(), p.Next(), p.URLOf(1))
	}
	last := &Pager{Number: 3, Total: 3, base: "/"}
	if last.Next() != "" || last.Prev() != "/page/2/" {
		t.Errorf("last page: prev %q next %q", last.Prev(), last.Next())
	}
}

func itoa(n int) string { return number(n) }

func TestTruncate(t *testing.T) {
	tests := []struct {
		n        int
		in, want string
	}{
		{20, "short", "short"},
		{20, "The Kremlin keeps a cryptic stance", "The Kremlin keeps a…"},
		{6, "Żółć gęślą jaźń", "Żółć…"},
		{0, "anything", ""},
	}
	for _, tt := range tests {
		if got := truncate(tt.n, tt.in); got != tt.want {
			t.Errorf("truncate(%d, %q) = %q, want %q", tt.n, tt.in, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := number(in); got != want {
			t.Errorf("number(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestSitemapIndexPastTheLimit(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\npaginate: 1000\n"))
	if err != nil {
		t.Fatal(err)
	}
	const n = MaxSitemapURLs + 10
	arts := make([]*content.Article, n)
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range arts {
		// Most in 2000, a minute apart, and the last five in 2001.
		when := start.Add(time.Duration(i) * time.Minute)
		if i >= MaxSitemapURLs+5 {
			when = start.AddDate(1, 0, i-MaxSitemapURLs)
		}
		arts[i] = &content.Article{Path: fmt.Sprintf("content/articles/a%06d.md", i), Title: "A", Slug: fmt.Sprintf("a%06d", i),
			Date: when, Terms: map[string][]string{}}
	}
	s, probs := site.Assemble(cfg, arts, nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	pages, probs := Plan(s, nil, nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	maps := map[string]string{}
	for _, p := range pages {
		if p.Kind == KindSitemap {
			var b strings.Builder
			if err := p.Render(&b, nil); err != nil {
				t.Fatal(err)
			}
			maps[p.URL] = b.String()
		}
	}
	// A sitemap for each year of articles, two for 2000, which has more
	// than one may list, and one for the other pages.
	index := maps["/sitemap.xml"]
	names := []string{"/sitemap-2001.xml", "/sitemap-2000.xml", "/sitemap-2000-2.xml", "/sitemap-pages.xml"}
	for _, name := range names {
		if !strings.Contains(index, "<loc>https://example.org"+name+"</loc>") {
			t.Errorf("sitemap.xml does not list %s:\n%.500s", name, index)
		}
	}
	if !strings.Contains(index, "<sitemapindex") || len(maps) != len(names)+1 {
		t.Fatalf("sitemap.xml is not an index of %d sitemaps (%d made):\n%.500s", len(names), len(maps)-1, index)
	}
	total := 0
	for _, name := range names {
		urls := strings.Count(maps[name], "<url>")
		if urls == 0 || urls > MaxSitemapURLs {
			t.Errorf("%s lists %d URLs", name, urls)
		}
		total += urls
	}
	if total < n {
		t.Errorf("the sitemaps list %d URLs, want every page (at least %d articles)", total, n)
	}
	if urls := strings.Count(maps["/sitemap-2001.xml"], "<url>"); urls != 5 {
		t.Errorf("sitemap-2001.xml lists %d URLs, want the 5 articles of 2001", urls)
	}
	if strings.Count(maps["/sitemap-pages.xml"], "/articles/") > 0 {
		t.Error("the sitemap of other pages lists articles")
	}
}

// TestRobotsUnderABasePath checks that a site under a path still gets
// its robots.txt, and a warning that crawlers read it only at the root
// of the host.
func TestRobotsUnderABasePath(t *testing.T) {
	for _, c := range []struct{ baseURL, warning string }{
		{"https://example.org/", ""},
		{"https://example.org/sub/archive/", "config.yaml: warning: baseURL: the site is under a path, so its robots.txt is https://example.org/sub/archive/robots.txt, where crawlers never look: copy it to https://example.org/robots.txt for it to take effect"},
	} {
		cfg, err := config.Parse("config.yaml", []byte("baseURL: "+c.baseURL+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		s, _ := site.Assemble(cfg, nil, nil, nil)
		pages, probs := Plan(s, nil, nil, nil)
		var got []string
		for _, p := range probs {
			got = append(got, p.Error())
		}
		if strings.Join(got, "\n") != c.warning {
			t.Errorf("baseURL %s: problems %q, want %q", c.baseURL, got, c.warning)
		}
		var robots string
		for _, p := range pages {
			if p.URL == "/robots.txt" {
				var b strings.Builder
				if err := p.Render(&b, nil); err != nil {
					t.Fatal(err)
				}
				robots = b.String()
			}
		}
		if want := "User-agent: *\nAllow: /\n\nSitemap: " + c.baseURL + "sitemap.xml\n"; robots != want {
			t.Errorf("baseURL %s: robots.txt %q, want %q", c.baseURL, robots, want)
		}
	}
}
