package render

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/site"
)

// Page is one page of the site, planned but not rendered.
type Page struct {
	// URL is the page's path: /people/jane-doe/ or /404.html.
	URL  string
	Kind string
	Data *Data
	// Source is the file the page comes from, for error messages.
	Source string
	// key and deps are what the page shows: key its own scalars (title,
	// page number, term names), deps the articles it shows. A page whose
	// key and deps are unchanged renders to the same bytes with the same
	// layouts, so a rebuild can skip it.
	key  string
	deps []*site.Article
	// shown holds the parsed articles the deps had when the page was
	// last rendered: site.Swap can change them in place.
	shown []*content.Article
}

// Unchanged reports whether the page shows the same data as old, a page
// of an earlier plan with the same URL, made with the same config and
// layouts. Articles count as the same when they come from the same parse:
// an edited file is parsed anew, so its pages and its neighbours' differ.
func (p *Page) Unchanged(old *Page) bool {
	if old == nil || p.Kind != old.Kind || p.key != old.key || !slices.Equal(p.shown, old.shown) {
		return false
	}
	// An article page also shows the names of its terms, which other
	// articles can change (the most used spelling wins).
	return p.Kind != KindArticle || site.SameTermNames(p.Data.Article, old.Data.Article)
}

// Stale reports whether an article the page shows was swapped for a new
// version since the page was planned or last marked Rendered.
func (p *Page) Stale() bool {
	for i, a := range p.deps {
		if parsed(a) != p.shown[i] {
			return true
		}
	}
	return false
}

// Refresh re-derives the data that the page copies from its article, for
// a page whose article site.Swap replaced.
func (p *Page) Refresh() {
	if a := p.Data.Article; a != nil && p.Kind == KindArticle {
		p.Data.Title, p.Data.Description = a.Title, a.Description
	}
}

// Rendered records that the page was rendered with its deps as they are.
func (p *Page) Rendered() {
	for i, a := range p.deps {
		p.shown[i] = parsed(a)
	}
}

func parsed(a *site.Article) *content.Article {
	if a == nil {
		return nil
	}
	return a.Article
}

// File is the output file of the page, relative to the output folder.
func (p *Page) File() string {
	if strings.HasSuffix(p.URL, "/") {
		return strings.TrimPrefix(p.URL, "/") + "index.html"
	}
	return strings.TrimPrefix(p.URL, "/")
}

// Data is what a layout receives as its dot. The README documents it.
type Data struct {
	Site *SiteData
	// Kind is home, article, term, taxonomy or 404.
	Kind string
	// URL is the page's own site path.
	URL string
	// Title is the page's heading; Description its one-line summary.
	Title       string
	Description string
	// Article is set on article pages.
	Article *site.Article
	// Term is set on term pages; Taxonomy on term and taxonomy pages.
	Term     *site.Term
	Taxonomy *site.Taxonomy
	// ByCount is true on the taxonomy index sorted by article count.
	ByCount bool
	// Pager is set on home and term pages.
	Pager *Pager
	// rootPrefix replaces the leading slash of site paths: "../../" on
	// /articles/x/, or the base URL's path on the 404 page, which hosts
	// serve at any address.
	rootPrefix string
}

// SiteData describes the whole site to layouts.
type SiteData struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	Taxonomies  []*site.Taxonomy
	Params      map[string]any
}

// Rel returns a site path as a URL relative to this page:
// {{ $.Rel .URL }} in a layout.
func (d *Data) Rel(target string) string {
	if d.rootPrefix == "" {
		return relative(d.URL, target)
	}
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	return d.rootPrefix + target[1:]
}

// Permalink is the page's absolute URL, made with the configured baseURL.
func (d *Data) Permalink() string { return absURL(d.Site.BaseURL, d.URL) }

// PageTitle is the text for <title>: the page's title and the site's.
func (d *Data) PageTitle() string { return pageTitle(d.Title, d.Site.Title) }

// Content is the article body, with its links into the site made relative
// to this page.
func (d *Data) Content() template.HTML {
	if d.Article == nil {
		return ""
	}
	prefix := d.rootPrefix
	if prefix == "" {
		prefix = relative(d.URL, "/")
	}
	return template.HTML(rebase(d.Article.Body, prefix))
}

// Pager is one page of a paginated list of articles.
type Pager struct {
	// Number is this page's number, from 1; Total the number of pages.
	Number, Total int
	// Items are the articles on this page (a window on the full list).
	Items []*site.Article
	// Offset is the number of articles on the pages before this one.
	Offset int
	// TotalItems is the length of the full list.
	TotalItems int
	base       string
}

// URLOf is the site path of page n: the list's own URL for page 1.
func (p *Pager) URLOf(n int) string {
	if n <= 1 {
		return p.base
	}
	return p.base + "page/" + strconv.Itoa(n) + "/"
}

// Prev is the site path of the previous page, or "" on the first.
func (p *Pager) Prev() string {
	if p.Number <= 1 {
		return ""
	}
	return p.URLOf(p.Number - 1)
}

// Next is the site path of the next page, or "" on the last.
func (p *Pager) Next() string {
	if p.Number >= p.Total {
		return ""
	}
	return p.URLOf(p.Number + 1)
}

