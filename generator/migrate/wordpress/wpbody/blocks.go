package wpbody

import (
	"regexp"
	"strings"
)

// blockComment is a Gutenberg block delimiter: <!-- wp:name {attrs} -->,
// <!-- /wp:name --> or the self-closing <!-- wp:name {attrs} /-->.
var blockComment = regexp.MustCompile(`<!--\s+(/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s(?s:.*?)(/?)-->`)

// stripBlocks removes the block delimiters, keeping the line count (a
// delimiter with a line break in its attributes leaves the break), and
// notes the self-closing blocks: they are dynamic, drawn by PHP when the
// page is shown, so the export holds no HTML for them.
func (c *conv) stripBlocks(s string) (string, bool) {
	ms := blockComment.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s, false
	}
	ln := newLines(s)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		if m[6] < m[7] { // self-closing
			c.note(ln.at(m[0]), "dynamic block wp:%s has no HTML in the export; left out", s[m[4]:m[5]])
		}
		b.WriteString(strings.Repeat("\n", strings.Count(s[m[0]:m[1]], "\n")))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String(), true
}
