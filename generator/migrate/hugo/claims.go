package hugo

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"folio/generator/migrate"
	"folio/generator/slug"
)

// role is what a content file becomes in folio.
type role int

const (
	roleSkipped role = iota // the home page's or a taxonomy list's _index.md, an empty section intro
	roleProfile             // a term page
	rolePage                // a section intro with text, or a regular page outside the article sections
	roleRegular             // a regular page: an article when its section holds articles and it is dated
)

// roleOf is what p becomes (convert tells articles from pages among
// regular pages, once the article sections are known).
func (s *site) roleOf(p *page) role {
	sec := p.section()
	hasText := len(strings.TrimSpace(string(p.body))) > 0
	switch {
	case p.branch && p.rel == path.Base(p.rel):
		return roleSkipped
	case s.taxFolder(sec) && p.branch && path.Dir(p.rel) == sec:
		return roleSkipped
	case s.taxonomies[sec] != "" && p.branch && path.Dir(path.Dir(p.rel)) == sec || s.taxFolder(sec) && !p.branch && path.Dir(p.rel) == sec:
		return roleProfile
	case p.branch && !hasText:
		return roleSkipped
	case p.branch:
		return rolePage
	}
	return roleRegular
}

// oldURL is the URL Hugo gave p.
func (s *site) oldURL(p *page, r role) string {
	pi, _ := s.info(p)
	switch {
	case r == roleProfile:
		return s.termURL(p.section(), termOf(p))
	case p.branch:
		if pi.URL != "" {
			return s.cfg.URLs.hugoURL(pi)
		}
		return "/" + urlize(path.Dir(p.rel), s.cfg.URLs.KeepCase) + "/"
	}
	return s.cfg.URLs.hugoURL(pi)
}

// termOf is the term a profile is the page of: its file or folder name.
func termOf(p *page) string {
	if p.branch {
		return path.Base(path.Dir(p.rel))
	}
	return strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))
}

func (s *site) termURL(tax, term string) string {
	return "/" + urlize(tax, s.cfg.URLs.KeepCase) + "/" + urlize(term, s.cfg.URLs.KeepCase) + "/"
}

// termURLs are the URLs Hugo gave a term's page, in 0.111's spelling and,
// when it differs, 0.165's (see urlizeSpaced).
func (s *site) termURLs(tax, term string) []string {
	u := s.termURL(tax, term)
	if v := "/" + urlize(tax, s.cfg.URLs.KeepCase) + "/" + urlizeSpaced(term, s.cfg.URLs.KeepCase) + "/"; v != u {
		return []string{u, v}
	}
	return []string{u}
}

// urlKey is the form of a URL path two claims are compared in: an
// address without an extension names a folder, as Hugo writes it.
func urlKey(u string) string {
	if !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
		return u + "/"
	}
	return u
}

// claims are the old site's URLs and who had them in Hugo's output,
// learnt in the first pass: what the second needs to keep one owner per
// URL as Hugo did. They hold a few strings per page (metadata, not
// content).
type claims struct {
	// moved are the terms whose folio URL is not Hugo's (c++, i/o,
	// paweł), by taxonomy and folio slug.
	moved map[string]map[string]*movedTerm
	// pages maps each URL to the page Hugo wrote there.
	pages map[string]pageClaim
	// aliases maps each alias to the file whose redirect Hugo wrote
	// there.
	aliases map[string]aliasClaim
}

type pageClaim struct {
	rel  string // "" for a term page no file makes
	date time.Time
	// live is false for a draft, or a page past its expiry date: Hugo
	// did not write it, and an alias of the same URL answered instead.
	live bool
	term bool
	// site names a page folio makes ("folio's home page"), rel "".
	site string
}

type aliasClaim struct {
	rel  string
	term bool
}

func newClaims() *claims {
	return &claims{pages: map[string]pageClaim{}, aliases: map[string]aliasClaim{}, moved: map[string]map[string]*movedTerm{}}
}

