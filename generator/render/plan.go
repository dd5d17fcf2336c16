package render

import (
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/search"
	"folio/generator/site"
)

// feedName is the file of a list's Atom feed, beside its index.html.
const feedName = "index.xml"

// MostCoveredTerms is how many terms of each taxonomy the front page
// shows as most in the news.
const MostCoveredTerms = 8

// planner collects the pages of one plan.
type planner struct {
	s     *site.Site
	cfg   *config.Config
	sd    *SiteData
	pages []*Page
	// layouts are the layout sums of the kinds planned so far.
	layouts map[string][sha256.Size]byte
	names   *sameNames
	// queryAt are the URLs of the pages old addresses with a query are
	// at (/ for /?p=12): they, and the 404 page, carry RedirectScript.
	queryAt map[string]bool
}

// layoutSum is pl.sd.layoutSum(kind), hashed once per kind of the plan.
func (pl *planner) layoutSum(kind string) [sha256.Size]byte {
	sum, ok := pl.layouts[kind]
	if !ok {
		sum = pl.sd.layoutSum(kind)
		pl.layouts[kind] = sum
	}
	return sum
}

// add plans one page. key and deps say what the page shows besides its
// URL (see Page.Unchanged).
func (pl *planner) add(source string, d *Data, key string, deps []*site.Article) *Page {
	d.Site = pl.sd
	d.root = d.rootPrefix
	if d.root == "" {
		d.root = relative(d.URL, "/")
	}
	if pl.queryAt[d.URL] || d.Kind == Kind404 && len(pl.queryAt) > 0 {
		d.queryScript = true
		key += "\x00query"
	}
	p := &Page{URL: d.URL, Kind: d.Kind, Data: d, Source: source, key: key, deps: deps, shown: make([]*content.Article, len(deps)),
		layout: pl.layoutSum(d.Kind), names: pl.names}
	p.Rendered()
	pl.pages = append(pl.pages, p)
	return p
}

