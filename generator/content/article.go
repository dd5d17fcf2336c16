// Package content reads one article file: front matter in YAML, TOML or
// JSON, and a Markdown body rendered to HTML. A parse depends only on the
// file's bytes and the site configuration, so it can run in parallel and be
// cached by content; every problem found is reported, not just the first.
package content

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"html/template"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/sanitize"
	"folio/generator/shortcode"
	"folio/generator/slug"
	"folio/generator/urlpath"
)

// SummaryWords is the length of a summary taken from the first paragraph.
const SummaryWords = 50

// Article is one parsed article file.
type Article struct {
	// Path is the file, relative to the site root, slash-separated.
	Path string
	// Title is plain text; TitleHTML the same with its inline Markdown
	// (emphasis, code) rendered, for where a page shows it as HTML.
	Title     string
	TitleHTML template.HTML
	Date      time.Time
	// Lines maps each front matter field to its line in the file, for
	// problems found later (a duplicate slug, a term without letters).
	Lines   map[string]int
	Updated time.Time // zero when not given
	// Publish and Expiry bound when the article is on the site (zero
	// when not given): it is left out before the one and after the other.
	Publish, Expiry time.Time
	// PublishKey and ExpiryKey are the fields as written, for problems.
	PublishKey, ExpiryKey string
	Slug                  string
	// URL is the article's whole path when its front matter gives one
	// (url:), as a page URL (/news/2015/06/foo/, /news/foo.html); ""
	// when the permalink pattern makes it from the slug and date.
	URL string
	// Aliases are old paths that redirect to the article (aliases:,
	// redirect_from:), checked and decoded; one without a leading / is
	// relative to the article's folder (urlpath.ResolveAlias).
	Aliases     []Alias
	Summary     string        // plain text
	SummaryHTML template.HTML // with its inline Markdown rendered
	Description string        // plain text, for meta tags; defaults to Summary
	Draft       bool
	Image       string
	ImageAlt    string
	// ImageCaption and ImageCredit are shown under the lead image
	// (plain text): what it shows, and whose it is.
	ImageCaption string
	ImageCredit  string
	// Kicker is the short label over the headline (Explainer, Q&A),
	// plain text; "" for none.
	Kicker string
	// Language is the article's language when not the site's (a tag
	// such as el), "" otherwise.
	Language string
	// Terms maps a taxonomy name to the names the article lists, trimmed,
	// in the order written, without repeats.
	Terms map[string][]string
	// Params holds every front matter field that is not one of the above.
	Params map[string]any
	// Body is the body's HTML; "" when the parser's store keeps it
	// instead (see LoadBody), which a build then need not hold in memory.
	Body string
	// BodyImages are the src of the body's images, as written, in order.
	BodyImages []string
	WordCount  int
	// Links are the body's links that may lead to the site's own pages,
	// for the build to check.
	Links []BodyLink
	// Refs are the addresses the body's shortcodes asked for, as tokens
	// in Body that the site replaces once every page has its URL.
	Refs []shortcode.Ref
	// Shortcodes is true when the body calls any shortcode: the body
	// then depends on the site's shortcodes and data files too.
	Shortcodes bool
	// Corrections are the article's corrections and updates, oldest
	// first (corrections:); nil for an article without.
	Corrections []Correction
	// Series names the series the article is part of ("" for none), and
	// Part its number in it (0 when not given: the series then orders
	// its parts by date).
	Series string
	Part   int
	// Comments are the readers' comments on the article, archived
	// (comments:): those on the article itself, each with its replies;
	// nil for an article without.
	Comments []*Comment
	// Sum is the SHA-256 of the file's bytes: with the config and the
	// generator, it decides everything of the article, so a build can tell
	// an article is as it was without comparing what it was parsed into.
	Sum [sha256.Size]byte
	// stored finds Body in the store, when it is kept there.
	stored *storedBody
}

