package wpbody

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineKeep are inline elements Markdown has no words for (x², H₂O,
// keys, abbreviations); they stay HTML around Markdown content.
var inlineKeep = []string{"sup", "sub", "u", "mark", "kbd", "abbr", "ins", "small", "q", "cite", "dfn", "var", "samp"}

// converters are reused: making one per body (its plugins registered
// and their handlers sorted) was 2% of a migration. A converter is not
// changed after it is made; one for each goroutine spares them the
// contention on its lock, which sharing one costs as much.
var converters = sync.Pool{New: func() any { return newConverter() }}

func newConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	))
	for _, tag := range inlineKeep {
		conv.Register.RendererFor(tag, converter.TagTypeInline, renderInlineHTML, converter.PriorityEarly)
	}
	return conv
}

// renderInlineHTML writes an inline element as its tag (with a title,
// which abbr and dfn need) around its content in Markdown.
func renderInlineHTML(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	w.WriteString("<" + n.Data)
	if t := attr(n, "title"); t != "" {
		w.WriteString(` title="` + html.EscapeString(t) + `"`)
	}
	w.WriteString(">")
	ctx.RenderChildNodes(ctx, w, n)
	w.WriteString("</" + n.Data + ">")
	return converter.RenderSuccess
}

var placeholderRe = regexp.MustCompile(`wpbodyph(\d+)x`)

// toMarkdown writes the HTML s as Markdown, with the placeholders filled.
func (c *conv) toMarkdown(s string) string {
	md := c.htmlMarkdown(s)
	md = c.fill(md, 0)
	md = blankRuns.ReplaceAllString(md, "\n\n")
	md = strings.TrimSpace(md)
	if md == "" {
		return ""
	}
	return md + "\n"
}

var blankRuns = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// fill puts back what the placeholders hold; a held text may hold
// placeholders in turn (a figure's caption).
func (c *conv) fill(s string, depth int) string {
	if depth > 8 {
		return s
	}
	return placeholderRe.ReplaceAllStringFunc(s, func(m string) string {
		i, err := strconv.Atoi(m[len("wpbodyph") : len(m)-1])
		if err != nil || i >= len(c.held) {
			return m
		}
		return c.fill(c.held[i], depth+1)
	})
}

// htmlMarkdown converts HTML to Markdown, placeholders left in.
func (c *conv) htmlMarkdown(s string) string {
	body, err := c.prepared(s)
	if err != nil {
		return html.EscapeString(s)
	}
	if md, ok := plainMarkdown(body); ok {
		return md
	}
	md, err := convertNode(body)
	if err != nil {
		return html.EscapeString(s)
	}
	return md
}

// prepared parses HTML as the content of a body and readies the tree
// for the conversion (see prepare).
func (c *conv) prepared(s string) (*html.Node, error) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	c.prepare(body, false)
	return body, nil
}

// convertNode writes a prepared tree as Markdown with the converter.
func convertNode(body *html.Node) (string, error) {
	conv := converters.Get().(*converter.Converter)
	out, err := conv.ConvertNode(body)
	converters.Put(conv)
	return string(out), err
}

// inlineMarkdown converts a caption's HTML to one line of Markdown.
func (c *conv) inlineMarkdown(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return strings.Join(strings.Fields(c.fill(c.htmlMarkdown(s), 0)), " ")
}

// rawKinds are elements Markdown has no words for; they stay HTML.
var rawKinds = map[string]bool{"iframe": true, "embed": true, "object": true, "audio": true, "video": true, "svg": true, "math": true, "dl": true, "details": true}

// prepare rewrites the tree before the conversion: addresses through
// Options.URL, "{{" in text escaped, and the elements Markdown cannot say
// replaced by placeholders of their HTML or of folio shortcodes.
func (c *conv) prepare(n *html.Node, inCode bool) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		switch ch.Type {
		case html.TextNode:
			if !inCode {
				ch.Data = c.escapeText(ch.Data)
			}
		case html.ElementNode:
			c.rewriteURLs(ch)
			switch {
			case ch.Data == "script" || ch.Data == "style":
				n.RemoveChild(ch)
			case ch.Data == "a" && strings.TrimSpace(attr(ch, "href")) == "":
				// A link to nowhere (a button block never given one) is
				// its text: Markdown would make it a link to the page.
				next = unwrap(n, ch)
			case ch.Data == "dl" && hasClass(ch, "wp-caption"):
				// WordPress's caption before HTML5: the image in a dt, the
				// caption in a dd, sometimes neither.
				c.replaceNodes(n, ch, c.figureNode(captionFigure(ch)))
			case ch.Data == "dl" && !hasChild(ch, "dd"):
				// A list of terms without definitions is not a list:
				// each term is a paragraph.
				for _, dt := range elementChildren(ch) {
					if dt.Type == html.ElementNode && dt.Data == "dt" {
						dt.Data, dt.DataAtom, dt.Attr = "p", atom.P, nil
					}
				}
				next = unwrap(n, ch)
			case ch.Data == "figure":
				if repl := c.figureNode(ch); repl != nil {
					for _, r := range repl {
						n.InsertBefore(r, ch)
					}
					n.RemoveChild(ch)
					if len(repl) > 0 {
						next = repl[0]
					}
				}
			case ch.Data == "iframe" && isVideo(attr(ch, "src")):
				// A player pasted as HTML is the video folio's shortcode
				// shows.
				c.replaceBy(n, ch, c.embed(attr(ch, "src")))
			case rawKinds[ch.Data] || ch.Data == "table" && !simpleTable(ch):
				c.prepareURLsDeep(ch)
				c.keepRaw(n, ch)
			default:
				c.prepare(ch, inCode || ch.Data == "code" || ch.Data == "pre")
			}
		}
		ch = next
	}
}

