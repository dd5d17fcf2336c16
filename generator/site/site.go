// Package site builds the model of a whole archive from parsed articles:
// articles in date order with their URLs and neighbours, and every taxonomy
// with its terms, each listing its articles. Everything is computed in one
// pass over the articles, and the model is read-only once built. It knows
// nothing of HTML.
package site

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/parallel"
	"folio/generator/slug"
)

// Site is the whole archive.
type Site struct {
	Config *config.Config
	// Articles are newest first; ties are broken by file path.
	Articles   []*Article
	Taxonomies []*Taxonomy
	// Years are the date archive, newest first; each holds its months.
	Years []*Period
	// Pages are the standalone pages (content/pages), by URL: in no
	// list, feed or taxonomy.
	Pages []*content.Page
	// Data holds the site's data files, for layouts (set by the caller:
	// see package sitedata).
	Data   map[string]any
	byName map[string]*Taxonomy
	byPath map[string]*Article
	// bySlug finds articles for refs by slug or file name (nil for one
	// that two share); otherPaths and otherSlugs find pages and shown
	// profiles by file and by file name ("" for one that two share).
	// They are made on the first ref that needs them.
	bySlug     map[string]*Article
	otherPaths map[string]string
	otherSlugs map[string]string
	// Redirects are the site's old paths, sorted by the URLs of their
	// pages, each once.
	Redirects []Redirect
	// Series are the site's series, by slug; Corrections every
	// correction and update of its articles, newest first.
	Series      []*Series
	Corrections []*Correction
	// Now is the moment the site is built as of (set by the caller),
	// for what depends on the date: the news sitemap's recent articles.
	Now time.Time
}

// Article is a parsed article placed in the site.
type Article struct {
	// Parsed is the article as read from its file. The fields below up to
	// WordCount are copies of its own, where layouts reach them directly:
	// html/template looks a field up by name on every use, and a field of
	// an embedded struct takes a search that allocates.
	Parsed *content.Article
	Path   string
	Title  string // plain text, for attributes, <title>, feeds
	// TitleHTML and SummaryHTML have the inline Markdown of the title and
	// summary rendered (emphasis, code), for where a page shows them.
	TitleHTML   template.HTML
	SummaryHTML template.HTML
	Date        time.Time
	Updated     time.Time // zero when not given
	Slug        string
	Summary     string
	Description string
	Image       string
	ImageAlt    string
	// ImageCaption and ImageCredit are shown under the lead image.
	ImageCaption, ImageCredit string
	// Kicker is the short label over the headline (Explainer, Q&A).
	Kicker string
	// Language is the article's language when not the site's.
	Language string
	Params   map[string]any
	// Corrections are the article's corrections and updates, oldest
	// first, shown at the end of its page (#correction-1, …).
	Corrections []content.Correction
	// Series is where the article stands in its series; nil when it is
	// part of none.
	Series *SeriesPart
	// body is the article's body with its refs resolved; for an article
	// without refs, the parsed one, "" when the build's cache keeps it:
	// Body reads it.
	body string
	// BodyImages are the src of the images the body shows, refs resolved.
	BodyImages []string
	WordCount  int
	// modified is Modified's answer, taken once: sitemaps and feeds ask
	// it of every article on every list page, 2.5 million times at
	// 200,000 articles.
	modified time.Time
	// URL is the path of the article's page, such as /articles/my-story/.
	URL string
	// Newer and Older are the neighbours in date order; nil at the ends.
	Newer, Older *Article
	// Month is the date archive page of the article's month.
	Month *Period
	// Related are up to MaxRelated articles that share the most, and the
	// rarest, people, places and topics with this one.
	Related []*Article
	// index is the article's position in Site.Articles.
	index int
	// Subjects are the article's terms of the taxonomies that say what it
	// is about (all but authors), in the site's taxonomy order, each list
	// holding at least one term.
	Subjects []TermList
	// terms holds the article's terms of each taxonomy, in the site's
	// taxonomy order: a slice, since a map per article costs more than
	// scanning four or five names.
	terms []TermList
}

