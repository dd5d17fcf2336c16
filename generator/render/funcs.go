package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"folio/generator/config"
	"folio/generator/slug"
	"folio/generator/urlpath"
)

// FuncMap is the set of functions layouts can call, for shortcode
// templates to call them too.
func FuncMap(cfg *config.Config) template.FuncMap { return funcMap(cfg) }

// funcMap is the set of functions layouts can call besides Go's built-ins.
func funcMap(cfg *config.Config) template.FuncMap {
	loc := cfg.Location
	return template.FuncMap{
		// date formats a time for readers in the site's time zone, with the
		// configured layout or the one given: {{ date .Date }},
		// {{ date .Date "Jan 2006" }}.
		"date": func(t time.Time, layout ...string) string {
			l := cfg.DateFormat
			if len(layout) > 0 {
				l = layout[0]
			}
			return t.In(loc).Format(l)
		},
		// datetime is the machine-readable form for <time datetime="…">: a
		// plain date when the article gave no time of day.
		"datetime": func(t time.Time) string {
			t = t.In(loc)
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
				return t.Format(time.DateOnly)
			}
			return t.Format(time.RFC3339)
		},
		// dateOf is the first day of a month, for formatting month names:
		// {{ date (dateOf .Year .Month) "January" }}.
		"dateOf": func(year int, month time.Month) time.Time {
			return time.Date(year, month, 1, 12, 0, 0, 0, loc)
		},
		// absURL makes a site path absolute with the configured baseURL.
		"absURL":  func(p string) string { return absURL(cfg.BaseURL, p) },
		"slugify": slug.Make,
		// correctionLabel names a kind of correction for readers:
		// {{ correctionLabel .Kind }} gives Correction or Update.
		"correctionLabel": KindLabel,
		// plural counts things in words: {{ plural 3 "article" "articles" }}
		// gives "3 articles", {{ plural 1 "article" "articles" }} "1 article".
		"plural": plural,
		"number": number,
		// truncate shortens text to at most n characters, at a word
		// boundary, adding an ellipsis when it cuts.
		"truncate": truncate,
		"add":      func(a, b int) int { return a + b },
		"sub":      func(a, b int) int { return a - b },
		"join":     strings.Join,
		"upper":    strings.ToUpper,
		"lower":    strings.ToLower,
	}
}

// absURL joins the site's base URL and a site path.
func absURL(base, p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return p
	}
	// A path the site writes as it is (é, a space) is escaped, as a
	// URL in a feed, a sitemap or a canonical link must be.
	path, suffix := p, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		path, suffix = p[:i], p[i:]
	}
	return strings.TrimSuffix(base, "/") + urlpath.Escape(path) + suffix
}

// number formats an integer with thousands separators: 12,345.
func number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// truncate cuts s to at most n runes at a word boundary, never inside a
// multi-byte character, and marks the cut with an ellipsis.
func truncate(n int, s string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	cut, count := len(s), 0
	for i := range s {
		if count == n-1 {
			cut = i
			break
		}
		count++
	}
	head := s[:cut]
	// Drop a word that the cut split, unless that leaves too little.
	if i := strings.LastIndexAny(head, " \t\n"); i > len(head)/2 && !strings.ContainsAny(s[cut:cut+1], " \t\n") {
		head = head[:i]
	}
	return strings.TrimRight(head, " ,;:.–—-") + "…"
}

// pageTitle joins a page's own title and the site's, as browsers show it.
func pageTitle(page, siteTitle string) string {
	if page == "" || page == siteTitle {
		return siteTitle
	}
	return fmt.Sprintf("%s – %s", page, siteTitle)
}
