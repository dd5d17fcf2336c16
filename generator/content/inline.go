package content

import (
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// inlineParser reads the Markdown a title or a summary may hold: emphasis,
// strong emphasis and code, nothing else. Links are left as text (a title
// is itself a link in lists), and so is raw HTML, which is escaped: front
// matter is never trusted. It is safe for concurrent use.
var inlineParser = parser.NewParser(
	parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
	parser.WithInlineParsers(
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(parser.NewEmphasisParser(), 200),
	),
)

// Inline renders the inline Markdown of a title or a summary: plain is
// the text without the markup ("Why this matters"), for attributes,
// <title>, feeds and structured data; rich the same as HTML ("Why
// <em>this</em> matters"). Entities were decoded when the front matter
// was read, so an "&" here is text.
func Inline(s string) (plain string, rich template.HTML) {
	// Nearly every title has no markup: no parse.
	if !strings.ContainsAny(s, "*_`") {
		return s, template.HTML(html.EscapeString(s))
	}
	src := []byte(s)
	doc := inlineParser.Parse(text.NewReader(src))
	var p, h strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph:
			if entering && n.PreviousSibling() != nil { // lines apart
				p.WriteByte(' ')
				h.WriteByte(' ')
			}
		case *ast.Emphasis:
			tag := "em"
			if n.Level == 2 {
				tag = "strong"
			}
			if entering {
				h.WriteString("<" + tag + ">")
			} else {
				h.WriteString("</" + tag + ">")
			}
		case *ast.CodeSpan:
			if entering {
				h.WriteString("<code>")
			} else {
				h.WriteString("</code>")
			}
		case *ast.Text:
			if !entering {
				break
			}
			v := string(n.Value(src))
			if !n.IsRaw() { // a code span's text is as written
				v = unbackslash(v)
			}
			p.WriteString(v)
			h.WriteString(html.EscapeString(v))
			if n.SoftLineBreak() || n.HardLineBreak() {
				p.WriteByte(' ')
				h.WriteByte(' ')
			}
		case *ast.String:
			if entering {
				p.Write(n.Value)
				h.WriteString(html.EscapeString(string(n.Value)))
			}
		}
		return ast.WalkContinue, nil
	})
	return p.String(), template.HTML(h.String())
}

// unbackslash removes the backslash of each escaped ASCII punctuation
// character ("\*" is "*"), as Markdown reads them.
func unbackslash(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
