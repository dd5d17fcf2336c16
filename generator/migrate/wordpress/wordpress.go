// Package wordpress reads a WordPress export (WXR, from Tools → Export)
// for package migrate: posts become articles, pages pages, authors and
// terms profiles, and the old URLs keep working.
//
// The export is read twice, each time streamed token by token: the first
// pass indexes what items refer to across the file (authors, terms,
// attachments for featured images, the pages' tree) and finds the
// permalink pattern; the second writes each item as it reads it.
package wordpress

import (
	"cmp"
	"fmt"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"folio/generator/sanitize"

	"folio/generator/content"
	"folio/generator/migrate"
	"folio/generator/migrate/wordpress/wpbody"
	"folio/generator/render"
	"folio/generator/slug"
)

// Reader is the WordPress reader of package migrate.
func Reader() migrate.Reader {
	return migrate.Reader{Name: "WordPress", Detect: detect, Open: open}
}

// defaultTaxonomies maps WordPress's taxonomies to folio's unless
// -taxonomy says otherwise.
var defaultTaxonomies = map[string]string{"category": "topics", "post_tag": "tags"}

var folioName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

type source struct {
	src          string
	files, names []string
	articleTypes map[string]bool
	x            *index
	permalink    string
	offset       int
	// mu guards what the items of the second pass, converted on several
	// goroutines, count: types, left, leftOn and queries.
	mu sync.Mutex
	// types counts the items of post types not migrated.
	types map[string]int
	// workers is how many items are converted at once (0: GOMAXPROCS).
	workers int
	// tax maps WordPress's taxonomies to folio's; folioTax lists folio's
	// in order.
	tax      map[string]string
	folioTax []string
	up       *uploads
	// keepComments is -comments; without it, left counts the approved
	// comments left behind, on how many posts and pages.
	keepComments bool
	left, leftOn int
	// queries counts the old addresses with a query (/?p=12) the items
	// keep as aliases.
	queries int
	// moved are the posts and pages, by id, whose path is one of
	// folio's own pages (moveOwnPaths): the path, and the page there;
	// movedFrom the same by path, for links to them.
	moved     map[string][2]string
	movedFrom map[string]string
}

func open(src string, opts migrate.Options) (migrate.Source, error) {
	files, err := exports(src)
	if err != nil {
		return nil, err
	}
	up, err := newUploads(opts.Uploads)
	if err != nil {
		return nil, err
	}
	s := &source{src: src, files: files, names: names(src, files), articleTypes: map[string]bool{"post": true}, types: map[string]int{}, up: up, keepComments: opts.Comments}
	for _, t := range opts.Sections {
		s.articleTypes[t] = true
	}
	s.tax = defaultTaxonomies
	if opts.Taxonomies != nil {
		s.tax = opts.Taxonomies
	}
	for _, from := range slices.Sorted(maps.Keys(s.tax)) {
		to := s.tax[from]
		if !folioName.MatchString(to) || to == "articles" || to == "pages" || to == "authors" {
			return nil, fmt.Errorf("-taxonomy %s=%s: %q must be lower-case letters, digits and hyphens, and not articles, pages or authors", from, to, to)
		}
	}
	for _, from := range []string{"category", "post_tag"} {
		if to, ok := s.tax[from]; ok && !slices.Contains(s.folioTax, to) {
			s.folioTax = append(s.folioTax, to)
		}
	}
	for _, from := range slices.Sorted(maps.Keys(s.tax)) {
		if to := s.tax[from]; !slices.Contains(s.folioTax, to) {
			s.folioTax = append(s.folioTax, to)
		}
	}
	return s, nil
}

