// Package hugo reads a Hugo site for package migrate: its configuration,
// its content (articles from the dated sections, term pages as profiles,
// other pages and section intros as pages, bundle resources), its
// shortcode templates, and its static, data and asset files.
//
// It reads the content twice, one file at a time: a first pass learns
// which sections hold dated articles and which folio permalink pattern
// reproduces most of their URLs; the second writes each file. An article
// whose Hugo URL the pattern does not give keeps it with url:.
package hugo

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/migrate"
	"folio/generator/srcfile"
)

// Reader is the Hugo reader.
func Reader() migrate.Reader {
	return migrate.Reader{Name: "Hugo", Detect: Detect, Open: Open}
}

// configNames are the files Hugo reads its configuration from, at the
// site root, in Hugo's order of preference.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// Detect reports whether src has a Hugo configuration.
func Detect(src string) bool {
	for _, n := range configNames {
		if info, err := os.Stat(filepath.Join(src, n)); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	info, err := os.Stat(filepath.Join(src, "config", "_default"))
	return err == nil && info.IsDir()
}

// site is an opened Hugo site.
type site struct {
	src  string
	cfg  *siteConfig
	loc  *time.Location
	opts migrate.Options
	// taxonomies maps each plural name folio keeps to its singular.
	taxonomies map[string]string
	// folioTax are the taxonomies' names and paths in folio, by plural.
	folioTax map[string]folioTaxonomy
	// lists are the old sections' list pages, by content folder, and
	// taxAliases the aliases of the taxonomies' lists (first pass);
	// redirects what answers them in folio.
	lists      map[string]*listPage
	taxAliases []taxAlias
	// pageTerms are the term pages Hugo wrote for terms that pages, not
	// articles, list (in folio only articles have terms): by the term's
	// old URL, the URLs of the pages that list it and the taxonomy.
	pageTerms map[string]*pageTerm
	// listed are the terms live pages list, until settleTerms.
	listed    []listing
	redirects []migrate.Redirect
	// articles are the sections whose pages become articles.
	articles map[string]bool
	// pattern is folio's permalink for articles.
	pattern string
	notes   []migrate.Item // found while opening, handed over in Walk
	// cascades are the content folders' cascades, read by the first walk.
	cascades *cascades
	// calls counts the shortcode calls of the content written, by name.
	calls map[string]*calls
	// claims are the old URLs and their owners (first pass).
	claims *claims
	now    time.Time
	// metas are the files to write, in the order of the walk, from the
	// first pass to plan; targets what a ref to each becomes.
	metas   []*meta
	targets map[string]target
	refs    *refIndex
	// refShortcodes are the shortcodes whose templates pass an argument
	// to Hugo's ref functions.
	refShortcodes map[string]bool
	// usedTax are the taxonomies some article, page or profile lists a
	// term of; the others are left out of the new site (settleTerms).
	usedTax map[string]bool
	// bylines counts the articles whose author (or authors) field is a
	// plain parameter, the site having no taxonomy of that name: they
	// become folio's authors taxonomy (see authorsTaxonomy).
	bylines int
}

// Open reads the configuration and makes the first pass over the content.
func Open(src string, opts migrate.Options) (migrate.Source, error) {
	cfg, err := readConfig(src)
	if err != nil {
		return nil, err
	}
	s := &site{src: src, cfg: cfg, opts: opts, loc: time.UTC, taxonomies: map[string]string{}, folioTax: map[string]folioTaxonomy{}, calls: map[string]*calls{}, claims: newClaims(), now: time.Now(), refs: newRefIndex()}
	if cfg.TimeZone != "" {
		if s.loc, err = time.LoadLocation(cfg.TimeZone); err != nil {
			return nil, fmt.Errorf("%s: timeZone %q is not a known time zone", cfg.File, cfg.TimeZone)
		}
	}
	for _, t := range cfg.Taxonomies {
		ft, ok := s.taxonomyName(t[0], t[1])
		if !ok {
			s.note("Taxonomies not migrated", cfg.File, 0, fmt.Sprintf("taxonomy %q: folio needs a name of lower-case letters, digits and hyphens that is not articles, page, pages or archive", t[1]))
			continue
		}
		s.taxonomies[t[1]] = t[0]
		s.folioTax[t[1]] = ft
		if ft.name != t[1] {
			what := fmt.Sprintf("taxonomy %q: folio keeps the name %s for itself: migrated as %q", t[1], t[1], ft.name)
			if ft.path == t[1] {
				what += fmt.Sprintf(", its URLs kept with path: %s", ft.path)
			} else {
				what += fmt.Sprintf(" at /%s/ (folio keeps /%s/ for itself), its old URLs redirecting", ft.path, t[1])
			}
			s.note("Taxonomies renamed", cfg.File, 0, what)
		}
	}
	if len(cfg.Taxonomies) == 0 {
		s.note("Taxonomies not migrated", cfg.File, 0, "the site has no taxonomies: folio's default ones (people, places, topics, authors) apply, and stay empty")
	}
	if len(cfg.Languages) > 0 {
		what := fmt.Sprintf("a multilingual site (also %s): folio builds one language, so only the %s content is migrated", strings.Join(cfg.Languages, ", "), cfg.DefaultLanguage)
		if cfg.ContentDir != "content" || len(cfg.LanguageDirs) > 0 {
			what += fmt.Sprintf(", from %s/", cfg.ContentDir)
		}
		s.note("Multilingual content not migrated", cfg.File, 0, what)
	}
	// folio's own pages: the home page, each taxonomy's list.
	s.claims.pages["/"] = pageClaim{live: true, site: "folio's home page"}
	s.claims.pages["/archive/"] = pageClaim{live: true, site: "folio's archive"}
	s.claims.pages["/search/"] = pageClaim{live: true, site: "folio's search page"}
	for plural := range s.taxonomies {
		s.claims.pages["/"+s.taxonomyPath(plural)+"/"] = pageClaim{live: true, site: "folio's list of all " + plural}
	}
	if err := s.firstPass(); err != nil {
		return nil, err
	}
	s.refShortcodes = s.findRefShortcodes()
	return s, nil
}

func (s *site) note(group, file string, line int, what string) {
	s.notes = append(s.notes, migrate.Item{Group: group, File: file, Line: line, What: what})
}

// Config is the new site's config.yaml.
func (s *site) Config() (*migrate.Config, error) {
	c := &migrate.Config{
		Title:     s.cfg.Title,
		BaseURL:   s.cfg.BaseURL,
		Language:  s.cfg.LanguageCode,
		Timezone:  s.cfg.TimeZone,
		Paginate:  s.cfg.Paginate,
		Permalink: s.pattern,
		Params:    s.cfg.Params,
	}
	if c.Language == "" {
		c.Language = s.cfg.DefaultLanguage
	}
	for _, t := range s.cfg.Taxonomies {
		if singular, ok := s.taxonomies[t[1]]; ok && s.usedTax[t[1]] {
			tax := migrate.Taxonomy{Name: s.taxonomyFolio(t[1]), Title: capital(t[1]), Singular: capital(singular)}
			if p := s.taxonomyPath(t[1]); p != tax.Name {
				tax.Path = p
			}
			c.Taxonomies = append(c.Taxonomies, tax)
		}
	}
	if s.authorsTaxonomy() {
		c.Taxonomies = append(c.Taxonomies, migrate.Taxonomy{Name: "authors", Title: "Authors", Singular: "Author"})
	}
	c.Redirects = s.redirects
	return c, nil
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// page is one content file.
type page struct {
	rel      string // relative to the content folder, slash-separated
	file     string // relative to the site, for the report
	bundle   bool   // a leaf bundle's index file
	branch   bool   // _index.md
	fm       *front
	body     []byte
	bodyLine int
}

// section is the page's top-level folder ("" at the root).
func (p *page) section() string {
	if i := strings.IndexByte(p.rel, '/'); i >= 0 {
		return p.rel[:i]
	}
	return ""
}

// walkContent calls fn with each Markdown file of the content folder,
// one at a time, and resource with each other file, with the leaf bundle
// it belongs to (nil outside bundles).
func (s *site) walkContent(fn func(p *page) error, resource func(rel string, bundle *page) error, skipped func(rel, why string)) error {
	root := filepath.Join(s.src, filepath.FromSlash(s.cfg.ContentDir))
	if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	cascade := s.cascades
	if cascade == nil {
		cascade = newCascades()
		s.cascades = cascade // the walks after the first read the same cascades
	}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		r, _ := filepath.Rel(root, p)
		rel := filepath.ToSlash(r)
		if err != nil {
			skipped(rel, "unreadable: "+err.Error())
			return nil
		}
		if strings.HasPrefix(e.Name(), ".") && rel != "." {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() && slices.Contains(s.cfg.LanguageDirs, path.Join(s.cfg.ContentDir, rel)) {
			return fs.SkipDir // another language's content (see Languages)
		}
		if e.IsDir() {
			for _, index := range []string{"index.md", "index.markdown"} {
				if info, err := os.Lstat(filepath.Join(p, index)); err == nil && info.Mode().IsRegular() && rel != "." {
					return s.bundle(p, rel, index, func(pg *page) error {
						cascade.apply(s, pg, path.Dir(rel))
						return fn(pg)
					}, resource, skipped)
				}
			}
			cascade.enter(s, rel)
			return nil
		}
		if !e.Type().IsRegular() {
			skipped(rel, "not a regular file (a link?): not migrated")
			return nil
		}
		if !isMarkdown(rel) && !isHTML(rel) {
			if isContent(rel) {
				skipped(rel, "not Markdown nor HTML: folio reads Markdown, and HTML as Markdown's raw HTML")
				return nil
			}
			return resource(rel, nil)
		}
		pg, err := s.read(rel)
		if pg == nil || err != nil {
			return err
		}
		if isHTML(rel) && pg.fm != nil {
			pg.body = htmlBody(pg.body)
		}
		pg.branch = strings.HasPrefix(path.Base(rel), "_index.")
		cascade.apply(s, pg, path.Dir(rel))
		return fn(pg)
	})
}

// bundle handles a leaf bundle: its index file, then its resources.
func (s *site) bundle(dir, rel, index string, fn func(p *page) error, resource func(string, *page) error, skipped func(string, string)) error {
	pg, err := s.read(rel + "/" + index)
	if err != nil {
		return err
	}
	if pg == nil {
		return fs.SkipDir
	}
	pg.bundle = true
	if pg.fm != nil && headless(pg.fm) {
		// Hugo publishes neither the page of a headless leaf bundle nor
		// its files: other pages may use them, which folio cannot.
		skipped(pg.rel, "a headless bundle (headless: true): Hugo published neither its page nor its files; not migrated")
		return fs.SkipDir
	}
	if err := fn(pg); err != nil {
		return err
	}
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		r, _ := filepath.Rel(filepath.Join(s.src, filepath.FromSlash(s.cfg.ContentDir)), p)
		res := filepath.ToSlash(r)
		if err != nil || e.IsDir() || res == pg.rel || isMarkdown(res) {
			return nil
		}
		if !e.Type().IsRegular() {
			skipped(res, "not a regular file (a link?): not copied")
			return nil
		}
		return resource(res, pg)
	})
	if err != nil {
		return err
	}
	return fs.SkipDir
}

