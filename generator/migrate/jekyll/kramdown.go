package jekyll

import (
	"fmt"
	"regexp"
	"strings"
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
// "* TOC" item. Code blocks and indented lines are left as they are. It
// returns one note for the file when it removed any, line the body's
// first line in the file.
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
		lines[i] = ""
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
				lines[i-1] = ""
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
			lines[i] = ""
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
