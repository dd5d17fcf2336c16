package content

import (
	"bytes"
	"crypto/sha256"
	"html"
	"path"
	"path/filepath"
	"strings"

	"folio/generator/diag"
	"folio/generator/shortcode"
	"folio/generator/slug"
	"folio/generator/srcfile"
	"folio/generator/urlpath"
)

// PagesDir is where standalone pages live, relative to the site root:
// About, Masthead, a corrections policy. They are not articles: no date,
// no terms, in no list or feed.
const PagesDir = "content/pages"

// Page is one standalone page file.
type Page struct {
	// Path is the file, relative to the site root, slash-separated.
	Path string
	// URL is the page's site path: url: as written, or the file's path
	// under content/pages without .md (about.md is /about/).
	URL         string
	Title       string
	Summary     string // plain text
	Description string // plain text, for meta tags: summary, or the first paragraph's opening
	Draft       bool
	// Language is the page's language when not the site's, "" otherwise.
	Language string
	// RedirectFrom are old paths of the page (aliases, redirect_from).
	RedirectFrom []OldPath
	// Params holds every front matter field that is not one of the above.
	Params map[string]any
	// Lines maps each front matter field to its line in the file.
	Lines     map[string]int
	Body      string // HTML
	WordCount int
	// Refs are the addresses the body's shortcodes asked for, as tokens
	// in Body that the site stage replaces (see Article.Refs).
	Refs []shortcode.Ref
	// Sum identifies the file's bytes: a page shows nothing else of the
	// site's files, so a page whose sum is unchanged need not be
	// rendered again.
	Sum [sha256.Size]byte
}

// pageFields are the front matter fields a page reads itself; menu (Hugo
// pages name their menus) is left for config.yaml's menu.
var pageFields = map[string]bool{
	"title": true, "summary": true, "description": true, "url": true, "draft": true,
	"aliases": true, "redirect_from": true, "menu": true, "language": true,
}

// PageFiles lists the Markdown files under content/pages, sorted, with
// warnings about those it leaves out, by the rules of Scan.
func PageFiles(root string) ([]string, diag.List, error) {
	return scanDir(root, PagesDir, false)
}

// LoadPages reads and parses page files, in order; failed ones are left
// out and their problems reported. Sites have a few pages, not thousands:
// they are read one after the other.
func (p *Parser) LoadPages(root string, files []string) ([]*Page, diag.List) {
	var out []*Page
	var probs diag.List
	for _, name := range files {
		src, err := srcfile.Read(filepath.Join(root, filepath.FromSlash(name)), srcfile.MaxText)
		if err != nil {
			probs = append(probs, diag.Errorf(name, 0, "", "%v", unwrapPath(err)))
			continue
		}
		pg, pp := p.ParsePage(name, src)
		probs = append(probs, pp...)
		if pg != nil {
			out = append(out, pg)
		}
	}
	return out, probs
}

