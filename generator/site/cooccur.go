package site

import (
	"cmp"
	"slices"
	"strings"

	"folio/generator/parallel"
)

// MaxOftenWith is the most co-occurring terms a term lists.
const MaxOftenWith = 12

// Cooccurrence is a term and the number of articles it shares with another.
type Cooccurrence struct {
	Term  *Term
	Count int
}

// pairedTerms is how many of an article's terms of each taxonomy, the
// first ones written, count as named together: an article of thousands
// of names would otherwise pair each with every other, work with the
// square of the names, and would fill every one of their pages with the
// same few neighbours.
const pairedTerms = 25

// cooccur fills every term's OftenWith: the people, places and topics
// named most often in the same articles. The work is the number of
// (article, term) pairs times the terms paired per article, at most
// pairedTerms of each taxonomy.
func (s *Site) cooccur() {
	var all []*Term
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			term.seq = len(all)
			all = append(all, term)
		}
	}
	// Each term's list is its own work, made on every core, each with
	// counts of its own: at 200,000 articles this was a fifth of the
	// assembly, which a build after one edit waits for.
	parallel.For(len(all), func() func(int) {
		counts := make([]int, len(all))
		var touched []int
		return func(k int) {
			term := all[k]
			touched = touched[:0]
			for _, a := range term.Articles {
				if !paired(a, term) {
					continue
				}
				for _, tt := range a.Subjects {
					for _, other := range tt.Terms[:min(len(tt.Terms), pairedTerms)] {
						if other == term {
							continue
						}
						i := other.seq
						if counts[i] == 0 {
							touched = append(touched, i)
						}
						counts[i]++
					}
				}
			}
			list := make([]Cooccurrence, 0, len(touched))
			for _, i := range touched {
				list = append(list, Cooccurrence{Term: all[i], Count: counts[i]})
				counts[i] = 0
			}
			slices.SortFunc(list, func(x, y Cooccurrence) int {
				return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Term.URL, y.Term.URL))
			})
			term.OftenWith = list[:min(len(list), MaxOftenWith)]
		}
	})
}

// paired reports whether term is among the first pairedTerms of its
// taxonomy that a lists.
func paired(a *Article, term *Term) bool {
	for _, tt := range a.Subjects {
		if tt.Taxonomy == term.Taxonomy {
			return slices.Contains(tt.Terms[:min(len(tt.Terms), pairedTerms)], term)
		}
	}
	return false
}

// OftenGroup is a term's OftenWith of one taxonomy.
type OftenGroup struct {
	Taxonomy *Taxonomy
	Terms    []Cooccurrence
}

// OftenWithGroups is OftenWith grouped by taxonomy, in the site's
// taxonomy order, each group in OftenWith's order: "People: …; Places: …".
func (t *Term) OftenWithGroups() []OftenGroup {
	var out []OftenGroup
	for _, c := range t.OftenWith {
		i := slices.IndexFunc(out, func(g OftenGroup) bool { return g.Taxonomy == c.Term.Taxonomy })
		if i < 0 {
			out = append(out, OftenGroup{Taxonomy: c.Term.Taxonomy})
			i = len(out) - 1
		}
		out[i].Terms = append(out[i].Terms, c)
	}
	slices.SortStableFunc(out, func(a, b OftenGroup) int { return cmp.Compare(a.Taxonomy.seq, b.Taxonomy.seq) })
	return out
}