func (s *source) Config() (*migrate.Config, error) {
	s.x = newIndex()
	if err := s.x.read(s.files, s.names, s.articleTypes); err != nil {
		return nil, err
	}
	s.permalink = s.x.permalink()
	s.x.findDatePaths(s.permalink)
	s.moveOwnPaths()
	off, constant := s.x.siteOffset()
	s.offset = off
	c := &migrate.Config{
		Title:     decodeTitle(s.x.ch.Title),
		Language:  strings.TrimSpace(s.x.ch.Language),
		Permalink: s.permalink,
	}
	for _, name := range append(slices.Clone(s.folioTax), "authors") {
		title := strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
		c.Taxonomies = append(c.Taxonomies, migrate.Taxonomy{Name: name, Title: title, Singular: strings.TrimSuffix(title, "s")})
	}
	if s.x.base != nil {
		c.BaseURL = strings.TrimSuffix(s.x.base.String(), "/") + "/"
	}
	if constant {
		c.Timezone = timezone(off)
	}
	c.Menu = s.menu(c.Taxonomies)
	if d := strings.TrimSpace(html.UnescapeString(s.x.ch.Description)); d != "" {
		c.Params = map[string]any{"description": d}
	}
	// The old term and author lists lead to their folio pages.
	for _, t := range s.x.termOrder {
		tax, ok := s.tax[t.Taxonomy]
		if !ok {
			continue
		}
		// WordPress's default bases; another taxonomy's is its name.
		old := "/" + t.Taxonomy + "/" + t.Slug + "/"
		switch t.Taxonomy {
		case "category":
			old = "/category/" + s.categoryPath(t) + "/"
		case "post_tag":
			old = "/tag/" + t.Slug + "/"
		}
		if !s.x.used[t.Taxonomy+"/"+t.Slug] {
			continue // no term page to lead to
		}
		to := "/" + tax + "/" + s.termSlug(t) + "/"
		if to != old {
			c.Redirects = append(c.Redirects, migrate.Redirect{From: old, To: to})
		}
		c.Redirects = append(c.Redirects, migrate.Redirect{From: old + "feed/", To: to + "index.xml"})
	}
	for _, login := range slices.Sorted(maps.Keys(s.x.authors)) {
		if sl := slug.Make(login); sl != "" && s.x.writers[login] {
			old, to := "/author/"+sl+"/", "/authors/"+sl+"/"
			c.Redirects = append(c.Redirects, migrate.Redirect{From: old, To: to})
			c.Redirects = append(c.Redirects, migrate.Redirect{From: old + "feed/", To: to + "index.xml"})
		}
	}
	// The feeds readers subscribed to (a term's and an author's at its
	// page's feed/, the site's also as RSS 2 and Atom) lead to folio's
	// Atom feeds: feed readers follow the host's 301 from _redirects, and
	// the page at each old path serves a browser.
	for _, f := range []string{"/feed/", "/feed/rss2/", "/feed/atom/"} {
		c.Redirects = append(c.Redirects, migrate.Redirect{From: f, To: "/index.xml"})
	}
	return c, nil
}

// menu is the header's menu when the site has published top-level pages:
// folio's own links (the taxonomies, the archive, search), then the pages
// by menu order and title, as WordPress lists them in a theme's menu
// when the site has set none (the export does not say which menu a
// theme showed).
func (s *source) menu(taxonomies []migrate.Taxonomy) []migrate.MenuLink {
	type top struct {
		id string
		pg page
	}
	var tops []top
	for id, pg := range s.x.pages {
		if pg.published && (pg.parent == "" || pg.parent == "0" || s.x.pages[pg.parent].slug == "") {
			tops = append(tops, top{id, pg})
		}
	}
	if len(tops) == 0 {
		return nil
	}
	slices.SortFunc(tops, func(a, b top) int {
		return cmp.Or(cmp.Compare(a.pg.order, b.pg.order), strings.Compare(a.pg.title, b.pg.title), strings.Compare(a.id, b.id))
	})
	var links []migrate.MenuLink
	for _, t := range taxonomies {
		links = append(links, migrate.MenuLink{Title: t.Title, URL: "/" + t.Name + "/"})
	}
	links = append(links, migrate.MenuLink{Title: "Archive", URL: "/archive/"}, migrate.MenuLink{Title: "Search", URL: "/search/"})
	for _, t := range tops {
		links = append(links, migrate.MenuLink{Title: cmp.Or(t.pg.title, "Untitled"), URL: s.newPath(t.id, s.x.refs[t.id])})
	}
	return links
}

// categoryPath is a category's path under /category/: WordPress puts a
// child under its parents (/category/news/world/).
func (s *source) categoryPath(t *Term) string {
	p := t.Slug
	seen := map[string]bool{t.Slug: true}
	for parent := t.Parent; parent != "" && !seen[parent]; {
		seen[parent] = true
		pt := s.x.terms["category"][parent]
		if pt == nil {
			break
		}
		p = pt.Slug + "/" + p
		parent = pt.Parent
	}
	return p
}