// Parser turns files into Articles. It is safe for concurrent use.
type Parser struct {
	md    goldmark.Markdown
	sc    *shortcode.Extension
	set   *shortcode.Set
	site  *shortcode.Site
	clean *sanitize.Sanitizer // nil when raw HTML is trusted (markdown.unsafe)
	// commentMD and commentClean render comments, never trusted.
	commentMD    goldmark.Markdown
	commentClean *sanitize.Sanitizer
	smart        bool // typographer: curly quotes in titles and summaries too
	loc          *time.Location
	formats      []*frontmatter.Format
	termKeys     map[string]string // front matter key → taxonomy name
	// store keeps parsed articles between builds (see WithStore); plain
	// is the parser without it, which renders a body the store lost.
	store              ArticleStore
	plain              *Parser
	context, scContext [sha256.Size]byte
}

// NewParser prepares a parser for a site's configuration.
func NewParser(cfg *config.Config) *Parser {
	sc := shortcode.NewExtension()
	set, _ := shortcode.Parse(nil, nil) // the built-in ones, until WithShortcodes
	p := &Parser{
		md:           newMarkdown(cfg.Markdown.Unsafe, *cfg.Markdown.Typographer, sc),
		sc:           sc,
		set:          set,
		site:         ShortcodeSite(cfg, nil),
		smart:        *cfg.Markdown.Typographer,
		loc:          cfg.Location,
		formats:      formats(),
		termKeys:     map[string]string{},
		commentMD:    newCommentMarkdown(*cfg.Markdown.Typographer),
		commentClean: sanitize.NewComments(),
	}
	if !cfg.Markdown.Unsafe {
		p.clean = sanitize.New()
	}
	if p.loc == nil {
		p.loc = time.UTC
	}
	// A {{% %}} template's Markdown is the site's own: its HTML is kept.
	sc.Bind(p.md, newMarkdown(true, *cfg.Markdown.Typographer))
	for _, t := range cfg.Taxonomies {
		p.termKeys[t.Name] = t.Name
		if k := t.SingularKey(); k != "" {
			p.termKeys[k] = t.Name
		}
	}
	return p
}

// WithShortcodes returns a parser that expands the shortcodes of set
// (built-in ones and layouts/shortcodes/), whose templates see site.
func (p *Parser) WithShortcodes(set *shortcode.Set, site *shortcode.Site) *Parser {
	q := *p
	q.set, q.site = set, site
	return &q
}

// ShortcodeSite is what shortcodes see of the site: its config and its
// data files.
func ShortcodeSite(cfg *config.Config, data map[string]any) *shortcode.Site {
	params := cfg.Params
	if params == nil {
		params = map[string]any{}
	}
	if data == nil {
		data = map[string]any{}
	}
	return &shortcode.Site{Title: cfg.Title, BaseURL: cfg.BaseURL, Language: shortcode.Language{Lang: cfg.Language},
		LanguageCode: cfg.Language, Params: params, Data: data}
}

// shortcodes is the shortcode state of one file's body, whose first byte
// is on line.
func (p *Parser) shortcodes(name string, line int, page *shortcode.Page) *shortcode.Doc {
	page.File = shortcode.NewFile(name)
	return p.sc.Doc(&shortcode.Doc{Path: name, Line: line, Page: page, Site: p.site, Set: p.set})
}

