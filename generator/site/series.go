package site

import (
	"cmp"
	"slices"
	"strings"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/slug"
)

// SeriesPath is the folder of series pages: /series/ lists them, and
// /series/<slug>/ lists the parts of one.
const SeriesPath = "/series/"

// Series is a run of articles an editor numbered as parts (series:,
// part:), shown in part order on its own page, with "Part 2 of 5" and the
// first, previous and next parts on each.
type Series struct {
	Name string
	Slug string
	URL  string
	// Articles are the parts in order: by part number, then those given
	// none by date.
	Articles []*Article
}

// Count is the number of parts.
func (s *Series) Count() int { return len(s.Articles) }

// Latest is the date of the newest part.
func (s *Series) Latest() *Article {
	latest := s.Articles[0]
	for _, a := range s.Articles[1:] {
		if a.Date.After(latest.Date) {
			latest = a
		}
	}
	return latest
}

// SeriesPart is where an article stands in its series.
type SeriesPart struct {
	Series *Series
	// Number is the article's place in the series, from 1.
	Number int
	// First, Prev and Next are the first, previous and next parts; nil
	// where there is none (First is nil on the first part itself).
	First, Prev, Next *Article
}

// seriesOf gathers the articles' series, sorted by slug, reporting two
// parts of one series given the same number and names without letters.
func seriesOf(articles []*Article, slugs *slug.Cache) ([]*Series, diag.List) {
	var probs diag.List
	bySlug := map[string]*Series{}
	var list []*Series
	// Oldest first: a series is named as its first article names it.
	for i := len(articles) - 1; i >= 0; i-- {
		a := articles[i]
		name := a.Parsed.Series
		if name == "" {
			continue
		}
		sl := slugs.Make(name)
		if sl == "" {
			probs = append(probs, diag.Errorf(a.Path, a.Parsed.Lines["series"], "series",
				"%q has no letters or digits to make a URL from: spell it out", name))
			continue
		}
		s := bySlug[sl]
		if s == nil {
			s = &Series{Name: name, Slug: sl, URL: SeriesPath + sl + "/"}
			bySlug[sl] = s
			list = append(list, s)
		}
		s.Articles = append(s.Articles, a)
	}
	for _, s := range list {
		// Numbered parts first, by number; then the others by date,
		// oldest first; ties by file.
		slices.SortStableFunc(s.Articles, func(x, y *Article) int {
			px, py := x.Parsed.Part, y.Parsed.Part
			switch {
			case px > 0 && py > 0:
				return cmp.Or(cmp.Compare(px, py), strings.Compare(x.Path, y.Path))
			case px > 0:
				return -1
			case py > 0:
				return 1
			}
			return cmp.Or(x.Date.Compare(y.Date), strings.Compare(x.Path, y.Path))
		})
		for i, a := range s.Articles {
			if i > 0 && a.Parsed.Part > 0 && a.Parsed.Part == s.Articles[i-1].Parsed.Part {
				probs = append(probs, diag.Errorf(a.Path, a.Parsed.Lines["part"], "part",
					"part %d of the series %q is also %s's: give each part its own number", a.Parsed.Part, s.Name, s.Articles[i-1].Path))
			}
			part := &SeriesPart{Series: s, Number: i + 1}
			if i > 0 {
				part.First, part.Prev = s.Articles[0], s.Articles[i-1]
			}
			if i+1 < len(s.Articles) {
				part.Next = s.Articles[i+1]
			}
			a.Series = part
		}
	}
	slices.SortFunc(list, func(x, y *Series) int { return strings.Compare(x.Slug, y.Slug) })
	return list, probs
}

// sameSeries reports whether two versions of an article are the same
// part of the same series.
func sameSeries(a, b *content.Article) bool {
	return a.Series == b.Series && a.Part == b.Part
}
