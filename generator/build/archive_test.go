package build_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"folio/generator/build"
)

const baseURL = "https://archive.example.org/"

// sitePath turns an absolute URL of the example site into a site path.
func sitePath(t *testing.T, u string) string {
	t.Helper()
	p, ok := strings.CutPrefix(u, strings.TrimSuffix(baseURL, "/"))
	if !ok {
		t.Errorf("%q is not under the base URL %s", u, baseURL)
	}
	return p
}

func parseFeed(t *testing.T, dir, name string) *gofeed.Feed {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return feed
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	s, res := buildExample(t, build.Options{})
	site := parseFeed(t, s.dir, "index.xml")
	if site.FeedType != "atom" || len(site.Items) != min(20, res.Articles) {
		t.Errorf("site feed: type %s, %d items; want atom, %d", site.FeedType, len(site.Items), min(20, res.Articles))
	}
	putin := parseFeed(t, s.dir, "people/vladimir-putin/index.xml")
	if !strings.Contains(putin.Title, "Vladimir Putin") || len(putin.Items) != len(s.pages["/people/vladimir-putin/"].links(firstOf(find(s.pages["/people/vladimir-putin/"].doc, "ol", "article-list")))) {
		t.Errorf("term feed: title %q, %d items", putin.Title, len(putin.Items))
	}
	for _, feed := range []*gofeed.Feed{site, putin} {
		ids := map[string]bool{}
		var last time.Time
		for i, it := range feed.Items {
			if ids[it.GUID] || it.GUID != it.Link {
				t.Errorf("%s: item %d id %q is repeated or not its permalink %q", feed.Title, i, it.GUID, it.Link)
			}
			ids[it.GUID] = true
			if p := sitePath(t, it.Link); s.pages[p] == nil {
				t.Errorf("%s: item link %s is not a page", feed.Title, it.Link)
			}
			if it.PublishedParsed == nil || it.UpdatedParsed == nil || it.Title == "" || it.Description == "" {
				t.Errorf("%s: item %d lacks a date, title or summary", feed.Title, i)
			} else if i > 0 && it.PublishedParsed.After(last) {
				t.Errorf("%s: items are not newest first", feed.Title)
			}
			if it.PublishedParsed != nil {
				last = *it.PublishedParsed
			}
			if len(it.Authors) == 0 && len(feed.Authors) == 0 {
				t.Errorf("%s: item %d has no author", feed.Title, i)
			}
		}
	}
	// Pages link their feeds.
	for page, feed := range map[string]string{"/": "index.xml", "/people/vladimir-putin/": "index.xml", "/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/": "../../index.xml"} {
		var hrefs []string
		for _, l := range find(s.pages[page].doc, "link", "") {
			if attr(l, "rel") == "alternate" && attr(l, "type") == "application/atom+xml" {
				hrefs = append(hrefs, attr(l, "href"))
			}
		}
		if !slices.Contains(hrefs, feed) {
			t.Errorf("%s links feeds %v, want %s among them", page, hrefs, feed)
		}
	}
}

