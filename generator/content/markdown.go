package content

import (
	"bufio"
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/generator/sanitize"
	"folio/generator/shortcode"
	"folio/generator/slug"
)

// tagPattern matches an HTML tag, to take the text of a shortcode's
// output for a summary.
var tagPattern = regexp.MustCompile(`<[^>]*>`)

// newMarkdown builds the one goldmark instance shared by every parse; it is
// safe for concurrent use.
func newMarkdown(unsafe, typographer bool, more ...goldmark.Extender) goldmark.Markdown {
	// GFM, with a cheaper linkify: see quickLinkify.
	// Definition lists and heading attributes ({#id .class}) are on by
	// default in Hugo, and archives coming from it use them.
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote, extension.DefinitionList}
	if typographer {
		exts = append(exts, extension.Typographer)
	}
	exts = append(exts, more...)
	// Raw HTML is written as it is, either way: trusted with unsafe, and
	// otherwise for the sanitizer to clean the whole body afterwards (an
	// inline tag reaches the renderer alone, its end tag later, so a piece
	// cannot be judged by itself). Markdown's own links keep goldmark's
	// check of their addresses.
	rendererOpts := []goldmark.Option{goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTML{}, 0)))}
	if unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	}
	return goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(demoteHeadings{}, 1000), util.Prioritized(headingAttributes{}, 1001)),
			parser.WithInlineParsers(util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)),
		),
	)...)
}

// rawHTML writes raw HTML blocks and inline tags as written.
type rawHTML struct{}

func (rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.HTMLBlock)
		if entering {
			for i := range n.Lines().Len() {
				line := n.Lines().At(i)
				gmhtml.DefaultWriter.SecureWrite(w, line.Value(src))
			}
		} else if n.HasClosure() {
			gmhtml.DefaultWriter.SecureWrite(w, n.ClosureLine.Value(src))
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := node.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				gmhtml.DefaultWriter.SecureWrite(w, seg.Value(src))
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

// hasRawHTML reports whether doc holds HTML the author wrote (see
// shortcode.NeedsClean): only such a body needs the sanitizer.
func hasRawHTML(doc ast.Node, src []byte) bool {
	return bytes.IndexByte(src, '<') >= 0 && shortcode.NeedsClean(doc)
}

// addRemoved counts more into r.
func addRemoved(r *sanitize.Removed, more sanitize.Removed) {
	for _, g := range []struct{ into, from *[]sanitize.Item }{{&r.Elements, &more.Elements}, {&r.Attributes, &more.Attributes}, {&r.EndTags, &more.EndTags}} {
	next:
		for _, it := range *g.from {
			for i := range *g.into {
				if (*g.into)[i].What == it.What {
					(*g.into)[i].N += it.N
					continue next
				}
			}
			*g.into = append(*g.into, it)
		}
	}
}

// quickLinkify is goldmark's linkify (bare URLs, www. addresses and email
// addresses become links) for prose. Linkify runs at every space of the
// text and looks for a link there, a sixth of all Markdown time; a link
// needs "://", "www." or "@" on its line, so one look per line skips the
// lines that have none, which are nearly all.
type quickLinkify struct{ parser.InlineParser }

// lineKey holds a parse's *lineCheck.
var lineKey = parser.NewContextKey()

// lineCheck remembers, for the line ending at stop, whether its rest may
// hold a link.
type lineCheck struct {
	stop     int
	mayLink  bool
	searched bool
}

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	c, _ := pc.Get(lineKey).(*lineCheck)
	if c == nil {
		c = &lineCheck{}
		pc.Set(lineKey, c)
	}
	// Triggers move forward through a line, so what the first look saw
	// of its rest covers every later one.
	if !c.searched || c.stop != seg.Stop {
		c.stop, c.searched = seg.Stop, true
		c.mayLink = bytes.Contains(line, []byte("://")) || bytes.Contains(line, []byte("www.")) || bytes.IndexByte(line, '@') >= 0
	}
	if !c.mayLink {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// demoteHeadings keeps the page's outline in order: the article title is
// the page's only h1, so the body's headings start at h2 and go down one
// level at a time. A heading is one level below the nearest heading
// before it that the source gave a higher level (# under the title is
// h2; ### right under the title is h2 too, as screen readers and the HTML
// checker expect of old archives that chose a heading for its size).
type demoteHeadings struct{}

func (demoteHeadings) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	// open holds the source and page levels of the headings the next one
	// may be under: at most six.
	type level struct{ source, page int }
	var open []level
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		for len(open) > 0 && open[len(open)-1].source >= h.Level {
			open = open[:len(open)-1]
		}
		page := 2
		if len(open) > 0 {
			page = min(open[len(open)-1].page+1, 6)
		}
		open = append(open, level{h.Level, page})
		h.Level = page
		return ast.WalkContinue, nil
	})
}