func isMarkdown(rel string) bool {
	ext := strings.ToLower(path.Ext(rel))
	return ext == ".md" || ext == ".markdown"
}

func isContent(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm", ".adoc", ".asciidoc", ".org", ".rst", ".pandoc", ".pdc", ".ad":
		return true
	}
	return false
}

// read reads and splits one content file; nil when it is in a language
// other than the default one (noted).
func (s *site) read(rel string) (*page, error) {
	file := path.Join(s.cfg.ContentDir, rel)
	if lang := langOf(rel); lang != "" {
		if slices.Contains(s.cfg.Languages, lang) {
			return nil, nil
		}
		// The default language's files (about.en.md) are read as the
		// plain ones.
		rel = strings.TrimSuffix(strings.TrimSuffix(rel, path.Ext(rel)), "."+lang) + path.Ext(rel)
	}
	src, err := readRegular(filepath.Join(s.src, filepath.FromSlash(file)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	fm, body, bodyLine, err := split(src)
	pg := &page{rel: rel, file: file, fm: fm, body: body, bodyLine: bodyLine}
	if err != nil {
		pg.fm = nil
		pg.body = []byte(err.Error())
	}
	return pg, nil
}

// readRegular reads a file the walk found to be a regular one. It
// opens it as os.ReadFile does, without srcfile's non-blocking open
// (which guards against FIFOs the walk already left out), which costs
// three system calls more per file.
func readRegular(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > srcfile.MaxText {
		return nil, fmt.Errorf("larger than %d MB, the most a text file may be", srcfile.MaxText>>20)
	}
	buf := make([]byte, info.Size())
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF {
		err = nil // it shrank meanwhile
	}
	return buf[:n], err
}

// langOf is the language code of a file named name.<lang>.md, "" if none.
func langOf(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return ""
	}
	lang := strings.ToLower(base[i+1:])
	if len(lang) < 2 || len(lang) > 7 {
		return ""
	}
	for _, r := range lang {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return ""
		}
	}
	return lang
}