// Plan lists every page of the site, to be rendered with t. It reports
// pages that would share a URL, naming the files they come from, and warns
// when feeds and the sitemap cannot have absolute URLs.
//
// assets maps site paths of static files to the names they are written
// under, when the build fingerprints them (/css/style.css →
// /css/style.3f2a9c1b7e0d.css); layouts reach them with .Asset.
//
// pictures are the images the build processed (see Picture).
func Plan(s *site.Site, t *Templates, assets map[string]string, pictures Pictures) ([]*Page, diag.List) {
	cfg := s.Config
	pl := &planner{s: s, cfg: cfg, layouts: map[string][sha256.Size]byte{}, names: &sameNames{seen: map[[2]string]bool{}}, sd: &SiteData{
		Title: cfg.Title, Description: cfg.Description, BaseURL: cfg.BaseURL,
		Language: cfg.Language, Taxonomies: s.Taxonomies, Years: s.Years, Params: cfg.Params, Data: s.Data,
		Feed: "/" + feedName, fullFeeds: cfg.Feeds.FullContent, Search: *cfg.Search,
		templates: t, fragments: &fragments{}, assets: assets, pictures: pictures, mentions: cfg.Mentions, Menu: cfg.Menu,
		dateFormat: cfg.DateFormat, loc: cfg.Location,
	}}
	if len(s.Series) > 0 {
		pl.sd.SeriesURL = site.SeriesPath
	}
	if len(s.Corrections) > 0 {
		pl.sd.CorrectionsURL = site.CorrectionsURL
	}
	pl.sd.MostCovered = s.MostCovered(MostCoveredTerms)
	n := 2*len(s.Articles) + len(s.Articles)/cfg.Paginate + 16
	for _, t := range s.Taxonomies {
		n += 2*len(t.Terms) + 4
	}
	pl.pages = make([]*Page, 0, n)
	pl.queryAt = queryPages(s.Redirects)
	home := Crumb{Title: "Home", URL: "/"}
	archive := Crumb{"Archive", ArchiveURL}

	// The front page shows the terms most in the news and the years.
	var front strings.Builder
	for _, g := range pl.sd.MostCovered {
		for _, c := range g.Terms {
			fmt.Fprintf(&front, "%s\x00%s\x00%d\x00", c.Term.Name, c.Term.URL, c.Count)
		}
	}
	for _, y := range s.Years {
		fmt.Fprintf(&front, "%d:%d,", y.Year, y.Count())
	}
	pl.list("/", s.Articles, front.String(), func(p *Pager) (*Data, string) {
		d := &Data{Kind: KindHome, Description: cfg.Description, Feed: pl.sd.Feed}
		if p.Number > 1 {
			d.Title = fmt.Sprintf("Latest articles, page %d", p.Number)
		}
		return d, config.FileName
	})
	pl.feed("/", cfg.Title, cfg.Description, s.Articles, config.FileName)

	for _, a := range s.Articles {
		crumbs := []Crumb{home}
		if a.Month != nil {
			crumbs = append(crumbs, archive, Crumb{fmt.Sprint(a.Month.Year), fmt.Sprintf("/%04d/", a.Month.Year)}, Crumb{a.Month.Title(), a.Month.URL})
		}
		deps := make([]*site.Article, 0, 6+len(a.Related))
		deps = append(append(deps, a, a.Newer, a.Older), a.Related...)
		// The page also says how many articles its month has.
		var key strings.Builder
		if a.Month != nil {
			key.WriteString(strconv.Itoa(a.Month.Count()))
		}
		if cfg.Mentions { // and which spellings link where
			for _, m := range mentions(a) {
				key.WriteString("\x00" + m.url)
				for _, s := range m.spellings {
					key.WriteString("\x00" + s)
				}
			}
		}
		// and where it stands in its series, with the parts around it.
		if sp := a.Series; sp != nil {
			fmt.Fprintf(&key, "\x00series %s\x00%s\x00%d/%d", sp.Series.Name, sp.Series.URL, sp.Number, sp.Series.Count())
			for _, other := range []*site.Article{sp.First, sp.Prev, sp.Next} {
				if other != nil {
					key.WriteString("\x00" + other.URL)
				}
				deps = append(deps, other)
			}
		}
		if len(s.Corrections) > 0 { // the list its notice links to
			key.WriteString("\x00corrections")
		}
		// and the sizes of its pictures, named by their content.
		for _, src := range ImageSources(a.Image, a.BodyImages, a.URL) {
			if pic := pictures[src]; pic != nil {
				key.WriteString("\x00" + src + "\x01" + pic.Sizes[0].WebP)
			}
		}
		pl.add(a.Path, &Data{Kind: KindArticle, URL: a.URL, Article: a, Crumbs: crumbs}, key.String(), deps).Refresh()
	}

	for _, t := range s.Taxonomies {
		pl.taxonomy(t, home)
		for _, term := range t.Terms {
			pl.term(t, term, home)
		}
	}

	pl.archive(home, archive)
	pl.series(home)
	pl.corrections(home)
	tree := newPageTree(s.Pages)
	for _, pg := range s.Pages {
		// A page shows its own file, the addresses its refs name, and
		// the titles and URLs of the pages above and under it.
		key := pg.Path + "\x00" + string(pg.Sum[:])
		if len(pg.Refs) > 0 {
			key += "\x00" + pg.Body
		}
		crumbs, children := append([]Crumb{home}, tree.ancestors(pg)...), tree.children[pg]
		for _, c := range append(slices.Clone(crumbs), children...) {
			key += "\x00" + c.Title + "\x01" + c.URL
		}
		pl.add(pg.Path, &Data{Kind: KindPage, URL: pg.URL, Title: pg.Title, Description: pg.Description, Page: pg,
			Crumbs: crumbs, Children: children}, key, nil)
	}
	if *cfg.Search {
		pl.add(config.FileName, &Data{Kind: KindSearch, URL: search.PageURL, Title: "Search",
			Description: fmt.Sprintf("Search the archive's %s by words of their titles, people, places, topics and text.", plural(len(s.Articles), "article", "articles")),
			Crumbs:      []Crumb{home}}, strconv.Itoa(len(s.Articles)), nil)
	}
	basePath, hostRoot := "/", ""
	if u, err := url.Parse(cfg.BaseURL); err == nil {
		if u.Path != "" {
			basePath = u.Path
		}
		hostRoot = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
	}
	pl.add(config.FileName, &Data{Kind: Kind404, URL: "/404.html", Title: "Page not found",
		Description: "There is no page at this address.", rootPrefix: basePath}, "", nil)

	var probs diag.List
	if len(s.Pages) > 0 && t != nil && !t.Has(KindPage) {
		more := ""
		if len(s.Pages) > 1 {
			more = fmt.Sprintf(" and %s", plural(len(s.Pages)-1, "other", "others"))
		}
		probs = append(probs, diag.Errorf(LayoutsDir+"/"+KindPage+".html", 0, "",
			"missing: the site has pages in %s/ (%s%s), which are made with it", content.PagesDir, s.Pages[0].Path, more))
	}
	if len(s.Series) > 0 && t != nil {
		for _, kind := range []string{KindSeries, KindSeriesList} {
			if !t.Has(kind) {
				first := s.Series[0].Articles[0]
				probs = append(probs, diag.Errorf(LayoutsDir+"/"+kind+".html", 0, "",
					"missing: the site has series (%s names %q), whose pages are made with it", first.Path, first.Parsed.Series))
			}
		}
	}
	if len(s.Corrections) > 0 && t != nil && !t.Has(KindCorrections) {
		probs = append(probs, diag.Errorf(LayoutsDir+"/"+KindCorrections+".html", 0, "",
			"missing: the site has corrections (%s lists one), whose page %s is made with it", s.Corrections[0].Article.Path, site.CorrectionsURL))
	}
	pl.redirects(basePath)
	pl.queryMap(basePath)
	if cfg.Absolute() {
		pl.sitemaps()
		if basePath != "/" {
			// Still written: the host's own robots.txt may take its lines.
			probs = append(probs, diag.Warnf(config.FileName, 0, "baseURL",
				"the site is under a path, so its robots.txt is %s, where crawlers never look: copy it to %srobots.txt for it to take effect",
				absURL(cfg.BaseURL, "/robots.txt"), hostRoot))
		}
	} else {
		probs = append(probs, diag.Warnf(config.FileName, 0, "baseURL",
			"%q is not an absolute URL: set it to the site's address (https://…/) so that feeds have absolute links and a sitemap can be written", cfg.BaseURL))
	}
	probs = append(probs, duplicates(pl.pages)...)
	return pl.pages, append(probs, strayRedirects(s.Redirects, pl.pages)...)
}