// Parse reads one article. name is the path used in problems and stored in
// Article.Path. It returns the article and every problem found; the article
// is nil when any problem is an error.
func (p *Parser) Parse(name string, src []byte) (*Article, diag.List) {
	sum := sha256.Sum256(src)
	var key [sha256.Size]byte
	if p.store != nil {
		key = p.recordKey(name, sum)
		if a, probs, ok := p.fromStore(key, name); ok {
			return a, probs
		}
	}
	m, body, delimLine, probs := p.split(name, src, "title: …\" and \"date: …")
	if probs != nil {
		return nil, probs
	}
	a, probs := p.fromMatter(name, m, delimLine)
	// The body ends the file: its lines follow the file's others.
	before := bytes.Count(src, []byte("\n")) - bytes.Count(body, []byte("\n"))
	if line, msg := structureLimit(body); line > 0 {
		return nil, append(probs, diag.Errorf(name, before+line, "", "%s", msg))
	}
	var sc *shortcode.Doc
	if a != nil {
		sc = p.shortcodes(name, before+1, &shortcode.Page{Title: a.Title, Date: a.Date, Lastmod: a.Updated, Slug: a.Slug, Summary: a.Summary, Params: a.Params})
	} else {
		sc = p.shortcodes(name, before+1, &shortcode.Page{Params: map[string]any{}})
	}
	var taken map[string]bool
	if a != nil && len(a.Comments) > 0 {
		taken = commentAnchors(a.Comments)
	}
	r, err := renderBody(p.md, p.clean, body, sc, taken)
	if err != nil {
		probs = append(probs, diag.Errorf(name, 0, "", "rendering Markdown: %v", err))
	}
	probs = append(probs, r.problems...)
	probs = append(probs, removedWarning(name, r.removed)...)
	if len(probs.Errors()) > 0 {
		return nil, probs
	}
	for i := range r.links {
		r.links[i].Line += before
	}
	// Images without a text alternative: one warning an article.
	var noAlt []string
	r.links = slices.DeleteFunc(r.links, func(l BodyLink) bool {
		if l.noAlt {
			noAlt = append(noAlt, strconv.Itoa(l.Line))
		}
		return l.noAlt
	})
	if len(noAlt) > 0 {
		first, _ := strconv.Atoi(noAlt[0])
		what, where := "an image has", "line "
		if len(noAlt) > 1 {
			what, where = fmt.Sprintf("%d images have", len(noAlt)), "lines "
		}
		probs = append(probs, diag.Warnf(name, first, "", "%s no text alternative (%s%s): write what each shows between its brackets, ![what it shows](photo.jpg), for readers who cannot see it",
			what, where, strings.Join(noAlt, ", ")))
	}
	a.Body, a.WordCount, a.Links = r.html, r.words, r.links
	a.BodyImages = ImageSrcs(r.html)
	a.Refs, a.Shortcodes = r.refs, r.used
	a.Sum = sum
	first := r.first
	if p.smart {
		// The body's quotes are curly; the front matter's should match.
		a.Title, a.Summary, a.Description = Smarten(a.Title), Smarten(a.Summary), Smarten(a.Description)
	}
	a.Title, a.TitleHTML = Inline(a.Title)
	a.Summary, a.SummaryHTML = Inline(a.Summary)
	a.Description, _ = Inline(a.Description)
	if a.Summary == "" {
		// The first paragraph's text, its markup already read.
		a.Summary = Excerpt(first, SummaryWords)
		a.SummaryHTML = template.HTML(html.EscapeString(a.Summary))
	}
	if a.Description == "" {
		a.Description = a.Summary
	}
	p.keep(key, a, probs)
	return a, probs
}

// renderBody renders an article's body.
func renderBody(md goldmark.Markdown, clean *sanitize.Sanitizer, body []byte, sc *shortcode.Doc, taken map[string]bool) (rendered, error) {
	html, first, words, links, removed, err := renderMarkdown(md, clean, body, sc, taken)
	return rendered{html: html, first: first, words: words, links: links, removed: removed, refs: sc.Refs, used: sc.Used, problems: sc.Problems}, err
}

// removedWarning is the one warning that says what the sanitizer took out
// of a file's raw HTML, or none.
func removedWarning(name string, removed sanitize.Removed) diag.List {
	if removed.Empty() {
		return nil
	}
	return diag.List{diag.Warnf(name, 0, "", "raw HTML: %s, which the HTML sanitizer does not allow (see markdown.unsafe)", removed)}
}

