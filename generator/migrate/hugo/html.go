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
