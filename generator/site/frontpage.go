package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"time"
)

// NewsWindow is how far back, from the newest article, the front page
// looks for the people, places and topics most in the news: an archive's
// "lately" is its own newest months, not the calendar's, so the front
// page is the same whenever it is built.
const NewsWindow = 90 * 24 * time.Hour

// MostCovered are, for each taxonomy but authors (in the site's order),
// the terms named in the most articles of the NewsWindow before the
// newest article, most first (ties by name), at most n each.
func (s *Site) MostCovered(n int) []OftenGroup {
	if len(s.Articles) == 0 || n <= 0 {
		return nil
	}
	since := s.Articles[0].Date.Add(-NewsWindow)
	counts := map[*Term]int{}
	for _, a := range s.Articles { // newest first
		if a.Date.Before(since) {
			break
		}
		for _, tl := range a.Subjects {
			for _, t := range tl.Terms[:min(len(tl.Terms), pairedTerms)] {
				counts[t]++
			}
		}
	}
	var out []OftenGroup
	for _, tax := range s.Taxonomies {
		if !describing(tax) {
			continue
		}
		var list []Cooccurrence
		for t, c := range counts {
			if t.Taxonomy == tax {
				list = append(list, Cooccurrence{Term: t, Count: c})
			}
		}
		if len(list) == 0 {
			continue
		}
		slices.SortFunc(list, func(a, b Cooccurrence) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Term.Slug, b.Term.Slug))
		})
		out = append(out, OftenGroup{Taxonomy: tax, Terms: list[:min(len(list), n)]})
	}
	return out
}

// Standfirst is the summary the article's front matter gives, shown
// under its headline; "" when the summary is only its first paragraph's
// opening, which the page shows anyway.
func (a *Article) Standfirst() template.HTML {
	if _, given := a.Parsed.Lines["summary"]; !given {
		return ""
	}
	return a.SummaryHTML
}
