package wpbody

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// plainMarkdown writes the Markdown of a body that is only paragraphs of
// plain prose: text, links, emphasis and strong emphasis, in paragraphs
// or between them. Most posts are that, and for them the converter's
// generality (a renderer lookup, an escape pass and an unescape pass per
// character, a trim of the whole output per element) was two fifths of
// a migration's time. It answers false for anything else, and the
// converter does the work. What it writes equals, byte for byte once
// blank runs are folded, what the converter writes; TestPlainMatches
// holds it to that on real exports and on generated bodies.
//
// "Plain" is narrow on purpose: the text may hold no character that
// Markdown could read as syntax where the converter would escape it, and
// a paragraph may not begin with anything a list, heading or quote
// begins with.
func plainMarkdown(body *html.Node) (string, bool) {
	var b strings.Builder
	for ch := body.FirstChild; ch != nil; ch = ch.NextSibling {
		var para strings.Builder
		switch {
		case ch.Type == html.TextNode:
			if !plainText(ch.Data) {
				return "", false
			}
			para.WriteString(ch.Data)
		case ch.Type == html.ElementNode && ch.Data == "p" && len(ch.Attr) == 0:
			if !plainInline(ch, &para) {
				return "", false
			}
		default:
			return "", false
		}
		p := collapseSpace(para.String())
		if p == "" {
			continue
		}
		if !plainStart(p) {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String(), true
}

// plainInline writes a paragraph's content: text, and links and
// emphasis that hold one word-bounded run of text each.
func plainInline(p *html.Node, w *strings.Builder) bool {
	prevElement := false
	for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode {
			if !plainText(ch.Data) {
				return false
			}
			w.WriteString(ch.Data)
			prevElement = false
			continue
		}
		if ch.Type != html.ElementNode || prevElement {
			return false
		}
		t := ch.FirstChild
		if t == nil || t.Type != html.TextNode || t.NextSibling != nil || !plainText(t.Data) || !trimmed(t.Data) {
			return false
		}
		switch ch.Data {
		case "em", "i", "strong", "b":
			if len(ch.Attr) != 0 {
				return false
			}
			delim := "*"
			if ch.Data == "strong" || ch.Data == "b" {
				delim = "**"
			}
			w.WriteString(delim + t.Data + delim)
		case "a":
			href, ok := plainHref(ch)
			if !ok {
				return false
			}
			w.WriteString("[" + t.Data + "](" + href + ")")
		default:
			return false
		}
		prevElement = true
	}
	return true
}

// plainHref is a link's address when the converter would write it as it
// is: no title, no character it would escape or wrap in angle brackets.
func plainHref(a *html.Node) (string, bool) {
	href := ""
	for _, at := range a.Attr {
		switch at.Key {
		case "href":
			href = at.Val
		case "rel", "target":
		default:
			return "", false
		}
	}
	if href == "" {
		return "", false
	}
	for i := 0; i < len(href); i++ {
		c := href[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`()<>\"'[]*_`+"`", c) >= 0 {
			return "", false
		}
	}
	return href, true
}

// plainText reports whether text has only characters that Markdown reads
// as themselves wherever they stand in a line (except at its start,
// which plainStart judges): letters, digits, spaces between words and
// common punctuation.
func plainText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			case c == ' ' || c == '\n' || c == '\t':
			case strings.IndexByte(`,.;:?"'()/%-!`, c) >= 0:
			default:
				return false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("’‘“”–—…«»", r)) {
			return false
		}
	}
	return true
}

// plainStart reports whether a paragraph may begin as it does: not with
// what starts a list ("1." "-"), a heading, a quote or an image.
func plainStart(p string) bool {
	c := p[0]
	if '0' <= c && c <= '9' {
		return false
	}
	return strings.IndexByte(`-+*#>=!.()"'`, c) < 0
}

func trimmed(s string) bool {
	return s != "" && !proseSpace(s[0]) && !proseSpace(s[len(s)-1])
}

// proseSpace is the converter's whitespace among the characters
// plainText lets through.
func proseSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// collapseSpace folds each run of spaces, tabs and newlines into one
// space and trims the ends, as HTML shows a paragraph.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if proseSpace(s[i]) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(s[i])
	}
	return b.String()
}