// termSlug is the slug folio makes of the term's key, which an article
// lists: the term page's path.
func (s *source) termSlug(t *Term) string {
	if sl := slug.Make(s.x.key(t)); sl != "" {
		return sl
	}
	return t.Slug
}

// hasProfile: a term with a description or a parent has a profile to say
// so, and a parent no post lists itself one to have a page at all. Terms no published post lists (nor a child of) get neither a
// profile nor a redirect: their page would list nothing.
func (s *source) hasProfile(t *Term) bool {
	return t.Description != "" || t.Parent != "" || s.shared(t) || !s.x.listed[t.Taxonomy+"/"+t.Slug]
}

// shared: the term's name is another term's too, so that it is listed
// by its own slug, and its profile names it.
func (s *source) shared(t *Term) bool {
	return s.x.key(t) != decodeTitle(t.Name)
}

// plainText is the text of an excerpt, which WordPress lets hold HTML
// (<p>, links), as folio's plain-text summary: tags dropped, entities
// decoded, white space made single spaces.
func plainText(s string) string {
	if !strings.Contains(s, "<") {
		return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
	}
	return sanitize.Text(s)
}

func decodeTitle(s string) string {
	return strings.TrimSpace(html.UnescapeString(s))
}

func (s *source) Walk(sink migrate.Sink) error {
	sink = &copyOnce{Sink: sink, copied: map[string]bool{}}
	if err := s.profiles(sink); err != nil {
		return err
	}
	if err := s.walkItems(sink); err != nil {
		return err
	}
	s.up.total(sink, s.names[0])
	if s.left > 0 {
		sink.Note(migrate.Item{Group: "Comments left behind (migrate with -comments to keep them under their articles, archived and closed)", File: s.names[0],
			What: fmt.Sprintf("%d approved %s on %d %s", s.left, plural(s.left, "comment", "comments"), s.leftOn, plural(s.leftOn, "post or page", "posts and pages"))})
	}
	if n := s.queries; n > 0 {
		sink.Note(migrate.Item{Group: "Old addresses with a query (WordPress's shortlinks and plain permalinks)", File: s.names[0],
			What: fmt.Sprintf("%d %s such as /?p=12 are kept as the aliases of their articles and pages: Netlify answers them with a 301 from public/_redirects; on other hosts, the script of the home and 404 pages sends readers on (with JavaScript on), but search engines see no redirect unless the host is given the same rules",
				n, plural(n, "address", "addresses"))})
	}
	for _, t := range slices.Sorted(maps.Keys(s.types)) {
		sink.Note(migrate.Item{Group: "Post types not migrated (-sections TYPE takes one as articles)", File: s.names[0],
			What: fmt.Sprintf("%d %s of type %s", s.types[t], plural(s.types[t], "item", "items"), t)})
	}
	return nil
}

// profiles writes the authors' and the terms' profiles.
func (s *source) profiles(sink migrate.Sink) error {
	file := s.names[0]
	for _, login := range slices.Sorted(maps.Keys(s.x.authors)) {
		a := s.x.authors[login]
		sl := slug.Make(login)
		if sl == "" || !s.x.writers[login] {
			continue // no published post: no page
		}
		front := map[string]any{}
		if n := decodeTitle(a.DisplayName); n != "" {
			front["name"] = n
		} else {
			front["name"] = login
		}
		if v := decodeTitle(a.FirstName); v != "" {
			front["first_name"] = v
		}
		if v := decodeTitle(a.LastName); v != "" {
			front["last_name"] = v
		}
		if v := decodeTitle(a.Description); v != "" {
			front["description"] = v
		}
		if err := sink.Profile(&migrate.Doc{Source: file, Path: "content/authors/" + sl + ".md", Front: front}); err != nil {
			return err
		}
	}
	written := map[string]bool{}
	for _, t := range s.x.termOrder {
		tax, ok := s.tax[t.Taxonomy]
		if !ok || !s.hasProfile(t) || !s.x.used[t.Taxonomy+"/"+t.Slug] {
			continue // folio makes a term page without a profile
		}
		p := "content/" + tax + "/" + s.termSlug(t) + ".md"
		if written[p] {
			continue
		}
		written[p] = true
		// A profile's name is also a name of its term: of two terms named
		// Foo, the one under a parent is "Foo (Parent)", so that each
		// name leads to one term.
		name := decodeTitle(t.Name)
		if pt := s.x.terms[t.Taxonomy][t.Parent]; pt != nil && s.shared(t) {
			name += " (" + decodeTitle(pt.Name) + ")"
		}
		front := map[string]any{"name": name}
		if d := decodeTitle(t.Description); d != "" {
			front["description"] = d
		}
		if pt := s.x.terms[t.Taxonomy][t.Parent]; pt != nil {
			front["links"] = []map[string]string{{"title": decodeTitle(pt.Name), "url": "/" + tax + "/" + s.termSlug(pt) + "/"}}
		}
		if err := sink.Profile(&migrate.Doc{Source: file, Path: p, Front: front}); err != nil {
			return err
		}
	}
	return nil
}

