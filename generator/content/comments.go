package content

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/generator/diag"
)

// Comment is one reader's comment of an article's archived thread, read
// from its front matter's comments: list (a migration from WordPress
// writes them there). Comments are shown as they were, closed: nothing
// on the site takes new ones.
type Comment struct {
	// ID names the comment in its thread, and in its anchor on the page
	// (#comment-12, the fragment WordPress gave it).
	ID string
	// Author is the commenter's name; URL their site (http or https),
	// "" when they gave none.
	Author, URL string
	Date        time.Time
	// Text is the comment rendered to HTML by the comment policy (see
	// sanitize.NewComments).
	Text template.HTML
	// Depth is 1 for a comment on the article, 2 for a reply to one, and
	// so on up to MaxCommentDepth: deeper replies are shown at that
	// depth, after their parent, as WordPress shows them past its
	// thread depth.
	Depth   int
	Replies []*Comment
}

// MaxCommentDepth bounds how deep replies nest on the page: a layout
// gives each depth a heading level (h3 to h6 below the section's h2),
// and a deep thread squeezes its text on a phone.
const MaxCommentDepth = 4

// commentKeys are the fields of a comment.
var commentKeys = []string{"id", "parent", "author", "url", "date", "text"}

// commentID is what an id may hold: it goes into an HTML id attribute.
var commentID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// newCommentMarkdown is the Markdown of comments: paragraphs, emphasis,
// quotes, lists, code and links, bare addresses linked; raw HTML is
// written as it is for the comment sanitizer, which every comment goes
// through whatever markdown.unsafe says, since nobody on the site wrote
// it. A heading is a paragraph in bold (the page's outline is the
// article's and the thread's), images become links to them, and there
// are no footnotes, heading ids or attributes (which could clash with
// the article's).
func newCommentMarkdown(typographer bool) goldmark.Markdown {
	blocks := []util.PrioritizedValue{
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(parser.NewListParser(), 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(parser.NewCodeBlockParser(), 500),
		util.Prioritized(parser.NewATXHeadingParser(), 600),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(parser.NewBlockquoteParser(), 800),
		util.Prioritized(parser.NewHTMLBlockParser(), 900),
		util.Prioritized(parser.NewParagraphParser(), 1000),
	}
	exts := []goldmark.Extender{extension.Strikethrough, extension.Table}
	if typographer {
		exts = append(exts, extension.Typographer)
	}
	// The extensions add their inline parsers to this parser.
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			parser.WithInlineParsers(util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)),
			parser.WithASTTransformers(util.Prioritized(commentShape{}, 1000)),
		)),
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTML{}, 0))),
	)
}

// commentShape turns a comment's headings into paragraphs in bold, and
// its images into links to them, named by their alt text: a comment
// shows no pictures, but says what there was.
type commentShape struct{}