// TermList is an article's terms of one taxonomy, in the order written.
type TermList struct {
	Taxonomy *Taxonomy
	Terms    []*Term
}

// Terms returns the article's terms of one taxonomy, in the order written.
func (a *Article) Terms(taxonomy string) []*Term {
	for _, t := range a.terms {
		if t.Taxonomy.Name == taxonomy {
			return t.Terms
		}
	}
	return nil
}

// SameTermNames reports whether two versions of an article list terms of
// the same names: what an article page shows of its terms. Comparing in
// place costs far less than building a key for each of thousands of
// unchanged articles on every rebuild.
func SameTermNames(a, b *Article) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.terms) != len(b.terms) {
		return false
	}
	for i, at := range a.terms {
		bt := b.terms[i]
		if at.Taxonomy.Name != bt.Taxonomy.Name || len(at.Terms) != len(bt.Terms) {
			return false
		}
		for j, t := range at.Terms {
			if t.Name != bt.Terms[j].Name || t.URL != bt.Terms[j].URL {
				return false
			}
		}
	}
	return true
}

// TermLists returns the article's terms of every taxonomy, in the site's
// taxonomy order; taxonomies it has no terms of are left out.
func (a *Article) TermLists() []TermList { return a.terms }

// Position is the article's index in Site.Articles: 0 is the newest.
func (a *Article) Position() int { return a.index }

// Authors returns the article's authors.
func (a *Article) Authors() []*Term { return a.Terms("authors") }

// use makes p the article's parsed version.
func (a *Article) use(p *content.Article) {
	a.Parsed = p
	a.Path, a.Title, a.Date, a.Updated, a.Slug = p.Path, p.Title, p.Date, p.Updated, p.Slug
	a.TitleHTML, a.SummaryHTML = p.TitleHTML, p.SummaryHTML
	a.Summary, a.Description, a.Image, a.ImageAlt = p.Summary, p.Description, imageURL(p.Image, a.URL), p.ImageAlt
	a.ImageCaption, a.ImageCredit, a.Language = p.ImageCaption, p.ImageCredit, p.Language
	a.Corrections, a.Kicker = p.Corrections, p.Kicker
	a.Params, a.body, a.BodyImages, a.WordCount = p.Params, p.Body, p.BodyImages, p.WordCount
	a.modified = a.Date
	if t := p.LatestChange(); t.After(a.Date) {
		a.modified = t
	}
}

// Body is the article's body: with its refs resolved, or as parsed,
// read from the build's cache when it keeps it (content's LoadBody). A
// method, not a field, so that a layout's {{ .Article.Body }} shows it
// wherever it is.
func (a *Article) Body() (string, error) {
	if len(a.Parsed.Refs) > 0 {
		return a.body, nil
	}
	return a.Parsed.LoadBody()
}

// imageURL makes an article's image written relative to it (photo.jpg,
// a file of its page bundle) a site path: relative to the article's own
// folder, as a browser reads it on the article's page. Site paths and
// addresses stay as they are; so does a relative one before the
// article's URL is known.
func imageURL(img, pageURL string) string {
	if img == "" || pageURL == "" || strings.HasPrefix(img, "/") || strings.Contains(img, "://") {
		return img
	}
	dir := pageURL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	return path.Clean(dir + img)
}

// ReadingMinutes estimates the reading time at 230 words a minute.
func (a *Article) ReadingMinutes() int { return max(1, (a.WordCount+115)/230) }

// Taxonomy is one grouping of articles, such as people.
type Taxonomy struct {
	config.Taxonomy
	// URL is the path of the taxonomy's index page, such as /people/.
	URL string
	// Terms are sorted A–Z by slug; ByCount by article count, most first;
	// Index as the A–Z index lists them: by each term's sort name (a
	// person's last name), under its Letter.
	Terms   []*Term
	ByCount []*Term
	Index   []*Term
	bySlug  map[string]*Term
	// profiles are the taxonomy's profiles by term slug; aliases maps the
	// slug of each alias to the slug of the term it stands for.
	profiles map[string]*content.Profile
	aliases  map[string]string
	seq      int // the taxonomy's place in the site's order
}

