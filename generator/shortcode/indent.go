package shortcode

import (
	"bytes"
)

// Hugo replaces shortcode calls in the text before Markdown reads it, so
// its authors indent a call's tags to put it in a list item and leave
// its inner text where they like:
//
//	 1. Fetch the images:
//
//	    {{% alert title="Note" %}}
//	You can ignore this warning:
//	```
//	WARNING: ...
//	```
//	    {{% /alert %}}
//
//	 2. Launch the services.
//
// folio reads calls inside Markdown's blocks, where the first line at
// the margin would end the list item and leave the rest of the call, and
// its closing tag, to be read again after the list (grpc.io's quick
// starts). And an inner text indented with its tags came out as a code
// block, its lines being four spaces in.
//
// So a call whose opening tag begins its line after some indentation
// has its inner text read as if that indentation were the margin: its
// lines lose as much of theirs, as Markdown's list items take theirs.
// And before the body is parsed, Align indents the inner lines of such a
// call as far as its tag, when some are less indented: the list item
// then goes on to the closing tag, and the inner text reads as written.

// tagIndent is how far in the opening tag at src[start] is, in columns
// (a tab to the next multiple of four), when only blanks are before it
// on its line; 0 otherwise.
func tagIndent(src []byte, start int) int {
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	col := 0
	for _, b := range src[lineStart:start] {
		switch b {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return 0
		}
	}
	return col
}

// innerText is the inner text of a paired call, with as much of each
// line's indentation as its opening tag's removed (see above); the
// source itself when there is none to remove.
func (c *call) innerText(src []byte) []byte {
	in := src[c.innerStart:c.innerEnd]
	if c.indent == 0 || bytes.IndexByte(in, '\n') < 0 {
		return in
	}
	out := make([]byte, 0, len(in))
	first := true
	for line := range bytes.Lines(in) {
		if !first {
			line = dedent(line, c.indent)
		}
		first = false
		out = append(out, line...)
	}
	return out
}

// dedent removes up to cols columns of blanks from the start of line.
func dedent(line []byte, cols int) []byte {
	col, i := 0, 0
	for i < len(line) && col < cols {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			if next := col + 4 - col%4; next > cols {
				return line[i:] // a tab that goes past: kept whole
			} else {
				col = next
			}
		default:
			return line[i:]
		}
		i++
	}
	return line[i:]
}

// lineIndent is the indentation of line in columns, and whether it is
// blank.
func lineIndent(line []byte) (int, bool) {
	col := 0
	for _, b := range line {
		switch b {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		case '\n', '\r':
			return col, true
		default:
			return col, false
		}
	}
	return col, true
}

// Align returns body with the inner lines of each call indented like its
// opening tag where some are less (see above), and tokens in place of
// the calls in link reference definitions (see defineCalls); body itself
// when no call needs either. Lines keep their numbers; calls inside
// fenced code are left alone.
func (d *Doc) Align(body []byte) []byte { return d.alignAt(body, d.Line) }

// alignAt is Align for a text whose first byte is on line base of the
// file (a call's inner text).
func (d *Doc) alignAt(body []byte, base int) []byte {
	if d == nil || d.Set == nil || !bytes.Contains(body, []byte("{{")) {
		return body
	}
	return align(d, body, d.Set, base)
}

// innerTaker tells which shortcodes take inner text (a Set): an
// interface, as the built-in details renders Markdown, which is aligned.
type innerTaker interface {
	takesInner(name string) (takes, known bool)
}

