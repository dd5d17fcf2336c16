package jekyll

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"folio/generator/diag"
	"folio/generator/migrate"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// source is one Markdown file read: its front matter (defaults applied),
// the raw text of its date, and its body.
type source struct {
	rel     string
	front   map[string]any
	rawDate string
	body    string
	line    int // the file line the body starts on
	// repeated are the keys written twice or more, by line: Jekyll's
	// YAML keeps the last value (see lastOfRepeated).
	repeated []repeatedKey
}

// repeatedKey is a front matter key written again on a later line.
type repeatedKey struct {
	key  string
	line int
}

// lastOfRepeated removes from the front matter's mapping the earlier
// pairs of each key written more than once, and returns them: Jekyll
// reads front matter with Ruby's YAML, which keeps a repeated key's last
// value (Homebrew's 1.0.0 post has two redirect_from lines), where Go's
// refuses the whole mapping.
func lastOfRepeated(doc *yaml.Node) []repeatedKey {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	last := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		last[m.Content[i].Value] = i
	}
	if len(last)*2 == len(m.Content) {
		return nil
	}
	var out []repeatedKey
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if last[k.Value] != i {
			// The front matter begins on the file's second line.
			out = append(out, repeatedKey{key: k.Value, line: m.Content[last[k.Value]].Line + 1})
			continue
		}
		kept = append(kept, k, m.Content[i+1])
	}
	m.Content = kept
	return out
}

func (s *site) read(rel string) (*source, error) {
	b, err := srcfile.Read(filepath.Join(s.src, filepath.FromSlash(rel)), srcfile.MaxText)
	if err != nil {
		return nil, err
	}
	fm, body, line, _ := frontMatter(b)
	src := &source{rel: rel, front: map[string]any{}, body: string(body), line: line}
	var node yaml.Node
	if err := yaml.Unmarshal(fm, &node); err != nil {
		return nil, fmt.Errorf("front matter is not YAML: %v", err)
	}
	src.repeated = lastOfRepeated(&node)
	if err := node.Decode(&src.front); err != nil && len(fm) > 0 && strings.TrimSpace(string(fm)) != "" {
		return nil, fmt.Errorf("front matter is not a list of fields: %v", err)
	}
	if src.front == nil {
		src.front = map[string]any{}
	}
	if len(node.Content) > 0 && node.Content[0].Kind == yaml.MappingNode {
		m := node.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "date" && m.Content[i+1].Kind == yaml.ScalarNode {
				src.rawDate = strings.TrimSpace(m.Content[i+1].Value)
			}
		}
	}
	for _, d := range s.defaults {
		if d.path != "" && rel != d.path && !strings.HasPrefix(rel, d.path+"/") {
			continue
		}
		if d.typ != "" && d.typ != s.docType(rel) {
			continue
		}
		for k, v := range d.values {
			if k == "image" {
				// A site-wide default picture is the site's share image,
				// not the post's own.
				continue
			}
			if _, set := src.front[k]; !set {
				src.front[k] = v
			}
		}
	}
	return src, nil
}

// docType is Jekyll's type of a file for defaults: posts, drafts, pages
// or the collection's name.
func (s *site) docType(rel string) string {
	switch {
	case strings.Contains("/"+rel, "/_posts/"):
		return "posts"
	case strings.Contains("/"+rel, "/_drafts/"):
		return "drafts"
	}
	first := strings.SplitN(rel, "/", 2)[0]
	if c := s.collectionDir(first); c != "" {
		return c
	}
	return "pages"
}

// isArticle says whether a Markdown file becomes an article.
func (s *site) isArticle(rel string) bool {
	if len(s.opts.Sections) > 0 {
		for _, sec := range s.opts.Sections {
			sec = strings.Trim(sec, "/")
			if s.docType(rel) == sec || strings.HasPrefix(rel, sec+"/") || strings.HasPrefix(rel, path.Join(s.input, sec)+"/") {
				return true
			}
		}
		return false
	}
	if !s.eleventy {
		t := s.docType(rel)
		return t == "posts" || t == "drafts"
	}
	if datedName.MatchString(path.Base(rel)) {
		return true
	}
	for _, dir := range strings.Split(path.Dir(rel), "/") {
		switch dir {
		case "posts", "_posts", "blog", "articles", "news":
			return true
		}
	}
	return false
}