// strayRedirects warns of config's redirects that lead to no page of the
// site: the others come from the pages they lead to.
func strayRedirects(redirects []site.Redirect, pages []*Page) diag.List {
	var probs diag.List
	var urls map[string]bool
	for _, r := range redirects {
		if r.Source != config.FileName {
			continue
		}
		if urls == nil {
			urls = make(map[string]bool, len(pages))
			for _, p := range pages {
				urls[p.URL] = true
			}
		}
		if !urls[r.To] {
			probs = append(probs, diag.Warnf(r.Source, r.Line, strings.Replace(r.Field, ".from", ".to", 1),
				"%s is no page of the site: the redirect from %s leads nowhere", r.To, r.Address()))
		}
	}
	return probs
}

// list plans the pages of a paginated list of articles at base. page
// makes each page's data (its URL and pager are filled in) and names the
// file it comes from; extra is what the pages show besides their own
// fields and articles, for their key.
func (pl *planner) list(base string, articles []*site.Article, extra string, page func(*Pager) (*Data, string)) {
	size := pl.cfg.Paginate
	total := max(1, (len(articles)+size-1)/size)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(articles))
		p := &Pager{Number: n, Total: total, Items: articles[lo:hi:hi], Offset: lo, TotalItems: len(articles), base: base}
		d, source := page(p)
		d.URL, d.Pager = p.URLOf(n), p
		if n > 1 {
			// Later pages lead back to the first, named as the list is.
			d.Crumbs = append(slices.Clip(d.Crumbs), Crumb{listTitle(d), base})
		}
		pl.add(source, d, pagerKey(p, d)+extra+picturesKey(pl.sd.pictures, p.Items), p.Items)
	}
}

