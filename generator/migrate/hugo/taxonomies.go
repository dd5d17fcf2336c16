package hugo

import (
	"fmt"
	"slices"
	"strings"

	"folio/generator/config"
)

// folioTaxonomy is the name and URL segment a Hugo taxonomy has in folio:
// usually its own plural for both.
type folioTaxonomy struct {
	name, path string
}

// taxonomyNames settles the folio name of each Hugo taxonomy. One whose
// name folio keeps for itself (articles, pages) is migrated under its
// singular, keeping its URL segment with path: when folio's config
// accepts it beside the article permalink, or under the new name (its
// old URLs redirecting) when not. ok is false for one folio cannot take.
func (s *site) taxonomyName(singular, plural string) (folioTaxonomy, bool) {
	if !plainSegment(plural) || strings.Contains(plural, "_") {
		return folioTaxonomy{}, false
	}
	if !reservedName(plural) {
		return folioTaxonomy{plural, plural}, true
	}
	taken := func(n string) bool {
		for p, t := range s.folioTax {
			if p == n || t.name == n || t.path == n {
				return true
			}
		}
		return slices.ContainsFunc(s.cfg.Taxonomies, func(t [2]string) bool { return t[1] == n })
	}
	name := singular
	if name == plural || !plainSegment(name) || strings.Contains(name, "_") || reservedName(name) || taken(name) {
		name = plural + "-terms"
	}
	if taken(name) {
		return folioTaxonomy{}, false
	}
	return folioTaxonomy{name, s.taxonomyPathFor(name, plural)}, true
}

// reservedName is a taxonomy name folio refuses: a folder or a URL of
// the site's own.
func reservedName(n string) bool {
	return slices.Contains([]string{"articles", "page", "pages", "archive"}, n)
}

// taxonomyPathFor is the URL segment of a taxonomy renamed name: its old
// plural when folio's config accepts it and no permalink of the old site
// begins with it (the articles' URLs would meet the terms'), name
// otherwise. It is settled before the first pass learns folio's article
// permalink, which is made from those of the old site.
func (s *site) taxonomyPathFor(name, plural string) string {
	for _, pattern := range s.cfg.URLs.Permalinks {
		if strings.HasPrefix(strings.TrimPrefix(pattern, "/"), plural+"/") {
			return name
		}
	}
	cfg := fmt.Sprintf("taxonomies:\n  - name: %q\n    path: %q\n", name, plural)
	if _, err := config.Parse("config.yaml", []byte(cfg)); err != nil {
		return name
	}
	return plural
}

// renamed says whether the Hugo taxonomy plural has another name in folio.
func (s *site) renamed(plural string) bool {
	t, ok := s.folioTax[plural]
	return ok && t.name != plural
}

// taxFolder says whether the content folder sec holds a taxonomy's term
// pages and nothing else. A renamed taxonomy's folder (content/articles/
// on a site whose taxonomy is "articles") holds regular pages too, as
// Hugo reads them: only its term folders' _index.md are profiles there.
func (s *site) taxFolder(sec string) bool {
	return s.taxonomies[sec] != "" && !s.renamed(sec)
}

// taxonomyFolio is the folio name of the Hugo taxonomy plural.
func (s *site) taxonomyFolio(plural string) string {
	if t, ok := s.folioTax[plural]; ok {
		return t.name
	}
	return plural
}

// taxonomyPath is the URL segment of the Hugo taxonomy plural in folio.
func (s *site) taxonomyPath(plural string) string {
	if t, ok := s.folioTax[plural]; ok {
		return t.path
	}
	return plural
}