// markdown migrates a Markdown file as an article or a page.
func (s *site) markdown(sink migrate.Sink, rel string) error {
	src, err := s.read(rel)
	if err != nil {
		sink.Note(migrate.Item{Group: "Files not migrated", File: rel, Line: 1, What: err.Error()})
		return nil
	}
	for _, r := range src.repeated {
		sink.Note(migrate.Item{Group: "Front matter keys written twice", File: rel, Line: r.line,
			What: fmt.Sprintf("%s is written again here: its last value is kept, as Jekyll read it", r.key)})
	}
	if s.isArticle(rel) {
		return s.article(sink, src)
	}
	return s.page(sink, src)
}

// article migrates a post.
func (s *site) article(sink migrate.Sink, src *source) error {
	rel, front := src.rel, src.front
	date, fileSlug, fileDay, err := s.postDates(src)
	if err != nil {
		if date.IsZero() {
			sink.Note(migrate.Item{Group: "Files not migrated", File: rel, Line: 1, What: err.Error()})
			return nil
		}
		sink.Note(migrate.Item{Group: "Dates not understood (the file name's day is used)", File: rel, Line: 1, What: err.Error()})
	}
	date = date.In(s.loc)
	jslug := fileSlug
	if v, ok := front["slug"].(string); ok && strings.TrimSpace(v) != "" {
		jslug = strings.TrimSpace(v)
	}
	cats := words(front["categories"], front["category"])
	if !s.eleventy {
		// Folders above _posts are categories too.
		if i := strings.Index(rel, "_posts/"); i > 0 {
			cats = append(strings.Split(strings.Trim(rel[:i], "/"), "/"), cats...)
		}
	}

	// The old URL.
	old, ok := "", true
	if s.eleventy {
		old, ok = s.eleventyURL(sink, src, fileSlug, date)
		if !ok {
			return nil
		}
	} else {
		pattern := s.permalink
		if p, isStr := front["permalink"].(string); isStr && p != "" {
			pattern = p
		}
		old = jekyllURL(pattern, doc{Date: date, Slug: jslug, Categories: cats, Collection: "posts",
			Path: strings.TrimSuffix(rel, path.Ext(rel)), Ext: ".html"})
	}
	want, redirect := newURL(old)

	out := map[string]any{}
	title, _ := front["title"].(string)
	if strings.TrimSpace(title) == "" {
		title = titleize(fileSlug) // as Jekyll names a post without a title
	}
	out["title"] = title
	out["date"] = date.Format("2006-01-02 15:04:05 -0700")
	fslug := slugify(jslug, false)
	if fslug == "" {
		fslug = slugOf(jslug)
	}
	if s.pattern == "" || applyFolio(s.pattern, fslug, date) != want || slugOf(fslug) != fslug {
		out["url"] = want
	}
	var aliases []string
	if redirect {
		aliases = append(aliases, old)
	}
	for _, a := range words(front["redirect_from"], nil) {
		if !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	if aliases = s.keepAliases(aliases, rel, sink); len(aliases) > 0 {
		out["aliases"] = aliases
	}
	if to, ok := front["redirect_to"]; ok {
		sink.Note(migrate.Item{Group: "Redirects to elsewhere (redirect_to) not migrated", File: rel, Line: 1, What: fmt.Sprintf("redirect_to: %v", to)})
	}
	if pub, ok := front["published"].(bool); ok && !pub || strings.Contains("/"+rel, "/_drafts/") {
		out["draft"] = true
	}
	if d, ok := front["draft"].(bool); ok && d {
		out["draft"] = true
	}
	summary := ""
	for _, k := range []string{"excerpt", "summary", "description"} {
		if v, ok := front[k].(string); ok && strings.TrimSpace(v) != "" {
			summary = strings.TrimSpace(html.UnescapeString(v))
			break
		}
	}
	if summary != "" {
		out["summary"] = summary
	}
	if d, ok := front["description"].(string); ok && d != "" && d != summary {
		out["description"] = d
	}
	if a := names(front["authors"], front["author"]); len(a) > 0 {
		out["authors"] = a
	}
	if len(cats) > 0 {
		out["categories"] = dedupe(cats)
	}
	if t := words(front["tags"], front["tag"]); len(t) > 0 {
		out["tags"] = dedupe(t)
	}
	s.image(sink, src, out)
	for k, v := range front {
		switch k {
		case "title", "date", "slug", "permalink", "redirect_from", "redirect_to", "published", "draft", "excerpt", "summary",
			"description", "author", "authors", "categories", "category", "tags", "tag", "layout", "image", "image_alt",
			"excerpt_separator", "eleventyExcludeFromCollections", "eleventyNavigation", "url", "aliases":
			continue
		}
		if _, set := out[k]; !set {
			out[k] = v
		}
	}
	body := s.convertBody(sink, src)
	// The file's path comes from its name's date when it has one, so that
	// {% post_url %} refs, made from names alone, find it.
	if fileDay.IsZero() {
		fileDay = date
	}
	return sink.Article(&migrate.Doc{Source: rel, Path: migrate.ArticlePath(fileDay, fslug), Front: out, Body: []byte(body)})
}

// image reads the post's picture: image (a path, or a map with path and
// alt) and its description.
func (s *site) image(sink migrate.Sink, src *source, out map[string]any) {
	var img, alt string
	switch v := src.front["image"].(type) {
	case string:
		img = v
	case map[string]any:
		for _, k := range []string{"path", "src", "url", "feature"} {
			if p, ok := v[k].(string); ok {
				img = p
				break
			}
		}
		alt, _ = v["alt"].(string)
	}
	if img == "" {
		return
	}
	if s.imageMissing(img) {
		sink.Note(migrate.Item{Group: "Images not found (left out)", File: src.rel, Line: 1,
			What: fmt.Sprintf("image: %s is no file of the site: left out", diag.Text(img))})
		return
	}
	for _, k := range []string{"image_alt", "image_description", "alt", "image_figcaption"} {
		if a, ok := src.front[k].(string); ok && alt == "" {
			alt = a
		}
	}
	out["image"] = img
	migrate.DescribeImage(sink, src.rel, out, alt)
}

// imageMissing reports whether a site path the old site would serve
// from its own files names none the migration copies: folio would stop
// the build at it. Jekyll serves them from the site's folder, Eleventy
// from its input folder (a passthrough copy from elsewhere, which
// JavaScript configures, is not copied either). Other addresses are not
// judged.
func (s *site) imageMissing(img string) bool {
	img, _, _ = strings.Cut(img, "?")
	img, _, _ = strings.Cut(img, "#")
	if !strings.HasPrefix(img, "/") || strings.HasPrefix(img, "//") {
		return false
	}
	root := s.src
	if s.eleventy {
		root = filepath.Join(s.src, filepath.FromSlash(s.input))
	}
	rel := strings.TrimPrefix(path.Clean(img), "/")
	if !fs.ValidPath(rel) {
		return false
	}
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	return err != nil || !info.Mode().IsRegular()
}

// words reads a list of names: a YAML list, or a string of words
// separated by spaces (Jekyll's categories: a b).
func words(v, alt any) []string {
	var out []string
	for _, x := range []any{v, alt} {
		switch x := x.(type) {
		case string:
			out = append(out, strings.Fields(x)...)
		case []any:
			for _, e := range x {
				if e != nil {
					if t := strings.TrimSpace(fmt.Sprint(e)); t != "" {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}

// names are the authors a post names: a list, or one name as a string.
// Jekyll splits the strings of tags and categories on spaces, not
// authors' (jekyll-seo-tag and jekyll-feed take author: Claudio
// Baccigalupo for one author, as rubyonrails.org's posts mean it).
func names(v, alt any) []string {
	var out []string
	for _, x := range []any{v, alt} {
		switch x := x.(type) {
		case string:
			if t := strings.TrimSpace(x); t != "" {
				out = append(out, t)
			}
		case []any:
			out = append(out, words(x, nil)...)
		}
	}
	return dedupe(out)
}

func dedupe(list []string) []string {
	var out []string
	for _, x := range list {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// titleize is Jekyll's title for a post without one: the file name's
// words, capitalized.
func titleize(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}

var looseDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})` +
	`(?:(?:[Tt]| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?` +
	` *(?:([Zz]|UTC|GMT)|([+-])(\d{1,2})(?::?(\d{2}))?)?$`)

// parseDate reads the date forms Jekyll and Eleventy accept; a date
// without a zone is in loc.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	m := looseDate.FindStringSubmatch(strings.Trim(s, `"'`))
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	zone := loc
	switch {
	case m[8] != "":
		zone = time.UTC
	case m[9] != "":
		off := n(10)*3600 + n(11)*60
		if m[9] == "-" {
			off = -off
		}
		zone = time.FixedZone("", off)
	}
	t := time.Date(n(1), time.Month(n(2)), n(3), n(4), n(5), n(6), 0, zone)
	if t.Month() != time.Month(n(2)) || t.Day() != n(3) || n(4) > 23 || n(5) > 59 || n(6) > 59 {
		return time.Time{}, fmt.Errorf("%q is not a real date", s)
	}
	return t, nil
}

// convertBody is the Markdown of a file for folio: its Liquid converted
// (see liquid), and on a Jekyll site on kramdown (Jekyll's default;
// Eleventy's Markdown has none of this) kramdown's attribute lists and
// markdown="1" elements rewritten (see kramdownAttributes and
// kramdownMarkdown), with what could not be noted in the report.
func (s *site) convertBody(sink migrate.Sink, src *source) string {
	engine, _ := s.config["markdown"].(string)
	kramdown := !s.eleventy && (engine == "" || strings.EqualFold(engine, "kramdown"))
	body := src.body
	if kramdown {
		var notes []note
		body, notes = kramdownAttributes(body, src.line)
		for _, n := range notes {
			sink.Note(migrate.Item{Group: "kramdown attributes removed", File: src.rel, Line: n.line, What: n.what})
		}
	}
	body, notes := s.liquid(src).convert(body)
	for _, n := range notes {
		sink.Note(migrate.Item{Group: "Liquid not converted", File: src.rel, Line: n.line, What: n.what})
	}
	if kramdown {
		body = kramdownMarkdown(body) // last: it moves lines
	}
	return body
}

// includeFile is the text of the file name of the includes folder
// (_includes, in Eleventy's input folder for Eleventy); false when it is
// not a regular file inside it (a link is not followed).
func (s *site) includeFile(name string) (string, bool) {
	name = path.Clean(strings.TrimPrefix(name, "/"))
	if !fs.ValidPath(name) {
		return "", false
	}
	p := filepath.Join(s.src, filepath.FromSlash(path.Join(s.input, "_includes", name)))
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
		return "", false
	}
	// Nor is a linked folder on the way out of the site.
	real, err1 := sitepath.Real(p)
	root, err2 := sitepath.Real(s.src)
	if err1 != nil || err2 != nil || !sitepath.Within(real, root) {
		return "", false
	}
	b, err := srcfile.ReadExact(p, srcfile.MaxText)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// liquid prepares the Liquid converter of a file.
func (s *site) liquid(src *source) *liquid {
	return &liquid{line: src.line, page: src.front, site: s.config, data: s.siteData, include: s.includeFile, ref: s.ref}
}

// ref resolves {% post_url name %} and {% link path %}.
func (s *site) ref(name string, byPath bool) (target, url string, ok bool) {
	name = strings.Trim(name, "/")
	if !byPath {
		dir, base := path.Split(name)
		for _, ext := range []string{".md", ".markdown", ".html"} {
			for _, cand := range []string{"_posts/" + name + ext, dir + "_posts/" + base + ext} {
				if isFile(filepath.Join(s.src, filepath.FromSlash(cand))) {
					return s.articleRef(cand), "", true
				}
			}
		}
		return "", "", false
	}
	if !isFile(filepath.Join(s.src, filepath.FromSlash(name))) {
		return "", "", false
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case s.docType(name) == "posts" && (ext == ".md" || ext == ".markdown"):
		return s.articleRef(name), "", true
	case ext == ".md" || ext == ".markdown":
		if u, ok := s.pages[name]; ok {
			return "", u, true
		}
		src, err := s.read(name)
		if err != nil {
			return "", "", false
		}
		u, _ := newURL(s.jekyllPageURL(src))
		s.pages[name] = u
		return "", u, true
	}
	return "", "/" + name, true
}

// articleRef is the ref target of a post, from its file name: the path
// the article is written at, from content/.
func (s *site) articleRef(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	m := datedName.FindStringSubmatch(base)
	if m == nil {
		return base
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	return "/" + strings.TrimPrefix(migrate.ArticlePath(time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC), slugify(m[4], false)), "content/")
}

// postDate is a post's date and the slug its file name gives.
func (s *site) postDate(src *source) (time.Time, string) {
	d, sl, _, _ := s.postDates(src)
	return d, sl
}

// postDates reads a post's date from its front matter, or its file name
// (fileDay, zero when the name has none), and the slug the name gives.
// err tells a date that could not be read; date is then the name's day,
// or zero.
func (s *site) postDates(src *source) (date time.Time, fileSlug string, fileDay time.Time, err error) {
	rel := src.rel
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	if base == "index" {
		// posts/2021-01-30-title/index.md: the folder is named as a
		// post's file would be.
		base = path.Base(path.Dir(rel))
	}
	fileSlug = base
	zone := s.loc
	if s.eleventy {
		zone = time.UTC // Eleventy reads dates without a zone as UTC
	}
	if m := datedName.FindStringSubmatch(base); m != nil {
		fileSlug = m[4]
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		fileDay = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, zone)
		date = fileDay
	}
	if src.rawDate != "" {
		t, perr := parseDate(src.rawDate, zone)
		if perr != nil {
			return date, fileSlug, fileDay, fmt.Errorf("date: %v", perr)
		}
		date = t
	}
	if date.IsZero() {
		return date, fileSlug, fileDay, fmt.Errorf("a post with no date, in its front matter or its file name")
	}
	return date, fileSlug, fileDay, nil
}