func TestFullContentFeeds(t *testing.T) {
	t.Parallel()
	root := buildWithConfig(t, "feeds:\n  items: 3\n  fullContent: true\n")
	feed := parseFeed(t, filepath.Join(root, "public"), "index.xml")
	if len(feed.Items) != 3 {
		t.Fatalf("%d items, want 3", len(feed.Items))
	}
	for _, it := range feed.Items {
		if !strings.Contains(it.Content, "<p>") {
			t.Errorf("item %q has no HTML content", it.Title)
		}
		if strings.Contains(it.Content, `href="/`) {
			t.Errorf("item %q has site-relative links in its content", it.Title)
		}
	}
	// The Kraków article links another article: the feed makes it absolute.
	if !strings.Contains(feed.Items[0].Content, `href="`+baseURL+`articles/`) {
		t.Errorf("the newest item's internal link is not absolute:\n%s", feed.Items[0].Content)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	raw, err := os.ReadFile(filepath.Join(s.dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
		t.Errorf("root element %v", set.XMLName)
	}
	listed := map[string]bool{}
	for _, u := range set.URLs {
		p := sitePath(t, u.Loc)
		if s.pages[p] == nil {
			t.Errorf("sitemap lists %s, which is not a page", u.Loc)
		}
		if listed[p] {
			t.Errorf("sitemap lists %s twice", u.Loc)
		}
		listed[p] = true
		if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
			t.Errorf("%s: lastmod %q: %v", u.Loc, u.LastMod, err)
		}
	}
	for p := range s.pages {
		if p != "/404.html" && !listed[p] {
			t.Errorf("page %s is missing from the sitemap", p)
		}
	}
	if len(set.URLs) > 50000 || len(raw) > 50<<20 {
		t.Error("the sitemap is over the protocol's limits")
	}
	robots, _ := os.ReadFile(filepath.Join(s.dir, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: "+baseURL+"sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", robots)
	}
}

func TestDateArchives(t *testing.T) {
	t.Parallel()
	s, res := buildExample(t, build.Options{})
	arch := s.pages["/archive/"]
	if arch == nil {
		t.Fatal("no /archive/ page")
	}
	total := 0
	years := find(arch.doc, "ol", "years")
	for _, h := range find(firstOf(years), "h2", "") {
		counts := find(h, "span", "count")
		n, err := strconv.Atoi(strings.Fields(text(firstOf(counts)))[0])
		if err != nil {
			t.Fatalf("year heading %q", text(h))
		}
		total += n
	}
	if total != res.Articles {
		t.Errorf("years on /archive/ count %d articles, want %d", total, res.Articles)
	}
	months := 0
	for u, p := range s.pages {
		parts := strings.Split(strings.Trim(u, "/"), "/")
		if len(parts) != 2 || len(parts[0]) != 4 || len(parts[1]) != 2 {
			continue
		}
		months++
		items := p.links(firstOf(find(p.doc, "ol", "article-list")))
		if len(items) == 0 {
			t.Errorf("%s lists no articles", u)
		}
		for _, a := range items {
			art := s.pages[a]
			when, err := time.Parse(time.RFC3339, attr(firstOf(find(art.doc, "time", "")), "datetime"))
			if err != nil {
				when, err = time.Parse(time.DateOnly, attr(firstOf(find(art.doc, "time", "")), "datetime"))
			}
			if err != nil || when.Format("2006/01") != parts[0]+"/"+parts[1] {
				t.Errorf("%s lists %s, dated %v", u, a, when)
			}
			if !slices.Contains(art.links(art.doc), u) {
				t.Errorf("%s does not link its month %s", a, u)
			}
		}
	}
	if months < 10 {
		t.Errorf("only %d month pages", months)
	}
	if s.pages["/2018/"] != nil || s.pages["/2024/01/"] != nil {
		t.Error("a period without articles has a page")
	}
	// The three articles of July 2024 are on the month page, newest first.
	july := s.pages["/2024/07/"].links(firstOf(find(s.pages["/2024/07/"].doc, "ol", "article-list")))
	if strings.Join(july, " ") != "/articles/what-a-non-denial-means-in-diplomacy/ /articles/shuttle-press-kits-from-1999-go-online/ /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/" {
		t.Errorf("/2024/07/ lists %v", july)
	}
}

func TestProfilesAndAliases(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	putin := s.pages["/people/vladimir-putin/"]
	if !strings.Contains(putin.raw, `<section class="profile"`) || !strings.Contains(putin.raw, "President of Russia") {
		t.Error("the Putin page does not show its profile")
	}
	desc := ""
	for _, m := range find(putin.doc, "meta", "") {
		if attr(m, "name") == "description" {
			desc = attr(m, "content")
		}
	}
	if !strings.HasPrefix(desc, "President of Russia") {
		t.Errorf("meta description %q is not the profile's", desc)
	}
	if !strings.Contains(s.pages["/people/"].raw, `<span class="term-description">President of Russia`) {
		t.Error("the people index does not show the profile's description")
	}
	// The article tagged "Volodymyr Zelenskyy" lands on the Zelensky page.
	const zel = "/articles/who-speaks-for-ukraines-presidential-office/"
	if !slices.Contains(s.pages[zel].links(s.pages[zel].doc), "/people/volodymyr-zelensky/") || s.pages["/people/volodymyr-zelenskyy/"] != nil {
		t.Error("the Zelenskyy spelling was not merged by the profile's aliases")
	}
	if !slices.Contains(s.pages["/people/volodymyr-zelensky/"].links(s.pages["/people/volodymyr-zelensky/"].doc), zel) {
		t.Error("the Zelensky page does not list the article tagged with an alias")
	}
}

func TestProfileWarnings(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/people/vladimir-putin.md", "---\nname: Vladimir Putin\naliases: [Putin]\ndescription: x\n---\nBio.\n")
	write(t, root, "content/people/putin-imposter.md", "---\nname: Somebody Else\naliases: [Putin]\ndescription: y\n---\nBio.\n")
	write(t, root, "content/people/nobody.md", "---\nname: Nobody Atall\ndescription: z\n---\nBio.\n")
	write(t, root, "content/articles/x/smith1.md", "---\ntitle: One\ndate: 2020-01-01\npeople: [\"Smith, John\"]\n---\nOne.\n")
	write(t, root, "content/articles/x/smith2.md", "---\ntitle: Two\ndate: 2020-01-02\npeople: [John Smith]\n---\nTwo.\n")
	res, err := build.Run(build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	// A profile no article names still has its page: a biography, and an
	// address perhaps published before.
	page, err := os.ReadFile(filepath.Join(root, "public", "people", "nobody", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<h1>Nobody Atall</h1>") || !strings.Contains(string(page), "<p>Bio.</p>") || strings.Contains(string(page), `class="list-heading"`) {
		t.Errorf("the page of a profile no article names:\n%s", page)
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		`content/articles/x/smith1.md: warning: people: "Smith, John" looks like "John Smith" (first named in content/articles/x/smith2.md): if they are the same, list one as an alias in a profile, content/people/john-smith.md`,
		`content/people/nobody.md: warning: no article lists "Nobody Atall" or one of its aliases under people: its page lists no articles`,
		// Profiles are read in path order: the first to claim an alias
		// keeps it.
		`content/people/putin-imposter.md: warning: no article lists "Somebody Else" or one of its aliases under people: its page lists no articles`,
		`content/people/vladimir-putin.md: warning: aliases: "Putin" is also a name of Somebody Else in content/people/putin-imposter.md: it stays with that one`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Many profiles no article names are one warning, not a line each.
func TestManyUnusedProfilesAreOneWarning(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	for i := range 7 {
		write(t, root, fmt.Sprintf("content/authors/former-%d.md", i), fmt.Sprintf("---\nname: Former %d\n---\nBio.\n", i))
	}
	res, err := build.Run(build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	const want = `content/authors/former-0.md: warning: no article lists "Former 0" or one of its aliases under authors, nor 6 other profiles of authors/: their pages list no articles`
	if got := res.Warnings.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "authors", "former-6", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestRelatedAndOftenWith(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	const seed = "/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	for u, p := range s.pages {
		if !strings.HasPrefix(u, "/articles/") {
			continue
		}
		related := p.links(firstOf(find(p.doc, "aside", "related")))
		if len(related) > 5 || slices.Contains(related, u) {
			t.Errorf("%s lists related %v", u, related)
		}
	}
	// The non-denial explainer shares Putin, Trump, Peskov, Graham, Moscow,
	// Washington and Diplomacy with the seed.
	if related := s.pages[seed].links(firstOf(find(s.pages[seed].doc, "aside", "related"))); !slices.Contains(related, "/articles/what-a-non-denial-means-in-diplomacy/") {
		t.Errorf("the seed's related articles: %v", related)
	}
	putin := s.pages["/people/vladimir-putin/"]
	often := find(putin.doc, "section", "often-with")
	if len(often) == 0 || !strings.Contains(text(often[0]), "Donald Trump") {
		t.Fatal("the Putin page does not show Donald Trump as often with")
	}
}

func TestSEOMarkup(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	for u, p := range s.pages {
		var desc, canonical, ogTitle string
		for _, m := range find(p.doc, "meta", "") {
			switch {
			case attr(m, "name") == "description":
				desc = attr(m, "content")
			case attr(m, "property") == "og:title":
				ogTitle = attr(m, "content")
			}
		}
		for _, l := range find(p.doc, "link", "") {
			if attr(l, "rel") == "canonical" {
				canonical = attr(l, "href")
			}
		}
		if desc == "" || ogTitle == "" {
			t.Errorf("%s: description %q, og:title %q", u, desc, ogTitle)
		}
		if u != "/404.html" && canonical != strings.TrimSuffix(baseURL, "/")+u {
			t.Errorf("%s: canonical %q", u, canonical)
		}
		if u != "/" && u != "/404.html" && len(find(p.doc, "nav", "breadcrumbs")) == 0 {
			t.Errorf("%s has no breadcrumbs", u)
		}
	}
	art := s.pages["/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"]
	var ld map[string]any
	for _, sc := range find(art.doc, "script", "") {
		if attr(sc, "type") == "application/ld+json" {
			if err := json.Unmarshal([]byte(text(sc)), &ld); err != nil {
				t.Fatalf("JSON-LD: %v", err)
			}
		}
	}
	about, _ := json.Marshal(ld["about"])
	mentions, _ := json.Marshal(ld["mentions"])
	author, _ := json.Marshal(ld["author"])
	if ld["@type"] != "NewsArticle" || ld["datePublished"] != "2024-07-22T09:30:00+02:00" ||
		!strings.Contains(string(about), `"name":"Vladimir Putin"`) || !strings.Contains(string(mentions), `"@type":"Place"`) ||
		!strings.Contains(string(author), "Anna Kowalczyk") {
		t.Errorf("JSON-LD: %v", ld)
	}
}

func TestTaxonomyIndexPagination(t *testing.T) {
	t.Parallel()
	root := buildWithConfig(t, "paginateTerms: 5\n")
	s := parseSite(t, filepath.Join(root, "public"))
	var names []string
	for n := 1; ; n++ {
		u := "/people/"
		if n > 1 {
			u = "/people/page/" + strconv.Itoa(n) + "/"
		}
		p := s.pages[u]
		if p == nil {
			break
		}
		var items []string
		for _, list := range find(p.doc, "ul", "term-index") { // one a letter
			items = append(items, p.links(list)...)
		}
		if len(items) == 0 || len(items) > 5 {
			t.Errorf("%s lists %d people", u, len(items))
		}
		names = append(names, items...)
	}
	if len(names) != 14 || s.pages["/people/by-count/page/3/"] == nil {
		t.Errorf("%d people over the index pages, want 14; by-count page 3 exists: %v", len(names), s.pages["/people/by-count/page/3/"] != nil)
	}
}

func TestFutureArticlesWaitUnlessAsked(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2030/soon.md", "---\ntitle: Soon\ndate: 2030-01-01 10:00\n---\nNot yet.\n")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	res, err := build.Run(build.Options{Source: root, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := "content/articles/2030/soon.md:3: warning: date: 2030-01-01 10:00 is in the future: the article is left out until then (build with -future to include it)"
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != want || res.Future != 1 {
		t.Errorf("warnings %v, future %d; want %q", res.Warnings, res.Future, want)
	}
	s := parseSite(t, filepath.Join(root, "public"))
	if s.pages["/articles/soon/"] != nil || s.pages["/2030/"] != nil {
		t.Error("a future article was published")
	}
	if _, err := build.Run(build.Options{Source: root, Now: now, Future: true}); err != nil {
		t.Fatal(err)
	}
	if s := parseSite(t, filepath.Join(root, "public")); s.pages["/articles/soon/"] == nil || s.pages["/2030/01/"] == nil {
		t.Error("-future did not include the article")
	}
	// A date a few hours ahead (another time zone, a clock ahead) is fine.
	res, _ = build.Run(build.Options{Source: root, Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if res.Future != 0 {
		t.Error("an article dated hours ahead was left out")
	}
}

// buildWithConfig builds a copy of the example site whose config.yaml has
// extra appended, and returns the copy's root.
func buildWithConfig(t *testing.T, extra string) string {
	t.Helper()
	root := copySite(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "config.yaml", string(cfg)+"\n"+extra)
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	return root
}

// Summaries are rendered once and reused at every path depth. A summary
// partial that writes a path into a query string (where it is escaped)
// and an article whose title looks like the placeholder used for that
// reuse must still come out right on every list.
func TestSummariesAtEveryDepth(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	summary, err := os.ReadFile(filepath.Join(root, "layouts/partials/summary.html"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "layouts/partials/summary.html", string(summary)+
		"{{ if eq .Article.Slug \"scripted\" }}<a href=\"/share?u={{ .Rel .Article.URL }}\">Share</a>{{ end }}\n")
	write(t, root, "content/articles/x/scripted.md",
		"---\ntitle: Scripted\ndate: 2025-12-01\ntopics: [Oil & gas]\n---\nBody.\n")
	write(t, root, "content/articles/x/lookalike.md",
		"---\ntitle: \"Paths like /~folio-root~/ stay as written\"\ndate: 2025-12-02\ntopics: [Oil & gas]\n---\nBody.\n")
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	s := parseSite(t, filepath.Join(root, "public"))
	for u, up := range map[string]string{"/": "./", "/2025/": "../", "/topics/oil-and-gas/": "../../", "/2025/12/": "../../"} {
		p := s.pages[u]
		if p == nil {
			t.Fatalf("%s missing", u)
		}
		if want := `<a href="/share?u=` + strings.ReplaceAll(up+"articles/scripted/", "/", "%2f") + `">`; !strings.Contains(p.raw, want) {
			t.Errorf("%s: no %s in the summary", u, want)
		}
		if !strings.Contains(p.raw, `<a href="`+up+`articles/lookalike/">Paths like /~folio-root~/ stay as written</a>`) {
			t.Errorf("%s: the look-alike title or its link changed", u)
		}
	}
}

// With mentions: true an article's text links the first mention of each
// of its people and places (through profile aliases too) to their pages.
func TestMentionsLinkPeopleAndPlaces(t *testing.T) {
	t.Parallel()
	root := buildWithConfig(t, "mentions: true\n")
	s := parseSite(t, filepath.Join(root, "public"))
	checkLinks(t, s)
	p := s.pages["/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"]
	links := map[string]int{}
	first := map[string]string{}
	for _, a := range find(firstOf(find(p.doc, "div", "prose")), "a", "mention") {
		u, _ := resolve(p.url, attr(a, "href"))
		links[u.Path]++
		if first[u.Path] == "" {
			first[u.Path] = text(a)
		}
	}
	want := map[string]string{
		"/people/vladimir-putin/": "Vladimir Putin",
		"/people/donald-trump/":   "Donald Trump",
		"/people/dmitry-peskov/":  "Dmitry Peskov",
		"/places/kyiv/":           "Kyiv",
	}
	for u, name := range want {
		if links[u] != 1 || first[u] != name {
			t.Errorf("%s: linked %d times, first as %q; want once, as %q", u, links[u], first[u], name)
		}
	}
	for u := range links {
		if strings.HasPrefix(u, "/topics/") {
			t.Errorf("a topic is linked: %s", u)
		}
	}
	// Without the option, nothing is linked.
	plain, _ := buildExample(t, build.Options{})
	if n := len(find(plain.pages[p.url].doc, "a", "mention")); n != 0 {
		t.Errorf("%d mentions linked without the option", n)
	}
}
