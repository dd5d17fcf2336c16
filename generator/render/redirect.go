package render

import (
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"

	"folio/generator/config"
	"folio/generator/site"
	"folio/generator/urlpath"
)

// RedirectsFile is the host redirect file, in the format Netlify and
// Cloudflare Pages read: "/old /new 301", one redirect a line; an old
// address with a query is Netlify's "/ p=12 /new/ 301", a form only
// Netlify reads.
const RedirectsFile = "/_redirects"

// redirects plans a page at each old path and the redirect file. They
// are in no sitemap and no search index: they are not pages of their own.
func (pl *planner) redirects(basePath string) {
	if len(pl.s.Redirects) == 0 {
		return
	}
	for i := range pl.s.Redirects {
		if r := &pl.s.Redirects[i]; r.Query == "" {
			pl.add(r.Source, &Data{Kind: KindRedirect, URL: r.URL(), redirect: r}, r.To, nil)
		}
	}
	h := fnv.New64a()
	for _, r := range pl.s.Redirects {
		fmt.Fprintf(h, "%s %s %s\n", r.From, r.Query, r.To)
	}
	pl.add(config.FileName, &Data{Kind: KindRedirects, URL: RedirectsFile, redirects: pl.s.Redirects, rootPrefix: basePath},
		strconv.FormatUint(h.Sum64(), 16), nil)
}

// writeRedirect writes the page at an old path: it sends browsers on at
// once (meta refresh, as no static host runs code), tells search engines
// where the page now is (canonical link) and not to index this one, and
// shows a link for anyone whose browser does not follow.
func writeRedirect(w io.Writer, d *Data) error {
	to := d.redirect.To
	rel := html.EscapeString(urlpath.Escape(relative(d.URL, to)))
	canonical := rel
	if strings.HasPrefix(d.Site.BaseURL, "http://") || strings.HasPrefix(d.Site.BaseURL, "https://") {
		canonical = html.EscapeString(d.AbsURL(to))
	}
	lang := d.Site.Language
	if lang == "" {
		lang = "en"
	}
	_, err := fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>Moved to %s</title>
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%s">
</head>
<body>
<p>This page has moved to <a href="%s">%s</a>.</p>
</body>
</html>
`, html.EscapeString(lang), canonical, canonical, rel, rel, canonical)
	return err
}

// writeRedirects writes the host redirect file: every old path, under the
// base URL's path, with a permanent redirect to its page, sorted.
func writeRedirects(w io.Writer, d *Data) error {
	prefix := strings.TrimSuffix(d.rootPrefix, "/")
	lines := make([]string, len(d.redirects))
	for i, r := range d.redirects {
		query := ""
		if r.Query != "" {
			// Netlify's form for a query: "/ p=12 /new/ 301".
			query = " " + r.Query
		}
		lines[i] = prefix + urlpath.Escape(r.From) + query + " " + prefix + urlpath.Escape(r.To) + " 301\n"
	}
	slices.Sort(lines)
	for _, l := range lines {
		if _, err := io.WriteString(w, l); err != nil {
			return err
		}
	}
	return nil
}

// redirectClash words a clash between a redirect and another page.
func redirectClash(r *site.Redirect, other *Page) string {
	switch {
	case other.Kind == KindArticle || other.Kind == KindPage:
		return fmt.Sprintf("%s is the URL of %s: an old path cannot lead elsewhere while a page is there: remove it", r.From, other.Source)
	case other.Kind == KindRedirect:
		return fmt.Sprintf("%s is also redirected by %s", r.From, other.Source)
	}
	return fmt.Sprintf("%s is the URL of the site's own %s page: remove it", r.From, other.Kind)
}
