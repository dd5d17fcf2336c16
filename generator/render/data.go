package render

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

// Data is what a layout receives as its dot. The README documents it.
type Data struct {
	Site *SiteData
	// Kind is the page kind: home, article, term, taxonomy, archive,
	// period or 404 (and feed or sitemap for the XML files).
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
	// Letters lead to the letters of an A–Z index, on each of its pages.
	Letters []LetterLink
	// Period is set on year and month pages.
	Period *site.Period
	// Series is set on a series' page (its parts are .Pager.Items);
	// AllSeries on the list of every series.
	Series    *site.Series
	AllSeries []*site.Series
	// Page is set on standalone pages (content/pages): .Page.Title,
	// .Page.Params; .Content is its text.
	Page *content.Page
	// Pager is set on every list page: home, term, taxonomy, period.
	Pager *Pager
	// Feed is the site path of the page's Atom feed, or "".
	Feed string
	// Crumbs lead from the home page to this one, this one excluded: on
	// a standalone page, through the pages it is under.
	Crumbs []Crumb
	// Children are the standalone pages right under this one (the files
	// in the folder of its name), by weight, then title.
	Children []Crumb
	// rootPrefix replaces the leading slash of site paths: "../../" on
	// /articles/x/, or the base URL's path on the 404 page, which hosts
	// serve at any address.
	rootPrefix string
	// root is what replaces the leading slash of site paths in HTML:
	// rootPrefix, or the way up to the root ("../../", "./").
	root string
	// entries are the URLs of a sitemap page, or the sitemaps of an index.
	entries      []sitemapEntry
	sitemapIndex bool
	// news are the articles of the news sitemap; on robots.txt, its
	// presence.
	news []*site.Article
	// redirect is the redirect a redirect page stands for; redirects
	// are all of them, for the host's redirect file.
	redirect  *site.Redirect
	redirects []site.Redirect
	// queryMap is a page of the map of old addresses with a query (old
	// address → new); queryShards the number of them, for its index.
	queryMap    map[string]string
	queryShards int
	// queryScript puts the script that follows that map on the page.
	queryScript bool
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Title string
	URL   string
}

// SiteData describes the whole site to layouts.
type SiteData struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	Taxonomies  []*site.Taxonomy
	// Years are the date archive, newest first.
	Years  []*site.Period
	Params map[string]any
	// Data holds the data files (data/**): see package sitedata.
	Data map[string]any
	// Feed is the site path of the site's Atom feed.
	Feed string
	// Search is true when the site has a search page, /search/.
	Search bool
	// SeriesURL and CorrectionsURL are the site paths of the list of
	// series and of corrections, "" when the site has none.
	SeriesURL, CorrectionsURL string
	// MostCovered are the people, places and topics named most in the
	// archive's newest months (site.NewsWindow), for the front page.
	MostCovered []site.OftenGroup
	// Menu is config.yaml's menu: the header's links in its place of
	// the taxonomies, archive and search; empty when not given.
	Menu []config.MenuItem
	// fullFeeds puts whole articles in feeds.
	fullFeeds bool
	// templates and fragments render and cache article summaries for
	// Data.Summary; one plan, one cache.
	templates *Templates
	fragments *fragments
	// assets are the fingerprinted names of static files (see Plan).
	assets map[string]string
	// pictures are the processed images, by their source's site path.
	pictures Pictures
	// mentions links people and places in article text (config mentions).
	mentions bool
	// dateFormat and loc show dates to readers, as the date function.
	dateFormat string
	loc        *time.Location
}

