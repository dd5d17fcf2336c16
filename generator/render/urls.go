package render

import "strings"

// relative returns target, a site path such as /people/jane-doe/, as a URL
// relative to the page at from, so that the built site works under any
// path prefix and from any static host. Targets that are not site paths
// (external URLs, fragments, relative URLs) are returned unchanged.
func relative(from, target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return target
	}
	path, suffix := target, ""
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		path, suffix = target[:i], target[i:]
	}
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	// Longest common prefix that ends at a slash.
	n := 0
	for i := 0; i < len(fromDir) && i < len(path) && fromDir[i] == path[i]; i++ {
		if path[i] == '/' {
			n = i + 1
		}
	}
	rel := strings.Repeat("../", strings.Count(fromDir[n:], "/")) + path[n:]
	if rel == "" {
		rel = "./"
	}
	return rel + suffix
}

// rebase rewrites the root-relative href and src attributes of rendered
// Markdown ("/articles/x/", as writers link inside the archive) by putting
// prefix in place of the leading slash. Goldmark always writes attributes
// with double quotes, so the byte patterns are exact.
func rebase(html, prefix string) string {
	if prefix == "/" {
		return html
	}
	var b strings.Builder
	rest := html
	for {
		i := strings.Index(rest, `="/`)
		if i < 0 {
			break
		}
		attrStart := i - 4
		isAttr := attrStart >= 0 && (rest[attrStart:i] == "href" || (i >= 3 && rest[i-3:i] == "src"))
		if !isAttr || strings.HasPrefix(rest[i+3:], "/") {
			b.WriteString(rest[:i+3])
			rest = rest[i+3:]
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(html) + 256)
		}
		b.WriteString(rest[:i+2])
		b.WriteString(prefix)
		rest = rest[i+3:]
	}
	if b.Len() == 0 {
		return html
	}
	b.WriteString(rest)
	return b.String()
}
