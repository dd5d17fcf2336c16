package hugo

import (
	"bytes"
	"path"
	"regexp"
	"strings"
)

// isHTML says whether a content file is HTML, which Hugo renders as it
// is (with security.allowContent).
func isHTML(rel string) bool {
	ext := strings.ToLower(path.Ext(rel))
	return ext == ".html" || ext == ".htm"
}

// preOpen and preClose find the elements whose blank lines are content.
var (
	preOpen  = regexp.MustCompile(`(?i)<(pre|textarea|script|style)\b`)
	preClose = regexp.MustCompile(`(?i)</(pre|textarea|script|style)\s*>`)
)

// htmlBody makes an HTML content file's body Markdown that renders as
// that HTML: one raw HTML block (a div holding it, with no blank line,
// which would end the block and let Markdown read the rest). A blank
// line inside <pre> becomes a line holding a space character reference,
// which shows the same; elsewhere, where HTML ignores it, it is dropped.
// A shortcode call starting a line is set apart by blank lines, as
// folio expands shortcodes outside raw HTML only (Hugo expands them
// before reading the rest).
func htmlBody(body []byte) []byte {
	var out bytes.Buffer
	out.WriteString("<div>\n")
	depth, inCall := 0, false
	for _, line := range bytes.Split(bytes.TrimRight(body, "\r\n\t "), []byte("\n")) {
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 {
			if depth > 0 {
				out.WriteString("&#32;\n")
			}
			continue
		}
		if depth == 0 && !inCall && (bytes.HasPrefix(trimmed, []byte("{{<")) || bytes.HasPrefix(trimmed, []byte("{{%"))) {
			out.WriteByte('\n')
			inCall = true
		}
		if inCall {
			out.Write(trimmed)
			out.WriteByte('\n')
			if bytes.HasSuffix(trimmed, []byte(">}}")) || bytes.HasSuffix(trimmed, []byte("%}}")) {
				out.WriteByte('\n')
				inCall = false
			}
			continue
		}
		out.Write(bytes.TrimRight(line, "\r"))
		out.WriteByte('\n')
		depth += len(preOpen.FindAll(line, -1)) - len(preClose.FindAll(line, -1))
		depth = max(depth, 0)
	}
	if inCall {
		out.WriteByte('\n')
	}
	out.WriteString("</div>\n")
	return out.Bytes()
}

// atxHeading is a heading line (## Title).
var atxHeading = regexp.MustCompile(`^ {0,3}#{1,6}(\s|$)`)

// fence opens or closes a fenced code block.
var fence = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")

// separateCalls sets apart, with blank lines, a shortcode call that
// starts a line inside a Markdown HTML block: Hugo expanded shortcodes
// before reading Markdown, so a call there worked; folio's Markdown
// leaves the block as written, call included.
func separateCalls(body []byte) []byte {
	if !bytes.Contains(body, []byte("{{<")) && !bytes.Contains(body, []byte("{{%")) {
		return body
	}
	lines := bytes.Split(body, []byte("\n"))
	var out bytes.Buffer
	inFence, blockIsHTML, prevBlank, prevHeading := "", false, true, false
	inCall := false
	for i, line := range lines {
		trimmed := bytes.TrimSpace(line)
		if m := fence.FindSubmatch(line); m != nil && !inCall {
			switch {
			case inFence == "":
				inFence = string(m[1][:1])
			case string(m[1][:1]) == inFence:
				inFence = ""
			}
		}
		isCall := inFence == "" && !inCall && (bytes.HasPrefix(trimmed, []byte("{{<")) || bytes.HasPrefix(trimmed, []byte("{{%"))) &&
			!bytes.HasPrefix(trimmed, []byte("{{</*")) && !bytes.HasPrefix(trimmed, []byte("{{%/*"))
		if isCall && !prevBlank && blockIsHTML {
			out.WriteByte('\n')
			inCall = true
		}
		if len(trimmed) == 0 {
			prevBlank, blockIsHTML = true, false
		} else {
			if prevBlank || prevHeading {
				blockIsHTML = len(trimmed) > 1 && trimmed[0] == '<' && (trimmed[1] == '/' || trimmed[1] >= 'a' && trimmed[1] <= 'z' || trimmed[1] >= 'A' && trimmed[1] <= 'Z')
			}
			prevBlank = false
		}
		// A heading is a block of one line: a tag after it starts one.
		prevHeading = inFence == "" && atxHeading.Match(line)
		out.Write(line)
		if i < len(lines)-1 {
			out.WriteByte('\n')
		}
		if inCall && (bytes.HasSuffix(trimmed, []byte(">}}")) || bytes.HasSuffix(trimmed, []byte("%}}"))) {
			inCall = false
			if i+1 < len(lines) && len(bytes.TrimSpace(lines[i+1])) > 0 {
				out.WriteByte('\n')
				prevBlank = true // the rest starts a block of its own
			}
		}
	}
	return out.Bytes()
}
