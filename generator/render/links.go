package render

import (
	"net/url"
	"strings"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/parallel"
	"folio/generator/site"
)

// maxLinkWarnings is the most broken links reported of one article; the
// rest are counted in one more warning, so that an article that repeats
// a broken link thousands of times does not bury every other problem.
const maxLinkWarnings = 20

// BrokenLinks warns of the links in the text of articles that lead into
// the site where it has nothing. Into the site means a relative or
// root-relative link, or an absolute one under the base URL; nothing
// means no page of pages (a plan's pages by URL) and no static file
// (static reports one by its site path without the leading slash, as
// static/ holds it). The work is a lookup or two per link.
func BrokenLinks(cfg *config.Config, articles []*site.Article, pages map[string]*Page, static func(string) bool) diag.List {
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || base.Host == "" {
		base = nil // absolute links are all to other sites
	}
	// On every core, each article's links apart: at 200,000 articles a
	// third of a second on one, on the way to serve's first answer.
	each := make([]diag.List, len(articles))
	parallel.For(len(articles), func() func(int) {
		return func(i int) {
			a := articles[i]
			broken, line := 0, 0
			for _, l := range a.Parsed.Links {
				p, ok := sitePath(base, a.URL, l.URL)
				if !ok || exists(p, pages, static) {
					continue
				}
				if broken++; broken <= maxLinkWarnings {
					each[i] = append(each[i], diag.Warnf(a.Path, l.Line, "", "link to %s: no page has this address", l.URL))
				} else if line == 0 {
					line = l.Line
				}
			}
			if more := broken - maxLinkWarnings; more > 0 {
				each[i] = append(each[i], diag.Warnf(a.Path, line, "", "and %s from here on to addresses where the site has no page", plural(more, "more link", "more links")))
			}
		}
	})
	var probs diag.List
	for _, l := range each {
		probs = append(probs, l...)
	}
	return probs
}

// sitePath is the site path a link of the page at from leads to, and
// whether it leads into the site at all.
func sitePath(base *url.URL, from, link string) (string, bool) {
	if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") && !strings.ContainsAny(link, "%?#") && !strings.Contains(link, "/.") {
		return link, true // most links: a site path, with nothing to decode
	}
	if authority, ok := httpAuthority(link); ok && !strings.Contains(authority, "@") && (base == nil || !strings.EqualFold(authority, base.Host)) {
		return "", false // the others: other sites
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", false // not an address a browser would follow as written
	}
	switch {
	case u.Scheme != "" || u.Host != "":
		if base == nil || !strings.EqualFold(u.Host, base.Host) || u.Scheme != "" && !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
			return "", false
		}
		root := strings.TrimSuffix(base.Path, "/") + "/"
		p := u.Path
		if p+"/" == root || p == "" {
			return "/", true
		}
		rest, under := strings.CutPrefix(dotless(p), root)
		return "/" + rest, under // elsewhere on the host is not the site's
	case u.Path == "":
		return "", false // this page, with another query or fragment
	case strings.HasPrefix(u.Path, "/"):
		return dotless(u.Path), true
	}
	return (&url.URL{Path: from}).ResolveReference(&url.URL{Path: u.Path}).Path, true
}

// exists reports whether the site has something at the site path p: a
// page, a static file, or one of them under a name a static host also
// serves it by (a folder without its final slash, or its index.html).
func exists(p string, pages map[string]*Page, static func(string) bool) bool {
	if _, ok := pages[p]; ok || static(p[1:]) {
		return true
	}
	if strings.HasSuffix(p, "/") {
		return static(p[1:] + "index.html")
	}
	if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
		_, ok := pages[dir+"/"]
		return ok
	}
	_, ok := pages[p+"/"]
	return ok || static(p[1:]+"/index.html")
}

// httpAuthority is the host (and port) of an http(s) address.
func httpAuthority(link string) (string, bool) {
	var rest string
	switch {
	case len(link) > 7 && strings.EqualFold(link[:7], "http://"):
		rest = link[7:]
	case len(link) > 8 && strings.EqualFold(link[:8], "https://"):
		rest = link[8:]
	default:
		return "", false
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	return rest, true
}

// dotless resolves the . and .. segments of a site path, as browsers do
// before they ask for /a/../b/.
func dotless(p string) string {
	return (&url.URL{Path: "/"}).ResolveReference(&url.URL{Path: p}).Path
}
