package render

import (
	"strings"

	"folio/generator/search"
)

// ArchiveURL is the page of every year and month.
const ArchiveURL = "/archive/"

// OwnPage names the page of folio's own at a site path, or "" when the
// path is free for an article or a page: the search and archive pages,
// the home page's later pages (/page/2/), the map of old addresses with
// a query, and each taxonomy's folder (its index and its terms' pages).
// A migration asks it, to move a post or page that stood where one of
// these now is rather than write a site that does not build.
func OwnPage(path string, taxonomies []string) string {
	switch {
	case path == search.PageURL:
		return "the search page"
	case path == ArchiveURL:
		return "the archive page"
	case strings.HasPrefix(path, "/page/"):
		return "a page of the home page's list"
	case strings.HasPrefix(path, QueryMapDir):
		return "the map of old addresses with a query"
	}
	for _, t := range taxonomies {
		if strings.HasPrefix(path, "/"+t+"/") {
			return "the " + t + " pages"
		}
	}
	return ""
}
