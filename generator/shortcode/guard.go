package shortcode

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// GuardPrefix starts every token that stands for a call's output while
// the HTML around it is sanitized.
const GuardPrefix = "folio-sc-"

// Guard keeps the outputs of a document's calls out of the raw HTML
// sanitizer: a call's output is the site's own HTML (its template, with
// the author's inner text already cleaned), so it must come out the same
// whether or not the author wrote raw HTML beside it. Each output is
// replaced by a token for the render, and put back after the sanitizer.
type Guard struct {
	prefix string
	nodes  []ast.Node
	outs   []string
}

// GuardCalls replaces the output of every call in doc, parsed from src, by
// a token, and returns the guard that puts them back; nil when doc calls
// nothing.
func GuardCalls(doc ast.Node, src []byte) *Guard {
	var g *Guard
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var h *string
		switch n := n.(type) {
		case *Block:
			if n.author {
				return ast.WalkSkipChildren, nil
			}
			h = &n.html
		case *Inline:
			if n.author {
				return ast.WalkSkipChildren, nil
			}
			h = &n.html
		default:
			return ast.WalkContinue, nil
		}
		if g == nil {
			g = &Guard{prefix: guardPrefix(src)}
		}
		g.nodes = append(g.nodes, n)
		g.outs = append(g.outs, *h)
		*h = g.token(len(g.outs) - 1)
		return ast.WalkSkipChildren, nil
	})
	return g
}

// Restore gives the nodes their outputs back and returns h, sanitized
// HTML rendered with the tokens, with the outputs in their place.
func (g *Guard) Restore(h string) string {
	if g == nil {
		return h
	}
	for i, n := range g.nodes {
		switch n := n.(type) {
		case *Block:
			n.html = g.outs[i]
		case *Inline:
			n.html = g.outs[i]
		}
	}
	return restore(h, g.prefix, g.outs)
}

// NeedsClean reports whether doc holds HTML the author wrote: raw HTML,
// or a call whose output holds it (AuthorHTML). Only such a document needs
// the sanitizer, as goldmark's own output is safe.
func NeedsClean(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			found = true
		case *Block:
			found = n.author
		case *Inline:
			found = n.author
		default:
			return ast.WalkContinue, nil
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return found
}

func (g *Guard) token(i int) string { return g.prefix + strconv.Itoa(i) + "-" }

// guardPrefix derives the tokens' nonce from the text they stand in: the
// author cannot write a token that names an output, since it would have
// to be part of the text it is derived from (a SHA-256 fixed point).
func guardPrefix(src []byte) string {
	sum := sha256.Sum256(src)
	return GuardPrefix + hex.EncodeToString(sum[:16]) + "-"
}

// restore puts outs back in h, sanitized HTML, at their tokens. In such
// HTML '<' and '>' are only ever tag delimiters (the sanitizer escapes
// them in text and attribute values), so a token after a '<' with no
// '>' since is inside a tag: it is left as it is, and an output never
// lands in an attribute. Each output is put back once.
func restore(h, prefix string, outs []string) string {
	if len(outs) == 0 || !strings.Contains(h, prefix) {
		return h
	}
	n := len(h)
	for _, o := range outs {
		n += len(o)
	}
	var b strings.Builder
	b.Grow(n)
	used := make([]bool, len(outs))
	from, scanned, inTag := 0, 0, false
	for {
		k := strings.Index(h[from:], prefix)
		if k < 0 {
			break
		}
		at := from + k
		if i := strings.LastIndexAny(h[scanned:at], "<>"); i >= 0 {
			inTag = h[scanned+i] == '<'
		}
		scanned = at
		end := at + len(prefix)
		d := end
		for d < len(h) && h[d] >= '0' && h[d] <= '9' {
			d++
		}
		idx, err := strconv.Atoi(h[end:d])
		if inTag || err != nil || d >= len(h) || h[d] != '-' || idx >= len(outs) || used[idx] {
			b.WriteString(h[from:end])
			from = end
			continue
		}
		used[idx] = true
		b.WriteString(h[from:at])
		b.WriteString(outs[idx])
		from = d + 1
	}
	b.WriteString(h[from:])
	return b.String()
}
