package shortcode

import (
	"bytes"
	"fmt"
)

// call is one use of a shortcode: its opening tag and, when paired, the
// inner text up to its closing tag.
type call struct {
	open                 tag
	paired               bool
	innerStart, innerEnd int  // the inner text, when paired
	end                  int  // just past the call
	indent               int  // the opening tag's, when it begins its line (see innerText)
	author               bool // its output holds the author's HTML (see Block.AuthorHTML)
}

// parseCall reads the call at src[i:], looking no further than limit.
// takesInner tells whether a shortcode needs a closing tag; a shortcode
// that does not is not looked for one (Hugo's rule), so a call costs a
// look ahead only as far as its own closing tag.
func parseCall(src []byte, i, limit int, takesInner func(string) (takes, known bool)) (*call, error) {
	t, err := scanTag(src, i, limit)
	if err != nil {
		return nil, err
	}
	c := &call{open: t, end: t.end}
	if t.comment {
		return c, nil
	}
	if t.closing {
		if _, known := takesInner(t.name); known {
			if takes, _ := takesInner(t.name); !takes {
				return nil, &tagError{i, fmt.Sprintf("shortcode %q takes no inner text, so it has no closing tag: remove %s", t.name, string(src[t.start:t.end]))}
			}
		}
		return nil, &tagError{i, fmt.Sprintf("the closing tag %s has no opening tag before it", string(src[t.start:t.end]))}
	}
	if t.selfClosing {
		return c, nil
	}
	takes, known := takesInner(t.name)
	if known && !takes {
		return c, nil
	}
	closing, ok := findClose(src, t.end, limit, t.name)
	if !ok {
		if !known {
			return c, nil // reported as unknown
		}
		open, closer := "{{<", ">}}"
		if t.markdown {
			open, closer = "{{%", "%}}"
		}
		return nil, &tagError{i, fmt.Sprintf("shortcode %q is not closed: add %s /%s %s after its inner text, or end the tag with /%s if it has none", t.name, open, t.name, closer, closer)}
	}
	c.paired, c.innerStart, c.innerEnd, c.end = true, t.end, closing.start, closing.end
	c.indent = tagIndent(src, t.start)
	return c, nil
}

// findClose finds the closing tag of name after from, skipping calls of
// the same name nested inside.
func findClose(src []byte, from, limit int, name string) (tag, bool) {
	depth := 0
	for from < limit {
		k := bytes.Index(src[from:limit], []byte("{{"))
		if k < 0 {
			break
		}
		from += k
		if !isOpen(src, from) {
			from += 2
			continue
		}
		t, err := scanTag(src, from, limit)
		if err != nil {
			from += 2
			continue
		}
		from = t.end
		if t.comment || t.name != name || t.selfClosing {
			continue
		}
		if !t.closing {
			depth++
			continue
		}
		if depth == 0 {
			return t, true
		}
		depth--
	}
	return tag{}, false
}
