package wordpress

import (
	"cmp"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"folio/generator/slug"
)

// attachment is what a post needs of an attachment: its file and texts.
type attachment struct {
	url, alt, caption string
	// credit is the photographer or agency the image's IPTC data names,
	// as WordPress keeps it in the attachment's metadata.
	credit string
}

// phpString finds the string value of key in a PHP-serialized array, as
// WordPress stores an attachment's metadata (…s:6:"credit";s:11:"Jane
// Doe";…), "" when it is absent or not a string. The length it gives is
// in bytes, which a value may hold quotes within.
func phpString(serialized, key string) string {
	k := `s:` + strconv.Itoa(len(key)) + `:"` + key + `";s:`
	i := strings.Index(serialized, k)
	if i < 0 {
		return ""
	}
	rest := serialized[i+len(k):]
	colon := strings.IndexByte(rest, ':')
	n, err := strconv.Atoi(rest[:max(colon, 0)])
	if colon < 0 || err != nil || n < 0 || len(rest) < colon+2+n+1 || rest[colon+1] != '"' || rest[colon+2+n] != '"' {
		return ""
	}
	return rest[colon+2 : colon+2+n]
}

// page is what a child page needs of its parent.
type page struct {
	slug, parent string
	// order is wp:menu_order, title the page's: the header's menu and
	// the pages' order under their parent follow them.
	order     int
	title     string
	published bool
}

// index is what the first pass over the exports learns, so that the
// second can write each item as it reads it: the site, the authors, the
// terms, the attachments (a post's featured image may come after it),
// the pages' tree, and the permalink pattern. It holds a few short
// strings per attachment, page and term, never a post's body.
type index struct {
	ch      Channel
	base    *url.URL
	authors map[string]*Author
	// terms are by taxonomy, then slug.
	terms       map[string]map[string]*Term
	termOrder   []*Term
	attachments map[string]attachment
	pages       map[string]page
	// offsets counts the posts' offsets from UTC, in seconds.
	offsets map[int]int
	// patterns counts, for each permalink pattern, the published posts
	// whose old path it gives.
	patterns map[string]int
	posts    int
	// used marks the terms (taxonomy + "/" + slug) a published post
	// lists: only those get a term page for their old list to lead to.
	used map[string]bool
	// listed marks the terms a published post lists itself (used also
	// holds their parents).
	listed map[string]bool
	// writers are the logins of the authors of published posts.
	writers map[string]bool
	// keys are the terms' values in articles' front matter, by taxonomy +
	// "/" + slug: the name, unless two terms of the taxonomy share the
	// slug folio makes of it (WordPress's "Foo" under News and "Foo"
	// under Sport), when it is the term's own slug.
	keys map[string]string
	// refs are the published posts and pages by id, for the links in
	// bodies that name them by a query (/?p=12, /?page_id=7).
	refs map[string]ref
	// attachmentPaths are the old addresses of attachment pages
	// (/2015/06/post/photo/), by the id of the post they belong to,
	// which they then lead to.
	attachmentPaths map[string][]string
	// attached are the ids of a post's attachments, by the post's id, in
	// menu order: a [gallery] without ids shows them.
	attached map[string][]attachedID
	// datePaths are the paths the permalink pattern gives published
	// posts by their wp:post_date where their <link> differs (an export
	// whose links were made in another time zone), by the post's id:
	// WordPress answered both, so each leads to the post.
	datePaths map[string]string
	// dateAliases are the same, by path.
	dateAliases map[string]string
}

type attachedID struct {
	order int
	id    string
}

// ref is what a post's new path is made of.
type ref struct {
	old string // its path on the old site, kept; "" when a query
	// query is the old address's query when it was one (p=12, page_id=7:
	// WordPress's plain permalinks), which config.yaml redirects.
	query string
	local time.Time
	slug  string
	page  bool
}

func newIndex() *index {
	return &index{authors: map[string]*Author{}, terms: map[string]map[string]*Term{},
		attachments: map[string]attachment{}, pages: map[string]page{}, offsets: map[int]int{}, patterns: map[string]int{},
		used: map[string]bool{}, listed: map[string]bool{}, writers: map[string]bool{}, keys: map[string]string{}, refs: map[string]ref{}, attachmentPaths: map[string][]string{}, attached: map[string][]attachedID{}}
}

