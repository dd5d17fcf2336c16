package shortcode

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Hugo's sites write calls in link reference definitions too:
//
//	[tagged-release]: https://github.com/etcd-io/etcd/releases/tag/{{< param git_version_tag >}}
//
// Hugo replaced the call before Markdown read the line; folio reads calls
// inside Markdown, which takes no address with spaces, so the line was a
// paragraph and every [text][tagged-release] stayed text. Align puts a
// token without spaces in place of such a call, so that the definition
// is one, and the expander puts the call's output in the addresses of
// the links that use it.

// defCall is a call written in a link reference definition.
type defCall struct {
	src  []byte // the call's tag, as written
	line int    // its line in the file
	out  *string
}

// defToken is the token that stands for the definition call k.
func (d *Doc) defToken(k int) string { return fmt.Sprintf("folio-def-%s-%d-", d.nonce, k) }

// defineCalls returns line (a line of body, the line-th of the file) with
// tokens in place of the calls in it, when it is a link reference
// definition whose address has calls; false when it is not.
func (d *Doc) defineCalls(body, line []byte, lineNo int) ([]byte, bool) {
	text := bytes.TrimLeft(line, " ")
	if len(line)-len(text) > 3 || len(text) == 0 || text[0] != '[' {
		return nil, false
	}
	colon := bytes.Index(text, []byte("]:"))
	if colon < 1 || !bytes.Contains(text[colon:], []byte("{{")) {
		return nil, false
	}
	head := len(line) - len(text) + colon + 2
	d.nonceOf(body)
	first := len(d.defCalls)
	out := append([]byte(nil), line[:head]...)
	rest := line[head:]
	for {
		i := bytes.Index(rest, []byte("{{"))
		if i < 0 || i+2 >= len(rest) || rest[i+2] != '<' && rest[i+2] != '%' {
			break
		}
		t, err := scanTag(rest, i, len(rest))
		if err != nil || t.closing || t.comment {
			d.defCalls = d.defCalls[:first]
			return nil, false
		}
		out = append(out, rest[:i]...)
		out = append(out, d.defToken(len(d.defCalls))...)
		d.defCalls = append(d.defCalls, defCall{src: append([]byte(nil), rest[i:t.end]...), line: lineNo})
		rest = rest[t.end:]
	}
	if len(d.defCalls) == first {
		return nil, false
	}
	return append(out, rest...), true
}

// fillDefinitions puts the outputs of the definitions' calls in the
// addresses of doc's links and images that hold their tokens, running
// each call once, when first used.
func (s *scope) fillDefinitions(doc ast.Node) {
	if len(s.d.defCalls) == 0 {
		return
	}
	prefix := []byte("folio-def-" + s.d.nonce + "-")
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		case *ast.Text:
			if bytes.Contains(n.Segment.Value(s.src), prefix) {
				texts = append(texts, n)
			}
		}
		if dest != nil && bytes.Contains(*dest, prefix) {
			*dest = []byte(s.definedAddress(string(*dest)))
		}
		return ast.WalkContinue, nil
	})
	// A line that Markdown did not take for a definition after all (a
	// title left open): its text shows the calls' outputs, as it would
	// have without the tokens.
	for _, t := range texts {
		v := s.definedAddress(string(t.Segment.Value(s.src)))
		if t.SoftLineBreak() || t.HardLineBreak() {
			v += "\n"
		}
		t.Parent().ReplaceChild(t.Parent(), t, ast.NewString([]byte(v)))
	}
}

// definedAddress is dest with each definition call's token replaced by
// the call's output.
func (s *scope) definedAddress(dest string) string {
	for k := range s.d.defCalls {
		tok := s.d.defToken(k)
		if !strings.Contains(dest, tok) {
			continue
		}
		dc := &s.d.defCalls[k]
		if dc.out == nil {
			child := &scope{d: s.d, src: dc.src, base: dc.line, ids: s.ids}
			out := ""
			if c, err := child.parseCall(0, len(dc.src)); err != nil {
				child.failTag(err)
			} else {
				_, raw := child.expand(c, true)
				out = strings.TrimSpace(raw)
			}
			dc.out = &out
		}
		dest = strings.ReplaceAll(dest, tok, *dc.out)
	}
	return dest
}
