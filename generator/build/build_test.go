package build_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"folio/generator/build"
	"folio/generator/diag"
	"folio/generator/progress"
	"folio/generator/sitetest"
)

// exampleSite is the repository's own example archive.
const exampleSite = "../.."

// page is a parsed output page.
type page struct {
	url  string
	raw  string
	doc  *html.Node
	ids  map[string]bool
	refs []string // href and src values, as written
}

// site is a built site, parsed.
type site struct {
	dir   string
	pages map[string]*page // by URL path
}

func buildExample(t *testing.T, opts build.Options) (*site, *build.Result) {
	t.Helper()
	if opts.Source == "" {
		opts.Source = exampleSite
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(t.TempDir(), "public")
	}
	res, err := build.Run(opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return parseSite(t, opts.Dest), res
}

func parseSite(t *testing.T, dir string) *site {
	t.Helper()
	s := &site{dir: dir, pages: map[string]*page{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pg := &page{url: u, raw: string(raw), doc: doc, ids: map[string]bool{}}
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					pg.ids[a.Val] = true
				case "href", "src":
					pg.refs = append(pg.refs, a.Val)
				}
			}
		})
		s.pages[u] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// find returns the elements matching tag and, when class is not empty,
// having that class.
func find(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	walk(n, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || slices.Contains(strings.Fields(attr(n, "class")), class)) {
			out = append(out, n)
		}
	})
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// links returns the site paths that the page's <a> elements inside root
// point to, resolved against the page's URL.
func (p *page) links(root *html.Node) []string {
	var out []string
	for _, a := range find(root, "a", "") {
		if u, ok := resolve(p.url, attr(a, "href")); ok {
			out = append(out, u.Path)
		}
	}
	return out
}

// resolve resolves a reference on the page at from; ok is false for
// references outside the site.
func resolve(from, ref string) (*url.URL, bool) {
	r, err := url.Parse(ref)
	if err != nil || r.Scheme != "" || r.Host != "" {
		return nil, false
	}
	base := &url.URL{Scheme: "http", Host: "site", Path: from}
	return base.ResolveReference(r), true
}

func (s *site) exists(p string) bool {
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	info, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(p)))
	return err == nil && !info.IsDir()
}

func TestExampleSiteLinksResolve(t *testing.T) {
	t.Parallel()
	s, res := buildExample(t, build.Options{})
	if res.Articles < 16 {
		t.Fatalf("the example archive has %d articles, want at least 16", res.Articles)
	}
	written := 0
	filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".txt")) {
			written++
		}
		return err
	})
	if written != res.Pages {
		t.Errorf("%d pages, feeds and sitemaps written, the summary says %d pages", written, res.Pages)
	}
	if checked := checkLinks(t, s); checked < 500 {
		t.Errorf("only %d internal links checked", checked)
	}
	// The 404 page links with the base URL's path, so it works at any depth.
	for _, ref := range s.pages["/404.html"].refs {
		if strings.HasPrefix(ref, "#") {
			continue
		}
		if !strings.HasPrefix(ref, "/") || !s.exists(ref) {
			t.Errorf("404 page: link %q is not a root-relative path to a written file", ref)
		}
	}
}

// checkLinks asserts that every internal link and fragment of every page
// (but the 404 page, whose links are root-relative) resolves, and returns
// how many links it checked.
func checkLinks(t *testing.T, s *site) int {
	t.Helper()
	checked := 0
	for _, p := range s.pages {
		if p.url == "/404.html" {
			continue // served at any address: its links are root-relative
		}
		for _, ref := range p.refs {
			u, ok := resolve(p.url, ref)
			if !ok {
				continue
			}
			checked++
			if u.Host != "site" || !s.exists(u.Path) {
				t.Errorf("%s: link %q resolves to %s, which was not written", p.url, ref, u.Path)
				continue
			}
			if u.Fragment != "" {
				target := s.pages[u.Path]
				if target == nil || !target.ids[u.Fragment] {
					t.Errorf("%s: link %q: no element with id %q", p.url, ref, u.Fragment)
				}
			}
		}
	}
	return checked
}

