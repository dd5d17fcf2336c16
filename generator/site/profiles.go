package site

import (
	"fmt"
	"slices"
	"strings"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/slug"
)

// readProfiles files each profile under its taxonomy, by the slug of its
// file name, and records the other names that lead to it: the slug of its
// display name (an article may say "Jane Doe" or "jdoe") and its aliases.
// Two files for one term are an error; aliases that two profiles claim
// are warned of.
func (s *Site) readProfiles(profiles []*content.Profile, slugs *slug.Cache) diag.List {
	var probs diag.List
	for _, t := range s.Taxonomies {
		t.profiles, t.aliases = map[string]*content.Profile{}, map[string]string{}
	}
	aliasOwner := map[string]*content.Profile{} // taxonomy + alias slug → profile
	for _, p := range profiles {
		t := s.byName[p.Taxonomy]
		if t == nil {
			continue
		}
		if other := t.profiles[p.Slug]; other != nil {
			first, second := other.Path, p.Path
			if second < first {
				first, second = second, first
			}
			probs = append(probs, diag.Errorf(second, 0, "",
				"a second profile of the term %s%s/, after %s: keep one of the two files", t.URL, p.Slug, first))
			continue
		}
		t.profiles[p.Slug] = p
	}
	// Display names first: a name is what most articles write, so it
	// is the profile's before any alias of another.
	for _, p := range profiles {
		t := s.byName[p.Taxonomy]
		if t == nil || t.profiles[p.Slug] != p || p.Name == "" {
			continue
		}
		sl := slugs.Make(p.Name)
		if sl == "" || sl == p.Slug || t.profiles[sl] != nil || aliasOwner[t.Name+"/"+sl] != nil {
			// Another profile's file or name: that term keeps it.
			continue
		}
		aliasOwner[t.Name+"/"+sl] = p
		t.aliases[sl] = p.Slug
	}
	for _, p := range profiles {
		t := s.byName[p.Taxonomy]
		if t == nil || t.profiles[p.Slug] != p {
			continue
		}
		for _, alias := range p.Aliases {
			sl := slugs.Make(alias)
			key := t.Name + "/" + sl
			switch other := aliasOwner[key]; {
			case sl == "" || sl == p.Slug || other == p:
				continue
			case other != nil:
				probs = append(probs, diag.Warnf(p.Path, 0, "aliases",
					"%q is also a name of %s in %s: it stays with that one", alias, displayName(other), other.Path))
				continue
			case t.profiles[sl] != nil:
				probs = append(probs, diag.Warnf(p.Path, 0, "aliases",
					"%q has a profile of its own, %s: it is not merged", alias, t.profiles[sl].Path))
				continue
			}
			aliasOwner[key] = p
			t.aliases[sl] = p.Slug
		}
	}
	return probs
}

// displayName is how a problem names a profile's term.
func displayName(p *content.Profile) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Slug
}

// canonical maps a term slug to the slug of the term it is an alias of.
func (t *Taxonomy) canonical(sl string) string {
	if c, ok := t.aliases[sl]; ok {
		return c
	}
	return sl
}

// unusedProfiles gives the profiles no article names a term page of their
// own, listing no articles: a profile is content someone wrote (an
// author's biography), and its address was perhaps published before, as a
// migrated site's term pages were. It warns of them, since a profile no
// article names may also be a misspelt one: each by name when there are
// few, or in one line for the taxonomy.
func (t *Taxonomy) unusedProfiles() diag.List {
	var unused []*content.Profile
	for sl, p := range t.profiles {
		if t.bySlug[sl] == nil {
			unused = append(unused, p)
		}
	}
	slices.SortFunc(unused, func(a, b *content.Profile) int { return strings.Compare(a.Path, b.Path) })
	var probs diag.List
	for _, p := range unused {
		term := &Term{Slug: p.Slug, URL: t.URL + p.Slug + "/", Taxonomy: t, Source: p.Path, Profile: p,
			spellings: []spelling{{name: displayName(p)}}}
		t.bySlug[p.Slug] = term
		t.Terms = append(t.Terms, term)
		if len(unused) <= maxUnusedWarnings {
			probs = append(probs, diag.Warnf(p.Path, 0, "",
				"no article lists %q or one of its aliases under %s: its page lists no articles", displayName(p), t.Name))
		}
	}
	if len(unused) > maxUnusedWarnings {
		probs = append(probs, diag.Warnf(unused[0].Path, 0, "",
			"no article lists %q or one of its aliases under %s, nor %d other profiles of %s/: their pages list no articles",
			displayName(unused[0]), t.Name, len(unused)-1, t.Path))
	}
	return probs
}

// maxUnusedWarnings is the number of profiles named by no article that are
// warned of one by one.
const maxUnusedWarnings = 5

// lookalikes warns of terms whose names differ only in word order, case,
// accents or punctuation ("Smith, John" and "John Smith"): probably one
// person spelt two ways, which an alias in a profile would merge.
func (t *Taxonomy) lookalikes() diag.List {
	var probs diag.List
	seen := map[string]*Term{}
	for _, term := range t.Terms { // A–Z by slug: deterministic
		words := strings.Split(term.Slug, "-")
		slices.Sort(words)
		key := strings.Join(words, " ")
		first, dup := seen[key]
		if !dup {
			seen[key] = term
			continue
		}
		probs = append(probs, diag.Warnf(term.Source, 0, t.Name,
			"%q looks like %q (first named in %s): if they are the same, list one as an alias in a profile, %s",
			term.Name, first.Name, first.Source, fmt.Sprintf("content/%s/%s.md", t.Name, first.Slug)))
	}
	return probs
}
