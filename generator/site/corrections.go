package site

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"folio/generator/content"
)

// CorrectionsURL is the page that lists every correction of the site.
const CorrectionsURL = "/corrections/"

// Correction is one correction of an article, on the site's list.
type Correction struct {
	content.Correction
	Article *Article
	// Number is its place among the article's corrections, from 1: its
	// anchor on the article's page is #correction-N.
	Number int
}

// Anchor is the correction's place on its article's page.
func (c *Correction) Anchor() string { return c.Article.URL + "#correction-" + strconv.Itoa(c.Number) }

// corrections lists every correction of the articles, newest first,
// ties in the site's article order.
func corrections(articles []*Article) []*Correction {
	var out []*Correction
	for _, a := range articles {
		for i, c := range a.Parsed.Corrections {
			out = append(out, &Correction{Correction: c, Article: a, Number: i + 1})
		}
	}
	slices.SortStableFunc(out, func(x, y *Correction) int {
		return cmp.Or(y.Date.Compare(x.Date), cmp.Compare(x.Article.index, y.Article.index))
	})
	return out
}

// Modified is when the article last changed: its date, or a later
// updated date or correction.
func (a *Article) Modified() time.Time { return a.modified }

// sameCorrections reports whether two versions of an article list the
// same corrections.
func sameCorrections(a, b *content.Article) bool {
	return slices.EqualFunc(a.Corrections, b.Corrections, func(x, y content.Correction) bool {
		return x.Date.Equal(y.Date) && x.Kind == y.Kind && x.Text == y.Text
	})
}