func TestExampleArticlesAndTermsLinkBothWays(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	art := s.pages["/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"]
	if art == nil {
		t.Fatal("the seed article's page is missing")
	}
	wantTerms := []string{"/people/vladimir-putin/", "/people/donald-trump/", "/people/dmitry-peskov/", "/places/moscow/", "/places/kyiv/", "/topics/diplomacy/", "/topics/war-in-ukraine/"}
	links := art.links(art.doc)
	for _, w := range wantTerms {
		if !slices.Contains(links, w) {
			t.Errorf("the seed article does not link %s", w)
		}
	}
	// Its byline links its author.
	meta := find(art.doc, "p", "meta")
	if len(meta) == 0 || !slices.Contains(art.links(meta[0]), "/authors/anna-kowalczyk/") {
		t.Error("the byline does not link the author page")
	}
	if ts := find(art.doc, "time", ""); len(ts) == 0 || attr(ts[0], "datetime") != "2024-07-22T09:30:00+02:00" || text(ts[0]) != "22 July 2024" {
		t.Errorf("the article date is not a <time datetime> in the site's time zone: %v", ts)
	}
	if strings.Contains(art.raw, "Leave a Reply") || strings.Contains(art.raw, "Be the first to comment") {
		t.Error("the seed's comment-form boilerplate is on the page")
	}

	// Every term page lists each of its articles, and each of those links
	// back to the term.
	terms := 0
	for u, p := range s.pages {
		if !isTermPage(u) {
			continue
		}
		terms++
		for _, a := range p.links(firstOf(find(p.doc, "ol", "article-list"))) {
			back := s.pages[a]
			if back == nil {
				t.Errorf("%s lists %s, which does not exist", u, a)
				continue
			}
			termURL := regexp.MustCompile(`page/\d+/$`).ReplaceAllString(u, "")
			if !slices.Contains(back.links(back.doc), termURL) {
				t.Errorf("%s lists %s, which does not link back to %s", u, a, termURL)
			}
		}
	}
	if terms < 30 {
		t.Errorf("only %d term pages", terms)
	}
}

func isTermPage(u string) bool {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	return len(parts) >= 2 && slices.Contains([]string{"people", "places", "topics", "authors"}, parts[0]) && parts[1] != "by-count"
}

func firstOf(ns []*html.Node) *html.Node {
	if len(ns) == 0 {
		return &html.Node{}
	}
	return ns[0]
}

func TestExampleVariantSpellingsMerge(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	for u, name := range map[string]string{"/places/zurich/": "Zürich", "/places/kyiv/": "Kyiv", "/people/lukasz-zak/": "Łukasz Żak", "/topics/oil-and-gas/": "Oil & gas", "/people/siobhan-obrien/": "Siobhán O'Brien"} {
		p := s.pages[u]
		if p == nil {
			t.Errorf("%s is missing", u)
			continue
		}
		if h := text(firstOf(find(p.doc, "h1", ""))); h != name {
			t.Errorf("%s: heading %q, want %q", u, h, name)
		}
	}
	for u := range s.pages {
		if strings.Contains(u, "zürich") || u == "/places/zurich-2/" || strings.ContainsAny(u, "ÜüŻż ") {
			t.Errorf("unexpected page %s", u)
		}
	}
}

