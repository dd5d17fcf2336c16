package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/urlpath"
)

// Redirect is an old path of the site that leads to one of its pages: an
// article's alias, or any URL a page had before. The renderer writes a
// small page at From that sends readers on to To, and lists every
// redirect in the host's redirect file. Other sources of old paths
// (profiles, pages, migration) add Redirects in Assemble before they are
// settled.
type Redirect struct {
	// From is the old path as written, made whole: /2015/06/old/,
	// /old.html, /no-slash; urlpath.PageURL(From) is where its page is.
	From string
	// Query, when not "", is the one name=value the old address asked
	// for at From (/?p=12): the host's redirect file answers it, as no
	// page can.
	Query string
	// To is the page's URL.
	To string
	// Source, Line and Field say where From is written, for problems.
	Source string
	Line   int
	Field  string
}

// URL is the URL of the redirect's own page, and with its query the
// address it answers, which no page is.
func (r Redirect) URL() string {
	if r.Query != "" {
		return urlpath.PageURL(r.From) + "?" + r.Query
	}
	return urlpath.PageURL(r.From)
}

// Address is the old address as written: From, with its query.
func (r Redirect) Address() string {
	if r.Query != "" {
		return r.From + "?" + r.Query
	}
	return r.From
}

// articleRedirects collects the aliases of articles, warning of those
// that are the article's own URL.
func articleRedirects(articles []*Article, probs *diag.List) []Redirect {
	var out []Redirect
	for _, a := range articles {
		for _, al := range a.Parsed.Aliases {
			from, query := urlpath.SplitQuery(urlpath.ResolveAlias(al.Path, a.URL))
			line := a.Parsed.Lines[al.Field]
			if query == "" && urlpath.PageURL(from) == a.URL {
				*probs = append(*probs, diag.Warnf(a.Path, line, al.Field,
					"%s is the article's own URL, not an old one: remove it", al.Path))
				continue
			}
			out = append(out, Redirect{From: from, Query: query, To: a.URL, Source: a.Path, Line: line, Field: al.Field})
		}
	}
	return out
}

// configRedirects are the redirects config.yaml lists.
func configRedirects(cfg *config.Config) []Redirect {
	out := make([]Redirect, 0, len(cfg.Redirects))
	for i, r := range cfg.Redirects {
		out = append(out, Redirect{From: r.From, Query: r.Query, To: r.To, Source: config.FileName, Line: r.Line, Field: fmt.Sprintf("redirects[%d].from", i)})
	}
	return out
}

// termRedirects collects the old paths of term pages that profiles give
// (redirect_from). A profile of a term no article uses has no page to
// lead to: unusedProfiles warns of it already.
func termRedirects(taxonomies []*Taxonomy, probs *diag.List) []Redirect {
	var out []Redirect
	for _, t := range taxonomies {
		for _, term := range t.Terms {
			if term.Profile != nil {
				out = append(out, oldPaths(term.Profile.Path, term.URL, "term", term.Profile.RedirectFrom, probs)...)
			}
		}
	}
	return out
}

// pageRedirects collects the old paths of standalone pages.
func pageRedirects(pages []*content.Page, probs *diag.List) []Redirect {
	var out []Redirect
	for _, pg := range pages {
		out = append(out, oldPaths(pg.Path, pg.URL, "page", pg.RedirectFrom, probs)...)
	}
	return out
}

// oldPaths makes redirects to url of the old paths a file gives, warning
// of one that is url itself.
func oldPaths(source, url, what string, list []content.OldPath, probs *diag.List) []Redirect {
	var out []Redirect
	for _, op := range list {
		from, query := urlpath.SplitQuery(urlpath.ResolveAlias(op.Path, url))
		if query == "" && urlpath.PageURL(from) == url {
			*probs = append(*probs, diag.Warnf(source, op.Line, op.Field,
				"%s is the %s's own URL, not an old one: remove it", op.Path, what))
			continue
		}
		out = append(out, Redirect{From: from, Query: query, To: url, Source: source, Line: op.Line, Field: op.Field})
	}
	return out
}

// settleRedirects sorts redirects by the URL of their pages and keeps one
// of each: the same old path given twice for the same page is one
// redirect, for two pages an error naming both files.
func settleRedirects(list []Redirect) ([]Redirect, diag.List) {
	slices.SortFunc(list, func(a, b Redirect) int {
		return cmp.Or(strings.Compare(a.URL(), b.URL()), strings.Compare(a.Source, b.Source), cmp.Compare(a.Line, b.Line))
	})
	var probs diag.List
	out := list[:0]
	for _, r := range list {
		if n := len(out); n > 0 && out[n-1].URL() == r.URL() {
			if first := out[n-1]; first.To != r.To {
				probs = append(probs, diag.Errorf(r.Source, r.Line, r.Field,
					"%s redirects to %s here, and to %s in %s: keep it in one of them",
					r.Address(), r.To, first.To, diag.Name(first.Source)+lineSuffix(first.Line)))
			}
			continue
		}
		out = append(out, r)
	}
	return slices.Clip(out), probs
}

// lineSuffix is ":line", or "" when the line is not known.
func lineSuffix(line int) string {
	if line <= 0 {
		return ""
	}
	return ":" + strconv.Itoa(line)
}

// MovedField names the redirects of addresses an article was published
// at before its URL changed (see package permalinks).
const MovedField = "moved"

// AddMoved gives each article's old addresses (old gives them, by the
// article's file and URL now) as redirects to it, as the last step of
// assembling the site, after AddPages. An old address that is now the
// address of a page of the site, or that an alias or the config already
// redirects, is left to them: a moved article never takes an address
// from another page.
func (s *Site) AddMoved(old func(path, url string) []string) diag.List {
	var taken map[string]bool
	var more []Redirect
	for _, a := range s.Articles {
		for _, u := range old(a.Path, a.URL) {
			if taken == nil {
				taken = s.urls()
			}
			if taken[u] {
				continue
			}
			taken[u] = true
			more = append(more, Redirect{From: u, To: a.URL, Source: a.Path, Field: MovedField})
		}
	}
	if len(more) == 0 {
		return nil
	}
	var probs diag.List
	s.Redirects, probs = settleRedirects(append(s.Redirects, more...))
	return probs
}

// urls are the addresses the site's pages and redirects take: articles,
// terms and taxonomies, periods, series, standalone pages, and old paths
// already redirected.
func (s *Site) urls() map[string]bool {
	taken := make(map[string]bool, len(s.Articles)+len(s.Redirects))
	for _, a := range s.Articles {
		taken[a.URL] = true
	}
	for _, t := range s.Taxonomies {
		taken[t.URL] = true
		for _, term := range t.Terms {
			taken[term.URL] = true
		}
	}
	for _, y := range s.Years {
		taken[y.URL] = true
		for _, m := range y.Months {
			taken[m.URL] = true
		}
	}
	for _, sr := range s.Series {
		taken[sr.URL] = true
	}
	for _, pg := range s.Pages {
		taken[pg.URL] = true
	}
	for _, r := range s.Redirects {
		taken[r.URL()] = true
	}
	taken["/"] = true
	return taken
}
