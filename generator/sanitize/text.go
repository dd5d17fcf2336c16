package sanitize

import (
	"strings"

	"golang.org/x/net/html"
)

// Text is the text of an HTML fragment as a reader sees it: tags
// dropped, entities decoded, each run of white space one space. Block
// elements and line breaks part words; inline elements do not
// ("<em>x</em>y" is "xy").
func Text(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "br", "li", "ul", "ol", "blockquote", "pre", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dt", "dd", "figure", "figcaption", "hr":
				b.WriteByte(' ')
			}
		}
	}
}