// read makes the first pass over the files.
func (x *index) read(files []string, names []string, articleTypes map[string]bool) error {
	for i, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		first := i == 0
		err = Parse(newBodySkipper(f), names[i], Handler{
			SkipContent: true,
			Channel: func(c *Channel) error {
				if first {
					x.ch = *c
					base := c.BaseBlogURL
					if base == "" {
						base = c.Link
					}
					x.base, _ = url.Parse(strings.TrimSpace(base))
				}
				return nil
			},
			Author: func(a *Author) error {
				if _, ok := x.authors[a.Login]; !ok && a.Login != "" {
					x.authors[a.Login] = a
				}
				return nil
			},
			Term: func(t *Term) error {
				x.addTerm(t)
				return nil
			},
			Item: func(it *Item) error {
				x.item(it, articleTypes)
				return nil
			},
		})
		f.Close()
		if err != nil {
			return err
		}
	}
	x.makeKeys()
	for _, list := range x.attached {
		slices.SortStableFunc(list, func(a, b attachedID) int { return cmp.Compare(a.order, b.order) })
	}
	return nil
}

// makeKeys sets the terms' keys once every term is known, and marks the
// parents of used terms used, as their profiles link to them.
func (x *index) makeKeys() {
	for _, t := range x.termOrder {
		if !x.used[t.Taxonomy+"/"+t.Slug] {
			continue
		}
		seen := map[string]bool{}
		for p := x.terms[t.Taxonomy][t.Parent]; p != nil && !seen[p.Slug]; p = x.terms[t.Taxonomy][p.Parent] {
			seen[p.Slug] = true
			x.used[t.Taxonomy+"/"+p.Slug] = true
		}
	}
	bySlug := map[string]int{}
	for _, t := range x.termOrder {
		bySlug[t.Taxonomy+"/"+slug.Make(decodeTitle(t.Name))]++
	}
	for _, t := range x.termOrder {
		k := decodeTitle(t.Name)
		if sl := slug.Make(k); sl == "" || bySlug[t.Taxonomy+"/"+sl] > 1 {
			k = t.Slug
		}
		x.keys[t.Taxonomy+"/"+t.Slug] = k
	}
}

// key is the term's value in front matter, and slug.Make of it its
// term page's slug.
func (x *index) key(t *Term) string {
	return x.keys[t.Taxonomy+"/"+t.Slug]
}

func (x *index) addTerm(t *Term) {
	if t.Slug == "" {
		return
	}
	m := x.terms[t.Taxonomy]
	if m == nil {
		m = map[string]*Term{}
		x.terms[t.Taxonomy] = m
	}
	if _, ok := m[t.Slug]; !ok {
		m[t.Slug] = t
		x.termOrder = append(x.termOrder, t)
	}
}