// headingAttributes keeps only the id and class that {#id .class} gives a
// heading. The syntax takes any attribute, and goldmark renders style,
// autofocus or contenteditable: with raw HTML off, a body must not be able
// to restyle or take over the page through a heading.
type headingAttributes struct{}

func (headingAttributes) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering || h.Attributes() == nil {
			return ast.WalkContinue, nil
		}
		var keep []ast.Attribute
		for _, a := range h.Attributes() {
			if name := string(a.Name); name == "id" || name == "class" {
				keep = append(keep, a)
			}
		}
		h.RemoveAttributes()
		for _, a := range keep {
			h.SetAttribute(a.Name, a.Value)
		}
		return ast.WalkSkipChildren, nil
	})
}

// headingIDs gives headings the same ASCII slugs as the rest of the site,
// numbered when a heading text repeats.
type headingIDs struct{ used map[string]bool }

func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 2; ids.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

// renderMarkdown converts body to HTML and returns the plain text of its
// first paragraph, its word count and its links that may lead into the
// site, their lines counted from the body's first. With clean, raw HTML
// goes through it, and removed tells what it took out. sc, when not nil,
// is the state of the body's shortcodes. taken, when not nil, holds the
// ids the page gives other things, which headings must not take.
func renderMarkdown(md goldmark.Markdown, clean *sanitize.Sanitizer, body []byte, sc *shortcode.Doc, taken map[string]bool) (htmlOut, firstPara string, words int, links []BodyLink, removed sanitize.Removed, err error) {
	if taken == nil {
		taken = map[string]bool{}
	}
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{used: taken}))
	if sc != nil {
		if clean != nil {
			// The Markdown inner text of calls is the author's too.
			sc.Clean = func(h string) string {
				out, rm := clean.HTML(h)
				addRemoved(&removed, rm)
				return out
			}
		}
		shortcode.Begin(ctx, sc)
		body = sc.Align(body)
	}
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	dirty := clean != nil && hasRawHTML(doc, body)
	// The calls' outputs are the site's own HTML: kept out of the
	// sanitizer, so that a call comes out the same beside raw HTML or not,
	// and the warning counts only what the author wrote.
	var guard *shortcode.Guard
	if dirty && sc != nil && sc.Used {
		guard = shortcode.GuardCalls(doc, body)
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/4)
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		guard.Restore("")
		return "", "", 0, nil, removed, err
	}
	htmlOut = buf.String()
	if dirty {
		var rm sanitize.Removed
		htmlOut, rm = clean.HTML(htmlOut)
		addRemoved(&removed, rm)
		htmlOut = guard.Restore(htmlOut)
	}
	// Every link is written with "[" or "<", or is a bare address that
	// linkify found: a body with none of them needs no walk.
	if bytes.IndexByte(body, '[') >= 0 || bytes.IndexByte(body, '<') >= 0 || bytes.Contains(body, []byte("://")) || bytes.Contains(body, []byte("www.")) {
		links = siteLinks(doc, body)
	}
	if bytes.Contains(body, []byte("![")) {
		for _, line := range imagesWithoutAlt(doc, body) {
			links = append(links, BodyLink{Line: line, noAlt: true})
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok {
			firstPara = leadIn(plainText(p, body))
			if firstPara != "" {
				break
			}
		}
	}
	return wrapTables(htmlOut), firstPara, countWords(body), links, removed, nil
}