// leftOut names why an item is not migrated, "" when it is.
func leftOut(it *Item) string {
	if it.Password != "" {
		return "password-protected"
	}
	switch it.Status {
	case "publish", "draft", "pending", "future":
		return ""
	case "":
		return "no status"
	}
	return it.Status
}

func (s *source) item(sink migrate.Sink, file string, it *Item) error {
	isPage := it.Type == "page"
	if !isPage && !s.articleTypes[it.Type] {
		if it.Type != "attachment" {
			s.countType(it.Type)
		}
		return nil
	}
	kind := "post"
	if isPage {
		kind = "page"
	}
	if why := leftOut(it); why != "" {
		sink.Note(migrate.Item{Group: "Posts and pages left out", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s %q: %s", kind, it.ID, decodeTitle(it.Title), why)})
		return nil
	}
	front := map[string]any{"title": decodeTitle(it.Title)}
	if front["title"] == "" {
		front["title"] = "Untitled"
		sink.Note(migrate.Item{Group: "Posts and pages to check", File: file, Line: it.Line, What: fmt.Sprintf("%s %s has no title: it is called Untitled", kind, it.ID)})
	}
	local, err := parseWP(it.PostDate)
	if err != nil && !isPage {
		sink.Note(migrate.Item{Group: "Posts and pages left out", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s %q: wp:post_date %q is not a date", kind, it.ID, front["title"], it.PostDate)})
		return nil
	}
	off, ok := offset(it)
	if !ok {
		off = s.offset
	}
	if it.Status == "draft" || it.Status == "pending" {
		front["draft"] = true
	}
	sl := itemSlug(it)
	old, hasOld := s.x.oldPath(it.Link)
	if m, ok := s.moved[it.ID]; ok && it.Status == "publish" {
		old, hasOld = s.x.refs[it.ID].old, true
		sink.Note(migrate.Item{Group: "Posts and pages moved (their address is a page of folio's own)", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s %q was at %s, which is %s on the new site: it is now at %s", kind, it.ID, front["title"], m[0], m[1], old)})
	}
	if ex := plainText(it.Excerpt); ex != "" {
		front["summary"] = ex
	}
	up := s.up.item()
	rewrite := func(u string) string { return s.rewrite(up, u) }
	if id := it.MetaValue("_thumbnail_id"); id != "" {
		if a, ok := s.x.attachments[id]; ok && a.url != "" {
			front["image"] = rewrite(a.url)
			front["image_alt"] = decodeTitle(a.alt)
			if c := plainText(a.caption); c != "" {
				front["image_caption"] = c
			}
			if c := decodeTitle(a.credit); c != "" {
				front["image_credit"] = c
			}
		} else {
			sink.Note(migrate.Item{Group: "Posts and pages to check", File: file, Line: it.Line, What: fmt.Sprintf("%s %s: its featured image, attachment %s, is not in the export", kind, it.ID, id)})
		}
	}
	fromMeta := map[string]bool{}
	for _, m := range it.Meta {
		if m.Key == "" || strings.HasPrefix(m.Key, "_") || phpSerialized(m.Value) {
			continue
		}
		if fromMeta[m.Key] {
			// A repeated custom field (WordPress allows them) is a list.
			switch v := front[m.Key].(type) {
			case string:
				front[m.Key] = []string{v, m.Value}
			case []string:
				front[m.Key] = append(v, m.Value)
			}
			continue
		}
		if reserved[strings.ToLower(m.Key)] || front[m.Key] != nil {
			sink.Note(migrate.Item{Group: "Posts and pages to check", File: file, Line: it.Line, What: fmt.Sprintf("%s %s: custom field %q is a name folio keeps for itself: left out", kind, it.ID, m.Key)})
			continue
		}
		front[m.Key] = m.Value
		fromMeta[m.Key] = true
	}
	if it.Sticky {
		front["sticky"] = true
	}
	if paths := s.x.attachmentPaths[it.ID]; len(paths) > 0 && it.Status == "publish" {
		front["aliases"] = slices.Clone(paths)
	}
	if p, ok := s.x.datePaths[it.ID]; ok {
		aliases, _ := front["aliases"].([]string)
		front["aliases"] = append(aliases, p)
	}
	if q := s.queryAddresses(it, isPage); len(q) > 0 {
		aliases, _ := front["aliases"].([]string)
		front["aliases"] = append(aliases, q...)
		s.mu.Lock()
		s.queries += len(q)
		s.mu.Unlock()
	}
	body, notes := wpbody.Convert(it.Content, wpbody.Options{Attachment: s.attachment, URL: rewrite, Attached: func() []string {
		var ids []string
		for _, a := range s.x.attached[it.ID] {
			ids = append(ids, a.id)
		}
		return ids
	}})
	for _, n := range notes {
		sink.Note(migrate.Item{Group: "Post bodies to check", File: file, Line: it.Line, What: fmt.Sprintf("%s %s, line %d of its content: %s", kind, it.ID, n.Line, n.What)})
	}
	if err := up.end(sink, file, it, kind); err != nil {
		return err
	}
	switch n := approved(it.Comments); {
	case n == 0:
	case !s.keepComments:
		s.mu.Lock()
		s.left += n
		s.leftOn++
		s.mu.Unlock()
	case isPage:
		sink.Note(migrate.Item{Group: "Comments left behind (folio shows comments under articles only)", File: file, Line: it.Line,
			What: fmt.Sprintf("page %s %q: %d approved %s", it.ID, front["title"], n, plural(n, "comment", "comments"))})
	default:
		if list := s.comments(sink, file, it, kind, off); len(list) > 0 {
			front["comments"] = list
		}
	}
	if lang := s.language(it); lang != "" {
		front["language"] = lang
	}
	if isPage {
		if o := s.x.pages[it.ID].order; o != 0 {
			front["weight"] = o
		}
		p := s.pagePath(it.ID)
		if hasOld && old != "/"+p+"/" {
			front["url"] = old
		}
		s.queryLink(sink, file, it, kind, hasOld, "/"+p+"/")
		return sink.Page(&migrate.Doc{Source: file, Path: "content/pages/" + p + ".md", Front: front, Body: []byte(body)})
	}
	date := local.Add(-time.Duration(off) * time.Second).In(time.FixedZone("", off))
	front["date"] = date.Format(time.RFC3339)
	if c := it.Creator; c != "" {
		if a := slug.Make(c); a != "" {
			front["authors"] = []string{a}
		}
	}
	// WXR 1.0 writes each term twice, once without its nicename; a
	// hand-made export, only without.
	named := map[string]bool{}
	for _, c := range it.Categories {
		if c.Nicename != "" {
			named[domain(c.Domain)+"\x00"+decodeTitle(c.Name)] = true
		}
	}
	for _, c := range it.Categories {
		if c.Nicename == "" && (named[domain(c.Domain)+"\x00"+decodeTitle(c.Name)] || decodeTitle(c.Name) == "") {
			continue
		}
		tax, ok := s.tax[domain(c.Domain)]
		if !ok {
			continue
		}
		name := decodeTitle(c.Name)
		if t := s.x.terms[domain(c.Domain)][c.Nicename]; t != nil {
			name = s.x.key(t)
		}
		list, _ := front[tax].([]string)
		if !slices.Contains(list, name) {
			front[tax] = append(list, name)
		}
	}
	front["slug"] = sl
	pattern := cmp.Or(s.permalink, defaultPermalink)
	if hasOld && (s.permalink == "" || expand(s.permalink, local, sl) != old) {
		front["url"] = old
	}
	s.queryLink(sink, file, it, kind, hasOld, cmp.Or(front["url"], any(expand(pattern, local, strings.ToLower(sl)))).(string))
	return sink.Article(&migrate.Doc{Source: file, Path: migrate.ArticlePath(local, safeFile(sl, it.ID)), Front: front, Body: []byte(body)})
}

// language is the post's language when a multilingual plugin (Polylang,
// whose language taxonomy the export carries) gives it one other than
// the site's: folio's language field.
func (s *source) language(it *Item) string {
	site, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s.x.ch.Language)), "-")
	for _, c := range it.Categories {
		if c.Domain != "language" || !content.IsLanguageTag(c.Nicename) {
			continue
		}
		if primary, _, _ := strings.Cut(strings.ToLower(c.Nicename), "-"); primary != site {
			return c.Nicename
		}
		return ""
	}
	return ""
}

// countType counts an item of a post type not migrated.
func (s *source) countType(t string) {
	s.mu.Lock()
	s.types[t]++
	s.mu.Unlock()
}

// defaultPermalink is folio's pattern when config.yaml gives none.
const defaultPermalink = "/articles/:slug/"

// queryAddresses are the addresses WordPress answered with a published
// post or page besides its permalink: /?p=ID, the shortlink it gave
// every post, and for a page also /?page_id=ID; and the permalink itself
// on a site with plain permalinks, which is one of those unless the
// export (a hand-made one) gives no id.
func (s *source) queryAddresses(it *Item, isPage bool) []string {
	if it.Status != "publish" {
		return nil
	}
	var out []string
	if it.ID != "" && strings.Trim(it.ID, "0123456789") == "" {
		out = append(out, "/?p="+it.ID)
		if isPage {
			out = append(out, "/?page_id="+it.ID)
		}
	}
	if q := s.x.plainQuery(it.Link); q != "" && !slices.Contains(out, "/?"+q) {
		out = append(out, "/?"+q)
	}
	return out
}

// queryLink reports a published item whose old address is a query
// (/?p=12, WordPress's plain permalinks), which no static file can
// answer, with the rule a host's redirects would need.
func (s *source) queryLink(sink migrate.Sink, file string, it *Item, kind string, hasOld bool, now string) {
	if hasOld || it.Status != "publish" || it.Link == "" {
		return
	}
	u, err := url.Parse(it.Link)
	if err != nil || u.RawQuery == "" {
		sink.Note(migrate.Item{Group: "Old addresses not kept", File: file, Line: it.Line,
			What: fmt.Sprintf("%s %s: %s is not an address on the site %s", kind, it.ID, it.Link, s.x.ch.BaseBlogURL)})
		return
	}
	if s.x.refs[it.ID].query != "" {
		return // an alias keeps it (queryAddresses); the report says so once
	}
	sink.Note(migrate.Item{Group: "Old addresses a static site cannot answer (a query: give the host a rule, as Netlify's _redirects line shown)", File: file, Line: it.Line,
		What: fmt.Sprintf("%s %s: %s → %s: \"/ %s %s 301\"", kind, it.ID, it.Link, now, u.RawQuery, now)})
}

// phpSerialized tells a PHP array or object as WordPress stores them
// (a:1:{i:0;N;}): a plugin's settings (wordpress.com's sharing_disabled,
// switch_like_status), not words a layout could show.
func phpSerialized(v string) bool {
	if len(v) < 6 || (v[0] != 'a' && v[0] != 'O') || v[1] != ':' || !strings.HasSuffix(v, "}") {
		return false
	}
	i := 2
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	return i > 2 && i < len(v) && v[i] == ':'
}

// reserved are front matter fields a custom field must not set.
var reserved = map[string]bool{"title": true, "date": true, "author": true, "authors": true, "topics": true, "tags": true,
	"summary": true, "description": true, "slug": true, "url": true, "aliases": true, "redirect_from": true, "draft": true,
	"publishdate": true, "pubdate": true, "published": true, "expirydate": true, "unpublishdate": true, "updated": true,
	"image": true, "image_alt": true, "image_caption": true, "image_credit": true, "sticky": true, "people": true, "places": true}

// safeFile is a file name for the slug: the slug folio makes of it, else
// the post id.
func safeFile(sl, id string) string {
	if f := slug.Make(sl); f != "" {
		return f
	}
	return "post-" + id
}

// pagePath is the page's path under content/pages, below its parents.
func (s *source) pagePath(id string) string {
	pg := s.x.pages[id]
	p := safeFile(pg.slug, id)
	seen := map[string]bool{id: true}
	for parent := pg.parent; parent != "" && parent != "0" && !seen[parent]; {
		seen[parent] = true
		pp, ok := s.x.pages[parent]
		if !ok {
			break
		}
		p = safeFile(pp.slug, parent) + "/" + p
		parent = pp.parent
	}
	return p
}

// rewrite makes a link to the old site in a body a path on the new one:
// an address of a post or page (kept by the migration) loses the site's
// scheme and host, so that it works on the new host and in a preview,
// and a query naming a post (/?p=12, /?page_id=7) becomes its new path.
// An upload becomes the path of its copy, with -uploads; without, or
// when it cannot be copied, it stays absolute; up keeps the item's
// account of them.
func (s *source) rewrite(up *itemUploads, u string) string {
	pu, err := url.Parse(u)
	if err == nil {
		if rel, ok := fileOf(pu, s.x.base); ok {
			return up.link(rel, pu, u)
		}
	}
	if err != nil || s.x.base == nil || pu.Host == "" || !strings.EqualFold(pu.Host, s.x.base.Host) || pu.Scheme != "" && pu.Scheme != "http" && pu.Scheme != "https" {
		return u
	}
	bp, path := strings.TrimSuffix(s.x.base.EscapedPath(), "/"), pu.EscapedPath()
	if path != bp && path != bp+"/" && !strings.HasPrefix(path, bp+"/") {
		return u
	}
	rel := strings.TrimPrefix(path, bp)
	if rel == "" {
		rel = "/"
	}
	if strings.HasPrefix(rel, "/wp-content/") || strings.HasPrefix(rel, "/wp-admin/") || strings.HasPrefix(rel, "/wp-") {
		return u
	}
	if pu.RawQuery != "" {
		q := pu.Query()
		id := cmp.Or(q.Get("p"), q.Get("page_id"))
		r, ok := s.x.refs[id]
		if rel != "/" || !ok {
			return u
		}
		rel = s.newPath(id, r)
	} else if unescaped, err := url.PathUnescape(rel); err == nil {
		if id, ok := s.x.dateAliases[unescaped]; ok {
			rel = s.newPath(id, s.x.refs[id])
		} else if id, ok := s.movedFrom[unescaped]; ok {
			rel = s.newPath(id, s.x.refs[id])
		}
	}
	if pu.Fragment != "" {
		rel += "#" + pu.EscapedFragment()
	}
	return rel
}

// newPath is the path of a published post or page on the new site,
// percent-encoded as a link needs it.
func (s *source) newPath(id string, r ref) string {
	return (&url.URL{Path: s.sitePath(id, r)}).EscapedPath()
}

// sitePath is newPath not escaped.
func (s *source) sitePath(id string, r ref) string {
	switch {
	case r.old != "":
		return r.old
	case r.page:
		return "/" + s.pagePath(id) + "/"
	}
	return expand(cmp.Or(s.permalink, defaultPermalink), r.local, strings.ToLower(r.slug))
}

// moveOwnPaths gives each published post or page whose path would be
// one of folio's own pages (a post "Search" at /search/ on a site with
// /%postname%/ permalinks, a page at /tags/) its path with its id added
// (/search-1234/), which no other item can have: folio's page keeps the
// address, links to the post lead to its new one, and the report says
// where it went.
func (s *source) moveOwnPaths() {
	taxonomies := append(slices.Clone(s.folioTax), "authors")
	for id, r := range s.x.refs {
		p := s.sitePath(id, r)
		if what := render.OwnPage(p, taxonomies); what != "" {
			if s.moved == nil {
				s.moved, s.movedFrom = map[string][2]string{}, map[string]string{}
			}
			s.moved[id], s.movedFrom[p] = [2]string{p, what}, id
			r.old = strings.TrimSuffix(p, "/") + "-" + id + "/"
			s.x.refs[id] = r
		}
	}
}

func (s *source) attachment(id string) (url, alt, caption string, ok bool) {
	a, ok := s.x.attachments[id]
	return a.url, a.alt, a.caption, ok
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
