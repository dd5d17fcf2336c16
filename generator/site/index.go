package site

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"folio/generator/slug"
)

// personTaxonomies sort their index by the last word of each name
// ("Vladimir Putin" under P), as a newsroom's index of people does; a
// profile's sortName overrides it. Other taxonomies sort by the name.
var personTaxonomies = map[string]bool{"people": true, "authors": true}

// OtherLetter heads the names that begin with no letter of A to Z once
// made a URL slug (digits, signs).
const OtherLetter = "#"

// sortIndex orders the taxonomy's terms for its A–Z index: by sort
// name, as its slug spells it (accents and scripts made Latin, so that
// "Ćosić" is under C and "Волков" under V), then by name.
func (t *Taxonomy) sortIndex(slugs *slug.Cache) {
	for _, term := range t.Terms {
		name := term.Name
		switch {
		case term.Profile != nil && term.Profile.SortName != "":
			name = term.Profile.SortName
		case personTaxonomies[t.Name]:
			if f := strings.Fields(name); len(f) > 1 {
				name = f[len(f)-1] + " " + strings.Join(f[:len(f)-1], " ")
			}
		}
		term.sortKey = slugs.Make(name)
		term.Letter = OtherLetter
		if r, _ := utf8.DecodeRuneInString(term.sortKey); r >= 'a' && r <= 'z' {
			term.Letter = string(r - 'a' + 'A')
		}
	}
	t.Index = slices.Clone(t.Terms)
	last := func(t *Term) int { // the names of no letter come last
		if t.Letter == OtherLetter {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(t.Index, func(a, b *Term) int {
		return cmp.Or(cmp.Compare(last(a), last(b)), strings.Compare(a.sortKey, b.sortKey), strings.Compare(a.Slug, b.Slug))
	})
}
