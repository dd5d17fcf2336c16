package wpbody

import (
	"fmt"
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
	// One note per kind of dynamic block, at its first line: a query
	// loop repeats a dozen of them.
	type seen struct{ line, count int }
	dynamic := map[string]*seen{}
	var order []string
	for _, m := range ms {
		b.WriteString(s[last:m[0]])
		if m[6] < m[7] { // self-closing
			name := s[m[4]:m[5]]
			if d := dynamic[name]; d != nil {
				d.count++
			} else {
				dynamic[name] = &seen{ln.at(m[0]), 1}
				order = append(order, name)
			}
		}
		b.WriteString(strings.Repeat("\n", strings.Count(s[m[0]:m[1]], "\n")))
		last = m[1]
	}
	b.WriteString(s[last:])
	for _, name := range order {
		d := dynamic[name]
		what := "dynamic block wp:" + name
		if name == "block" {
			what = "reusable block (wp:block, its content is another post)"
		}
		if d.count > 1 {
			what += fmt.Sprintf(" (%d times)", d.count)
		}
		c.note(d.line, "%s has no HTML in the export; left out", what)
	}
	return b.String(), true
}
