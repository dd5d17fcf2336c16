package jekyll

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// kramdown, Jekyll's Markdown, reads attribute lists that folio's
// Markdown shows as text: "{: .note .info}" on the line before a
// paragraph (Jekyll's own documentation has 418), "{: #intro}" after a
// heading, "![chart](c.png){: .center}" after an image.
var (
	// blockIAL is a line that is an attribute list alone: a block's
	// ({: .note}), a definition of one ({:note: .note}), or the table
	// of contents marker ({:toc}).
	blockIAL = regexp.MustCompile(`^ {0,3}\{:([^}\n]*)\}\s*$`)
	// spanIAL is an attribute list right after an image, a link or
	// emphasis.
	spanIAL = regexp.MustCompile("([)*_])\\{:[^}\\n]*\\}")
	// atxHeading is a heading line: its marks, and its text.
	atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t].*)?$`)
	// setextUnderline underlines the heading on the line above it.
	setextUnderline = regexp.MustCompile(`^ {0,3}(?:=+|-+)\s*$`)
	// tocItem is the list item kramdown replaces with a table of contents.
	tocItem = regexp.MustCompile(`^ {0,3}(?:[*+-]|1\.)\s+TOC\s*$`)
)

// kramdownAttributes rewrites kramdown's attribute lists in a Markdown
// body: a heading's id and classes become the attributes folio's
// Markdown gives headings ("## Title {#intro .lead}"), so that links to
// its id still work; the others, which only the old theme's styles read,
// are removed, with the table of contents kramdown made in place of a
// "* TOC" item. Each line removed is left blank, which ends a block as
// the list did, and keeps the lines of what follows. Code blocks and
// indented lines are left as they are. It returns one note for the file
// when it removed any, line the body's first line in the file.
func kramdownAttributes(body string, line int) (string, []note) {
	lines := strings.SplitAfter(body, "\n")
	fence := ""
	var dropped []string
	first := 0
	drop := func(i int, what string) {
		if len(dropped) == 0 {
			first = line + i
		}
		dropped = append(dropped, what)
		lines[i] = "\n" // a blank line: the report's line numbers hold
	}
	for i := 0; i < len(lines); i++ {
		text := strings.TrimRight(lines[i], "\r\n")
		if m := fenceRe.FindStringSubmatch(text); m != nil {
			switch {
			case fence == "":
				fence = m[1]
			case strings.HasPrefix(m[1], fence[:1]) && len(m[1]) >= len(fence) && strings.TrimSpace(text) == m[1]:
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		m := blockIAL.FindStringSubmatch(text)
		if m == nil {
			if strings.Contains(text, "{:") && !strings.HasPrefix(text, "    ") && !strings.HasPrefix(text, "\t") {
				if out := spanIAL.ReplaceAllString(text, "$1"); out != text {
					for _, s := range spanIAL.FindAllString(text, -1) {
						dropped = append(dropped, s[1:])
					}
					if first == 0 {
						first = line + i
					}
					lines[i] = out + lines[i][len(text):]
				}
			}
			continue
		}
		list := strings.TrimSpace(m[1])
		if list == "toc" {
			if i > 0 && tocItem.MatchString(strings.TrimRight(lines[i-1], "\r\n")) {
				lines[i-1] = "\n"
			}
			drop(i, "{:toc}")
			continue
		}
		// The block it follows, as kramdown takes it when one is there;
		// else the one it comes just before. A heading keeps it.
		h := -1
		if i > 0 && strings.TrimSpace(lines[i-1]) != "" {
			h = heading(lines, i-1)
		} else {
			h = heading(lines, i+1)
		}
		if attrs := idAndClasses(list); h >= 0 && attrs != "" {
			lines[h] = withAttributes(lines[h], attrs)
			lines[i] = "\n"
			continue
		}
		drop(i, strings.TrimSpace(text))
	}
	out := strings.Join(lines, "")
	if len(dropped) == 0 {
		return out, nil
	}
	return out, []note{{line: first, what: dropSummary(dropped)}}
}

// heading is the line of the heading at lines[i]: an ATX heading, or
// the text of a setext heading whose underline is there; -1 when there
// is none.
func heading(lines []string, i int) int {
	if i < 0 || i >= len(lines) {
		return -1
	}
	text := strings.TrimRight(lines[i], "\r\n")
	switch {
	case atxHeading.MatchString(text):
		return i
	case i > 0 && setextUnderline.MatchString(text) && strings.TrimSpace(lines[i-1]) != "" && !atxHeading.MatchString(lines[i-1]):
		return i - 1
	case i+1 < len(lines) && strings.TrimSpace(text) != "" && setextUnderline.MatchString(strings.TrimRight(lines[i+1], "\r\n")):
		return i
	}
	return -1
}

// idAndClasses keeps the id and classes of an attribute list, as
// folio's heading attributes write them ("#intro .lead"); "" when it
// has neither.
func idAndClasses(list string) string {
	var keep []string
	for _, f := range strings.Fields(list) {
		if len(f) > 1 && (f[0] == '#' || f[0] == '.') && !strings.ContainsAny(f[1:], `"'={}#.`) {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}

// withAttributes ends a heading's line with attributes, merged into
// those it has.
func withAttributes(line, attrs string) string {
	text := strings.TrimRight(line, "\r\n")
	end := line[len(text):]
	text = strings.TrimRight(text, " \t")
	if strings.HasSuffix(text, "}") {
		// Attributes it has already: {#id .class}, not a tag's {% %}.
		if open := strings.LastIndex(text, "{"); open >= 0 && (strings.HasPrefix(text[open:], "{#") || strings.HasPrefix(text[open:], "{.")) {
			return text[:len(text)-1] + " " + attrs + "}" + end
		}
	}
	return text + " {" + attrs + "}" + end
}