func (commentShape) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Image:
			if entering {
				images = append(images, n)
			}
		case *ast.Heading:
			if entering {
				headings = append(headings, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		p, strong := ast.NewParagraph(), ast.NewEmphasis(2)
		p.SetLines(h.Lines())
		for c := h.FirstChild(); c != nil; {
			next := c.NextSibling()
			strong.AppendChild(strong, c)
			c = next
		}
		p.AppendChild(p, strong)
		h.Parent().ReplaceChild(h.Parent(), h, p)
	}
	for _, img := range images {
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString(img.Destination))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// comments reads the comments: field, a list of comments in thread
// order (a reply after the comment it answers), and renders each one's
// text. comments: true or false is a theme's switch, no list. Only the threaded result is kept: no comment's Markdown, nor its
// parent's id.
func (p *Parser) comments(r *fieldReader) []*Comment {
	const key = "comments"
	v, ok := r.m.fields[key]
	if !ok || v == nil || isBool(v) {
		return nil
	}
	items, ok := listItems(v)
	if !ok {
		r.fail(key, "must be a list of comments, each with id, author, date and text, not %s", describe(v))
		return nil
	}
	byID := make(map[string]*Comment, len(items))
	where := make(map[string]int, len(items))
	parentOf := map[*Comment]*Comment{}
	var top []*Comment
	for i, item := range items {
		line := r.itemLine(key, i)
		bad := func(field, format string, args ...any) {
			name := fmt.Sprintf("%s[%d]", key, i)
			if field != "" {
				name += "." + field
			}
			r.probs = append(r.probs, diag.Errorf(r.name, line, name, format, args...))
		}
		fields, ok := item.(map[string]any)
		if !ok {
			bad("", "must be a comment with id, author, date and text, not %s", describe(item))
			continue
		}
		before := len(r.probs)
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			switch {
			case slices.Contains(commentKeys, k):
			case strings.Contains(strings.ToLower(k), "mail") || strings.EqualFold(k, "ip"):
				bad(k, "folio never shows a commenter's e-mail or IP address: remove the field")
			default:
				bad(k, "is not a field of a comment (%s): remove it", strings.Join(commentKeys, ", "))
			}
		}
		text := func(k string) (string, bool) {
			v, given := fields[k]
			if !given || v == nil {
				return "", false
			}
			s, ok := scalarText(v)
			if !ok {
				bad(k, "must be text, not %s", describe(v))
				return "", true
			}
			return strings.TrimSpace(s), true
		}
		c := &Comment{Depth: 1}
		id, given := text("id")
		switch {
		case !given:
			bad("id", "missing: give each comment an id, such as id: 12, which its replies name as their parent")
		case !commentID.MatchString(id):
			bad("id", "%q must be letters, digits, - and _ (it names the comment's anchor, #comment-%s)", id, id)
		case byID[id] != nil:
			bad("id", "%q is also the id of comments[%d]: give each comment its own", id, where[id])
		}
		c.ID = id
		if given && byID[id] == nil {
			// Known to its replies even when it has problems of its
			// own, which are reported once.
			byID[id], where[id] = c, i
		}
		var parent *Comment
		if pid, _ := text("parent"); pid != "" {
			if parent = byID[pid]; parent == nil {
				bad("parent", "%q is not the id of a comment listed before this one: list a reply after the comment it answers", pid)
			}
		}
		author, _ := text("author")
		c.Author = strings.Join(strings.Fields(author), " ")
		if c.Author == "" {
			bad("author", "missing: the commenter's name (Anonymous, when they gave none)")
		}
		if u, _ := text("url"); u != "" {
			if pu, err := url.Parse(u); !safeURL(u) || err != nil || pu.Host == "" || pu.User != nil {
				bad("url", "%q is not an http(s) address: the commenter's site, such as https://example.com/", u)
			}
			c.URL = u
		}
		if dv, given := fields["date"]; !given || dv == nil || dv == "" {
			bad("date", "missing: add the comment's date, such as date: 2024-07-22 09:30")
		} else if t, err := p.parseDate(dv, isTOMLZoneless(dv)); err != nil {
			bad("date", "%v", err)
		} else {
			c.Date = t
		}
		n := len(r.probs)
		body, _ := text("text")
		if body == "" && len(r.probs) == n {
			bad("text", "missing: the comment's text")
		}
		if len(r.probs) > before {
			continue
		}
		c.Text = p.renderComment(body)
		if parent != nil && parent.Depth == MaxCommentDepth {
			// Shown after its parent, at the same depth, as a reply to
			// the parent's parent.
			parent = parentOf[parent]
		}
		if parent == nil {
			top = append(top, c)
			continue
		}
		parentOf[c] = parent
		c.Depth = parent.Depth + 1
		parent.Replies = append(parent.Replies, c)
	}
	return top
}

// renderComment renders a comment's Markdown through the comment policy.
func (p *Parser) renderComment(src string) template.HTML {
	var buf bytes.Buffer
	if err := p.commentMD.Convert([]byte(src), &buf); err != nil {
		// Rendering to memory fails on nothing but a bug: show the text.
		return template.HTML(template.HTMLEscapeString(src))
	}
	out, _ := p.commentClean.HTML(buf.String())
	return template.HTML(strings.TrimSpace(wrapTables(out)))
}

// isTOMLZoneless reports whether v is a TOML date written without an
// offset, to be read in the site's time zone.
func isTOMLZoneless(v any) bool {
	t, ok := v.(time.Time)
	return ok && tomlZoneless(t)
}

// commentAnchors are the ids a layout gives an article's thread, which
// WordPress gave it too (so that old links to /post/#comment-12 still
// lead to the comment): #comments, its heading's, and #comment-ID for
// each comment. The body's headings take others ("comments-2").
func commentAnchors(list []*Comment) map[string]bool {
	taken := map[string]bool{"comments": true, "comments-heading": true}
	var walk func([]*Comment)
	walk = func(list []*Comment) {
		for _, c := range list {
			taken["comment-"+strings.ToLower(c.ID)] = true
			walk(c.Replies)
		}
	}
	walk(list)
	return taken
}