// split separates a file's front matter from its body and decodes the
// front matter. what names the fields a missing front matter should have,
// for the error message. delimLine is the line of the opening delimiter.
func (p *Parser) split(name string, src []byte, what string) (m *matter, body []byte, delimLine int, probs diag.List) {
	src, prob := normalize(name, src)
	if prob != nil {
		return nil, nil, 0, diag.List{prob}
	}
	delimLine = firstLine(src)
	m = &matter{}
	var err error
	if head, rest, ok := yamlHead(src); ok {
		_, err = frontmatter.Parse(bytes.NewReader(head), m, p.formats...)
		body = rest
	} else {
		body, err = frontmatter.Parse(bytes.NewReader(src), m, p.formats...)
	}
	if err != nil {
		var pe *positionError
		if errors.As(err, &pe) {
			line := pe.line
			if line > 0 {
				line += delimLine
				if strings.HasPrefix(startDelim(src, delimLine), "{") {
					line-- // JSON front matter starts on the delimiter line
				}
			}
			return nil, nil, 0, diag.List{{Path: name, Line: line, Column: pe.col, Field: pe.field,
				Message: fmt.Sprintf("%s front matter: %s", m.format, pe.msg)}}
		}
		return nil, nil, 0, diag.List{diag.Errorf(name, 0, "", "reading front matter: %v", err)}
	}
	if m.fields == nil {
		delim := startDelim(src, delimLine)
		for _, f := range p.formats {
			if delim == f.Start && delim != "{" {
				return nil, nil, 0, diag.List{diag.Errorf(name, delimLine, "",
					"front matter opened with %q is never closed: add a line %q after the last field", delim, f.End)}
			}
		}
		return nil, nil, 0, diag.List{diag.Errorf(name, 1, "",
			"no front matter: start the file with a line \"---\", then \"%s\" lines, then \"---\"", what)}
	}
	if strings.HasPrefix(startDelim(src, delimLine), "{") {
		// JSON front matter in braces starts on the delimiter line: its
		// line 1 is the "{" line, not the line after it.
		for k := range m.lines {
			m.lines[k]--
		}
	}
	// Control characters in values are replaced (see clean.go); in a
	// field's name, which templates look up, they are a mistake.
	for _, key := range slices.Sorted(maps.Keys(m.fields)) {
		if cleanText(key) != key {
			probs = append(probs, diag.Errorf(name, delimLine+m.lines[key], key, "the field name holds a control character: remove it"))
		}
		m.fields[key] = cleanValue(m.fields[key])
	}
	if probs != nil {
		return nil, nil, 0, probs
	}
	return m, cleanBytes(body), delimLine, nil
}

// normalize accepts a byte-order mark and CRLF line ends, so such files
// give the same site as clean ones, and rejects what cannot be text.
func normalize(name string, src []byte) ([]byte, *diag.Problem) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, diag.Errorf(name, 0, "", "the file is empty: an article needs front matter with a title and a date")
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := lineCol(src, off)
		return nil, &diag.Problem{Path: name, Line: line, Column: col,
			Message: fmt.Sprintf("byte 0x%02x is not UTF-8 text: save the file as UTF-8", src[off])}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src, nil
}

// firstLine is the 1-based number of the first non-blank line, where a
// front matter block opens.
// yamlHead splits the usual front matter, "---" lines around YAML, from
// the body, the way frontmatter.Parse does (the first line that reads
// "---" once trimmed closes it). Handing the library only the head saves
// it copying the body, which is most of the file: a fifth of all the
// memory a build allocates.
func yamlHead(src []byte) (head, body []byte, ok bool) {
	rest := src
	opened := false
	for len(rest) > 0 {
		end := bytes.IndexByte(rest, '\n') + 1
		if end == 0 {
			end = len(rest)
		}
		line := bytes.TrimSpace(rest[:end])
		rest = rest[end:]
		switch {
		case !opened && len(line) == 0:
		case !opened && string(line) == "---":
			opened = true
		case !opened:
			return nil, nil, false
		case string(line) == "---":
			n := len(src) - len(rest)
			return src[:n], src[n:], true
		}
	}
	return nil, nil, false
}

func firstLine(src []byte) int {
	line := 1
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			end = len(src)
		}
		if len(bytes.TrimSpace(src[:end])) > 0 {
			return line
		}
		line++
		src = src[min(end+1, len(src)):]
	}
	return line
}

// startDelim returns the trimmed text of line n.
func startDelim(src []byte, n int) string {
	for i := 1; i < n; i++ {
		end := bytes.IndexByte(src, '\n')
		if end < 0 {
			return ""
		}
		src = src[end+1:]
	}
	if end := bytes.IndexByte(src, '\n'); end >= 0 {
		src = src[:end]
	}
	return string(bytes.TrimSpace(src))
}