// Term is one person, place, topic or author.
type Term struct {
	// Name is the spelling most articles use; ties go to the first seen.
	Name     string
	Slug     string
	URL      string
	Taxonomy *Taxonomy
	// Articles are newest first.
	Articles []*Article
	// Source is the oldest article that names the term, for error messages.
	Source string
	// Profile is the term's profile file, or nil.
	Profile *content.Profile
	// OftenWith are the terms that appear most often in the same
	// articles, with how often.
	OftenWith []Cooccurrence
	// Letter heads the term in the A–Z index: A to Z, or OtherLetter.
	Letter    string
	sortKey   string
	spellings []spelling
	seq       int // position among all terms, for counting arrays
}

type spelling struct {
	name  string
	count int
}

// Params are the fields of the term's profile that folio does not read
// itself, for layouts: {{ .Term.Params.twitter }}; nil without a profile.
func (t *Term) Params() map[string]any {
	if t.Profile == nil {
		return nil
	}
	return t.Profile.Params
}

// Count is the number of articles of the term.
func (t *Term) Count() int { return len(t.Articles) }

// First and Latest are the term's oldest and newest articles; nil for a
// term without any.
func (t *Term) First() *Article {
	if len(t.Articles) == 0 {
		return nil
	}
	return t.Articles[len(t.Articles)-1]
}

// Latest is the term's newest article.
func (t *Term) Latest() *Article {
	if len(t.Articles) == 0 {
		return nil
	}
	return t.Articles[0]
}

// YearCount is how many articles of a term are of one year.
type YearCount struct {
	Year, Count int
	// Percent is Count as a share of the busiest year's, for a bar.
	Percent int
}

// PerYear counts the term's articles by year in loc, from its first
// year to its last, years without any included: a small chart of when
// it was in the news.
func (t *Term) PerYear(loc *time.Location) []YearCount {
	if len(t.Articles) == 0 {
		return nil
	}
	first, last := t.First().Date.In(loc).Year(), t.Latest().Date.In(loc).Year()
	if last < first { // an -future build's order is still by date
		first, last = last, first
	}
	out := make([]YearCount, last-first+1)
	most := 0
	for _, a := range t.Articles {
		i := a.Date.In(loc).Year() - first
		out[i].Count++
		most = max(most, out[i].Count)
	}
	for i := range out {
		out[i].Year = first + i
		out[i].Percent = max(out[i].Count*100/most, min(out[i].Count, 1)) // one of many still shows
	}
	return out
}

// Taxonomy returns the taxonomy with the given name, or nil.
func (s *Site) Taxonomy(name string) *Taxonomy { return s.byName[name] }

// Article returns the article of a file, by its path relative to the site
// root, or nil.
func (s *Site) Article(path string) *Article { return s.byPath[path] }

// Swap puts new versions of articles in place of the old ones with the
// same paths, when that leaves the site's shape as it is: the same dates,
// slugs, draft flags and term names, which are all that Assemble derives
// the order, URLs and taxonomies from (and the same update dates, which
// the sitemap shows). It swaps all or none, and reports
// whether it did; when it did not, the site must be assembled anew.
//
// Swap changes the site in place. Pages planned from it keep the parsed
// articles they showed (see render.Page), which is how a rebuild finds the
// pages to render again.
func (s *Site) Swap(articles []*content.Article) bool {
	for _, a := range articles {
		old := s.byPath[a.Path]
		if old == nil || !sameShape(old.Parsed, a) {
			return false
		}
	}
	for _, a := range articles {
		if len(a.Refs) == 0 {
			continue
		}
		// A ref is resolved against the site as it is: one that
		// leads nowhere is reported by a full assembly.
		probe := &Article{Parsed: a, Path: a.Path, URL: s.byPath[a.Path].URL}
		if len(s.resolveRefs(probe)) > 0 {
			return false
		}
	}
	for _, a := range articles {
		s.byPath[a.Path].use(a)
		s.resolveRefs(s.byPath[a.Path])
	}
	return true
}