// escapeText keeps text from being read as markup it is not. "{{" would
// start a folio shortcode: it becomes "&#123;&#123;". "[" is escaped
// here rather than by the converter, whose test for a link's bracket
// rescans the text at each one (quadratic in a text of many brackets).
func (c *conv) escapeText(s string) string {
	if strings.Contains(s, "{{") {
		if c.braces == "" {
			c.braces = c.placeholder("&#123;&#123;")
		}
		s = strings.ReplaceAll(s, "{{", c.braces)
	}
	if strings.Contains(s, "[") {
		if c.bracket == "" {
			c.bracket = c.placeholder(`\[`)
		}
		s = strings.ReplaceAll(s, "[", c.bracket)
	}
	return s
}

func isVideo(u string) bool {
	kind, _ := videoOf(u)
	return kind != ""
}

// unwrap puts ch's children in its place and returns the first, or what
// followed ch when it had none.
func unwrap(parent, ch *html.Node) *html.Node {
	first := ch.FirstChild
	if first == nil {
		first = ch.NextSibling
	}
	for k := ch.FirstChild; k != nil; {
		next := k.NextSibling
		ch.RemoveChild(k)
		parent.InsertBefore(k, ch)
		k = next
	}
	parent.RemoveChild(ch)
	return first
}

// replaceNodes puts repl in ch's place.
func (c *conv) replaceNodes(parent, ch *html.Node, repl []*html.Node) {
	for _, r := range repl {
		parent.InsertBefore(r, ch)
	}
	parent.RemoveChild(ch)
}

// captionFigure makes an old caption's dl a figure: the dt's content and
// the dd's as its figcaption.
func captionFigure(dl *html.Node) *html.Node {
	f := &html.Node{Type: html.ElementNode, Data: "figure", DataAtom: atom.Figure}
	for _, k := range elementChildren(dl) {
		if k.Type != html.ElementNode {
			continue
		}
		switch k.Data {
		case "dt":
			for _, in := range elementChildren(k) {
				k.RemoveChild(in)
				f.AppendChild(in)
			}
		case "dd":
			if strings.TrimSpace(textOf(k)) == "" {
				continue
			}
			k.Data, k.DataAtom, k.Attr = "figcaption", atom.Figcaption, nil
			dl.RemoveChild(k)
			f.AppendChild(k)
		}
	}
	return f
}

func hasChild(n *html.Node, name string) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == name {
			return true
		}
	}
	return false
}

// keepRaw replaces ch by a placeholder of its HTML.
func (c *conv) keepRaw(parent, ch *html.Node) {
	var b strings.Builder
	if err := html.Render(&b, ch); err != nil {
		return
	}
	c.replaceBy(parent, ch, rawHTML(b.String()))
}

// rawHTML readies rendered HTML for a Markdown body: a blank line would
// end the HTML block, and "{{" would start a folio shortcode ("&#123;"
// is the same brace to a browser).
func rawHTML(s string) string {
	s = blankRuns.ReplaceAllString(strings.ReplaceAll(s, "\n\n", "\n"), "\n")
	return strings.ReplaceAll(s, "{{", "&#123;&#123;")
}

// replaceBy replaces ch by a placeholder of out, a paragraph of its own
// where ch stood between blocks.
func (c *conv) replaceBy(parent, ch *html.Node, out string) {
	tok := &html.Node{Type: html.TextNode, Data: c.placeholder(out)}
	if parent.DataAtom == atom.Body || parent.Data == "div" || parent.Data == "figure" {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(tok)
		tok = p
	}
	parent.InsertBefore(tok, ch)
	parent.RemoveChild(ch)
}

func (c *conv) rewriteURLs(n *html.Node) {
	keep := n.Attr[:0]
	for _, a := range n.Attr {
		switch a.Key {
		case "href", "src", "poster":
			a.Val = c.url(a.Val)
		case "srcset", "sizes":
			// Size variants are other files; the src is the image.
			if n.Data == "img" {
				continue
			}
			if a.Key == "srcset" {
				a.Val = c.srcset(a.Val)
			}
		}
		keep = append(keep, a)
	}
	n.Attr = keep
}

