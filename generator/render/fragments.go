package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"folio/generator/content"
	"folio/generator/site"
)

// SummaryPartial is the layout of one article in a list.
const SummaryPartial = "partials/summary.html"

// fragments caches rendered article summaries. An article is listed on
// its home page, its year and month, and the page of every one of its
// terms; rendering its summary once per distinct path prefix instead of
// once per list is most of the work of a large archive's list pages.
type fragments struct {
	m sync.Map // fragmentKey → template.HTML
}

type fragmentKey struct {
	article *content.Article // a new parse is a new key
	prefix  string
}

// Item is what partials/summary.html receives: one article of a list.
type Item struct {
	Article *site.Article
	Site    *SiteData
	prefix  string
}

// Rel returns a site path as a URL relative to the page the item is on.
func (it *Item) Rel(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	return it.prefix + target[1:]
}

// Summary renders an article of the page's list with
// layouts/partials/summary.html: {{ range .Pager.Items }}{{ $.Summary . }}{{ end }}.
// Its links are relative to the page, written from the site root down
// ("../../people/x/"), so that pages at the same depth share one
// rendering.
func (d *Data) Summary(a *site.Article) (template.HTML, error) {
	t := d.Site.templates
	if t == nil {
		return "", fmt.Errorf("no layouts to render %s with", SummaryPartial)
	}
	prefix := d.rootOf()
	if prefix == "./" {
		prefix = ""
	}
	key := fragmentKey{a.Article, prefix}
	if html, ok := d.Site.fragments.m.Load(key); ok {
		return html.(template.HTML), nil
	}
	var b strings.Builder
	if err := t.executePartial(&b, d.Kind, SummaryPartial, &Item{Article: a, Site: d.Site, prefix: prefix}); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	d.Site.fragments.m.Store(key, html)
	return html, nil
}

// Shared is what a shared partial receives: only what is the same on every
// page of one kind, taxonomy and depth, so that one rendering serves them
// all.
type Shared struct {
	Kind     string
	Taxonomy *site.Taxonomy
	Site     *SiteData
	prefix   string
}

// Rel returns a site path as a URL relative to the page.
func (sh *Shared) Rel(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	return sh.prefix + target[1:]
}

type sharedKey struct {
	name, kind, taxonomy, prefix string
}

// Shared renders a partial that shows only the page's kind, taxonomy and
// the site, such as the header and the footer, once for every combination
// of those and the page's depth: {{ $.Shared "partials/header.html" }}.
// The partial's dot is a Shared, so it cannot depend on anything else.
func (d *Data) Shared(name string) (template.HTML, error) {
	t := d.Site.templates
	if t == nil {
		return "", fmt.Errorf("no layouts to render %s with", name)
	}
	prefix := d.rootOf()
	if prefix == "./" {
		prefix = ""
	}
	key := sharedKey{name: name, kind: d.Kind, prefix: prefix}
	if d.Taxonomy != nil {
		key.taxonomy = d.Taxonomy.Name
	}
	if html, ok := d.Site.fragments.m.Load(key); ok {
		return html.(template.HTML), nil
	}
	var b strings.Builder
	if err := t.executePartial(&b, d.Kind, name, &Shared{Kind: d.Kind, Taxonomy: d.Taxonomy, Site: d.Site, prefix: prefix}); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	d.Site.fragments.m.Store(key, html)
	return html, nil
}