// sameShape reports whether two versions of an article place it the same
// way in the site.
func sameShape(a, b *content.Article) bool {
	// The permalink takes the day in the date's own offset.
	_, aOffset := a.Date.Zone()
	_, bOffset := b.Date.Zone()
	if aOffset != bOffset || !a.Date.Equal(b.Date) || !a.Updated.Equal(b.Updated) || a.Slug != b.Slug || a.Draft != b.Draft || len(a.Terms) != len(b.Terms) ||
		!a.Publish.Equal(b.Publish) || !a.Expiry.Equal(b.Expiry) || a.URL != b.URL || !slices.Equal(a.Aliases, b.Aliases) ||
		!sameSeries(a, b) || !sameCorrections(a, b) {
		return false
	}
	for tax, names := range a.Terms {
		if !slices.Equal(names, b.Terms[tax]) {
			return false
		}
	}
	return true
}

// URLField is the front matter field that makes an article's URL, for
// problems: url when it gives one, else slug (line 0 when the slug comes
// from the file name).
func URLField(a *content.Article) string {
	if a.URL != "" {
		return "url"
	}
	return "slug"
}

// Reserved reports whether a term slug is a URL segment that the site uses
// for its own pages under a taxonomy.
func Reserved(termSlug string) bool { return termSlug == "by-count" || termSlug == "page" }

// Assemble builds the site from its articles (in any order; nil entries,
// from files that failed to parse, are skipped) and the terms' profiles.
// It reports articles that share a URL and term names that cannot become
// URLs, and warns of conflicting aliases, unused profiles and names that
// look like the same term spelt two ways. slugs may be nil; a cache kept
// between builds saves transliterating the same names again.
func Assemble(cfg *config.Config, parsed []*content.Article, profiles []*content.Profile, slugs *slug.Cache) (*Site, diag.List) {
	return AssembleKeeping(cfg, parsed, profiles, slugs, nil)
}