// claim records the URLs p had in Hugo's output: its own, its aliases,
// and the term pages its terms made.
func (s *site) claim(p *page) {
	r := s.roleOf(p)
	if r == roleSkipped {
		return
	}
	pi, _ := s.info(p)
	c := pageClaim{rel: p.rel, date: pi.Date, live: s.live(p), term: r == roleProfile}
	if r == roleProfile {
		s.useTax(p.section())
	}
	key := urlKey(s.oldURL(p, r))
	// Two regular pages with one URL: Hugo's output has the first in its
	// default order, the newer one (then by path).
	prev, ok := s.claims.pages[key]
	switch {
	case ok && prev.term && c.term:
		// folio makes a term's page while an article lists the term,
		// whether its profile has expired or not.
		c.live = c.live || prev.live
		s.claims.pages[key] = c
	case !ok || prev.live != c.live && c.live ||
		prev.live == c.live && (c.date.After(prev.date) || c.date.Equal(prev.date) && c.rel < prev.rel):
		s.claims.pages[key] = c
	}
	if f, ok := p.fm.get("aliases"); ok {
		for _, a := range s.aliasPaths(f, p) {
			// Hugo's output has the redirect of the first file by path,
			// a term page's before any other.
			k := urlKey(a)
			if prev, ok := s.claims.aliases[k]; !ok || c.term && !prev.term {
				s.claims.aliases[k] = aliasClaim{rel: p.rel, term: c.term}
			}
		}
	}
	if c.live && (r == rolePage || r == roleRegular) {
		// Whether a regular page is an article is known once every
		// section is: its terms are settled then (settleTerms).
		_, dated := s.info(p)
		s.listed = append(s.listed, listing{section: p.section(), page: r == rolePage, dated: dated, url: key, terms: s.termsOf(p), byline: s.byline(p)})
	}
}

// listing is what a live page lists of terms, kept from the first pass's
// walk until the article sections are known.
type listing struct {
	section     string
	page, dated bool
	url         string
	terms       []termRef
	byline      bool // an author or authors field that is no taxonomy's
}

// termRef is one term a page lists.
type termRef struct{ tax, name string }

// termsOf lists the terms p lists, in every taxonomy.
func (s *site) termsOf(p *page) []termRef {
	var out []termRef
	for _, f := range p.fm.fields {
		for plural := range s.taxonomies {
			if !strings.EqualFold(plural, f.Key) {
				continue
			}
			for _, t := range terms(f.Value) {
				if strings.TrimSpace(t) != "" {
					out = append(out, termRef{plural, t})
				}
			}
		}
	}
	return out
}

// useTax records that a term of the taxonomy plural is listed.
func (s *site) useTax(plural string) {
	if s.usedTax == nil {
		s.usedTax = map[string]bool{}
	}
	s.usedTax[plural] = true
}

// noteUnusedTaxonomies says which taxonomies no file lists a term of:
// folio would show them in every page's header, with an empty index.
func (s *site) noteUnusedTaxonomies() {
	for _, t := range s.cfg.Taxonomies {
		if _, kept := s.taxonomies[t[1]]; kept && !s.usedTax[t[1]] {
			s.note("Taxonomies not migrated", s.cfg.File, 0, fmt.Sprintf("taxonomy %q: no article, page or term page lists a term of it: left out", t[1]))
		}
	}
}

// byline says whether p names its author in a field no taxonomy has.
func (s *site) byline(p *page) bool {
	if _, ok := s.taxonomies["authors"]; ok {
		return false
	}
	if _, ok := s.taxonomies["author"]; ok {
		return false
	}
	for _, k := range []string{"author", "authors"} {
		if f, ok := p.fm.get(k); ok && len(nonEmpty(terms(f.Value))) > 0 {
			return true
		}
	}
	return false
}

// settleBylines counts the articles with a byline no taxonomy has, once
// the article sections are known, unless folio's /authors/ would be on
// an old page's URL.
func (s *site) settleBylines() {
	for _, l := range s.listed {
		if l.byline && !l.page && l.dated && s.articles[l.section] {
			s.bylines++
		}
	}
	if s.bylines == 0 {
		return
	}
	for u := range s.claims.pages {
		if strings.HasPrefix(u, "/authors/") {
			s.note("Bylines not made a taxonomy", s.cfg.File, 0, fmt.Sprintf("%d articles name their author, but %s is an old page's URL: the author fields are kept as parameters", s.bylines, u))
			s.bylines = 0
			return
		}
	}
	s.note("Bylines made a taxonomy", s.cfg.File, 0, fmt.Sprintf("the author field of %d articles, which no taxonomy of the site had, is folio's authors taxonomy: bylines and a page per author; add content/authors/<name>.md profiles for display names and biographies", s.bylines))
}