// feed plans the Atom feed of a list at base: its newest articles.
func (pl *planner) feed(base, title, description string, articles []*site.Article, source string) {
	items := articles[:min(len(articles), pl.cfg.Feeds.Items)]
	pl.add(source, &Data{Kind: KindFeed, URL: base + feedName, Title: title, Description: description,
		Pager: &Pager{Number: 1, Total: 1, Items: items, TotalItems: len(items), base: base}}, title+"\x00"+description+picturesKey(pl.sd.pictures, items), items)
}

// taxonomy plans a taxonomy's index, A–Z and by count, paginated. The
// A–Z index is by sort name (a person's last name), under letter
// headings, each page named by its letters (A–D) and every page with a
// bar of links to the letters.
func (pl *planner) taxonomy(t *site.Taxonomy, home Crumb) {
	for _, byCount := range []bool{false, true} {
		terms, base, title, order := t.Index, t.URL, t.Title, "A–Z"
		if byCount {
			terms, base, title, order = t.ByCount, t.URL+"by-count/", t.Title+" by number of articles", "by number of articles"
		}
		size := pl.cfg.PaginateTerms
		total := max(1, (len(terms)+size-1)/size)
		var jump []LetterLink
		var jumpKey strings.Builder
		var labels []string
		if !byCount {
			jump = letterLinks(terms, size, base)
			for _, l := range jump {
				jumpKey.WriteString(l.Letter + l.URL)
			}
			labels = make([]string, total)
			for n := range labels {
				labels[n] = letterRange(terms[n*size : min((n+1)*size, len(terms))])
			}
		}
		for n := 1; n <= total; n++ {
			lo, hi := (n-1)*size, min(n*size, len(terms))
			p := &Pager{Number: n, Total: total, Terms: terms[lo:hi:hi], Offset: lo, TotalItems: len(terms), base: base}
			d := &Data{Kind: KindTaxonomy, URL: p.URLOf(n), Title: title, Taxonomy: t, ByCount: byCount, Pager: p,
				Description: fmt.Sprintf("%s in the archive, %s.", t.Title, order), Crumbs: []Crumb{home}}
			// By count, the page's terms are one group without a letter.
			p.Letters = []LetterGroup{{Terms: p.Terms}}
			if !byCount {
				var prev *site.Term
				if lo > 0 {
					prev = terms[lo-1]
				}
				p.Letters, p.Range = letterGroups(p.Terms, prev)
				p.labels = labels
				d.Letters = jump
			}
			if n > 1 {
				d.Title = fmt.Sprintf("%s, page %d", title, n)
				if p.Range != "" {
					d.Title = fmt.Sprintf("%s, %s (page %d)", title, p.Range, n)
				}
				d.Crumbs = append(d.Crumbs, Crumb{title, base})
			}
			key := termsKey(p) + jumpKey.String()
			for _, l := range p.Links() { // the letters of the pages it links
				key += "\x00" + l.Label
			}
			for _, term := range p.Terms { // and their portraits
				if term.Profile != nil {
					if pic := pl.sd.pictures[term.Profile.Image]; pic != nil {
						key += "\x00" + pic.Sizes[0].WebP
					}
				}
			}
			pl.add(config.FileName, d, key, nil)
		}
	}
}

// term plans a term's pages and its feed.
func (pl *planner) term(t *site.Taxonomy, term *site.Term, home Crumb) {
	description := fmt.Sprintf("%s: %s in the archive, newest first.", term.Name, plural(term.Count(), "article", "articles"))
	if term.Profile != nil && term.Profile.Description != "" {
		description = term.Profile.Description
	}
	feed := term.URL + feedName
	key := termKey(term, pl.cfg.Location)
	if term.Profile != nil {
		if pic := pl.sd.pictures[term.Profile.Image]; pic != nil { // its portrait
			key += "\x00" + pic.Sizes[0].WebP
		}
	}
	pl.list(term.URL, term.Articles, key, func(p *Pager) (*Data, string) {
		title := term.Name
		if p.Number > 1 {
			title = fmt.Sprintf("%s, page %d", term.Name, p.Number)
		}
		return &Data{Kind: KindTerm, Title: title, Term: term, Taxonomy: t, Description: description, Feed: feed,
			Crumbs: []Crumb{home, {t.Title, t.URL}}}, term.Source
	})
	pl.feed(term.URL, pl.cfg.Title+": "+term.Name, description, term.Articles, term.Source)
}

