package hugo

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Authors link one page to another by its file, as GitHub shows them:
// [Java's history](./java-version-history.md). Hugo's embedded link
// render hook turns such a link into the page's URL (wiloon.com sets
// renderHooks.link.useEmbedded = "always": 600 links); without it the
// link was broken in Hugo's output as well. Once migrated, the file has
// moved (content/articles/2021/04/…), so the link is written as a ref
// to the page's new file, or as its URL when it is not an article, as a
// ref shortcode to it is (see rewriteRefs). Links inside code are code.

// mdLink is an inline link's address, or a reference definition's, that
// names a Markdown file: the address (group 1), its fragment (2).
var mdLink = regexp.MustCompile(`(?:\]\(\s*<?|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?)([^\s()<>#:]+\.(?:md|markdown))(#[^\s()<>]*)?`)

// mdLinks rewrites p's links to Markdown files of the old site.
func (s *site) mdLinks(body []byte, p *page) []byte {
	if !bytes.Contains(body, []byte(".md")) && !bytes.Contains(body, []byte(".markdown")) {
		return body
	}
	var out []byte
	fence := ""
	for line := range bytes.Lines(body) {
		text := strings.TrimLeft(string(line), " \t")
		switch {
		case fence != "":
			if strings.HasPrefix(text, fence) {
				fence = ""
			}
			out = append(out, line...)
			continue
		case strings.HasPrefix(text, "```"), strings.HasPrefix(text, "~~~"):
			fence = text[:3]
			out = append(out, line...)
			continue
		}
		out = append(out, s.mdLinksOfLine(line, p)...)
	}
	return out
}

// mdLinksOfLine is one line of text with its links to Markdown files
// rewritten, but those inside code spans.
func (s *site) mdLinksOfLine(line []byte, p *page) []byte {
	matches := mdLink.FindAllSubmatchIndex(line, -1)
	if len(matches) == 0 {
		return line
	}
	var out []byte
	last := 0
	for _, m := range matches {
		addr := string(line[m[2]:m[3]])
		frag := ""
		if m[4] >= 0 {
			frag = string(line[m[4]:m[5]])
		}
		inCode := bytes.Count(line[:m[0]], []byte("`"))%2 == 1
		t, ok := s.mdTarget(p, addr)
		if inCode || !ok {
			continue
		}
		out = append(out, line[last:m[2]]...)
		if t.ref != "" {
			out = fmt.Appendf(out, `{{< ref "%s%s" >}}`, t.ref, frag)
		} else {
			out = append(out, t.url+frag...)
		}
		last = m[2] + len(addr) + len(frag)
	}
	return append(out, line[last:]...)
}

// mdTarget is where the Markdown file addr, relative to p's file, went;
// false when it is not a live page of the old site.
func (s *site) mdTarget(p *page, addr string) (target, bool) {
	if strings.HasPrefix(addr, "/") || strings.Contains(addr, "://") {
		return target{}, false
	}
	at := path.Join(path.Dir(p.rel), addr)
	if at == ".." || strings.HasPrefix(at, "../") {
		return target{}, false
	}
	rel, ok := s.refs.byPath[strings.ToLower(at)]
	if !ok {
		// A bundle by its folder's name: x.md for x/index.md, as Hugo's
		// hook finds it.
		if rel, ok = s.refs.byPath[strings.ToLower(strings.TrimSuffix(at, path.Ext(at)))]; !ok || !isBundleIndex(rel) {
			return target{}, false
		}
	}
	t := s.targets[rel]
	return t, !t.dead && (t.ref != "" || t.url != "")
}

// isBundleIndex reports whether rel is a leaf bundle's index file.
func isBundleIndex(rel string) bool {
	base := path.Base(rel)
	return strings.TrimSuffix(base, path.Ext(base)) == "index"
}