// fromMatter checks the decoded front matter field by field.
func (p *Parser) fromMatter(name string, m *matter, delimLine int) (*Article, diag.List) {
	r := &fieldReader{name: name, m: m, delimLine: delimLine}
	fail, text := r.fail, r.text
	a := &Article{Path: name, Terms: map[string][]string{}, Params: map[string]any{}}
	date := func(key string) time.Time {
		v, ok := m.fields[key]
		if !ok || v == nil {
			return time.Time{}
		}
		t, err := p.parseDate(v, m.zoneless[key])
		if err != nil {
			fail(key, "%v", err)
		}
		return t
	}

	// Titles and summaries are plain text, but tools (WordPress, and Hugo
	// sites that came from it) write them with HTML entities: It&#8217;s,
	// &mdash;. They are decoded once here; every output escapes again.
	a.Title = cleanText(html.UnescapeString(text("title")))
	if _, ok := m.fields["title"]; !ok {
		fail("title", "missing: add a line title: \"…\" to the front matter")
	} else if a.Title == "" && len(r.probs) == 0 {
		fail("title", "is empty")
	}
	// A post named as Jekyll names them (2015-03-17-title.md) is of
	// that day when its front matter gives none, and its slug is the rest
	// of the name.
	day, undated, dated := fileDate(name, p.loc)
	if _, ok := m.fields["date"]; !ok && !dated {
		fail("date", "missing: add a line such as date: 2024-07-22 to the front matter")
	}
	a.Date = date("date")
	if _, ok := m.fields["date"]; !ok && dated {
		a.Date = day
	}
	if v, ok := m.fields["date"]; ok && (v == nil || v == "") {
		fail("date", "is empty: write a date such as 2024-07-22")
	}
	a.Lines = make(map[string]int, len(m.fields))
	for key := range m.fields {
		a.Lines[key] = r.line(key)
	}
	updatedKey := "updated"
	if _, ok := m.fields["updated"]; ok {
		a.Updated = date("updated")
	} else if _, ok := m.fields["lastmod"]; ok {
		updatedKey = "lastmod"
		a.Updated = date("lastmod")
	}
	if !a.Updated.IsZero() && !a.Date.IsZero() && a.Updated.Before(a.Date) {
		fail(updatedKey, "%s is before the article's date %s", a.Updated.Format(time.DateOnly), a.Date.Format(time.DateOnly))
	}
	a.Summary = strings.Join(strings.Fields(cleanText(html.UnescapeString(text("summary")))), " ")
	a.Description = strings.Join(strings.Fields(cleanText(html.UnescapeString(text("description")))), " ")
	a.Image, a.ImageAlt = r.image()
	a.Language = r.language()
	a.ImageCaption = strings.Join(strings.Fields(cleanText(html.UnescapeString(text("image_caption")))), " ")
	a.ImageCredit = strings.Join(strings.Fields(cleanText(html.UnescapeString(text("image_credit")))), " ")
	a.Kicker = strings.Join(strings.Fields(cleanText(html.UnescapeString(text("kicker")))), " ")
	if a.Image == "" {
		for _, k := range []string{"image_caption", "image_credit"} {
			if _, ok := m.fields[k]; ok {
				fail(k, "is for the lead image, and the article has no image")
			}
		}
	}
	if v, ok := m.fields["draft"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			fail("draft", "must be true or false, not %s", describe(v))
		}
		a.Draft = b
	}
	if s := text("slug"); s != "" {
		// Written by hand (or by Hugo, whose URLs a migrated archive
		// keeps), it is used as written, never shortened.
		var err error
		if a.Slug, err = urlpath.Slug(s); err != nil {
			fail("slug", "%q %v", s, err)
		}
	} else if _, given := m.fields["slug"]; !given {
		a.Slug = fileSlug(name)
		if _, ok := m.fields["date"]; !ok && dated {
			a.Slug = slug.Make(undated)
		}
		if a.Slug == "" {
			r.probs = append(r.probs, diag.Errorf(name, 0, "", "the file name has no letters or digits to make a URL from: rename it or add slug: to the front matter"))
		}
	} else {
		fail("slug", "is empty")
	}
	if r.has("url") {
		if u := text("url"); u != "" || len(r.probs) == 0 {
			var err error
			if a.URL, err = urlpath.Page(u); err != nil {
				fail("url", "%q %v", u, err)
			}
		}
	}
	for _, key := range []string{"aliases", "redirect_from"} {
		for _, p := range r.paths(key) {
			a.Aliases = append(a.Aliases, Alias{Path: p, Field: key})
		}
	}
	a.Comments = p.comments(r)
	a.Corrections = p.corrections(r, a.Date)
	if _, isTerm := p.termKeys["series"]; !isTerm {
		a.Series, a.Part = p.series(r)
	}

	// In the order written, so that "author:" and "authors:" in one file
	// merge the same way on every build.
	keys := make([]string, 0, len(m.fields))
	for key := range m.fields {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(m.lines[a], m.lines[b]), strings.Compare(a, b))
	})
	for _, key := range keys {
		v := m.fields[key]
		tax, isTerm := p.termKeys[key]
		switch {
		case isTerm:
			names, err := termList(v)
			if err != nil {
				fail(key, "%v", err)
			}
			a.Terms[tax] = appendUnique(a.Terms[tax], names)
		case key == "part" && p.termKeys["series"] != "":
			// series: is a taxonomy of the site's: part is its layouts'.
			a.Params[key] = v
		case knownField[key]:
		case key == "comments" && !isBool(v):
			// Read by p.comments. Hugo's and Jekyll's themes take a
			// comments: true or false to show a comment form or not: a
			// layout's to read in Params.
		case strings.EqualFold(key, "published") && isBool(v):
			// Jekyll's published: false keeps a post off the site.
			if !v.(bool) {
				a.Draft = true
			}
		case publishKeys[strings.ToLower(key)]:
			if a.PublishKey != "" {
				fail(key, "gives the publish date again, after %s: keep one", a.PublishKey)
			}
			a.Publish, a.PublishKey = date(key), key
		case expiryKeys[strings.ToLower(key)]:
			if a.ExpiryKey != "" {
				fail(key, "gives the expiry date again, after %s: keep one", a.ExpiryKey)
			}
			a.Expiry, a.ExpiryKey = date(key), key
		default:
			if t, bad := p.badDate(v); bad {
				fail(key, "%v", dateRangeError(t))
			}
			a.Params[key] = v
		}
	}
	return a, r.probs
}