// info is what the URL of p is computed from, and its date (zero when
// it has none).
func (s *site) info(p *page) (pageInfo, bool) {
	fm := p.fm
	pi := pageInfo{Rel: p.rel, Title: html.UnescapeString(fm.str("title")), Slug: fm.str("slug"), URL: fm.str("url")}
	for _, k := range dateKeys {
		if v := fm.str(k); v != "" {
			if t, _, ok := parseDate(v, s.loc); ok {
				pi.Date = t
				return pi, true
			}
		}
	}
	return pi, false
}

// dateKeys are the fields Hugo takes a page's date from, in order.
var dateKeys = []string{"date", "publishDate", "pubdate", "published", "lastmod", "modified"}

// firstPass learns which sections hold articles and the permalink
// pattern that gives most of their URLs.
func (s *site) firstPass() error {
	type stats struct {
		pages, dated int
		patterns     map[string]int
	}
	sections := map[string]*stats{}
	err := s.walkContent(func(p *page) error {
		if p.fm != nil {
			s.claim(p)
			s.metas = append(s.metas, s.metaOf(p))
			s.noteList(p)
		}
		sec := p.section()
		if p.branch || p.fm == nil || sec == "" || s.taxFolder(sec) {
			return nil
		}
		st := sections[sec]
		if st == nil {
			st = &stats{patterns: map[string]int{}}
			sections[sec] = st
		}
		st.pages++
		pi, dated := s.info(p)
		if !dated {
			return nil
		}
		st.dated++
		if pat, ok := templatize(s.cfg.URLs.hugoURL(pi), pi.Date); ok {
			st.patterns[pat]++
		}
		return nil
	}, func(string, *page) error { return nil }, func(string, string) {})
	if err != nil {
		return err
	}
	s.articles = map[string]bool{}
	if len(s.opts.Sections) > 0 {
		for _, sec := range s.opts.Sections {
			if sections[sec] == nil {
				var have []string
				for k := range sections {
					have = append(have, k)
				}
				slices.Sort(have)
				return fmt.Errorf("-sections: %q has no pages in %s/ (its sections: %s)", sec, s.cfg.ContentDir, strings.Join(have, ", "))
			}
			s.articles[sec] = true
		}
	} else {
		for sec, st := range sections {
			if st.dated*2 > st.pages {
				s.articles[sec] = true
			}
		}
	}
	best, n := "", 0
	for sec := range s.articles {
		for pat, c := range sections[sec].patterns {
			if c > n || c == n && pat < best {
				best, n = pat, c
			}
		}
	}
	s.pattern = best
	s.settleTerms()
	s.noteUnusedTaxonomies()
	s.settleBylines()
	s.listed = nil
	s.plan()
	s.listRedirects()
	return nil
}