// layoutSum identifies what makes pages of kind look as they do: the
// layouts, and the names of the assets they link.
func (sd *SiteData) layoutSum(kind string) [sha256.Size]byte {
	sum := sd.templates.kindSum(kind)
	if len(sd.assets) == 0 {
		return sum
	}
	h := sha256.New()
	h.Write(sum[:])
	for _, k := range slices.Sorted(maps.Keys(sd.assets)) {
		fmt.Fprintf(h, "%s\x00%s\x00", k, sd.assets[k])
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// TermYears counts the term's articles by year, in the site's zone, for
// the term page's chart: {{ range .TermYears }}{{ .Year }} {{ .Count }}{{ end }}.
func (d *Data) TermYears() []site.YearCount {
	if d.Term == nil {
		return nil
	}
	loc := d.Site.loc
	if loc == nil {
		loc = time.UTC
	}
	return d.Term.PerYear(loc)
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

// Asset returns a static file's site path as a URL relative to this page,
// under its fingerprinted name when the build gives it one:
// {{ .Asset "/css/style.css" }} is "../../css/style.3f2a9c1b7e0d.css" on
// an article page, which browsers may cache for good.
func (d *Data) Asset(target string) string {
	if name, ok := d.Site.assets[target]; ok {
		target = name
	}
	return d.Rel(target)
}

// Permalink is the page's absolute URL, made with the configured baseURL.
func (d *Data) Permalink() string { return absURL(d.Site.BaseURL, d.URL) }

// AbsURL makes a site path absolute with the configured baseURL.
func (d *Data) AbsURL(p string) string { return absURL(d.Site.BaseURL, p) }

// Lang is the page's language: an article's or a standalone page's own,
// else the site's.
func (d *Data) Lang() string {
	switch {
	case d.Article != nil && d.Article.Language != "":
		return d.Article.Language
	case d.Page != nil && d.Page.Language != "":
		return d.Page.Language
	}
	return d.Site.Language
}

// PageTitle is the text for <title>: the page's title and the site's.
func (d *Data) PageTitle() string { return pageTitle(d.Title, d.Site.Title) }

// Content is the article body, with its links into the site made relative
// to this page, and with config mentions, its people and places linked;
// on a standalone page, the page's text. An article's body the build's
// cache keeps is read from there (see content.Article.LoadBody).
func (d *Data) Content() (template.HTML, error) {
	if d.Page != nil {
		return template.HTML(rebase(d.Page.Body, d.rootOf())), nil
	}
	if d.Article == nil {
		return "", nil
	}
	body, err := d.Article.Body()
	if err != nil {
		return "", err
	}
	body = rebase(d.withPictures(body), d.rootOf())
	if d.Site.mentions {
		body = linkMentions(body, mentions(d.Article), d.Rel)
	}
	return template.HTML(body), nil
}

// Bio is the term's profile text, its site links made relative.
func (d *Data) Bio() template.HTML {
	if d.Term == nil || d.Term.Profile == nil {
		return ""
	}
	return template.HTML(rebase(d.Term.Profile.Body, d.rootOf()))
}

// rootOf is what replaces the leading slash of site paths in HTML.
func (d *Data) rootOf() string { return d.root }

// JSONLD describes an article for search engines as a schema.org
// NewsArticle, for <script type="application/ld+json">{{ .JSONLD }}</script>.
// It is JSON made safe for a script element (encoding/json escapes <, >
// and &), handed over as template.JS: html/template would otherwise
// encode a value by reflection on every page, a tenth of an article
// page's time.
func (d *Data) JSONLD() template.JS {
	a := d.Article
	if a == nil {
		return ""
	}
	things := func(taxonomy, kind string) []ldThing {
		terms := a.Terms(taxonomy)
		if len(terms) == 0 {
			return nil
		}
		out := make([]ldThing, len(terms))
		for i, t := range terms {
			out[i] = ldThing{Type: kind, Name: t.Name, URL: d.AbsURL(t.URL)}
		}
		return out
	}
	permalink := d.Permalink()
	ld := ldArticle{
		Context:          "https://schema.org",
		Type:             "NewsArticle",
		Headline:         a.Title,
		Description:      a.Description,
		URL:              permalink,
		MainEntityOfPage: permalink,
		DatePublished:    a.Date.Format(time.RFC3339),
		DateModified:     a.Modified().Format(time.RFC3339),
		WordCount:        a.WordCount,
		InLanguage:       d.Lang(),
		Publisher:        ldThing{Type: "Organization", Name: d.Site.Title, URL: d.AbsURL("/")},
		Author:           things("authors", "Person"),
		About:            things("people", "Person"),
		Mentions:         things("places", "Place"),
	}
	for i, c := range a.Corrections {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: c.Text,
			DatePublished: c.Date.Format(time.RFC3339), URL: fmt.Sprintf("%s#correction-%d", permalink, i+1)})
	}
	if sp := a.Series; sp != nil {
		ld.IsPartOf = &ldSeries{Type: "CreativeWorkSeries", Name: sp.Series.Name, URL: d.AbsURL(sp.Series.URL)}
		ld.Position = sp.Number
	}
	for _, t := range a.Terms("topics") {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	if a.Image != "" {
		ld.Image = d.AbsURL(a.Image)
	}
	if a.Parsed != nil {
		ld.CommentCount = d.CommentCount()
		ld.Comment = ldComments(a.Parsed.Comments, permalink)
	}
	b, err := json.Marshal(ld)
	if err != nil {
		panic(err) // strings and numbers always encode
	}
	return template.JS(b)
}

// ldArticle is a schema.org NewsArticle in JSON-LD.
type ldArticle struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Headline         string    `json:"headline"`
	Description      string    `json:"description,omitempty"`
	URL              string    `json:"url"`
	MainEntityOfPage string    `json:"mainEntityOfPage"`
	DatePublished    string    `json:"datePublished"`
	DateModified     string    `json:"dateModified"`
	WordCount        int       `json:"wordCount"`
	InLanguage       string    `json:"inLanguage"`
	Publisher        ldThing   `json:"publisher"`
	Author           []ldThing `json:"author,omitempty"`
	About            []ldThing `json:"about,omitempty"`
	Mentions         []ldThing `json:"mentions,omitempty"`
	Keywords         []string  `json:"keywords,omitempty"`
	Image            string    `json:"image,omitempty"`
	// CommentCount and Comment are the archived comments, threaded.
	CommentCount int         `json:"commentCount,omitempty"`
	Comment      []ldComment `json:"comment,omitempty"`
	// Correction are the article's corrections and updates.
	Correction []ldCorrection `json:"correction,omitempty"`
	// IsPartOf is the series the article is part of, Position its part.
	IsPartOf *ldSeries `json:"isPartOf,omitempty"`
	Position int       `json:"position,omitempty"`
}

// ldCorrection is a schema.org CorrectionComment.
type ldCorrection struct {
	Type          string `json:"@type"`
	Text          string `json:"text"`
	DatePublished string `json:"datePublished"`
	URL           string `json:"url"`
}

// ldSeries is a schema.org CreativeWorkSeries.
type ldSeries struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// ldThing is a schema.org Person, Place or Organization.
type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Pager is one page of a paginated list: of articles (Items) or, on a
// taxonomy index, of terms (Terms).
type Pager struct {
	// Number is this page's number, from 1; Total the number of pages.
	Number, Total int
	// Items are the articles on this page (a window on the full list).
	Items []*site.Article
	// Terms are the terms on this page of a taxonomy index.
	Terms []*site.Term
	// Corrections are those on this page of the corrections list (and
	// Items their articles, each once).
	Corrections []*site.Correction
	// Letters are the page's terms by letter, on an A–Z index, and Range
	// the page's letters ("A–D").
	Letters []LetterGroup
	Range   string
	// labels are the Range of every page of the list, shared by its
	// pages, for their links.
	labels []string
	// Offset is the number of entries on the pages before this one.
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
	// Label is the page's letters on an A–Z index ("A–D"), else "".
	Label string
}

// Links lists the first and last pages, the two on either side of this
// one, and pages 10, 50, 100, 500, … away on either side, with gaps
// between: a list of 500 pages needs a dozen links, and every page of it
// is a few clicks from every other (a crawler or a reader need not walk
// the list two pages at a time).
func (p *Pager) Links() []PageLink {
	numbers := []int{1, p.Total}
	for n := p.Number - 2; n <= p.Number+2; n++ {
		numbers = append(numbers, n)
	}
	for step := 10; step < p.Total; step *= 10 {
		numbers = append(numbers, p.Number-5*step, p.Number-step, p.Number+step, p.Number+5*step)
	}
	slices.Sort(numbers)
	var out []PageLink
	last := 0
	for _, n := range numbers {
		if n < 1 || n > p.Total || n <= last {
			continue
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
	return out
}

func (p *Pager) link(n int) PageLink {
	l := PageLink{Number: n, URL: p.URLOf(n), Current: n == p.Number}
	if n <= len(p.labels) {
		l.Label = p.labels[n-1]
	}
	return l
}