// archive plans /archive/ and the year and month pages.
func (pl *planner) archive(home, archive Crumb) {
	s := pl.s
	if len(s.Years) == 0 {
		return
	}
	var key strings.Builder
	// It links the lists of series and corrections when there are.
	fmt.Fprintf(&key, "%s\x00%s\x00", pl.sd.SeriesURL, pl.sd.CorrectionsURL)
	for _, y := range s.Years {
		fmt.Fprintf(&key, "%d:%d;", y.Year, y.Count())
		for _, m := range y.Months {
			fmt.Fprintf(&key, "%d:%d,", m.Month, m.Count())
		}
	}
	pl.add(config.FileName, &Data{Kind: KindArchive, URL: ArchiveURL, Title: "Archive",
		Description: fmt.Sprintf("Every article by year and month, %d to %d.", s.Years[len(s.Years)-1].Year, s.Years[0].Year),
		Crumbs:      []Crumb{home}}, key.String(), nil)
	for _, y := range s.Years {
		pl.period(y, []Crumb{home, archive})
		for _, m := range y.Months {
			pl.period(m, []Crumb{home, archive, {y.Title(), y.URL}})
		}
	}
}

// period plans the pages of a year or a month. A year's pages also list
// its months with their counts.
func (pl *planner) period(p *site.Period, crumbs []Crumb) {
	var months strings.Builder
	for _, m := range p.Months {
		fmt.Fprintf(&months, "%d:%d,", m.Month, m.Count())
	}
	// and the periods before and after it.
	for _, other := range []*site.Period{p.Prev, p.Next} {
		if other != nil {
			months.WriteString(other.URL)
		}
		months.WriteByte(0)
	}
	pl.list(p.URL, p.Articles, months.String(), func(pg *Pager) (*Data, string) {
		title := p.Title()
		if pg.Number > 1 {
			title = fmt.Sprintf("%s, page %d", p.Title(), pg.Number)
		}
		return &Data{Kind: KindPeriod, Title: title, Period: p, Crumbs: crumbs,
			Description: fmt.Sprintf("Articles of %s: %s.", p.Title(), plural(p.Count(), "article", "articles"))}, config.FileName
	})
}

// series plans /series/ and each series' page, its parts in order.
func (pl *planner) series(home Crumb) {
	all := pl.s.Series
	if len(all) == 0 {
		return
	}
	var key strings.Builder
	var latest []*site.Article
	for _, sr := range all {
		fmt.Fprintf(&key, "%s\x00%s\x00%d\x00", sr.Name, sr.URL, sr.Count())
		latest = append(latest, sr.Latest())
	}
	pl.add(config.FileName, &Data{Kind: KindSeriesList, URL: site.SeriesPath, Title: "Series", AllSeries: all,
		Description: fmt.Sprintf("The archive’s %s, each in the order of its parts.", plural(len(all), "series", "series")),
		Crumbs:      []Crumb{home}}, key.String(), latest)
	for _, sr := range all {
		first := sr.Articles[0]
		pager := &Pager{Number: 1, Total: 1, Items: sr.Articles, TotalItems: len(sr.Articles), base: sr.URL}
		d := &Data{Kind: KindSeries, URL: sr.URL, Title: sr.Name, Series: sr, Pager: pager,
			Description: fmt.Sprintf("%s: a series of %s, from %s.", sr.Name, plural(sr.Count(), "part", "parts"), first.Title),
			Crumbs:      []Crumb{home, {"Series", site.SeriesPath}}}
		pl.add(first.Path, d, sr.Name+"\x00"+strconv.Itoa(sr.Count())+picturesKey(pl.sd.pictures, sr.Articles), sr.Articles)
	}
}