// AssembleKeeping is Assemble with a store that keeps the related lists
// between builds (nil for none): a build whose articles' dates and
// subjects are those of a build before takes that build's lists.
func AssembleKeeping(cfg *config.Config, parsed []*content.Article, profiles []*content.Profile, slugs *slug.Cache, related RelatedStore) (*Site, diag.List) {
	if slugs == nil {
		slugs = slug.NewCache()
	}
	var probs diag.List
	s := &Site{Config: cfg, byName: map[string]*Taxonomy{}, byPath: make(map[string]*Article, len(parsed))}
	s.Articles = make([]*Article, 0, len(parsed))
	for _, a := range parsed {
		if a != nil {
			s.Articles = append(s.Articles, &Article{Parsed: a})
		}
	}
	// On every core: each takes only its own article's fields, and at
	// 200,000 articles this was a third of a second on one.
	parallel.For(len(s.Articles), func() func(int) {
		return func(i int) { s.Articles[i].use(s.Articles[i].Parsed) }
	})
	sortByDate(s.Articles)

	owner := make(map[string]string, len(s.Articles))
	permalink := compilePermalink(cfg.Permalinks["articles"])
	for i, a := range s.Articles {
		// The date as written, in its own offset, as Hugo has it: a
		// migrated article keeps its day even when the site's time zone
		// puts the moment on another.
		a.URL = a.Parsed.URL
		if a.URL == "" {
			a.URL = permalink(a.Slug, a.Date)
		}
		a.Image = imageURL(a.Parsed.Image, a.URL)
		if other, dup := owner[a.URL]; dup {
			first, second := other, a.Path
			if second < first {
				first, second = second, first
			}
			art := a
			if a.Path != second {
				art = s.byPath[second]
			}
			field, fix := URLField(art.Parsed), "give one of them a different slug: in its front matter"
			if field == "url" {
				fix = "change the url: of one of them"
			}
			probs = append(probs, diag.Errorf(second, art.Parsed.Lines[field], field,
				"the URL %s is also the URL of %s: %s", a.URL, first, fix))
		}
		owner[a.URL] = a.Path
		s.byPath[a.Path] = a
		a.index = i
		if i > 0 {
			a.Newer = s.Articles[i-1]
			s.Articles[i-1].Older = a
		}
	}

	for _, tc := range cfg.Taxonomies {
		t := &Taxonomy{Taxonomy: tc, URL: "/" + tc.Path + "/", bySlug: map[string]*Term{}, seq: len(s.Taxonomies)}
		s.Taxonomies = append(s.Taxonomies, t)
		s.byName[tc.Name] = t
	}
	probs = append(probs, s.readProfiles(profiles, slugs)...)
	// Oldest first, so that "first seen" means the earliest article.
	for i := len(s.Articles) - 1; i >= 0; i-- {
		a := s.Articles[i]
		for _, t := range s.Taxonomies {
			names := a.Parsed.Terms[t.Name]
			if len(names) == 0 {
				continue
			}
			terms := make([]*Term, 0, len(names))
			for _, name := range names {
				term, prob := t.add(a, name, t.canonical(slugs.Make(name)))
				if prob != nil {
					probs = append(probs, prob)
				}
				// Names that differ may be one term. The term's own list
				// ends with a when a named it already: a check that costs
				// the same for an article of thousands of names.
				if term != nil && (len(term.Articles) == 0 || term.Articles[len(term.Articles)-1] != a) {
					terms = append(terms, term)
					term.Articles = append(term.Articles, a)
				}
			}
			a.terms = append(a.terms, TermList{t, terms})
			if describing(t) && len(terms) > 0 {
				a.Subjects = append(a.Subjects, TermList{t, terms})
			}
		}
	}
	for _, t := range s.Taxonomies {
		probs = append(probs, t.unusedProfiles()...)
		t.finish()
		t.sortIndex(slugs)
		probs = append(probs, t.lookalikes()...)
	}
	redirects := articleRedirects(s.Articles, &probs)
	redirects = append(redirects, termRedirects(s.Taxonomies, &probs)...)
	redirects = append(redirects, configRedirects(cfg)...)
	var p diag.List
	s.Redirects, p = settleRedirects(redirects)
	probs = append(probs, p...)
	s.Years = archive(s.Articles, cfg.Location)
	s.Series, p = seriesOf(s.Articles, slugs)
	probs = append(probs, p...)
	s.Corrections = corrections(s.Articles)
	s.relate(related)
	s.cooccur()
	return s, probs
}

// AddPages gives the site its standalone pages, as the last step of
// assembling it, and resolves the refs of articles, profiles and pages,
// which may name any of them; drafts are the caller's to leave out. Pages that share
// a URL, with each other or with anything else, are found when the pages
// of the site are planned (render.Plan), which knows every URL. The pages'
// old paths join the site's redirects, settled again with them.
func (s *Site) AddPages(pages []*content.Page) diag.List {
	s.Pages = slices.Clone(pages)
	slices.SortFunc(s.Pages, func(a, b *content.Page) int {
		return cmp.Or(strings.Compare(a.URL, b.URL), strings.Compare(a.Path, b.Path))
	})
	// Refs are resolved last, when every page's URL is known.
	probs := s.resolveAll()
	more := pageRedirects(s.Pages, &probs)
	if len(more) == 0 {
		return probs
	}
	var p diag.List
	s.Redirects, p = settleRedirects(append(s.Redirects, more...))
	return append(probs, p...)
}

// add records one use of name by a, returning its term.
func (t *Taxonomy) add(a *Article, name, sl string) (*Term, *diag.Problem) {
	field := t.Name
	line := a.Parsed.Lines[field]
	if line == 0 {
		line = a.Parsed.Lines[t.SingularKey()]
	}
	if sl == "" {
		return nil, diag.Errorf(a.Path, line, field,
			"%q has no letters or digits to make a URL from: spell it out or remove it", name)
	}
	if Reserved(sl) {
		return nil, diag.Errorf(a.Path, line, field,
			"%q would have the URL %s%s/, which the site uses for its own pages: spell it differently", name, t.URL, sl)
	}
	term := t.bySlug[sl]
	if term == nil {
		term = &Term{Slug: sl, URL: t.URL + sl + "/", Taxonomy: t, Source: a.Path, Profile: t.profiles[sl]}
		t.bySlug[sl] = term
		t.Terms = append(t.Terms, term)
	}
	for i := range term.spellings {
		if term.spellings[i].name == name {
			term.spellings[i].count++
			return term, nil
		}
	}
	term.spellings = append(term.spellings, spelling{name, 1})
	return term, nil
}