func TestExamplePagination(t *testing.T) {
	t.Parallel()
	s, res := buildExample(t, build.Options{})
	const perPage = 10 // config.yaml
	pages := (res.Articles + perPage - 1) / perPage
	var listed []string
	for n := 1; n <= pages; n++ {
		u := "/"
		if n > 1 {
			u = "/page/" + strconv.Itoa(n) + "/"
		}
		p := s.pages[u]
		if p == nil {
			t.Fatalf("home page %d (%s) is missing", n, u)
		}
		items := p.links(firstOf(find(p.doc, "ol", "article-list")))
		if n == 1 { // the front page opens on the newest, apart
			items = append(p.links(firstOf(find(p.doc, "article", "top-story")))[:1], items...)
		}
		if n < pages && len(items) != perPage || len(items) == 0 || len(items) > perPage {
			t.Errorf("%s lists %d articles", u, len(items))
		}
		listed = append(listed, items...)
		rels := map[string]string{}
		for _, l := range find(p.doc, "link", "") {
			rels[attr(l, "rel")] = attr(l, "href")
		}
		if (n > 1) != (rels["prev"] != "") || (n < pages) != (rels["next"] != "") {
			t.Errorf("%s: rel=prev %q, rel=next %q", u, rels["prev"], rels["next"])
		}
	}
	if s.pages["/page/"+strconv.Itoa(pages+1)+"/"] != nil || s.pages["/page/1/"] != nil {
		t.Error("a page beyond the last, or /page/1/, was written")
	}
	if len(listed) != res.Articles {
		t.Errorf("home pages list %d articles, want %d", len(listed), res.Articles)
	}
	seen := map[string]bool{}
	for _, u := range listed {
		if seen[u] {
			t.Errorf("%s is listed twice", u)
		}
		seen[u] = true
	}
	// The first listed article is the newest.
	if listed[0] != "/articles/krakow-meeting-puts-fragile-newspapers-first/" {
		t.Errorf("newest article listed first: got %s", listed[0])
	}
}

func TestExampleEscaping(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	const title = "Why “<b>” tags & smart quotes break old archives" // curly: the typographer is on
	p := s.pages["/articles/why-b-tags-and-smart-quotes-break-old-archives/"]
	if p == nil {
		t.Fatal("article missing")
	}
	h1 := firstOf(find(p.doc, "h1", ""))
	if text(h1) != title || len(find(h1, "b", "")) != 0 {
		t.Errorf("h1 is %q with %d <b> elements; want the literal title", text(h1), len(find(h1, "b", "")))
	}
	if !strings.Contains(p.raw, "&lt;b&gt;") {
		t.Error("the title's < is not escaped in the HTML source")
	}
	titles := find(p.doc, "title", "")
	if len(titles) != 1 || !strings.HasPrefix(text(titles[0]), title) {
		t.Errorf("<title> is %q", text(firstOf(titles)))
	}
	// In the JSON-LD script, the title is JSON with < escaped, so that no
	// title can close the script element.
	for _, sc := range find(p.doc, "script", "") {
		var ld struct{ Headline string }
		if err := json.Unmarshal([]byte(text(sc)), &ld); err != nil || ld.Headline != title {
			t.Errorf("JSON-LD headline %q (%v); want the title", ld.Headline, err)
		}
		if strings.Contains(text(sc), "<") {
			t.Error("the JSON-LD has a raw <")
		}
	}
	// The term page of "Oil & gas" escapes the ampersand.
	if q := s.pages["/topics/oil-and-gas/"]; q == nil || !strings.Contains(q.raw, "<h1>Oil &amp; gas</h1>") {
		t.Error("the Oil & gas page does not escape its name")
	}
}

func TestDraftsAreExcludedUnlessAsked(t *testing.T) {
	t.Parallel()
	const draft = "/articles/notes-from-a-newsroom-style-guide-overhaul/"
	s, res := buildExample(t, build.Options{})
	if s.pages[draft] != nil || res.Drafts != 1 {
		t.Errorf("draft page written: %v, drafts left out: %d", s.pages[draft] != nil, res.Drafts)
	}
	s, _ = buildExample(t, build.Options{Drafts: true})
	if s.pages[draft] == nil {
		t.Error("-drafts did not include the draft")
	}
}

func TestSameInputSameOutput(t *testing.T) {
	t.Parallel()
	a, _ := buildExample(t, build.Options{})
	b, _ := buildExample(t, build.Options{})
	if len(a.pages) != len(b.pages) {
		t.Fatalf("%d vs %d pages", len(a.pages), len(b.pages))
	}
	for u, p := range a.pages {
		if q := b.pages[u]; q == nil || q.raw != p.raw {
			t.Errorf("%s differs between two builds", u)
		}
	}
}

// copySite copies the example site's sources to a temporary folder.
func copySite(t *testing.T) string { return sitetest.Copy(t, exampleSite) }