// Walk writes every item of the site to sink.
func (s *site) Walk(sink migrate.Sink) error {
	for _, it := range s.notes {
		sink.Note(it)
	}
	d := &dropped{}
	err := s.walkContent(func(p *page) error {
		return s.convert(p, sink, d)
	}, func(rel string, bundle *page) error {
		return s.resource(rel, bundle, sink)
	}, func(rel, why string) {
		sink.Note(migrate.Item{Group: "Content files not migrated", File: path.Join(s.cfg.ContentDir, rel), What: why})
	})
	if err != nil {
		return err
	}
	d.report(sink)
	if err := s.movedTerms(sink); err != nil {
		return err
	}
	if err := s.shortcodes(sink); err != nil {
		return err
	}
	return s.copyFiles(sink)
}

// resource copies a file of the content folder where folio publishes it
// at the address Hugo did: into the bundle of the article its bundle
// became, or to static/, beside its bundle's page or at its own path.
// (A bundle's Markdown files, which Hugo does not publish, never come
// here: in an article's folder they would be articles.)
func (s *site) resource(rel string, bundle *page, sink migrate.Sink) error {
	dest := "static/" + rel
	if bundle != nil {
		if m := s.metaOf(bundle); s.isArticle(m) {
			_, _, file := s.articleFile(m)
			within := strings.TrimPrefix(rel, path.Dir(bundle.rel)+"/")
			return sink.Copy(path.Join(s.cfg.ContentDir, rel), path.Join(path.Dir(file), within))
		}
	}
	if bundle != nil {
		pi, _ := s.info(bundle)
		u := s.cfg.URLs.hugoURL(pi)
		if !strings.HasSuffix(u, "/") {
			u = path.Dir(u)
		}
		within := strings.TrimPrefix(rel, path.Dir(bundle.rel)+"/")
		dest = path.Join("static", u, within)
	}
	if !fs.ValidPath(dest) {
		sink.Note(migrate.Item{Group: "Content files not migrated", File: path.Join(s.cfg.ContentDir, rel), What: "its address is not a path inside the site"})
		return nil
	}
	return sink.Copy(path.Join(s.cfg.ContentDir, rel), dest)
}

// skip notes a page left out.
func skip(sink migrate.Sink, p *page, why string) {
	sink.Note(migrate.Item{Group: "Pages skipped", File: p.file, Line: 1, What: why})
}