func (x *index) item(it *Item, articleTypes map[string]bool) {
	switch {
	case it.Type == "attachment":
		x.attachments[it.ID] = attachment{url: it.AttachmentURL, alt: it.MetaValue("_wp_attachment_image_alt"), caption: it.Excerpt,
			credit: phpString(it.MetaValue("_wp_attachment_metadata"), "credit")}
		if it.Parent != "" && it.Parent != "0" {
			order, _ := strconv.Atoi(it.MenuOrder)
			x.attached[it.Parent] = append(x.attached[it.Parent], attachedID{order, it.ID})
		}
		if old, ok := x.oldPath(it.Link); ok && it.Parent != "" && it.Parent != "0" {
			x.attachmentPaths[it.Parent] = append(x.attachmentPaths[it.Parent], old)
		}
		return
	case it.Type == "page":
		order, _ := strconv.Atoi(it.MenuOrder)
		x.pages[it.ID] = page{slug: itemSlug(it), parent: it.Parent, order: order, title: decodeTitle(it.Title),
			published: it.Status == "publish" && it.Password == ""}
	}
	// Terms an item names but the channel does not list (WXR 1.0
	// exports list no tags) still get their profile and redirect.
	for _, c := range it.Categories {
		if c.Nicename != "" {
			x.addTerm(&Term{Taxonomy: domain(c.Domain), Slug: c.Nicename, Name: c.Name})
		}
	}
	if (!articleTypes[it.Type] && it.Type != "page") || it.Status != "publish" || it.Password != "" {
		return
	}
	old, hasOld := x.oldPath(it.Link)
	local, dateErr := parseWP(it.PostDate)
	x.refs[it.ID] = ref{old: old, query: x.plainQuery(it.Link), local: local, slug: itemSlug(it), page: it.Type == "page"}
	if it.Type == "page" {
		return
	}
	x.posts++
	x.writers[it.Creator] = true
	for _, c := range it.Categories {
		if c.Nicename != "" {
			x.used[domain(c.Domain)+"/"+c.Nicename] = true
			x.listed[domain(c.Domain)+"/"+c.Nicename] = true
		}
	}
	if off, ok := offset(it); ok {
		x.offsets[off]++
	}
	if !hasOld || dateErr != nil {
		return
	}
	if p := patternOf(old, local, itemSlug(it)); p != "" {
		x.patterns[p]++
	}
}

// domain is a category's taxonomy: WXR 1.0 writes tags as "tag".
func domain(d string) string {
	switch d {
	case "", "category":
		return "category"
	case "tag":
		return "post_tag"
	}
	return d
}

const wpLayout = "2006-01-02 15:04:05"

// parseWP reads a WordPress date ("2011-01-18 08:06:21") as UTC; "0000-00-00
// 00:00:00", which drafts have, is an error.
func parseWP(s string) (time.Time, error) {
	return time.Parse(wpLayout, strings.TrimSpace(s))
}

// offset is the item's offset from UTC, from its local and UTC dates,
// rounded to the minute.
func offset(it *Item) (int, bool) {
	local, err1 := parseWP(it.PostDate)
	gmt, err2 := parseWP(it.PostDateGMT)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	d := local.Sub(gmt).Round(time.Minute)
	if d < -14*time.Hour || d > 14*time.Hour {
		return 0, false
	}
	return int(d / time.Second), true
}

// siteOffset is the most common offset; one offset for every post gives
// the site's time zone as well.
func (x *index) siteOffset() (off int, constant bool) {
	best := -1
	for o, n := range x.offsets {
		if n > best || n == best && o < off {
			off, best = o, n
		}
	}
	return off, len(x.offsets) == 1
}

// timezone names a constant offset as the IANA zone of it: Etc/GMT-5 is
// five hours ahead of UTC (the sign is POSIX's, reversed).
func timezone(off int) string {
	if off == 0 {
		return "UTC"
	}
	if off%3600 != 0 {
		return ""
	}
	h := off / 3600
	if h > 0 {
		return "Etc/GMT-" + strconv.Itoa(h)
	}
	return "Etc/GMT+" + strconv.Itoa(-h)
}

