package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

// SummaryPartial is the layout of one article in a list.
const SummaryPartial = "partials/summary.html"

// fragments caches rendered partials that many pages repeat. An article
// is listed on its home page, its year and month and the page of every
// one of its terms, and every page has the same header and footer:
// rendering those once per distinct path prefix instead of once per page
// is most of the work of a large archive's pages.
type fragments struct {
	m sync.Map // summaryKey or sharedKey → template.HTML
}

type summaryKey struct {
	article *content.Article // a new parse is a new key
	prefix  string           // rootSentinel for the portable rendering
	omit    *site.Term       // see Item.omit
}

// portable is a fragment rendered once for pages at any depth: its site
// paths start with rootSentinel, which each page replaces with its own
// way to the root. It is not usable (ok false) when the partial writes a
// path that html/template escapes (into a query string, say), or when
// the text has the sentinel of its own: then the count of sentinels
// differs from the count of paths written.
type portable struct {
	html string
	ok   bool
}

// rootSentinel stands for the way to the site root in portable fragments.
// Its characters pass html/template's URL and HTML escapers unchanged.
const rootSentinel = "/~folio-root~/"

type sharedKey struct {
	name, kind, taxonomy, prefix string
	// menu is the menu link the page is at or under (see Shared.Current).
	menu      string
	menuExact bool
}

// rooted writes site paths relative to a page from the site root down
// ("../../people/x/"), so that every page at one depth writes them alike.
// When paths is set, it counts the site paths written.
type rooted struct {
	prefix string
	paths  *int
}

// Rel returns a site path as a URL relative to the page.
func (r rooted) Rel(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	if r.paths != nil {
		*r.paths++
	}
	return r.prefix + target[1:]
}

// TermGroups is the dot of partials/term-groups.html: terms grouped by
// taxonomy, with what their counts are read as: {{ template
// "partials/term-groups.html" ($.TermGroups $t.OftenWithGroups "together") }}.
type TermGroups struct {
	*Data
	Groups []site.OftenGroup
	Note   string
}

// TermGroups gives partials/term-groups.html its dot.
func (d *Data) TermGroups(groups []site.OftenGroup, note string) *TermGroups {
	return &TermGroups{Data: d, Groups: groups, Note: note}
}

// Item is what partials/summary.html receives: one article of a list.
type Item struct {
	Article *site.Article
	Site    *SiteData
	rooted
	// omit is the author whose own page lists the article: the byline
	// there need not name them on every item.
	omit *site.Term
}

// Authors are the authors to name in the item's byline: the article's,
// but on an author's page that author.
func (it *Item) Authors() []*site.Term {
	all := it.Article.Authors()
	if it.omit == nil || !slices.Contains(all, it.omit) {
		return all
	}
	return slices.DeleteFunc(slices.Clone(all), func(t *site.Term) bool { return t == it.omit })
}

// WithOthers is true on an author's page for an article they wrote with
// others: the byline then reads "with" the others.
func (it *Item) WithOthers() bool {
	return it.omit != nil && slices.Contains(it.Article.Authors(), it.omit)
}

// Shared is what a shared partial receives: only what is the same on every
// page of one kind, taxonomy and depth, so that one rendering serves them
// all.
type Shared struct {
	Kind     string
	Taxonomy *site.Taxonomy
	Site     *SiteData
	rooted
	menu      string
	menuExact bool
}

// Current says where the page stands to a menu link's URL, for
// aria-current: "page" on the page it leads to, "true" on the pages under
// it (/policies/ while on /policies/corrections/), "" elsewhere:
// {{ with $.Current .URL }} aria-current="{{ . }}"{{ end }}.
func (s *Shared) Current(u string) string {
	switch {
	case u != s.menu:
		return ""
	case s.menuExact:
		return "page"
	}
	return "true"
}