func write(t *testing.T, root, name, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBadArticlesAreAllReportedAndOutputKept(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	before := parseSite(t, dest)
	write(t, root, "content/articles/bad/no-title.md", "---\ndate: 2024-01-01\n---\nBody.\n")
	write(t, root, "content/articles/bad/bad-date.md", "---\ntitle: X\ndate: 2024-02-30\n---\nBody.\n")
	write(t, root, "content/articles/bad/broken.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n")
	write(t, root, "content/articles/other/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md", "---\ntitle: Copy\ndate: 2020-01-01\n---\nSame slug.\n")
	_, err := build.Run(build.Options{Source: root})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a diag.List", err)
	}
	want := []string{
		`content/articles/bad/bad-date.md:3: date: "2024-02-30" is not a real date (day out of range)`,
		`content/articles/bad/broken.md:3: YAML front matter: did not find expected ',' or ']'`,
		`content/articles/bad/no-title.md:1: title: missing: add a line title: "…" to the front matter`,
		`content/articles/other/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md: slug: the URL /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ is also the URL of content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md: give one of them a different slug: in its front matter`,
	}
	got := strings.Split(list.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	after := parseSite(t, dest)
	if len(after.pages) != len(before.pages) {
		t.Errorf("the failed build changed public/: %d pages before, %d after", len(before.pages), len(after.pages))
	}
	for u, p := range before.pages {
		if q := after.pages[u]; q == nil || q.raw != p.raw {
			t.Errorf("%s changed in a failed build", u)
		}
	}
}

func TestTemplateErrorsNameTheLayout(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "layouts/term.html", "{{ define \"main\" }}\n<h1>{{ .Term.Name }</h1>\n{{ end }}\n")
	_, err := build.Run(build.Options{Source: root})
	if err == nil || err.Error() != `layouts/term.html:2: unexpected "}" in operand` {
		t.Errorf("err = %v", err)
	}
	write(t, root, "layouts/term.html", "{{ define \"main\" }}\n<h1>{{ .Term.Nmae }}</h1>\n{{ end }}\n")
	_, err = build.Run(build.Options{Source: root})
	if err == nil || !strings.HasPrefix(err.Error(), `layouts/term.html:2:12: executing "main" at <.Term.Nmae>: can't evaluate field Nmae`) {
		t.Errorf("err = %v", err)
	}
}

func TestDeletedArticlesDisappear(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	gone := "content/articles/2019/04/how-ukraines-two-round-presidential-election-works.md"
	if err := os.Remove(filepath.Join(root, gone)); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	s := parseSite(t, filepath.Join(root, "public"))
	if s.pages["/articles/how-ukraines-two-round-presidential-election-works/"] != nil {
		t.Error("the deleted article's page is still in public/")
	}
	for u, p := range s.pages {
		if strings.Contains(p.raw, "how-ukraines-two-round-presidential-election-works") {
			t.Errorf("%s still links the deleted article", u)
		}
	}
}

func TestDestGuards(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	for _, dest := range []string{root, filepath.Join(root, "content", "out"), filepath.Dir(root)} {
		if _, err := build.Run(build.Options{Source: root, Dest: dest}); err == nil {
			t.Errorf("-dest %s was accepted", dest)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content", "articles")); err != nil {
		t.Fatal("content/ was damaged")
	}
}

func TestStaticFilesCopiedAndCollisionsRefused(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/images/a.txt", "hello")
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "public", "images", "a.txt"))
	if err != nil || string(b) != "hello" {
		t.Errorf("static file not copied: %q %v", b, err)
	}
	write(t, root, "static/404.html", "mine")
	_, err = build.Run(build.Options{Source: root})
	if err == nil || err.Error() != "static/404.html: the generated page /404.html has the same file name: rename or remove the static file" {
		t.Errorf("err = %v", err)
	}
}