// dropSummary says what was removed: "{: .note .info} ×33, {: .note} and
// {:toc}: …", the first three kinds and how many more.
func dropSummary(dropped []string) string {
	counts := map[string]int{}
	var order []string
	for _, d := range dropped {
		if counts[d] == 0 {
			order = append(order, d)
		}
		counts[d]++
	}
	var parts []string
	for i, d := range order {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more", len(order)-3))
			break
		}
		if counts[d] > 1 {
			d = fmt.Sprintf("%s ×%d", d, counts[d])
		}
		parts = append(parts, d)
	}
	said := parts[0]
	if len(parts) > 1 {
		said = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return said + ": kramdown's attribute lists, which folio's Markdown gives only headings, removed (classes the old theme's styles read)"
}

// markdownAttr is kramdown's markdown attribute on an HTML tag: its
// content is Markdown (markdown="1", "block" or "span"), which folio's
// Markdown, reading the tag as raw HTML, would show as written.
var markdownAttr = regexp.MustCompile(`(?i)<([a-z][a-z0-9]*)(\s[^<>]*?)?\s+markdown\s*=\s*(?:"(1|block|span)"|'(1|block|span)'|(1))([^<>]*)>`)

// spanElements are those whose content kramdown parses as text with
// Markdown's emphasis, code and links (markdown="1"), not as blocks.
var spanElements = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"span": true, "a": true, "em": true, "strong": true, "td": true, "th": true, "dt": true, "dd": true, "li": true,
	"figcaption": true, "summary": true, "caption": true, "label": true, "b": true, "i": true}

// inlineMarkdown renders the Markdown of a paragraph's text, raw HTML
// kept for folio's sanitizer to judge at build time.
var inlineMarkdown = goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe()))

// kramdownMarkdown rewrites the HTML elements whose content kramdown
// reads as Markdown (markdown="1"): an element of text (<p>, <h5>) gets
// that text rendered; another (<div>) gets blank lines inside its tags,
// where folio's Markdown reads its content as Markdown again. Code
// blocks are left as they are.
func kramdownMarkdown(body string) string {
	if !strings.Contains(body, "markdown") {
		return body
	}
	code := fencedSpans(body)
	var b strings.Builder
	at := 0
	for _, m := range markdownAttr.FindAllStringSubmatchIndex(body, -1) {
		if m[0] < at || inSpans(code, m[0]) {
			continue
		}
		name := strings.ToLower(body[m[2]:m[3]])
		kind := ""
		for _, g := range []int{6, 8, 10} {
			if m[g] >= 0 {
				kind = body[m[g]:m[g+1]]
			}
		}
		open := "<" + body[m[2]:m[3]]
		if m[4] >= 0 {
			open += body[m[4]:m[5]]
		}
		open += body[m[12]:m[13]] + ">"
		end, close := closingTag(body, m[1], name)
		if end < 0 {
			continue
		}
		inner := body[m[1]:end]
		b.WriteString(body[at:m[0]])
		if kind == "span" || kind == "1" && spanElements[name] {
			var out bytes.Buffer
			if err := inlineMarkdown.Convert([]byte(strings.TrimSpace(inner)), &out); err != nil {
				continue
			}
			html := strings.TrimSpace(out.String())
			if p, ok := strings.CutPrefix(html, "<p>"); ok && strings.HasSuffix(p, "</p>") && !strings.Contains(p[:len(p)-4], "<p>") {
				html = p[:len(p)-4]
			}
			b.WriteString(open + html + body[end:close])
		} else {
			b.WriteString(open + "\n\n" + dedent(strings.Trim(inner, "\n")) + "\n\n" + body[end:close])
		}
		at = close
	}
	b.WriteString(body[at:])
	return b.String()
}

// closingTag finds the end tag of the element name whose content starts
// at from, past those of the same name inside it: where it begins and
// ends; -1 when there is none.
func closingTag(body string, from int, name string) (int, int) {
	tags := regexp.MustCompile(`(?i)<(/?)` + regexp.QuoteMeta(name) + `(?:\s[^<>]*)?>`)
	depth := 1
	for _, m := range tags.FindAllStringSubmatchIndex(body[from:], -1) {
		if m[3] > m[2] {
			depth--
		} else if !strings.HasSuffix(body[from+m[0]:from+m[1]], "/>") {
			depth++
		}
		if depth == 0 {
			return from + m[0], from + m[1]
		}
	}
	return -1, -1
}

// fencedSpans are the byte ranges of the body's fenced code blocks.
func fencedSpans(body string) [][2]int {
	var spans [][2]int
	fence, start, pos := "", 0, 0
	for _, line := range strings.SplitAfter(body, "\n") {
		text := strings.TrimRight(line, "\r\n")
		if m := fenceRe.FindStringSubmatch(text); m != nil {
			switch {
			case fence == "":
				fence, start = m[1], pos
			case strings.HasPrefix(m[1], fence[:1]) && len(m[1]) >= len(fence) && strings.TrimSpace(text) == m[1]:
				fence = ""
				spans = append(spans, [2]int{start, pos + len(line)})
			}
		}
		pos += len(line)
	}
	if fence != "" {
		spans = append(spans, [2]int{start, len(body)})
	}
	return spans
}

func inSpans(spans [][2]int, i int) bool {
	for _, s := range spans {
		if s[0] <= i && i < s[1] {
			return true
		}
	}
	return false
}

// dedent removes the indentation the lines of text share, which would
// make Markdown of an indented block into code.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return text
	}
	for i, l := range lines {
		if len(l) >= common {
			lines[i] = l[common:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}