// align is alignAt once a text may need it.
func align(d *Doc, body []byte, set innerTaker, base int) []byte {
	var out []byte // nil until a line changes
	fence := []byte(nil)
	misses := 0
	lines := lineCounter{line: base}
	// A definition cannot interrupt a paragraph: it follows a blank line,
	// another definition, or begins the text.
	mayDefine := true
	for at := 0; at < len(body); {
		end := lineEnd(body, at)
		line := body[at:end]
		col, blank := lineIndent(line)
		text := bytes.TrimLeft(line, " \t")
		if fence == nil && mayDefine && !blank && text[0] == '[' {
			if defined, ok := d.defineCalls(body, line, lines.at(body, at)); ok {
				if out == nil {
					out = append(make([]byte, 0, len(body)+len(body)/8), body[:at]...)
				}
				out = append(out, defined...)
				at = end
				continue
			}
		}
		mayDefine = blank || col <= 3 && bytes.HasPrefix(text, []byte("[")) && bytes.Contains(text, []byte("]:"))
		switch {
		case blank:
		case fence != nil:
			if closesFence(text, fence) {
				fence = nil
			}
		case bytes.HasPrefix(text, []byte("```")) || bytes.HasPrefix(text, []byte("~~~")):
			n := 3
			for n < len(text) && text[n] == text[0] {
				n++
			}
			fence = text[:n]
		case col > 0 && (bytes.HasPrefix(text, []byte("{{<")) || bytes.HasPrefix(text, []byte("{{%"))):
			start := at + len(line) - len(text)
			if misses >= maxProblems {
				break // what it costs stays linear (see below)
			}
			c, err := parseCall(body, start, len(body), set.takesInner)
			if err != nil || !c.paired {
				// A call not closed, or of an unknown name, looked as far
				// as the end of the body for its closing tag: a body of
				// thousands of them would take that look each time. The
				// parse reports them, and stops at as many.
				if err != nil || c.looked(set) {
					misses++
				}
				break
			}
			if aligned, ok := alignCall(body, c, col); ok {
				if out == nil {
					out = append(make([]byte, 0, len(body)+len(body)/8), body[:at]...)
				}
				out = append(out, body[at:lineStart(body, c.innerStart)]...)
				out = append(out, aligned...)
				at = lineEnd(body, c.end)
				out = append(out, body[lineStart(body, c.end):at]...)
				continue
			}
			end = lineEnd(body, c.end) // its lines are its own
		}
		if out != nil {
			out = append(out, body[at:end]...)
		}
		at = end
	}
	if out == nil {
		return body
	}
	return out
}

// closesFence reports whether text (a line, its indentation removed)
// closes the fenced code block begun with fence.
func closesFence(text, fence []byte) bool {
	n := 0
	for n < len(text) && text[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.TrimSpace(text[n:])) == 0
}

// looked reports whether parsing the call c, unpaired, looked for its
// closing tag to the end: an unknown name's.
func (c *call) looked(set innerTaker) bool {
	_, known := set.takesInner(c.open.name)
	return !known && !c.open.selfClosing && !c.open.comment && !c.open.closing
}

// alignCall returns the lines of the call c from its opening tag's line
// (whole) up to its closing tag's line (not included), every one but
// blank ones and the first indented col further, when some inner line is
// indented less than col; false when none is.
func alignCall(body []byte, c *call, col int) ([]byte, bool) {
	from, to := lineStart(body, c.innerStart), lineStart(body, c.end)
	open := lineEnd(body, from)
	if open >= to {
		return nil, false // the call is on one line, or the inner text ends on the opening tag's
	}
	less := false
	for line := range bytes.Lines(body[open:to]) {
		if n, blank := lineIndent(line); !blank && n < col {
			less = true
			break
		}
	}
	closing := body[to:lineEnd(body, c.end)]
	if n, _ := lineIndent(closing); !less && n >= col {
		return nil, false
	}
	pad := bytes.Repeat([]byte{' '}, col)
	out := append([]byte(nil), body[from:open]...)
	for line := range bytes.Lines(body[open:to]) {
		if _, blank := lineIndent(line); !blank && less {
			out = append(out, pad...)
		}
		out = append(out, line...)
	}
	if n, _ := lineIndent(closing); n < col {
		out = append(out, pad[:col-n]...)
	}
	return out, true
}

// lineCounter tells the lines of offsets of a text, in order: counting
// from the last one keeps a walk of the text linear.
type lineCounter struct{ off, line int }

func (c *lineCounter) at(src []byte, off int) int {
	c.line += bytes.Count(src[c.off:off], []byte("\n"))
	c.off = off
	return c.line
}

// lineStart is the start of the line holding src[i].
func lineStart(src []byte, i int) int { return bytes.LastIndexByte(src[:i], '\n') + 1 }

// lineEnd is just past the newline that ends the line holding src[i], or
// the end of src.
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}