// convert writes one content file as what it becomes in folio.
func (s *site) convert(p *page, sink migrate.Sink, d *dropped) error {
	if p.fm == nil {
		skip(sink, p, "front matter unreadable: "+string(p.body))
		return nil
	}
	for _, r := range p.fm.repeated {
		sink.Note(migrate.Item{Group: "Repeated front matter keys", File: p.file, Line: r.Line,
			What: fmt.Sprintf("%s is given again: this last value is kept, as Hugo did before 0.152 (Hugo 0.152 and later refuse the file)", r.Key)})
	}
	sec := p.section()
	hasText := len(strings.TrimSpace(string(p.body))) > 0
	switch {
	case p.branch && p.rel == path.Base(p.rel):
		if hasText {
			skip(sink, p, "the home page's text: folio's home page lists the newest articles; move the text into a page or layouts/index.html by hand")
		}
		return nil
	case s.taxFolder(sec) && p.branch && path.Dir(p.rel) == sec:
		if hasText {
			skip(sink, p, "the text of the list of all "+sec+": folio's taxonomy index has no text")
		}
		return nil
	case s.roleOf(p) == roleProfile:
		return s.profile(p, sink, d)
	case p.branch:
		if !hasText {
			return nil // its list page: see listRedirects
		}
		return s.page(p, sink, d)
	case s.articles[sec]:
		if _, dated := s.info(p); !dated {
			sink.Note(migrate.Item{Group: "Undated pages in article sections (made pages)", File: p.file, Line: 1, What: "no date: migrated as a page under content/pages/"})
			return s.page(p, sink, d)
		}
		return s.article(p, sink, d)
	}
	return s.page(p, sink, d)
}

// article writes an article.
func (s *site) article(p *page, sink migrate.Sink, d *dropped) error {
	pi, _ := s.info(p)
	out, ok := s.common(p, sink, d, true)
	if !ok {
		return nil
	}
	old, u, file := s.articleFile(s.metaOf(p))
	if u != old {
		sink.Note(migrate.Item{Group: "URLs changed (two pages had one URL)", File: p.file, Line: 1,
			What: fmt.Sprintf("%s was also the URL of %s: this article gets %s", old, s.claimant(old), u)})
		old = u
		if _, given := p.fm.get("url"); given {
			pi.URL = u
		}
	}
	local := pi.Date.In(s.loc)
	seg := lastSegment(old)
	if s.pattern != "" && folioSlug(seg) && folioURL(s.pattern, seg, local) == old {
		if _, given := out["slug"]; given {
			out["slug"] = seg // what Hugo made of it, which folio keeps as it is
		}
	} else {
		out["url"] = old
		if _, given := p.fm.get("url"); given && pi.URL != "" {
			// As written, with the root Hugo puts before one written
			// without it (url: nintendo-eshop-prepaid-card is
			// /nintendo-eshop-prepaid-card), which folio requires; an
			// empty one is none.
			out["url"] = rooted(pi.URL)
		}
		if name := articleName(file); datedName.MatchString(name) {
			out["slug"] = name
		} else if given, ok := out["slug"].(string); ok && !folioSlug(given) {
			// url: gives the address; a slug folio would refuse or
			// change has nothing left to do.
			delete(out, "slug")
			d.add("slug", "its Hugo URL is kept with url:", p.file, p.fm.fields[slices.IndexFunc(p.fm.fields, func(f field) bool { return strings.EqualFold(f.Key, "slug") })].Line)
		}
	}
	s.countCalls(p)
	return sink.Article(&migrate.Doc{Source: p.file, Path: file, Front: out, Body: s.rewriteRefs(p, sink)})
}

// articleName is the name folio makes an article's slug of: its file's,
// or its bundle folder's.
func articleName(file string) string {
	if path.Base(file) == "index.md" {
		return path.Base(path.Dir(file))
	}
	return strings.TrimSuffix(path.Base(file), ".md")
}

// page writes a page under content/pages/ at its Hugo path, with url:
// when folio's address for it would differ.
func (s *site) page(p *page, sink migrate.Sink, d *dropped) error {
	out, ok := s.common(p, sink, d, false)
	if !ok {
		return nil
	}
	m := s.metaOf(p)
	if old := s.pageURL(m); s.claims.pages[urlKey(old)].site != "" && len(bytes.TrimSpace(p.body)) == 0 {
		// A theme's page of no text where folio makes its own (Docsy's
		// search results, layout: search): nothing to keep.
		sink.Note(migrate.Item{Group: "Pages not migrated", File: p.file, Line: 1,
			What: fmt.Sprintf("a page with no text at %s, the URL of %s", old, s.claimant(old))})
		return nil
	}
	old, u, file := s.pageFile(m)
	if u != old {
		sink.Note(migrate.Item{Group: "URLs changed (two pages had one URL)", File: p.file, Line: 1,
			What: fmt.Sprintf("%s was also the URL of %s: this page gets %s", old, s.claimant(old), u)})
		old = u
	}
	if draft, _ := out["draft"].(bool); !draft && !s.live(p) {
		// folio's pages do not expire: one Hugo no longer published is
		// kept as a draft, so that its URL stays with what answered it
		// in Hugo's output (an alias, nothing).
		out["draft"] = true
		sink.Note(migrate.Item{Group: "Pages past their expiry date (made drafts)", File: p.file, Line: 1, What: "Hugo no longer published it: written with draft: true"})
	}
	if u, _ := content.PathURL(file); u != old {
		out["url"] = old
	} else {
		delete(out, "url")
	}
	delete(out, "slug")
	s.countCalls(p)
	return sink.Page(&migrate.Doc{Source: p.file, Path: file, Front: out, Body: s.rewriteRefs(p, sink)})
}