func TestSearchNeedsItsFolderAndScript(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/search/meta.json", "{}")
	_, err := build.Run(build.Options{Source: root})
	if err == nil || err.Error() != "static/search/meta.json: the search index is written under /search/: move the file, or set search: false in config.yaml" {
		t.Errorf("err = %v", err)
	}
	if err := os.RemoveAll(filepath.Join(root, "static/search")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(root, "static/js/search.js")); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Source: root})
	if err != nil || len(res.Warnings) != 1 || res.Warnings[0].Error() != "layouts/search.html: warning: static/js/search.js is missing, so the search page cannot search: restore it, or set search: false in config.yaml" {
		t.Errorf("warnings %v, err %v", res.Warnings, err)
	}
	// Without search, neither matters, and there is no page or index.
	write(t, root, "static/search/mine.txt", "mine")
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "config.yaml", string(cfg)+"\nsearch: false\n")
	if err := os.Remove(filepath.Join(root, "layouts/search.html")); err != nil {
		t.Fatal(err)
	}
	res, err = build.Run(build.Options{Source: root})
	if err != nil || len(res.Warnings) != 0 {
		t.Fatalf("warnings %v, err %v", res.Warnings, err)
	}
	if _, err := os.Stat(filepath.Join(root, "public/search/index.html")); !os.IsNotExist(err) {
		t.Errorf("a search page without search: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "public/search/meta.json")); !os.IsNotExist(err) {
		t.Errorf("an index without search: %v", err)
	}
}

func TestDefaultsWithoutConfigAndDatedPermalinks(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	if err := os.Remove(filepath.Join(root, "config.yaml")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	res, err := build.Run(build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	s := parseSite(t, dest)
	// 20 articles a page by default: the example archive fits on one.
	if res.Articles > 20 || s.pages["/page/2/"] != nil {
		t.Errorf("default pagination: %d articles, page 2 written: %v", res.Articles, s.pages["/page/2/"] != nil)
	}
	if h := text(firstOf(find(s.pages["/"].doc, "h1", ""))); h != "Archive" {
		t.Errorf("default title %q", h)
	}
	// Without a time zone, dates are UTC.
	art := s.pages["/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"]
	if ts := find(art.doc, "time", ""); attr(ts[0], "datetime") != "2024-07-22T09:30:00Z" {
		t.Errorf("datetime %q", attr(ts[0], "datetime"))
	}

	write(t, root, "config.yaml", "permalinks:\n  articles: /:year/:month/:slug/\nbaseURL: https://example.org/sub/\n")
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	s = parseSite(t, dest)
	art = s.pages["/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"]
	if art == nil {
		t.Fatal("no article at /2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/")
	}
	var canonical string
	for _, l := range find(art.doc, "link", "") {
		if attr(l, "rel") == "canonical" {
			canonical = attr(l, "href")
		}
	}
	if canonical != "https://example.org/sub/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/" {
		t.Errorf("canonical %q", canonical)
	}
	// Links between articles written as /articles/<slug>/ in Markdown keep
	// their path; all others resolve.
	for _, p := range s.pages {
		for _, ref := range p.refs {
			if u, ok := resolve(p.url, ref); ok && p.url != "/404.html" && !s.exists(u.Path) && !strings.HasPrefix(u.Path, "/articles/") {
				t.Errorf("%s: %q does not resolve", p.url, ref)
			}
		}
	}
	// The 404 page links under the base URL's path.
	if refs := s.pages["/404.html"].refs; !slices.Contains(refs, "/sub/people/") {
		t.Errorf("404 links %v, want /sub/people/ among them", refs)
	}
}

// TestTookCoversEveryPhase: the time a build reports is all it took, the
// look at the sources before it and the records after it too, so that
// its phases add up to no more than it.
func TestTookCoversEveryPhase(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	m := &progress.Meter{}
	res, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), Progress: m})
	if err != nil {
		t.Fatal(err)
	}
	var sum time.Duration
	var phases []string
	for _, p := range m.Timings() {
		if !p.Beside {
			sum += p.Took
			phases = append(phases, p.Phase)
		}
	}
	if sum > res.Took {
		t.Errorf("the phases %v took %v, more than the build's %v", phases, sum, res.Took)
	}
	for _, want := range []string{"check", "scan", "render and write", "swap", "record"} {
		if !slices.Contains(phases, want) {
			t.Errorf("no %q among the phases %v", want, phases)
		}
	}
}