// corrections plans /corrections/, every correction and update newest
// first, paginated, and its feed.
func (pl *planner) corrections(home Crumb) {
	all := pl.s.Corrections
	if len(all) == 0 {
		return
	}
	base := site.CorrectionsURL
	description := fmt.Sprintf("Every correction and update of the archive’s articles, newest first: %s.", plural(len(all), "note", "notes"))
	size := pl.cfg.Paginate
	total := max(1, (len(all)+size-1)/size)
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, min(n*size, len(all))
		entries := all[lo:hi:hi]
		p := &Pager{Number: n, Total: total, Corrections: entries, Items: correctedArticles(entries), Offset: lo, TotalItems: len(all), base: base}
		d := &Data{Kind: KindCorrections, URL: p.URLOf(n), Title: "Corrections and updates", Pager: p, Description: description,
			Feed: base + feedName, Crumbs: []Crumb{home}}
		if n > 1 {
			d.Title = fmt.Sprintf("Corrections and updates, page %d", n)
			d.Crumbs = append(d.Crumbs, Crumb{"Corrections and updates", base})
		}
		pl.add(config.FileName, d, pagerKey(p, d)+correctionsKey(entries), p.Items)
	}
	entries := all[:min(len(all), pl.cfg.Feeds.Items)]
	p := &Pager{Number: 1, Total: 1, Corrections: entries, Items: correctedArticles(entries), TotalItems: len(entries), base: base}
	title := pl.cfg.Title + ": corrections and updates"
	pl.add(config.FileName, &Data{Kind: KindCorrectionsFeed, URL: base + feedName, Title: title, Description: description, Pager: p},
		title+correctionsKey(entries), p.Items)
}

// correctedArticles are the articles of corrections, each once, in order.
func correctedArticles(entries []*site.Correction) []*site.Article {
	var out []*site.Article
	seen := map[*site.Article]bool{}
	for _, c := range entries {
		if !seen[c.Article] {
			seen[c.Article] = true
			out = append(out, c.Article)
		}
	}
	return out
}

// correctionsKey is what a page of corrections shows of them.
func correctionsKey(entries []*site.Correction) string {
	var b strings.Builder
	for _, c := range entries {
		fmt.Fprintf(&b, "%s\x00%d\x00%s\x00%s\x00%s\x00", c.Article.URL, c.Number, c.Date.Format(time.RFC3339), c.Kind, c.Text)
	}
	return b.String()
}

// listTitle names a list for the breadcrumbs of its later pages.
func listTitle(d *Data) string {
	switch {
	case d.Term != nil:
		return d.Term.Name
	case d.Period != nil:
		return d.Period.Title()
	}
	return "Home" // the home page's later pages
}

// pagerKey is what a list page shows besides its articles.
func pagerKey(p *Pager, d *Data) string {
	return d.Title + "\x00" + d.Description + "\x00" + strconv.Itoa(p.Number) + "/" + strconv.Itoa(p.Total) + "/" + strconv.Itoa(p.TotalItems)
}

// termsKey is what a page of a taxonomy index shows: its terms, their
// counts and profiles' descriptions, and the page numbers.
func termsKey(p *Pager) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d/%d;", p.Number, p.Total, p.TotalItems)
	for _, term := range p.Terms {
		fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", term.Name, term.Letter, term.Count())
		if term.Profile != nil {
			b.WriteString(term.Profile.Description)
		}
	}
	return b.String()
}

// termKey is what a term page shows of the term besides its articles: its
// profile and the terms often named with it.
func termKey(term *site.Term, loc *time.Location) string {
	var b strings.Builder
	if p := term.Profile; p != nil {
		b.WriteString(p.Path)
		b.WriteString(p.Body)
		for _, l := range p.Links {
			b.WriteString(l.Title + "\x00" + l.URL)
		}
		b.WriteString("\x00aka")
		for _, a := range p.Aliases {
			b.WriteString("\x00" + a)
		}
	}
	for _, c := range term.OftenWith {
		fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", c.Term.Name, c.Term.URL, c.Count)
	}
	// Its first and latest appearances and its articles a year.
	if first, latest := term.First(), term.Latest(); first != nil {
		fmt.Fprintf(&b, "%s %d %s %d;", first.URL, first.Date.UnixNano(), latest.URL, latest.Date.UnixNano())
	}
	for _, y := range term.PerYear(loc) {
		fmt.Fprintf(&b, "%d:%d,", y.Year, y.Count)
	}
	return b.String()
}