// profile writes a term page as content/<taxonomy>/<term>.md.
func (s *site) profile(p *page, sink migrate.Sink, d *dropped) error {
	term, file, u := s.profileFile(s.metaOf(p))
	out := map[string]any{}
	var moved []string
	if old := s.termURL(p.section(), term); s.renamed(p.section()) && old != u {
		moved = []string{old} // the taxonomy's path changed with its name
	}
	for _, f := range p.fm.fields {
		key := strings.ToLower(f.Key)
		switch {
		case key == "title":
			if _, named := p.fm.get("name"); !named {
				out["name"] = html.UnescapeString(f.Raw)
				continue
			}
			out["title"] = f.Value
		case key == "aliases":
			if list := s.keepAliases(s.aliasPaths(f, p), p, f.Line, sink); len(list) > 0 {
				out["redirect_from"] = list
			}
		case key == "description" || key == "summary":
			out["description"] = decode(f.Value)
		case dropKeys[key] != "":
			d.add(f.Key, dropKeys[key], p.file, f.Line)
		default:
			out[f.Key] = f.Value
		}
	}
	s.describeImage(p, sink, out)
	if len(moved) > 0 {
		list, _ := out["redirect_from"].([]string)
		out["redirect_from"] = append(moved, list...)
	}
	if _, named := out["name"]; !named {
		if n := displayName(p.fm); n != "" {
			out["name"] = n
		}
	}
	if !folioSlug(term) {
		sink.Note(migrate.Item{Group: "Profiles to check", File: p.file, Line: 1, What: fmt.Sprintf("the term folder %q is not a folio slug: the profile is written as %s, check the terms of its articles match", term, path.Base(file))})
	}
	s.countCalls(p)
	return sink.Profile(&migrate.Doc{Source: p.file, Path: file, Front: out, Body: s.rewriteRefs(p, sink)})
}

// displayName is the name a term page without title or name gives in the
// fields themes use for people (digital.gov's display_name, first_name and
// last_name), so that bylines show it rather than the term's id.
func displayName(fm *front) string {
	get := func(keys ...string) string {
		for _, f := range fm.fields {
			for _, k := range keys {
				if strings.EqualFold(f.Key, k) {
					if v, ok := f.Value.(string); ok && strings.TrimSpace(v) != "" {
						return strings.TrimSpace(html.UnescapeString(v))
					}
				}
			}
		}
		return ""
	}
	if n := get("display_name", "displayName", "full_name", "fullName", "fullname", "author_name"); n != "" {
		return n
	}
	first, last := get("first_name", "firstName", "given_name", "givenName"), get("last_name", "lastName", "family_name", "familyName")
	return strings.TrimSpace(first + " " + last)
}

// dropKeys are the Hugo front matter fields that mean nothing to folio,
// with why.
var dropKeys = map[string]string{
	"weight": "Hugo's ordering weight", "layout": "Hugo's choice of template", "type": "Hugo's choice of template",
	"outputs": "Hugo's output formats", "build": "Hugo's build options", "_build": "Hugo's build options",
	"cascade": "Hugo's inheritance of front matter: its fields are written into the pages it reached", "menu": "Hugo's menus: use menu in config.yaml",
	"menus": "Hugo's menus: use menu in config.yaml", "resources": "Hugo's bundle resource metadata", "sitemap": "Hugo's sitemap options",
	"markup": "Hugo's choice of markup", "headless": "Hugo's headless bundles", "iscjklanguage": "Hugo's word counting",
	"translationkey": "Hugo's translations", "linktitle": "Hugo's short title for menus",
}