// oldPath is the item's path on the old site, percent-decoded, relative
// to the site's base URL (a site in a folder, /blog/, keeps its posts'
// paths without it); false when the link is not a path on the site or
// is a query (/?p=12, the plain permalinks).
func (x *index) oldPath(link string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil || u.RawQuery != "" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if x.base != nil {
		if u.Host != "" && x.base.Host != "" && !strings.EqualFold(u.Host, x.base.Host) {
			return "", false
		}
		if bp := strings.TrimSuffix(x.base.Path, "/"); bp != "" {
			if !strings.HasPrefix(p, bp+"/") {
				return "", false
			}
			p = strings.TrimPrefix(p, bp)
		}
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if strings.Contains(p+"/", "/../") || strings.Contains(p+"/", "/./") {
		return "", false
	}
	return p, strings.HasPrefix(p, "/")
}

// plainQuery is the query of a plain permalink (https://ex.org/?p=12),
// "p=12", when link is one to the site's home with that one pair.
func (x *index) plainQuery(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.RawQuery == "" || x.base == nil || !strings.EqualFold(u.Host, x.base.Host) ||
		strings.TrimSuffix(u.Path, "/") != strings.TrimSuffix(x.base.Path, "/") {
		return ""
	}
	q := u.Query()
	if len(q) != 1 {
		return ""
	}
	for _, name := range []string{"p", "page_id"} {
		if v := q[name]; len(v) == 1 && v[0] != "" && strings.Trim(v[0], "0123456789") == "" {
			return name + "=" + v[0]
		}
	}
	return ""
}

// itemSlug is the item's slug: wp:post_name percent-decoded (WordPress
// stores non-ASCII slugs encoded), else one made of the title, else the
// post id.
func itemSlug(it *Item) string {
	s := it.Name
	if d, err := url.PathUnescape(s); err == nil {
		s = d
	}
	if s == "" {
		s = slug.Make(decodeTitle(it.Title))
	}
	if s == "" {
		s = "post-" + it.ID
	}
	return s
}

// patternOf turns the old path of a post dated local with slug s into a
// folio permalink pattern, the segments that are its year, month, day
// and slug made tokens; "" when the path does not end with the slug or
// the slug is not one folio writes as is.
func patternOf(old string, local time.Time, s string) string {
	if s != strings.ToLower(s) || strings.ContainsAny(s, " +/%") || !strings.HasSuffix(old, "/") {
		return ""
	}
	segs := strings.Split(strings.Trim(old, "/"), "/")
	if len(segs) == 0 || segs[len(segs)-1] != s {
		return ""
	}
	year, month, day := strconv.Itoa(local.Year()), local.Format("01"), local.Format("02")
	for i, seg := range segs {
		switch {
		case i == len(segs)-1:
			segs[i] = ":slug"
		case seg == year:
			segs[i] = ":year"
		case seg == month && i > 0 && segs[i-1] == ":year":
			segs[i] = ":month"
		case seg == day && i > 0 && segs[i-1] == ":month":
			segs[i] = ":day"
		case strings.ContainsAny(seg, ":?#%\\") || seg == "." || seg == "..":
			return ""
		}
	}
	return "/" + strings.Join(segs, "/") + "/"
}

// expand is the path folio gives a post under pattern.
func expand(pattern string, local time.Time, s string) string {
	return strings.NewReplacer(":year", strconv.Itoa(local.Year()), ":month", local.Format("01"),
		":day", local.Format("02"), ":slug", s).Replace(pattern)
}

// findDatePaths fills datePaths for the site's permalink pattern. A path
// that is another post's or page's own is left to that one.
func (x *index) findDatePaths(pattern string) {
	x.datePaths, x.dateAliases = map[string]string{}, map[string]string{}
	if pattern == "" {
		return
	}
	taken, shared := map[string]bool{}, map[string]bool{}
	for id, r := range x.refs {
		if r.old == "" {
			continue
		}
		taken[r.old] = true
		if r.page {
			continue
		}
		if p := expand(pattern, r.local, strings.ToLower(r.slug)); p != r.old {
			// Two posts the pattern gives one path lead nowhere there,
			// whichever the map met first.
			if _, twice := x.dateAliases[p]; twice {
				shared[p] = true
			}
			x.dateAliases[p] = id
		}
	}
	for p, id := range x.dateAliases {
		if taken[p] || shared[p] {
			delete(x.dateAliases, p)
			continue
		}
		x.datePaths[id] = p
	}
}

// permalink is the pattern giving most published posts their old path,
// when it gives at least half of them; "" otherwise (each post then
// keeps its path by url:).
func (x *index) permalink() string {
	type pc struct {
		p string
		n int
	}
	var all []pc
	for p, n := range x.patterns {
		all = append(all, pc{p, n})
	}
	slices.SortFunc(all, func(a, b pc) int { return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.p, b.p)) })
	if len(all) == 0 || all[0].n*2 < x.posts {
		return ""
	}
	return all[0].p
}

// names are the files as the report names them: relative to the folder
// given, or the file's own name.
func names(src string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		if rel, err := filepath.Rel(src, f); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			out[i] = filepath.ToSlash(rel)
		} else {
			out[i] = filepath.Base(f)
		}
	}
	return out
}