// imagesWithoutAlt are the lines of body of the images written without a
// text alternative, ![](photo.jpg): readers who cannot see them learn
// nothing of them, and search engines neither.
func imagesWithoutAlt(doc ast.Node, src []byte) []int {
	var out []int
	line, at := 1, 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		alt := ""
		for c := img.FirstChild(); c != nil; c = c.NextSibling() {
			alt += plainText(c, src)
		}
		if strings.TrimSpace(alt) != "" {
			return ast.WalkSkipChildren, nil
		}
		off := position(n)
		if off < at {
			line, at = 1, 0
		}
		line += bytes.Count(src[at:off], []byte("\n"))
		at = off
		out = append(out, line)
		return ast.WalkSkipChildren, nil
	})
	return out
}

// BodyLink is a link of an article's text to an address that may be one
// of the site's: relative, root-relative, or http(s).
type BodyLink struct {
	URL  string // as written
	Line int    // in the article's file
	// noAlt marks, among the links renderMarkdown returns, the line of an
	// image without a text alternative instead (see imagesWithoutAlt).
	noAlt bool
}

// siteLinks lists the links of doc that may lead into the site, in the
// order written, with their lines in src.
func siteLinks(doc ast.Node, src []byte) []BodyLink {
	var out []BodyLink
	line, at := 1, 0 // the line of the offset at, counted onwards
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkContinue, nil
			}
			dest = string(n.URL(src))
		default:
			return ast.WalkContinue, nil
		}
		if !maySiteLink(dest) || strings.HasPrefix(dest, shortcode.RefPrefix) {
			return ast.WalkContinue, nil
		}
		off := position(n)
		if off < at { // links come in order; a footnote's may not
			line, at = 1, 0
		}
		line += bytes.Count(src[at:off], []byte("\n"))
		at = off
		out = append(out, BodyLink{URL: dest, Line: line})
		return ast.WalkContinue, nil
	})
	return out
}

// maySiteLink reports whether a link's address may be one of the site's:
// not a fragment of the page itself, nor mailto: or another scheme but
// http(s).
func maySiteLink(dest string) bool {
	if dest == "" || dest[0] == '#' {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		scheme := strings.ToLower(dest[:i])
		return scheme == "http" || scheme == "https"
	}
	return true
}

// position is the offset of an inline node in the source: its own, or
// its first child's, or its block's.
func position(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return 0
}

// wrapTables puts each table in a focusable scrolling region, so that a
// wide table scrolls on a phone without losing its table semantics.
func wrapTables(html string) string {
	if !strings.Contains(html, "<table>") {
		return html
	}
	html = strings.ReplaceAll(html, "<table>", `<div class="table-wrap" role="region" aria-label="Table" tabindex="0"><table>`)
	return strings.ReplaceAll(html, "</table>", "</table></div>")
}

// plainText is the text a reader sees in n, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.IsRaw() { // code spans are shown as written
				b.Write(n.Value(src))
			} else {
				b.WriteString(unescapeText(n.Value(src)))
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *shortcode.Inline:
			b.WriteString(html.UnescapeString(tagPattern.ReplaceAllString(n.HTML(), "")))
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// unescapeText resolves the backslash escapes and entity references of
// Markdown text ("Tom &amp; Jerry", "\*") the way the HTML renderer does,
// and returns the text a reader sees.
func unescapeText(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, 0) < 0 {
		return string(v)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(buf.String())
}

// countWords counts the space-separated words of the Markdown source; markup
// adds too few of them to matter for a reading-time estimate.
func countWords(src []byte) int {
	n, inWord := 0, false
	for _, c := range src {
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// Excerpt cuts text to about n words, at a word boundary, and marks the cut.
func Excerpt(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	// Prefer ending at a sentence end within the last few words.
	cut := n
	for i := n; i > n*4/5; i-- {
		if w := words[i-1]; strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!") {
			return strings.Join(words[:i], " ")
		}
	}
	return strings.TrimRight(strings.Join(words[:cut], " "), " ,;:–—-") + "…"
}

// leadIn marks a summary taken from a paragraph that introduces what
// follows ("…the spokesman's answer:"), which reads as cut off in a list.
func leadIn(s string) string {
	if t, ok := strings.CutSuffix(s, ":"); ok {
		return t + "…"
	}
	return s
}