// sitemaps plans sitemap.xml, listing every HTML page but the 404 page.
// Past MaxSitemapURLs it becomes an index of sitemaps: one of the
// articles of each year (sitemap-2024.xml, and sitemap-2024-2.xml past
// the limit in one year) and one of the other pages (sitemap-pages.xml).
func (pl *planner) sitemaps() {
	var entries []sitemapEntry
	// Past MaxSitemapURLs, articles are listed by the year of their
	// date and the other pages apart: a new article then changes its
	// year's sitemap alone, where sitemaps cut by count would all shift.
	var groups []string
	byGroup := map[string][]sitemapEntry{}
	h := fnv.New64a()
	for _, p := range pl.pages {
		if p.Kind == Kind404 || p.Kind == KindFeed || p.Kind == KindCorrectionsFeed || p.Kind == KindNewsSitemap || p.Kind == KindRedirect || p.Kind == KindRedirects || p.Kind == KindQueryMap {
			continue
		}
		e := sitemapEntry{URL: p.URL, Modified: lastModified(p)}
		entries = append(entries, e)
		fmt.Fprintf(h, "%s %d\n", e.URL, e.Modified.UnixNano())
		group := "pages"
		if a := p.Data.Article; a != nil && p.Kind == KindArticle {
			group = strconv.Itoa(a.Date.In(pl.cfg.Location).Year())
		}
		if _, ok := byGroup[group]; !ok {
			groups = append(groups, group)
		}
		byGroup[group] = append(byGroup[group], e)
	}
	// The key covers everything the sitemap shows, so it needs no deps:
	// a swap (site.Swap) keeps every date, and so every lastmod.
	key := strconv.FormatUint(h.Sum64(), 16)
	if len(entries) <= MaxSitemapURLs {
		pl.add(config.FileName, &Data{Kind: KindSitemap, URL: "/sitemap.xml", entries: entries}, key, nil)
	} else {
		var index []sitemapEntry
		for _, group := range groups {
			list := byGroup[group]
			for i, n := 0, 1; i < len(list); i, n = i+MaxSitemapURLs, n+1 {
				part := list[i:min(i+MaxSitemapURLs, len(list))]
				u := "/sitemap-" + group + ".xml"
				if n > 1 {
					u = fmt.Sprintf("/sitemap-%s-%d.xml", group, n)
				}
				pl.add(config.FileName, &Data{Kind: KindSitemap, URL: u, entries: part}, key, nil)
				index = append(index, sitemapEntry{URL: u, Modified: newest(part)})
			}
		}
		pl.add(config.FileName, &Data{Kind: KindSitemap, URL: "/sitemap.xml", entries: index, sitemapIndex: true}, key, nil)
	}
	robots := &Data{Kind: KindRobots, URL: "/robots.txt"}
	if news := NewsArticles(pl.s); len(news) > 0 {
		var key strings.Builder
		for _, a := range news {
			fmt.Fprintf(&key, "%s\x00%s\x00%s\x00%s\x00", a.URL, a.Date.Format(time.RFC3339Nano), a.Title, a.Language)
		}
		pl.add(config.FileName, &Data{Kind: KindNewsSitemap, URL: NewsSitemapURL, news: news}, key.String(), news)
		robots.news = news
	}
	pl.add(config.FileName, robots, strconv.FormatBool(robots.news != nil), nil)
}