// common converts the front matter fields every article and page has.
// ok is false when the page is not written (noted).
func (s *site) common(p *page, sink migrate.Sink, d *dropped, isArticle bool) (map[string]any, bool) {
	out := map[string]any{}
	taxonomy := func(key string) (string, bool) {
		for plural := range s.taxonomies {
			if strings.EqualFold(plural, key) {
				return plural, true
			}
		}
		return "", false
	}
	var description any
	for _, f := range p.fm.fields {
		key := strings.ToLower(f.Key)
		switch key {
		case "title":
			out["title"] = decode(f.Value)
		case "date", "lastmod", "modified", "publishdate", "pubdate", "published", "expirydate", "unpublishdate":
			name := map[string]string{"date": "date", "lastmod": "lastmod", "modified": "lastmod",
				"publishdate": "publishDate", "pubdate": "publishDate", "published": "publishDate",
				"expirydate": "expiryDate", "unpublishdate": "expiryDate"}[key]
			out[name] = s.date(f, p, sink)
		case "draft":
			out["draft"] = f.Value
			if v, ok := f.Value.(string); ok {
				// Hugo reads "false" and "true" as the booleans.
				if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
					out["draft"] = b
				}
			}
		case "slug":
			out["slug"] = f.Value
		case "url":
			out["url"] = f.Value
		case "aliases":
			if list := s.keepAliases(s.aliasPaths(f, p), p, f.Line, sink); len(list) > 0 {
				out["aliases"] = list
			}
		case "summary":
			out["summary"] = decode(f.Value)
		case "description":
			description = decode(f.Value)
		default:
			if (key == "author" || key == "authors") && isArticle {
				all := terms(f.Value)
				for _, t := range all {
					if strings.TrimSpace(t) != "" && !hasWord(t) {
						sink.Note(migrate.Item{Group: "Empty terms dropped", File: p.file, Line: f.Line, What: fmt.Sprintf("%s: %q has no letter or digit, and names no one: dropped", f.Key, t)})
					}
				}
				list := nonEmpty(all)
				if s.authorsTaxonomy() {
					if len(list) > 0 {
						out["authors"] = append(asStrings(out["authors"]), list...)
					}
					continue
				}
				if len(list) == 0 {
					continue
				}
			}
			if plural, ok := taxonomy(key); ok && isArticle {
				list := terms(f.Value)
				kept := list[:0:0]
				for i, t := range list {
					if strings.TrimSpace(t) == "" {
						sink.Note(migrate.Item{Group: "Empty terms dropped", File: p.file, Line: f.Line, What: fmt.Sprintf("%s: item %d is empty: dropped", f.Key, i+1)})
						continue
					}
					if !hasWord(t) {
						sink.Note(migrate.Item{Group: "Empty terms dropped", File: p.file, Line: f.Line, What: fmt.Sprintf("%s: %q has no letter or digit, which a term's page needs for its URL: dropped", f.Key, t)})
						continue
					}
					kept = append(kept, t)
				}
				out[s.taxonomyFolio(plural)] = kept
				continue
			}
			if why := dropKeys[key]; why != "" {
				d.add(f.Key, why, p.file, f.Line)
				continue
			}
			out[f.Key] = f.Value
		}
	}
	if description != nil {
		if _, ok := out["summary"]; ok {
			out["description"] = description
		} else {
			out["summary"] = description
		}
	}
	if _, ok := out["image"]; !ok {
		if list, ok := out["images"].([]any); ok && len(list) > 0 {
			if first, ok := list[0].(string); ok {
				out["image"] = first
			}
		}
	}
	if _, ok := out["date"]; !ok && isArticle {
		// Hugo dates a page without date by its publishDate, else its
		// lastmod (see dateKeys); folio needs the date written.
		for _, k := range []string{"publishDate", "lastmod"} {
			if v, ok := out[k]; ok {
				out["date"] = v
				break
			}
		}
	}
	s.describeImage(p, sink, out)
	if t, _ := out["title"].(string); t == "" {
		base := strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))
		if p.bundle {
			base = path.Base(path.Dir(p.rel))
		}
		out["title"] = base
		sink.Note(migrate.Item{Group: "Titles to write", File: p.file, Line: 1, What: fmt.Sprintf("no title: the file name %q is used", base)})
	}
	return out, true
}

// date keeps a date as written when folio reads it so, and rewrites it
// in RFC 3339 when not; one neither reads is kept and noted.
func (s *site) date(f field, p *page, sink migrate.Sink) any {
	raw, ok := f.Value.(string)
	if !ok {
		raw = f.Raw
	}
	t, asWritten, ok := parseDate(raw, s.loc)
	switch {
	case asWritten:
		return raw
	case ok:
		return t.Format(time.RFC3339)
	}
	sink.Note(migrate.Item{Group: "Dates to fix", File: p.file, Line: f.Line, What: fmt.Sprintf("%s: %q is not a date Hugo or folio reads", f.Key, raw)})
	return f.Value
}

// aliasPaths makes Hugo's aliases site-relative paths: one without a
// leading slash is relative to the page's folder, as in Hugo; for a
// bundle's or a section's index (authors/jdoe/_index.md), the folder
// holding its own (digital.gov's "mike-horton" is /authors/mike-horton/).
func (s *site) aliasPaths(f field, p *page) []string {
	var out []string
	dir := "/" + path.Dir(p.rel)
	if p.bundle || p.branch {
		dir = "/" + path.Dir(path.Dir(p.rel))
	}
	for _, a := range terms(f.Value) {
		if strings.Contains(a, "://") {
			continue
		}
		if !strings.HasPrefix(a, "/") {
			a = path.Join(dir, a)
			if strings.HasSuffix(a, "/") || path.Ext(a) == "" {
				a += "/"
			}
		}
		out = append(out, a)
	}
	return out
}