// publishKeys and expiryKeys are the spellings of the publish and expiry
// dates, in lower case: Hugo's (publishDate, expiryDate, in any case) and
// their aliases there.
var (
	publishKeys = map[string]bool{"publishdate": true, "pubdate": true, "published": true}
	expiryKeys  = map[string]bool{"expirydate": true, "unpublishdate": true}
)

var knownField = map[string]bool{
	"title": true, "date": true, "updated": true, "lastmod": true, "summary": true,
	"description": true, "image": true, "image_alt": true, "image_caption": true, "image_credit": true,
	"language": true, "draft": true, "slug": true, "url": true, "aliases": true, "redirect_from": true,
	"corrections": true, "series": true, "part": true, "kicker": true,
}

// Alias is an old path of a page, to redirect to it, and the front
// matter field that gives it.
type Alias struct {
	Path  string
	Field string
}

// parseDate reads a front matter date. Zone-less dates are in the site's
// time zone.
func (p *Parser) parseDate(v any, zoneless bool) (time.Time, error) {
	t, err := p.readDate(v, zoneless)
	if err == nil && !InDateRange(t, p.loc) {
		return time.Time{}, dateRangeError(v)
	}
	return t, err
}

// InDateRange reports whether t has a year from 1 to 9999, in its own
// time zone, in UTC and in the site's (loc): RFC 3339, which feeds,
// sitemaps and structured data use, writes years in four digits and has
// no year 0, so that year 0 came out as -0001-12-31T22:36:00Z.
func InDateRange(t time.Time, loc *time.Location) bool {
	if t.IsZero() {
		// 0001-01-01T00:00:00Z is Go's zero time, which the generator
		// takes for "no date" (an article without updated:).
		return false
	}
	for _, y := range []int{t.Year(), t.UTC().Year(), t.In(loc).Year()} {
		if y < 1 || y > 9999 {
			return false
		}
	}
	return true
}