// duplicates reports pages that would be written to the same file. When
// an article takes the URL of a page the site makes itself, the problem
// names the article, which is what can be renamed.
func duplicates(pages []*Page) diag.List {
	var probs diag.List
	seen := make(map[string]*Page, len(pages))
	for _, p := range pages {
		other, dup := seen[p.URL]
		if !dup {
			seen[p.URL] = p
			continue
		}
		if other.Kind == KindRedirect {
			p, other = other, p
		}
		switch {
		case p.Kind == KindRedirect:
			r := p.Data.redirect
			probs = append(probs, diag.Errorf(r.Source, r.Line, r.Field, "%s", redirectClash(r, other)))
		case p.Kind == KindPage || other.Kind == KindPage:
			pg, them := p, other
			if other.Kind == KindPage && (p.Kind != KindPage || other.Source > p.Source) {
				pg, them = other, p
			}
			what, fix := "the site's own "+them.Kind+" page", "give the page another url:"
			if them.Kind == KindPage || them.Kind == KindArticle {
				what, fix = "the "+them.Kind+" "+them.Source, "give one of them another url:"
			}
			field, line := "", 0
			if l, ok := pg.Data.Page.Lines["url"]; ok {
				field, line = "url", l
			}
			probs = append(probs, diag.Errorf(pg.Source, line, field,
				"the URL %s is also the URL of %s: %s", pg.URL, what, fix))
		case p.Kind == KindArticle && other.Kind == KindArticle:
			// site.Assemble reports these, naming the slug.
		case p.Kind == KindArticle || other.Kind == KindArticle:
			art, fixed := p, other
			if other.Kind == KindArticle {
				art, fixed = other, p
			}
			parsed := art.Data.Article.Parsed
			if field := site.URLField(parsed); field == "url" {
				probs = append(probs, diag.Errorf(art.Source, parsed.Lines[field], field,
					"the URL %s is the site's own %s page: give the article another url:", art.URL, fixed.Kind))
				break
			}
			probs = append(probs, diag.Errorf(art.Source, parsed.Lines["slug"], "slug",
				"the URL %s is the site's own %s page: give the article another slug: or change permalinks.articles in %s",
				art.URL, fixed.Kind, config.FileName))
		default:
			probs = append(probs, diag.Errorf(p.Source, 0, "",
				"the %s page %s has the same URL as the %s page of %s: rename one of them", p.Kind, p.URL, other.Kind, other.Source))
		}
	}
	return probs
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(n) + " " + many
}

// LetterLink leads from an A–Z index's bar of letters to where the
// names of a letter begin.
type LetterLink struct {
	Letter string
	URL    string // a page of the index and the letter's heading on it
}

// LetterGroup is a letter's names on one page of an A–Z index.
type LetterGroup struct {
	Letter string
	// ID is its heading's id (letter-a; letter-other for OtherLetter);
	// Continued is true when the letter began on an earlier page.
	ID        string
	Continued bool
	Terms     []*site.Term
}

func letterID(letter string) string {
	if letter == site.OtherLetter {
		return "letter-other"
	}
	return "letter-" + strings.ToLower(letter)
}

// letterLinks are the letters of an index whose terms, in order, are
// shown size to a page at base, each leading to the page it begins on.
func letterLinks(terms []*site.Term, size int, base string) []LetterLink {
	var out []LetterLink
	p := &Pager{base: base}
	for i, t := range terms {
		if i == 0 || t.Letter != terms[i-1].Letter {
			out = append(out, LetterLink{Letter: t.Letter, URL: p.URLOf(i/size+1) + "#" + letterID(t.Letter)})
		}
	}
	return out
}

// letterGroups groups a page's terms by letter, and names the page by
// its letters: "A–D", or "S" for a page of one. prev is the term before
// the page's first, nil on the first page.
func letterGroups(terms []*site.Term, prev *site.Term) ([]LetterGroup, string) {
	var out []LetterGroup
	for i, t := range terms {
		if i == 0 || t.Letter != terms[i-1].Letter {
			out = append(out, LetterGroup{Letter: t.Letter, ID: letterID(t.Letter)})
		}
		out[len(out)-1].Terms = append(out[len(out)-1].Terms, t)
	}
	if len(out) == 0 {
		return nil, ""
	}
	out[0].Continued = prev != nil && prev.Letter == terms[0].Letter
	return out, letterRange(terms)
}

// letterRange names a page of an index by the letters of its first and
// last terms: "A–D", or "S" when they share one.
func letterRange(terms []*site.Term) string {
	if len(terms) == 0 {
		return ""
	}
	r := terms[0].Letter
	if last := terms[len(terms)-1].Letter; last != r {
		r += "–" + last
	}
	return r
}