// PageLink is one entry of a numbered page navigation; a Gap stands for
// pages left out between two links.
type PageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// Links lists the first and last pages and the two on either side of this
// one, with gaps between, so that a list of 500 pages needs 9 links.
func (p *Pager) Links() []PageLink {
	var out []PageLink
	last := 0
	visit := func(n int) {
		if n < 1 || n > p.Total || n <= last {
			return
		}
		switch {
		case n == last+2: // a gap of one page is shown as that page
			out = append(out, p.link(last+1))
		case n > last+2:
			out = append(out, PageLink{Gap: true})
		}
		out = append(out, p.link(n))
		last = n
	}
	visit(1)
	for n := p.Number - 2; n <= p.Number+2; n++ {
		visit(n)
	}
	visit(p.Total)
	return out
}

func (p *Pager) link(n int) PageLink {
	return PageLink{Number: n, URL: p.URLOf(n), Current: n == p.Number}
}

// Plan lists every page of the site. It reports pages that would share a
// URL, naming the files they come from.
func Plan(s *site.Site) ([]*Page, diag.List) {
	cfg := s.Config
	sd := &SiteData{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL,
		Language: cfg.Language, Taxonomies: s.Taxonomies, Params: cfg.Params,
	}
	n := len(s.Articles) + len(s.Articles)/cfg.Paginate + 2
	for _, t := range s.Taxonomies {
		n += len(t.Terms) + 2
	}
	pages := make([]*Page, 0, n)
	add := func(source string, d *Data, key string, deps []*site.Article) *Page {
		d.Site = sd
		p := &Page{URL: d.URL, Kind: d.Kind, Data: d, Source: source, key: key, deps: deps, shown: make([]*content.Article, len(deps))}
		p.Rendered()
		pages = append(pages, p)
		return p
	}

	paginate(cfg, "/", s.Articles, func(p *Pager) {
		title := ""
		if p.Number > 1 {
			title = fmt.Sprintf("Latest articles, page %d", p.Number)
		}
		add(config.FileName, &Data{Kind: KindHome, URL: p.URLOf(p.Number), Title: title, Description: cfg.Description, Pager: p},
			pagerKey(p, title), p.Items)
	})
	for _, a := range s.Articles {
		add(a.Path, &Data{Kind: KindArticle, URL: a.URL, Article: a}, "", []*site.Article{a, a.Newer, a.Older}).Refresh()
	}
	for _, t := range s.Taxonomies {
		key := taxonomyKey(t)
		add(config.FileName, &Data{Kind: KindTaxonomy, URL: t.URL, Title: t.Title, Taxonomy: t,
			Description: fmt.Sprintf("%s in the archive, A–Z.", t.Title)}, key, nil)
		add(config.FileName, &Data{Kind: KindTaxonomy, URL: t.URL + "by-count/", Title: t.Title + " by number of articles",
			Taxonomy: t, ByCount: true, Description: fmt.Sprintf("%s in the archive, by number of articles.", t.Title)}, key, nil)
		for _, term := range t.Terms {
			paginate(cfg, term.URL, term.Articles, func(p *Pager) {
				title := term.Name
				if p.Number > 1 {
					title = fmt.Sprintf("%s, page %d", term.Name, p.Number)
				}
				add(term.Source, &Data{Kind: KindTerm, URL: p.URLOf(p.Number), Title: title, Term: term, Taxonomy: t, Pager: p,
					Description: fmt.Sprintf("%s: %s in the archive, newest first.", term.Name, plural(term.Count(), "article", "articles"))},
					pagerKey(p, title), p.Items)
			})
		}
	}
	basePath := "/"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Path != "" {
		basePath = u.Path
	}
	add(config.FileName, &Data{Kind: Kind404, URL: "/404.html", Title: "Page not found", rootPrefix: basePath}, "", nil)

	return pages, duplicates(pages)
}

// pagerKey is what a list page shows besides its articles.
func pagerKey(p *Pager, title string) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%d", title, p.Number, p.Total, p.TotalItems)
}

// taxonomyKey is what a taxonomy index shows: every term and its count.
func taxonomyKey(t *site.Taxonomy) string {
	var b strings.Builder
	for _, term := range t.Terms {
		fmt.Fprintf(&b, "%s\x00%d\x00", term.Name, term.Count())
	}
	return b.String()
}

// paginate cuts list into pages of cfg.Paginate articles, as windows on the
// one list, and calls emit for each; an empty list still has one page.
func paginate(cfg *config.Config, base string, list []*site.Article, emit func(*Pager)) {
	size := cfg.Paginate
	total := max(1, (len(list)+size-1)/size)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(list))
		emit(&Pager{Number: n, Total: total, Items: list[lo:hi:hi], Offset: lo, TotalItems: len(list), base: base})
	}
}

// duplicates reports pages that would be written to the same file.
func duplicates(pages []*Page) diag.List {
	var probs diag.List
	seen := make(map[string]*Page, len(pages))
	for _, p := range pages {
		if other, dup := seen[p.URL]; dup {
			if p.Kind == KindArticle && other.Kind == KindArticle {
				continue // site.Assemble reports these, naming the slug
			}
			probs = append(probs, diag.Errorf(p.Source, 0, "",
				"the %s page %s has the same URL as the %s page of %s: rename one of them", p.Kind, p.URL, other.Kind, other.Source))
			continue
		}
		seen[p.URL] = p
	}
	return probs
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(n) + " " + many
}
