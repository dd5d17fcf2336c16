package hugo

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"folio/generator/migrate"
	"folio/generator/slug"
)

// listPage is a section's list page in Hugo's output: Hugo writes one
// for every top-level section and every folder with an _index.md, which
// readers and search engines know (/news/, /events/).
type listPage struct {
	url  string
	file string // its _index.md, relative to the site; "" when it has none
	text bool   // the _index.md has text (then it is migrated as a page)
	// author is the author field of its _index.md: the list of one
	// author's articles (haiku-os.org's /blog/waddlesplash/).
	author string
}

// taxAlias is an alias of a taxonomy's own _index.md (the list of all
// authors): folio's taxonomy index takes its place.
type taxAlias struct {
	from, tax, file string
	line            int
}

// noteList records, in the first pass, the list page p's section has,
// and the aliases of a taxonomy's _index.md.
func (s *site) noteList(p *page) {
	sec := p.section()
	if sec == "" {
		return
	}
	if s.taxFolder(sec) {
		if p.branch && path.Dir(p.rel) == sec {
			if f, ok := p.fm.get("aliases"); ok {
				for _, a := range s.aliasPaths(f, p) {
					s.taxAliases = append(s.taxAliases, taxAlias{from: a, tax: sec, file: p.file, line: f.Line})
				}
			}
		}
		return
	}
	if s.lists == nil {
		s.lists = map[string]*listPage{}
	}
	if p.branch {
		dir := path.Dir(p.rel)
		s.lists[dir] = &listPage{url: s.oldURL(p, rolePage), file: p.file, text: len(strings.TrimSpace(string(p.body))) > 0, author: p.fm.str("author")}
		return
	}
	if s.lists[sec] == nil {
		s.lists[sec] = &listPage{url: "/" + urlize(sec, s.cfg.URLs.KeepCase) + "/"}
	}
}

// answered says whether a migrated page, a page folio makes or a migrated
// redirect has the old URL u.
func (s *site) answered(u string) bool {
	k := urlKey(u)
	if c, ok := s.claims.pages[k]; ok && (c.live || c.term) {
		// folio makes a term's page from its profile even when Hugo no
		// longer did (expired): a redirect there is refused.
		return true
	}
	_, ok := s.claims.aliases[k]
	return ok
}

// listRedirects settles, once the first pass knows every URL's owner,
// what answers each old list page: the list of an article section
// redirects to folio's archive; that of another section, unless a page
// has its URL, is noted for a person. The aliases of a taxonomy's list
// redirect to folio's list of the taxonomy.
func (s *site) listRedirects() {
	seen := map[string]bool{}
	add := func(from, to string) {
		k := urlKey(from)
		if !seen[k] && k != to {
			seen[k] = true
			s.redirects = append(s.redirects, migrate.Redirect{From: k, To: to})
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(s.lists)) {
		l := s.lists[dir]
		if l.text || s.answered(l.url) {
			continue
		}
		if s.articles[topSection(dir)] {
			to := "/archive/"
			if sl := slug.Make(l.author); sl != "" && s.authorsTaxonomy() {
				to = "/authors/" + sl + "/" // one author's list: now their page
			}
			add(l.url, to)
			continue
		}
		file, line := l.file, 1
		if file == "" {
			file, line = path.Join(s.cfg.ContentDir, dir), 0
		}
		name := slug.Make(path.Base(dir))
		if name == "" {
			name = "page"
		}
		seen[urlKey(l.url)] = true
		s.note("Section list pages not answered", file, line, fmt.Sprintf("the list page %s is not answered: write %s if readers need it",
			l.url, path.Join("content/pages", path.Dir(dir), name+".md")))
	}
	for _, plural := range slices.Sorted(maps.Keys(s.folioTax)) {
		// A taxonomy whose path changed: its old list redirects to the new.
		if old := "/" + urlize(plural, s.cfg.URLs.KeepCase) + "/"; s.usedTax[plural] && s.renamed(plural) && !s.answered(old) && !seen[old] {
			add(old, "/"+s.taxonomyPath(plural)+"/")
		}
	}
	for _, a := range s.taxAliases {
		if s.answered(a.from) {
			continue
		}
		add(a.from, "/"+s.taxonomyPath(a.tax)+"/")
	}
	s.pageTermRedirects(add)
	s.lists, s.taxAliases = nil, nil
}

// pageTerm is a term only pages may list; see site.pageTerms.
type pageTerm struct {
	tax   string
	pages []string
}

// notePageTerm records that the page at the old URL u lists the term
// name of tax.
func (s *site) notePageTerm(tax, name, u string) {
	if s.pageTerms == nil {
		s.pageTerms = map[string]*pageTerm{}
	}
	for _, k := range s.termURLs(tax, name) {
		pt := s.pageTerms[k]
		if pt == nil {
			pt = &pageTerm{tax: tax}
			s.pageTerms[k] = pt
		}
		if !slices.Contains(pt.pages, u) {
			pt.pages = append(pt.pages, u)
		}
	}
}

// pageTermRedirects answers the term pages of terms only pages listed,
// which folio does not make: with the page that listed it, or the
// taxonomy's index when several did.
func (s *site) pageTermRedirects(add func(from, to string)) {
	for _, u := range slices.Sorted(maps.Keys(s.pageTerms)) {
		if s.answered(u) {
			continue
		}
		pt := s.pageTerms[u]
		to := "/" + s.taxonomyPath(pt.tax) + "/"
		if len(pt.pages) == 1 {
			to = pt.pages[0]
		}
		add(u, to)
	}
	s.pageTerms = nil
}

// topSection is the first folder of a content folder's path.
func topSection(dir string) string {
	if i := strings.IndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return dir
}