// authorsTaxonomy says whether articles' author fields become folio's
// authors taxonomy.
func (s *site) authorsTaxonomy() bool { return s.bylines > 0 }

// nonEmpty is list without its blank items.
func nonEmpty(list []string) []string {
	out := list[:0:0]
	for _, t := range list {
		if hasWord(t) {
			out = append(out, t)
		}
	}
	return out
}

// hasWord reports whether a term has a letter or a digit: a term's page
// needs one for its URL, and a term of none ("-", wiloon.com's 2,800
// posts' author: "-") names nobody and nothing.
func hasWord(t string) bool {
	return strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// asStrings is a []string value, or nil.
func asStrings(v any) []string {
	list, _ := v.([]string)
	return list
}

// settleTerms claims the term pages of the terms articles list (folio
// makes those), noting the changed URLs, and keeps the terms only pages
// list for pageTermRedirects.
func (s *site) settleTerms() {
	for _, l := range s.listed {
		article := !l.page && l.dated && s.articles[l.section]
		for _, t := range l.terms {
			s.useTax(t.tax)
			if !article {
				s.notePageTerm(t.tax, t.name, l.url)
				continue
			}
			urls := s.termURLs(t.tax, t.name)
			for _, u := range urls {
				s.claims.term(t.tax, s.taxonomyPath(t.tax), t.name, u)
			}
			k := urls[0]
			if prev, ok := s.claims.pages[k]; !ok {
				s.claims.pages[k] = pageClaim{live: true, term: true}
			} else if prev.term && !prev.live {
				prev.live = true
				s.claims.pages[k] = prev
			}
		}
	}
}

// live says whether Hugo wrote p: not a draft, not past its expiry date.
func (s *site) live(p *page) bool {
	if d, ok := p.fm.get("draft"); ok && (d.Value == true || d.Raw == "true") {
		return false
	}
	for _, k := range []string{"expiryDate", "unpublishdate"} {
		if v := p.fm.str(k); v != "" {
			if t, _, ok := parseDate(v, s.loc); ok && t.Before(s.now) {
				return false
			}
		}
	}
	return true
}

// keepAliases drops the aliases of p that another page, or another
// file's redirect, had in Hugo's output, with a line in the report each.
func (s *site) keepAliases(list []string, p *page, line int, sink migrate.Sink) []string {
	out := list[:0:0]
	own := urlKey(s.oldURL(p, s.roleOf(p)))
	for _, a := range list {
		k := urlKey(a)
		drop := func(why string) {
			sink.Note(migrate.Item{Group: "Old URLs left to another page (as in Hugo's output)", File: p.file, Line: line, What: fmt.Sprintf("aliases: %s %s: not a redirect here", a, why)})
		}
		if k == own {
			drop("is this page's own URL")
			continue
		}
		if c, ok := s.claims.pages[k]; ok && c.live {
			switch {
			case c.site != "":
				drop("is the URL of " + c.site)
			case c.rel == "":
				drop("is the URL of a term page")
			case c.term:
				drop(fmt.Sprintf("is the URL of the term page of %s", path.Join(s.cfg.ContentDir, c.rel)))
			default:
				drop(fmt.Sprintf("is the URL of %s", path.Join(s.cfg.ContentDir, c.rel)))
			}
			continue
		}
		if c, ok := s.claims.aliases[k]; ok && c.rel != p.rel {
			drop(fmt.Sprintf("is also an alias of %s, whose redirect Hugo wrote", path.Join(s.cfg.ContentDir, c.rel)))
			continue
		}
		out = append(out, a)
	}
	return out
}

// ownURL is the URL p keeps: its old one, or, when Hugo's output had
// another page there (two pages with one URL), the first of old-2,
// old-3… no page had. taken says it is not the old one.
func (s *site) ownURL(rel, old string) (u string, taken bool) {
	c, ok := s.claims.pages[urlKey(old)]
	if !ok || c.rel == rel || c.rel == "" && c.site == "" || old == "/" {
		return old, false
	}
	trail := ""
	if strings.HasSuffix(old, "/") {
		trail = "/"
	}
	base := strings.TrimSuffix(old, "/")
	ext := path.Ext(base)
	base = strings.TrimSuffix(base, ext)
	for n := 2; ; n++ {
		u = fmt.Sprintf("%s-%d%s%s", base, n, ext, trail)
		if c, ok := s.claims.pages[urlKey(u)]; !ok || c.rel == rel {
			s.claims.pages[urlKey(u)] = pageClaim{rel: rel, live: true}
			return u, true
		}
	}
}

// claimant names what had the URL old in Hugo's output, or has it in
// folio's: another file, or a page folio makes ("folio's search page").
func (s *site) claimant(old string) string {
	c := s.claims.pages[urlKey(old)]
	if c.site != "" {
		return c.site + ", which folio makes itself"
	}
	return path.Join(s.cfg.ContentDir, c.rel) + ", which Hugo's output has there"
}

// meta is what a file's place in the new site is computed from, kept
// for every file between the passes (metadata, not content).
type meta struct {
	rel            string
	branch, bundle bool
	role           role
	pi             pageInfo
	dated          bool
	live           bool
}

func (s *site) metaOf(p *page) *meta {
	pi, dated := s.info(p)
	return &meta{rel: p.rel, branch: p.branch, bundle: p.bundle, role: s.roleOf(p), pi: pi, dated: dated, live: s.live(p)}
}

func (m *meta) section() string {
	if i := strings.IndexByte(m.rel, '/'); i >= 0 {
		return m.rel[:i]
	}
	return ""
}

// isArticle says whether a regular page becomes an article.
func (s *site) isArticle(m *meta) bool {
	return m.role == roleRegular && s.articles[m.section()] && m.dated
}

// articleFile is where an article goes: old is its Hugo URL, u the one
// it keeps (another when two pages had old). A leaf bundle stays a
// bundle, its files beside its index.md.
func (s *site) articleFile(m *meta) (old, u, file string) {
	old = s.cfg.URLs.hugoURL(m.pi)
	u, _ = s.ownURL(m.rel, old)
	seg := lastSegment(u)
	if ext := path.Ext(seg); strings.EqualFold(ext, ".html") || strings.EqualFold(ext, ".htm") {
		seg = strings.TrimSuffix(seg, ext) // an ugly URL's page: its name without .html
	}
	name := slug.Make(seg)
	if name == "" {
		if name = slug.Make(m.pi.Title); name == "" {
			name = "article"
		}
	}
	if m.bundle {
		return old, u, migrate.BundlePath(m.pi.Date.In(s.loc), name)
	}
	return old, u, migrate.ArticlePath(m.pi.Date.In(s.loc), name)
}

// pageURL is the URL Hugo gave a page: a section's (_index.md) its
// folder's, unless it says its url.
func (s *site) pageURL(m *meta) string {
	if m.branch && m.pi.URL == "" {
		return "/" + urlize(path.Dir(m.rel), s.cfg.URLs.KeepCase) + "/"
	}
	return s.cfg.URLs.hugoURL(m.pi)
}

// pageFile is where a page goes under content/pages/, at its Hugo path.
func (s *site) pageFile(m *meta) (old, u, file string) {
	rel := strings.TrimSuffix(m.rel, path.Ext(m.rel))
	if m.branch || m.bundle {
		rel = path.Dir(m.rel)
	}
	old = s.pageURL(m)
	u, _ = s.ownURL(m.rel, old)
	name := slug.Make(path.Base(rel))
	if name == "" {
		name = "page"
	}
	return old, u, path.Join("content/pages", path.Dir(rel), name+".md")
}

// profileFile is where a term page goes, and its URL in folio.
func (s *site) profileFile(m *meta) (term, file, u string) {
	term = path.Base(m.rel)
	if m.branch {
		term = path.Base(path.Dir(m.rel))
	} else {
		term = strings.TrimSuffix(term, path.Ext(term))
	}
	t := term
	if !folioSlug(t) {
		t = slug.Make(t)
	}
	return term, "content/" + s.taxonomyFolio(m.section()) + "/" + t + ".md", "/" + s.taxonomyPath(m.section()) + "/" + t + "/"
}

// target is what a ref to a file of the old site becomes: an article's
// or a page's new path (for folio's ref), or, for a term page, its URL,
// written as a plain link.
type target struct {
	ref     string // "/articles/2015/06/x.md", "/pages/about.md"
	url     string
	skipped bool // not migrated: url is its old one
	// dead is a draft or a page past its expiry date: Hugo's ref did
	// not find it, nor does folio's.
	dead bool
}

// plan computes, once the first pass knows the article sections and
// every URL's owner, where each file goes (as the writer will name it:
// a name another file took gets -2, -3…) and so what refs to it become.
func (s *site) plan() {
	taken := map[string]bool{}
	place := func(file string) string {
		if !taken[file] {
			taken[file] = true
			return file
		}
		stem := strings.TrimSuffix(file, ".md")
		for n := 2; ; n++ {
			f := fmt.Sprintf("%s-%d.md", stem, n)
			if !taken[f] {
				taken[f] = true
				return f
			}
		}
	}
	s.targets = make(map[string]target, len(s.metas))
	for _, m := range s.metas {
		t := target{dead: !m.live}
		s.refs.add(m.rel)
		switch {
		case m.role == roleSkipped:
			t.skipped = true
			t.url, _, _ = s.pageFile(m)
			if path.Dir(m.rel) == "." {
				t.url = "/"
			}
		case m.role == roleProfile:
			_, file, u := s.profileFile(m)
			place(file)
			t.url = u
		case s.isArticle(m):
			_, _, file := s.articleFile(m)
			t.ref = "/" + strings.TrimPrefix(place(file), "content/")
		default:
			_, u, file := s.pageFile(m)
			t.ref = "/" + strings.TrimPrefix(place(file), "content/")
			t.url = u
		}
		s.targets[m.rel] = t
	}
	s.metas = nil
}

// movedTerm is a term whose folio URL is not the one Hugo gave it: the
// names articles spell it with, and Hugo's URLs for them.
type movedTerm struct {
	names []string
	urls  []string
}

// term records a term an article lists, with its Hugo URL old, when
// folio's URL for it (under the taxonomy's path) differs.
func (c *claims) term(tax, taxPath, name, old string) {
	sl := slug.Make(name)
	if sl == "" || "/"+taxPath+"/"+sl+"/" == old {
		return
	}
	m := c.moved[tax]
	if m == nil {
		m = map[string]*movedTerm{}
		c.moved[tax] = m
	}
	t := m[sl]
	if t == nil {
		t = &movedTerm{}
		m[sl] = t
	}
	if !slices.Contains(t.urls, old) {
		t.urls = append(t.urls, old)
	}
	if !slices.ContainsFunc(t.names, func(n string) bool { return strings.EqualFold(n, name) }) {
		t.names = append(t.names, name)
	}
}

// movedTerms writes a profile for each term whose URL changes and that
// has no profile of its own, with Hugo's URLs as redirect_from; its name
// is the term as articles spell it, unless they spell it several ways.
func (s *site) movedTerms(sink migrate.Sink) error {
	for _, tax := range slices.Sorted(maps.Keys(s.claims.moved)) {
		m := s.claims.moved[tax]
		for _, sl := range slices.Sorted(maps.Keys(m)) {
			t := m[sl]
			if c, ok := s.claims.pages["/"+tax+"/"+sl+"/"]; ok && c.rel != "" {
				continue // a profile of its own, written from its file
			}
			front := map[string]any{"redirect_from": t.urls}
			if len(t.names) == 1 {
				front["name"] = t.names[0]
			}
			if err := sink.Profile(&migrate.Doc{Source: s.cfg.File, Path: "content/" + s.taxonomyFolio(tax) + "/" + sl + ".md", Front: front}); err != nil {
				return err
			}
		}
	}
	return nil
}