// ParsePage reads one page; name is its path from the site root.
func (p *Parser) ParsePage(name string, src []byte) (*Page, diag.List) {
	m, body, delimLine, probs := p.split(name, src, "title: …")
	if probs != nil {
		return nil, probs
	}
	r := &fieldReader{name: name, m: m, delimLine: delimLine}
	pg := &Page{Path: name, Params: map[string]any{}, Lines: map[string]int{}, Sum: sha256.Sum256(src)}
	plain := func(key string) string {
		return strings.Join(strings.Fields(cleanText(html.UnescapeString(r.text(key)))), " ")
	}
	pg.Title = plain("title")
	if !r.has("title") {
		r.fail("title", "missing: add a line title: \"…\" to the front matter")
	} else if pg.Title == "" && len(r.probs) == 0 {
		r.fail("title", "is empty")
	}
	pg.Summary, pg.Description = plain("summary"), plain("description")
	pg.Language = r.language()
	if v, ok := m.fields["draft"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			r.fail("draft", "must be true or false, not %s", describe(v))
		}
		pg.Draft = b
	}
	pg.RedirectFrom = append(readOldPaths(r, "aliases"), readOldPaths(r, "redirect_from")...)
	pg.URL = pageURL(r, name)
	for key, v := range m.fields {
		pg.Lines[key] = r.line(key)
		if pageFields[key] {
			continue
		}
		if t, bad := p.badDate(v); bad {
			r.fail(key, "%v", dateRangeError(t))
		}
		pg.Params[key] = v
	}
	out, first, words, refs, ok := p.renderBody(r, name, src, body, &shortcode.Page{Title: pg.Title, Summary: pg.Summary, Params: pg.Params})
	if !ok {
		return nil, r.probs
	}
	pg.Body, pg.WordCount, pg.Refs = out, words, refs
	if p.smart {
		pg.Title, pg.Summary, pg.Description = Smarten(pg.Title), Smarten(pg.Summary), Smarten(pg.Description)
	}
	if pg.Description == "" {
		pg.Description = pg.Summary
	}
	if pg.Description == "" {
		pg.Description = Excerpt(first, SummaryWords)
	}
	return pg, r.probs
}

// renderBody renders the Markdown body of a page or a profile, whose
// front matter r read from src, the whole file. Its problems (structure
// limits, shortcodes, raw HTML removed) join r's; ok is false when r has
// an error, and nothing is to be made of the file.
func (p *Parser) renderBody(r *fieldReader, name string, src, body []byte, page *shortcode.Page) (html, first string, words int, refs []shortcode.Ref, ok bool) {
	before := bytes.Count(src, []byte("\n")) - bytes.Count(body, []byte("\n"))
	if line, msg := structureLimit(body); line > 0 {
		r.probs = append(r.probs, diag.Errorf(name, before+line, "", "%s", msg))
		return "", "", 0, nil, false
	}
	sc := p.shortcodes(name, before+1, page)
	html, first, words, _, removed, err := renderMarkdown(p.md, p.clean, body, sc, nil)
	if err != nil {
		r.fail("", "rendering Markdown: %v", err)
	}
	r.probs = append(r.probs, sc.Problems...)
	r.probs = append(r.probs, removedWarning(name, removed)...)
	return html, first, words, sc.Refs, len(r.probs.Errors()) == 0
}

// pageURL is the page's site path: url: as written (a folder, /contact/,
// or a file, /contact.html), or made from the file's path under
// content/pages, each folder's name and the file's made a slug, and
// _index.md or index.md standing for its folder.
func pageURL(r *fieldReader, name string) string {
	if r.has("url") {
		u := r.text("url")
		if u == "" {
			r.fail("url", "is empty: write the page's path, such as /about/, or remove the line")
			return ""
		}
		u, err := urlpath.Page(u)
		if err != nil {
			r.fail("url", "%q %v", r.text("url"), err)
			return ""
		}
		return u
	}
	u, part := PathURL(name)
	if part != "" {
		r.probs = append(r.probs, diag.Errorf(name, 0, "", "%q has no letters or digits to make the page's URL from: rename it or add url: to the front matter", part))
	}
	return u
}

// PathURL is the URL of the page file name (content/pages/…) when its
// front matter gives no url: each folder's name and the file's made a
// slug, _index.md or index.md standing for its folder. A migration
// compares it with the page's old URL. part is a name that makes no slug
// ("" when all do), and the URL is "" then.
func PathURL(name string) (u, part string) {
	rel := strings.TrimPrefix(name, PagesDir+"/")
	rel = strings.TrimSuffix(rel, path.Ext(rel))
	parts := strings.Split(rel, "/")
	if last := parts[len(parts)-1]; last == "index" || last == "_index" {
		parts = parts[:len(parts)-1]
	}
	var b strings.Builder
	b.WriteByte('/')
	for _, part := range parts {
		s := slug.Make(part)
		if s == "" {
			return "", part
		}
		b.WriteString(s + "/")
	}
	return b.String(), ""
}