// terms is a list of strings from a list or a single value.
func terms(v any) []string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if e != nil {
				out = append(out, fmt.Sprint(e))
			}
		}
		return out
	case []string:
		return v
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}

// decode decodes HTML entities in a text value.
func decode(v any) any {
	if s, ok := v.(string); ok {
		return html.UnescapeString(s)
	}
	return v
}

// dropped gathers the fields left out, to report each field once with
// where it is first found and in how many files.
type dropped struct {
	keys  []string
	first map[string]migrate.Item
	count map[string]int
}

func (d *dropped) add(key, why, file string, line int) {
	if d.first == nil {
		d.first, d.count = map[string]migrate.Item{}, map[string]int{}
	}
	k := strings.ToLower(key)
	if _, ok := d.first[k]; !ok {
		d.keys = append(d.keys, k)
		d.first[k] = migrate.Item{Group: "Front matter fields dropped", File: file, Line: line, What: key + ": " + why}
	}
	d.count[k]++
}

func (d *dropped) report(sink migrate.Sink) {
	for _, k := range d.keys {
		it := d.first[k]
		if n := d.count[k]; n > 1 {
			it.What += fmt.Sprintf(" (here and in %d more files)", n-1)
		}
		sink.Note(it)
	}
}

// altKeys are the fields themes read an image's description from.
var altKeys = []string{"image_alt", "imageAlt", "image_alt_text", "alt", "image_description", "imageDescription", "featured_image_alt"}

// describeImage gives an image the image_alt folio requires beside it,
// from the fields themes use, or empty and noted.
func (s *site) describeImage(p *page, sink migrate.Sink, out map[string]any) {
	if img, ok := out["image"].(string); ok && s.imageMissing(p, img) {
		// Hugo's theme showed nothing for it; folio would stop the
		// build at an image: that is no file.
		line := 1
		if f, ok := p.fm.get("image"); ok {
			line = f.Line
		}
		sink.Note(migrate.Item{Group: "Images not found (left out)", File: p.file, Line: line,
			What: fmt.Sprintf("image: %s is no file of the page's bundle, of static/ or of assets/: left out", diag.Text(img))})
		for _, k := range []string{"image", "image_alt", "image_caption", "image_credit"} {
			delete(out, k)
		}
		return
	}
	alt := ""
	for _, k := range altKeys {
		if v, ok := p.fm.get(k); ok {
			if a, ok := v.Value.(string); ok && strings.TrimSpace(a) != "" {
				alt = html.UnescapeString(strings.TrimSpace(a))
				break
			}
		}
	}
	migrate.DescribeImage(sink, p.file, out, alt)
}

// imageMissing reports whether the image a page's front matter names is
// surely no file of the source: a name relative to a leaf bundle that
// neither the bundle nor a static folder has, or a site path that no
// static folder (the themes' too) and no image of assets/ has. Addresses
// on other hosts, and names relative to a page that is no bundle (which
// themes resolve each their own way), are not judged.
func (s *site) imageMissing(p *page, img string) bool {
	img, _, _ = strings.Cut(img, "?")
	img, _, _ = strings.Cut(img, "#")
	if img == "" || strings.Contains(img, "://") || strings.HasPrefix(img, "//") || strings.HasPrefix(img, "data:") {
		return false
	}
	exists := func(rel string) bool {
		if !fs.ValidPath(rel) {
			return false
		}
		info, err := os.Stat(filepath.Join(s.src, filepath.FromSlash(rel)))
		return err == nil && info.Mode().IsRegular()
	}
	site := strings.TrimPrefix(path.Clean("/"+img), "/")
	dirs := append(slices.Clone(s.cfg.StaticDirs), s.cfg.AssetDir)
	for _, t := range s.cfg.Themes {
		dirs = append(dirs, path.Join("themes", t, "static"), path.Join("themes", t, "assets"))
	}
	inStatic := func() bool {
		for _, d := range dirs {
			if exists(path.Join(d, site)) {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(img, "/"):
		return !inStatic()
	case p.bundle:
		return !exists(path.Join(s.cfg.ContentDir, path.Dir(p.rel), img)) && !inStatic()
	}
	return false
}

// headless says whether a leaf bundle's index sets headless: true.
func headless(fm *front) bool {
	f, ok := fm.get("headless")
	return ok && (f.Value == true || strings.EqualFold(strings.TrimSpace(f.Raw), "true"))
}