// finish settles names and orders once every article is in.
func (t *Taxonomy) finish() {
	for _, term := range t.Terms {
		best := term.spellings[0]
		for _, sp := range term.spellings[1:] {
			if sp.count > best.count {
				best = sp
			}
		}
		term.Name = best.name
		if term.Profile != nil && term.Profile.Name != "" {
			term.Name = term.Profile.Name
		}
		term.spellings = nil
		slices.Reverse(term.Articles) // collected oldest first
	}
	slices.SortFunc(t.Terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
	t.ByCount = slices.Clone(t.Terms)
	slices.SortStableFunc(t.ByCount, func(a, b *Term) int { return cmp.Compare(b.Count(), a.Count()) })
}

// sortByDate puts articles newest first, ties by file path. Comparing
// precomputed integers keeps sorting a large archive cheap.
func sortByDate(list []*Article) {
	type keyed struct {
		when int64
		a    *Article
	}
	keys := make([]keyed, len(list))
	for i, a := range list {
		keys[i] = keyed{a.Date.UnixNano(), a}
	}
	slices.SortFunc(keys, func(x, y keyed) int {
		return cmp.Or(cmp.Compare(y.when, x.when), strings.Compare(x.a.Path, y.a.Path))
	})
	for i, k := range keys {
		list[i] = k.a
	}
}

// compilePermalink turns an article URL pattern into a function of an
// article's slug and local date, splitting the pattern once rather than
// once per article.
func compilePermalink(pattern string) func(slug string, d time.Time) string {
	var parts []string // literal text and :variables, alternating
	for rest := pattern; rest != ""; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			parts = append(parts, rest)
			break
		}
		parts = append(parts, rest[:i])
		j := i + 1
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		parts = append(parts, rest[i:j])
		rest = rest[j:]
	}
	return func(slug string, d time.Time) string {
		var b strings.Builder
		b.Grow(len(pattern) + len(slug))
		for _, p := range parts {
			switch p {
			case ":year":
				b.WriteString(strconv.Itoa(d.Year()))
			case ":month":
				fmt.Fprintf(&b, "%02d", int(d.Month()))
			case ":day":
				fmt.Fprintf(&b, "%02d", d.Day())
			case ":slug":
				b.WriteString(slug)
			default:
				b.WriteString(p)
			}
		}
		return b.String()
	}
}

// Identity hashes what pages show of an article that is not in their own
// keys: its file (by its path and bytes, which with the config and the
// generator decide all it parses to), its URL and month, its body when
// refs to other pages were resolved into it, and the names and URLs of
// its terms, which other articles and profiles decide. Two builds whose
// articles have the same identities show them the same way.
func Identity(a *Article) [sha256.Size]byte {
	// The bytes are gathered first and hashed once: a build takes the
	// identity of every article, and each write to a hash of a string
	// made a copy of it.
	b := make([]byte, 0, 256)
	b = append(b, a.Path...)
	b = append(b, 0)
	b = append(b, a.Parsed.Sum[:]...)
	b = append(b, a.URL...)
	b = append(b, 0)
	if a.Month != nil {
		b = append(b, a.Month.URL...)
	}
	b = append(b, 0)
	if len(a.Parsed.Refs) > 0 {
		b = append(b, a.body...)
	}
	for _, tl := range a.terms {
		b = append(b, 1)
		b = append(b, tl.Taxonomy.Name...)
		for _, t := range tl.Terms {
			b = append(b, 0)
			b = append(b, t.Name...)
			b = append(b, 0)
			b = append(b, t.URL...)
		}
	}
	return sha256.Sum256(b)
}
