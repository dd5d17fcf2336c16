package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"folio/generator/content"
	"folio/generator/site"
)

// MaxSitemapURLs is the most URLs one sitemap file may list, by the
// sitemaps.org protocol; past it, sitemap.xml becomes a sitemap index.
const MaxSitemapURLs = 50000

// MaxFeedCategories is the most categories a feed entry lists: the
// article's first terms, in taxonomy order. An article of thousands of
// names is in each of their feeds, and listing every name in every one of
// them would make the feeds grow with the square of the names.
const MaxFeedCategories = 20

// MaxFeedAuthors is the most authors a feed entry names, for the same
// reason: an article is in the feed of each of its authors.
const MaxFeedAuthors = 10

// The Atom format (RFC 4287), as much of it as the feeds use.
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang      string      `xml:"xml:lang,attr,omitempty"`
		Title     string      `xml:"title"`
		Subtitle  string      `xml:"subtitle,omitempty"`
		Links     []atomLink  `xml:"link"`
		ID        string      `xml:"id"`
		Updated   string      `xml:"updated"`
		Author    *atomPerson `xml:"author"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	atomPerson struct {
		Name string `xml:"name"`
		URI  string `xml:"uri,omitempty"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	atomCategory struct {
		Term   string `xml:"term,attr"`
		Label  string `xml:"label,attr"`
		Scheme string `xml:"scheme,attr"`
	}
	atomEntry struct {
		Lang       string         `xml:"xml:lang,attr,omitempty"`
		Title      string         `xml:"title"`
		Links      []atomLink     `xml:"link"`
		ID         string         `xml:"id"`
		Published  string         `xml:"published"`
		Updated    string         `xml:"updated"`
		Authors    []atomPerson   `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    *atomText      `xml:"summary"`
		Content    *atomText      `xml:"content"`
	}
)

// feedHead is a feed of a list without its entries: its title, links,
// id (the list's address) and the site as its author.
func feedHead(d *Data) atomFeed {
	base := d.Pager.base
	return atomFeed{
		Lang:     d.Site.Language,
		Title:    d.Title,
		Subtitle: d.Description,
		Links: []atomLink{
			{Href: d.Permalink(), Rel: "self", Type: "application/atom+xml"},
			{Href: d.AbsURL(base), Rel: "alternate", Type: "text/html"},
		},
		ID:        d.AbsURL(base),
		Updated:   feedTime(time.Unix(0, 0)),
		Author:    &atomPerson{Name: d.Site.Title, URI: d.AbsURL("/")},
		Generator: "folio",
	}
}

// writeFeed writes the Atom feed of a list: its newest articles, with
// absolute links, stable ids (the articles' permalinks) and the site as
// the author of articles that name none.
func writeFeed(w io.Writer, d *Data) error {
	f := feedHead(d)
	var newest time.Time
	root := absURL(d.Site.BaseURL, "/")
	for _, a := range d.Pager.Items {
		e := atomEntry{
			Title:     a.Title,
			Links:     []atomLink{{Href: d.AbsURL(a.URL), Rel: "alternate", Type: "text/html"}},
			ID:        d.AbsURL(a.URL),
			Published: feedTime(a.Date),
			Updated:   feedTime(modified(a)),
		}
		if a.Language != d.Site.Language {
			e.Lang = a.Language
		}
		if a.Image != "" {
			// The lead image, for readers that show one beside the entry.
			u, typ := d.shareImage(a.Image)
			e.Links = append(e.Links, atomLink{Href: d.AbsURL(u), Rel: "enclosure", Type: typ})
		}
		authors := a.Authors()
		for _, t := range authors[:min(len(authors), MaxFeedAuthors)] {
			e.Authors = append(e.Authors, atomPerson{Name: t.Name, URI: d.AbsURL(t.URL)})
		}
	categories:
		for _, tt := range a.Subjects {
			for _, term := range tt.Terms {
				if len(e.Categories) == MaxFeedCategories {
					break categories
				}
				e.Categories = append(e.Categories, atomCategory{Term: term.Slug, Label: term.Name, Scheme: d.AbsURL(tt.Taxonomy.URL)})
			}
		}
		if d.Site.fullFeeds {
			body, err := a.Body()
			if err != nil {
				return err
			}
			e.Content = &atomText{Type: "html", Body: rebase(body, root)}
		} else {
			e.Summary = &atomText{Type: "text", Body: a.Summary}
		}
		if m := modified(a); m.After(newest) {
			newest = m
		}
		f.Entries = append(f.Entries, e)
	}
	if !newest.IsZero() {
		f.Updated = feedTime(newest)
	}
	return writeXML(w, f)
}

// modified is when an article last changed: its update date, or its date.
func modified(a *site.Article) time.Time { return a.Modified() }

// writeCorrectionsFeed writes the Atom feed of the corrections list: an
// entry for each correction or update, newest first, with its own id
// (the anchor of the note on its article's page).
func writeCorrectionsFeed(w io.Writer, d *Data) error {
	f := feedHead(d)
	for i, c := range d.Pager.Corrections {
		a := c.Article
		e := atomEntry{
			Title:     KindLabel(c.Kind) + ": " + a.Title,
			Links:     []atomLink{{Href: d.AbsURL(c.Anchor()), Rel: "alternate", Type: "text/html"}},
			ID:        d.AbsURL(c.Anchor()),
			Published: feedTime(c.Date),
			Updated:   feedTime(c.Date),
			Content:   &atomText{Type: "text", Body: c.Text},
		}
		if a.Language != d.Site.Language {
			e.Lang = a.Language
		}
		if i == 0 {
			f.Updated = feedTime(c.Date)
		}
		f.Entries = append(f.Entries, e)
	}
	return writeXML(w, f)
}

// KindLabel names a kind of correction for readers: Correction, Update.
func KindLabel(kind string) string {
	if kind == content.KindUpdate {
		return "Update"
	}
	return "Correction"
}

func feedTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// sitemapEntry is one URL of a sitemap, or one sitemap of an index.
type sitemapEntry struct {
	URL      string
	Modified time.Time // zero when unknown
}

// lastModified is when a page's content last changed: its article's
// modification, or the newest modification among the articles it lists.
func lastModified(p *Page) time.Time {
	if a := p.Data.Article; a != nil {
		return modified(a)
	}
	var newest time.Time
	if p.Kind == KindArchive || p.Kind == KindSearch { // they change with any article
		for _, y := range p.Data.Site.Years {
			if m := lastOf(y.Articles); m.After(newest) {
				newest = m
			}
		}
	}
	for _, sr := range p.Data.AllSeries {
		if m := lastOf(sr.Articles); m.After(newest) {
			newest = m
		}
	}
	if p.Data.Pager != nil {
		for _, a := range p.Data.Pager.Items {
			if m := modified(a); m.After(newest) {
				newest = m
			}
		}
		for _, t := range p.Data.Pager.Terms {
			if len(t.Articles) > 0 {
				if m := modified(t.Articles[0]); m.After(newest) {
					newest = m
				}
			}
		}
	}
	return newest
}

// lastOf is the newest modification among articles.
func lastOf(articles []*site.Article) time.Time {
	var newest time.Time
	for _, a := range articles {
		if m := modified(a); m.After(newest) {
			newest = m
		}
	}
	return newest
}

func newest(entries []sitemapEntry) time.Time {
	var t time.Time
	for _, e := range entries {
		if e.Modified.After(t) {
			t = e.Modified
		}
	}
	return t
}

// writeSitemap writes a sitemap, or a sitemap index.
func writeSitemap(w io.Writer, d *Data) error {
	type loc struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	entries := make([]loc, len(d.entries))
	for i, e := range d.entries {
		entries[i].Loc = d.AbsURL(e.URL)
		if !e.Modified.IsZero() {
			entries[i].LastMod = feedTime(e.Modified)
		}
	}
	if d.sitemapIndex {
		return writeXML(w, struct {
			XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
			Sitemaps []loc    `xml:"sitemap"`
		}{Sitemaps: entries})
	}
	return writeXML(w, struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []loc    `xml:"url"`
	}{URLs: entries})
}

// writeRobots writes robots.txt: everything may be crawled, and the
// sitemaps are here.
func writeRobots(w io.Writer, d *Data) error {
	_, err := fmt.Fprintf(w, "User-agent: *\nAllow: /\n\nSitemap: %s\n", d.AbsURL("/sitemap.xml"))
	if err == nil && len(d.news) > 0 {
		_, err = fmt.Fprintf(w, "Sitemap: %s\n", d.AbsURL(NewsSitemapURL))
	}
	return err
}

// The Google News sitemap: the articles of the last NewsWindow, at most
// MaxNewsURLs, newest first, with the publication's name and language,
// as https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
// has it. It is written only when there are any: an empty urlset is not
// a valid sitemap.
const (
	NewsSitemapURL = "/sitemap-news.xml"
	NewsWindow     = 48 * time.Hour
	MaxNewsURLs    = 1000
)

// NewsArticles are the articles of the news sitemap as of s.Now, newest
// first: published in the last NewsWindow, at most MaxNewsURLs.
func NewsArticles(s *site.Site) []*site.Article {
	if s.Now.IsZero() {
		return nil
	}
	var out []*site.Article
	for _, a := range s.Articles { // newest first
		if a.Date.After(s.Now) {
			continue // a future article a -future build shows
		}
		if !a.Date.After(s.Now.Add(-NewsWindow)) || len(out) == MaxNewsURLs {
			break
		}
		out = append(out, a)
	}
	return out
}

func writeNewsSitemap(w io.Writer, d *Data) error {
	type (
		publication struct {
			Name     string `xml:"news:name"`
			Language string `xml:"news:language"`
		}
		news struct {
			Publication publication `xml:"news:publication"`
			Date        string      `xml:"news:publication_date"`
			Title       string      `xml:"news:title"`
		}
		entry struct {
			Loc  string `xml:"loc"`
			News news   `xml:"news:news"`
		}
	)
	urls := make([]entry, len(d.news))
	for i, a := range d.news {
		lang := d.Site.Language
		if a.Language != "" {
			lang = a.Language
		}
		urls[i] = entry{Loc: d.AbsURL(a.URL), News: news{
			Publication: publication{Name: d.Site.Title, Language: newsLanguage(lang)},
			Date:        a.Date.Format(time.RFC3339),
			Title:       a.Title,
		}}
	}
	return writeXML(w, struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		News    string   `xml:"xmlns:news,attr"`
		URLs    []entry  `xml:"url"`
	}{News: "http://www.google.com/schemas/sitemap-news/0.9", URLs: urls})
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// newsLanguage is a language tag (en-GB, pt-BR, zh-Hant) as Google News
// sitemaps take it: the language alone, in two or three lower-case
// letters, but Chinese as zh-cn (Simplified) or zh-tw (Traditional). Its
// schema refuses anything else, pt-br too.
func newsLanguage(tag string) string {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	lang, rest, _ := strings.Cut(tag, "-")
	if lang != "zh" {
		return lang
	}
	// The script says which, when given (zh-Hans-HK is Simplified); else
	// the region: Traditional in Taiwan, Hong Kong and Macao.
	subs := strings.Split(rest, "-")
	switch {
	case slices.Contains(subs, "hans"):
		return "zh-cn"
	case slices.Contains(subs, "hant"), slices.Contains(subs, "tw"), slices.Contains(subs, "hk"), slices.Contains(subs, "mo"):
		return "zh-tw"
	}
	return "zh-cn"
}