// menuAt finds the menu link the page at u is at, or under: the longest
// site path that begins u. The home page's link is current on the home
// page only, or it would be on every page.
func menuAt(menu []config.MenuItem, u string) (link string, exact bool) {
	for _, m := range menu {
		switch {
		case m.URL == u:
			return m.URL, true
		case m.URL != "/" && strings.HasSuffix(m.URL, "/") && strings.HasPrefix(u, m.URL) && len(m.URL) > len(link):
			link = m.URL
		}
	}
	return link, false
}

// Summary renders an article of the page's list with
// layouts/partials/summary.html: {{ range .Pager.Items }}{{ $.Summary . }}{{ end }}.
// An article is rendered once, portably, for lists at every depth.
func (d *Data) Summary(a *site.Article) (template.HTML, error) {
	r := d.paths()
	var omit *site.Term
	if d.Kind == KindTerm && d.Term != nil && d.Term.Taxonomy.Name == "authors" && slices.Contains(a.Authors(), d.Term) {
		omit = d.Term
	}
	key := summaryKey{article: a.Parsed, prefix: rootSentinel, omit: omit}
	p, err := d.portable(key, SummaryPartial, func(r rooted) any { return &Item{Article: a, Site: d.Site, rooted: r, omit: omit} })
	if err != nil {
		return "", err
	}
	if p.ok {
		return template.HTML(strings.ReplaceAll(p.html, rootSentinel, r.prefix)), nil
	}
	key.prefix = r.prefix
	return d.cached(key, SummaryPartial, &Item{Article: a, Site: d.Site, rooted: r, omit: omit})
}

// Shared renders a partial that shows only the page's kind, taxonomy and
// the site, such as the header and the footer, once for every combination
// of those and the page's depth: {{ .Shared "partials/header.html" }}.
// The partial's dot is a Shared, so it cannot depend on anything else.
func (d *Data) Shared(name string) (template.HTML, error) {
	r := d.paths()
	key := sharedKey{name: name, kind: d.Kind, prefix: r.prefix}
	if d.Taxonomy != nil {
		key.taxonomy = d.Taxonomy.Name
	}
	key.menu, key.menuExact = menuAt(d.Site.Menu, d.URL)
	return d.cached(key, name, &Shared{Kind: d.Kind, Taxonomy: d.Taxonomy, Site: d.Site, rooted: r, menu: key.menu, menuExact: key.menuExact})
}

// paths is the page's way of writing site paths for shared fragments. On
// the home page it is "./", never "": a link to the home page itself must
// not be an empty href.
func (d *Data) paths() rooted {
	return rooted{prefix: d.rootOf()}
}

// portable renders the partial name once per key of this plan with
// paths that any page can make its own.
func (d *Data) portable(key any, name string, dot func(rooted) any) (portable, error) {
	if p, ok := d.Site.fragments.m.Load(key); ok {
		return p.(portable), nil
	}
	paths := 0
	html, err := d.execute(name, dot(rooted{prefix: rootSentinel, paths: &paths}))
	if err != nil {
		return portable{}, err
	}
	p := portable{html: html, ok: strings.Count(html, rootSentinel) == paths}
	d.Site.fragments.m.Store(key, p)
	return p, nil
}

// cached renders the partial name with dot once per key of this plan.
func (d *Data) cached(key any, name string, dot any) (template.HTML, error) {
	if html, ok := d.Site.fragments.m.Load(key); ok {
		return html.(template.HTML), nil
	}
	s, err := d.execute(name, dot)
	if err != nil {
		return "", err
	}
	html := template.HTML(s)
	d.Site.fragments.m.Store(key, html)
	return html, nil
}

// execute renders the partial name with dot, with the layouts of the
// page's kind.
func (d *Data) execute(name string, dot any) (string, error) {
	t := d.Site.templates
	if t == nil {
		return "", fmt.Errorf("no layouts to render %s with", name)
	}
	var b strings.Builder
	if err := t.executePartial(&b, d.Kind, name, dot); err != nil {
		return "", err
	}
	return b.String(), nil
}
