package wpbody

import (
	"fmt"
	"strings"
)

// blockComment finds the next Gutenberg block delimiter in s from
// offset from: <!-- wp:name {attrs} -->, <!-- /wp:name --> or the
// self-closing <!-- wp:name {attrs} /-->. It matches what the regular
// expression
//
//	<!--\s+(/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s(?s:.*?)(/?)-->
//
// matches, found by hand: that expression, run over every post, was a
// tenth of a migration's time. start and end bound the delimiter, name
// is its block's name, and selfClosing tells "/-->".
func blockComment(s string, from int) (start, end int, name string, selfClosing, ok bool) {
	for {
		i := strings.Index(s[from:], "<!--")
		if i < 0 {
			return 0, 0, "", false, false
		}
		start = from + i
		from = start + 1
		k := start + 4
		ws := k
		for k < len(s) && isSpace(s[k]) {
			k++
		}
		if k == ws {
			continue
		}
		if k < len(s) && s[k] == '/' {
			k++
		}
		if !strings.HasPrefix(s[k:], "wp:") {
			continue
		}
		k += 3
		n := blockName(s, k)
		if n == k {
			continue
		}
		if m := n; m < len(s) && s[m] == '/' {
			if e := blockName(s, m+1); e > m+1 {
				n = e
			}
		}
		if n >= len(s) || !isSpace(s[n]) {
			continue
		}
		rest := n + 1
		j := strings.Index(s[rest:], "-->")
		if j < 0 {
			return 0, 0, "", false, false // no later delimiter can end either
		}
		j += rest
		return start, j + 3, s[k:n], j > rest && s[j-1] == '/', true
	}
}

// blockName is the end of the name [a-z][a-z0-9_-]* at s[k:], k when
// none.
func blockName(s string, k int) int {
	if k >= len(s) || s[k] < 'a' || s[k] > 'z' {
		return k
	}
	k++
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= '0' && s[k] <= '9' || s[k] == '_' || s[k] == '-') {
		k++
	}
	return k
}

// isSpace is the regular expressions' \s.
func isSpace(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r'
}

// stripBlocks removes the block delimiters, keeping the line count (a
// delimiter with a line break in its attributes leaves the break), and
// notes the self-closing blocks: they are dynamic, drawn by PHP when the
// page is shown, so the export holds no HTML for them.
func (c *conv) stripBlocks(s string) (string, bool) {
	start, end, name, selfClosing, ok := blockComment(s, 0)
	if !ok {
		return s, false
	}
	ln := newLines(s)
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	// One note per kind of dynamic block, at its first line: a query
	// loop repeats a dozen of them.
	type seen struct{ line, count int }
	dynamic := map[string]*seen{}
	var order []string
	for ; ok; start, end, name, selfClosing, ok = blockComment(s, last) {
		b.WriteString(s[last:start])
		if selfClosing {
			if d := dynamic[name]; d != nil {
				d.count++
			} else {
				dynamic[name] = &seen{ln.at(start), 1}
				order = append(order, name)
			}
		}
		for range strings.Count(s[start:end], "\n") {
			b.WriteByte('\n')
		}
		last = end
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