func dateRangeError(v any) error {
	return fmt.Errorf("%s is out of range: write a date from the year 1 to the year 9999", describe(v))
}

// badDate returns the first date in a front matter value that is out of
// range, if any: TOML has dates of its own, in lists and tables too.
func (p *Parser) badDate(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() == tomlTimeOfDay {
			return v, false
		}
		_, err := p.parseDate(v, tomlZoneless(v))
		return v, err != nil
	case []any:
		for _, item := range v {
			if t, bad := p.badDate(item); bad {
				return t, true
			}
		}
	case []map[string]any:
		for _, item := range v {
			if t, bad := p.badDate(item); bad {
				return t, true
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if t, bad := p.badDate(v[k]); bad {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (p *Parser) readDate(v any, zoneless bool) (time.Time, error) {
	switch v := v.(type) {
	case time.Time: // TOML
		if v.Location().String() == tomlTimeOfDay {
			return time.Time{}, fmt.Errorf("must be a date such as 2024-07-22, not the time of day %s", v.Format(time.TimeOnly))
		}
		if zoneless {
			return time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), v.Nanosecond(), p.loc), nil
		}
		return v, nil
	case string:
		s := strings.TrimSpace(v)
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return t, nil
		}
		if t, ok, err := ParseDate(s, p.loc); ok {
			return t, err
		}
		return time.Time{}, fmt.Errorf("%q is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00", s)
	default:
		return time.Time{}, fmt.Errorf("must be a date such as 2024-07-22, not %s", describe(v))
	}
}

// termList reads a taxonomy field: a list of names, or one name.
func termList(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}, nil
		}
		return nil, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			s, ok := scalarText(item)
			if !ok || item == nil {
				return nil, fmt.Errorf("item %d must be a name, not %s", i+1, describe(item))
			}
			s = strings.Join(strings.Fields(s), " ")
			if s == "" {
				return nil, fmt.Errorf("item %d is empty: remove it", i+1)
			}
			out = append(out, s)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("must be a list of names such as [Jane Doe, John Roe], not %s", describe(v))
	}
}

// appendUnique appends the names of add that list does not have yet. A
// set of names, past a few, keeps an article of thousands of names from
// comparing each with every one before it.
func appendUnique(list, add []string) []string {
	var seen map[string]bool
	for _, s := range add {
		if len(list) > 16 && seen == nil {
			seen = make(map[string]bool, len(list)+len(add))
			for _, have := range list {
				seen[have] = true
			}
		}
		if seen != nil {
			if !seen[s] {
				seen[s] = true
				list = append(list, s)
			}
		} else if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// scalarText formats a scalar as text; ok is false for lists and maps.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatInt(int64(v), 10), true
		}
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case time.Time:
		return v.Format(time.RFC3339), true
	}
	return "", false
}

// describe names the kind of a value for error messages.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case int64, float64:
		s, _ := scalarText(v)
		return "the number " + s
	case time.Time:
		switch v.Location().String() {
		case "date-local": // TOML dates as written, without the decoder's offset
			return "the date " + v.Format(time.DateOnly)
		case "datetime-local":
			return "the date " + v.Format("2006-01-02T15:04:05")
		}
		return "the date " + v.Format(time.RFC3339)
	case []any:
		return "a list"
	case map[string]any:
		return "a set of fields"
	}
	return fmt.Sprintf("%T", v)
}

// fileSlug derives a slug from the file name; index.md takes its folder's.
func fileSlug(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if base == "index" || base == "_index" {
		base = path.Base(path.Dir(name))
	}
	return slug.Make(base)
}

func isBool(v any) bool { _, ok := v.(bool); return ok }

// ExpiredAt reports whether the article is past its expiry date at now.
func (a *Article) ExpiredAt(now time.Time) bool {
	return !a.Expiry.IsZero() && !a.Expiry.After(now)
}