// srcset rewrites each address of a srcset ("a.webp 1x, b.webp 2x"),
// keeping its descriptor.
func (c *conv) srcset(v string) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		u, desc, _ := strings.Cut(strings.TrimSpace(p), " ")
		parts[i] = strings.TrimSpace(c.url(u) + " " + strings.TrimSpace(desc))
	}
	return strings.Join(parts, ", ")
}

func (c *conv) prepareURLsDeep(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			c.rewriteURLs(ch)
			c.prepareURLsDeep(ch)
		}
	}
}

// simpleTable tells whether a GFM table says the same as the HTML one:
// a header row, no merged cells, no blocks in cells, no nested table.
func simpleTable(t *html.Node) bool {
	hasHeader, simple := false, true
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil && simple; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.Data {
			case "th", "thead":
				hasHeader = true
			case "table", "p", "ul", "ol", "div", "pre", "blockquote", "br", "img", "h1", "h2", "h3", "h4", "h5", "h6", "caption":
				simple = false
			}
			for _, a := range ch.Attr {
				if (a.Key == "colspan" || a.Key == "rowspan") && strings.TrimSpace(a.Val) != "1" {
					simple = false
				}
			}
			walk(ch, depth+1)
		}
	}
	walk(t, 0)
	return simple && hasHeader
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == class || strings.HasPrefix(f, class+"-") {
			return true
		}
	}
	return false
}

func elementChildren(n *html.Node) []*html.Node {
	var out []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.ElementNode:
			out = append(out, ch)
		case html.TextNode:
			if strings.TrimSpace(ch.Data) != "" {
				out = append(out, ch)
			}
		}
	}
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

func innerHTML(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		_ = html.Render(&b, ch)
	}
	return b.String()
}

// figureNode gives what replaces a <figure>, nil to keep it (prepared
// in place). An image with its caption becomes folio's figure, an embed
// its video or link, and a figure Markdown cannot say stays HTML.
func (c *conv) figureNode(f *html.Node) []*html.Node {
	para := func(out string) []*html.Node {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: c.placeholder(out)})
		return []*html.Node{p}
	}
	kids := elementChildren(f)
	var caption *html.Node
	var rest []*html.Node
	for _, k := range kids {
		switch {
		case k.Type == html.ElementNode && k.Data == "figcaption":
			caption = k
		case k.Type == html.ElementNode && k.Data == "p" && len(elementChildren(k)) == 0:
			// An empty paragraph: wpautop's stray </p> after an image in
			// a classic-editor figure, which browsers show as nothing.
		default:
			rest = append(rest, k)
		}
	}
	capMD := ""
	if caption != nil {
		capMD = c.inlineMarkdown(innerHTML(caption))
	}
	if hasClass(f, "wp-block-embed") {
		t := strings.TrimSpace(textOf(f))
		if caption != nil {
			t = strings.TrimSpace(strings.TrimSuffix(t, strings.TrimSpace(textOf(caption))))
		}
		if placeholderRe.MatchString(t) || t == "" {
			if t == "" {
				return []*html.Node{}
			}
			out := para(t)
			if capMD != "" {
				out = append(out, para(capMD)...)
			}
			return out
		}
		out := para(c.embed(strings.Fields(t)[0]))
		if capMD != "" {
			out = append(out, para(capMD)...)
		}
		return out
	}
	if hasClass(f, "wp-block-gallery") {
		// A gallery is its images, each a folio figure, and its caption
		// a paragraph after them.
		var out []*html.Node
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode && ch.Data == "figure" {
					out = append(out, c.figureNode(ch)...)
				} else if ch != caption {
					walk(ch)
				}
			}
		}
		walk(f)
		if capMD != "" {
			out = append(out, para(capMD)...)
		}
		return out
	}
	if len(rest) == 1 && rest[0].Type == html.ElementNode {
		img, link := rest[0], ""
		if img.Data == "a" {
			if in := elementChildren(img); len(in) == 1 && in[0].Type == html.ElementNode && in[0].Data == "img" {
				link, img = attr(img, "href"), in[0]
			}
		}
		if img.Data == "img" {
			return para(figure(c.url(attr(img, "src")), attr(img, "alt"), capMD, c.url(link)))
		}
	}
	if caption == nil || len(rest) == 0 {
		// A figure without a caption is only its content (a gallery's
		// figures, a table, a quote): it goes, its children stay.
		var out []*html.Node
		for ch := f.FirstChild; ch != nil; {
			next := ch.NextSibling
			f.RemoveChild(ch)
			out = append(out, ch)
			ch = next
		}
		wrap := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, o := range out {
			wrap.AppendChild(o)
		}
		c.prepare(wrap, false)
		out = out[:0]
		for ch := wrap.FirstChild; ch != nil; {
			next := ch.NextSibling
			wrap.RemoveChild(ch)
			out = append(out, ch)
			ch = next
		}
		return out
	}
	c.prepareURLsDeep(f)
	var b strings.Builder
	_ = html.Render(&b, f)
	return para(rawHTML(b.String()))
}
