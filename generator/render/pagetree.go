package render

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"folio/generator/content"
)

// pageTree is how standalone pages nest: content/pages/about.md (or
// about/index.md) is the parent of the files in content/pages/about/,
// as WordPress's child pages and Hugo's sections are migrated, so that
// a page links the pages under it and its breadcrumbs the pages above.
type pageTree struct {
	parent   map[*content.Page]*content.Page
	children map[*content.Page][]Crumb
}

func newPageTree(pages []*content.Page) pageTree {
	t := pageTree{parent: map[*content.Page]*content.Page{}, children: map[*content.Page][]Crumb{}}
	byFolder := make(map[string]*content.Page, len(pages))
	for _, pg := range pages {
		byFolder[pageFolder(pg.Path)] = pg
	}
	kids := map[*content.Page][]*content.Page{}
	for _, pg := range pages {
		if up, ok := byFolder[path.Dir(pageFolder(pg.Path))]; ok && up != pg {
			t.parent[pg] = up
			kids[up] = append(kids[up], pg)
		}
	}
	for up, list := range kids {
		slices.SortFunc(list, func(a, b *content.Page) int {
			wa, oka := weight(a)
			wb, okb := weight(b)
			// As in Hugo, pages with a weight come first.
			return cmp.Or(-compareBool(oka, okb), cmp.Compare(wa, wb), strings.Compare(a.Title, b.Title), strings.Compare(a.Path, b.Path))
		})
		for _, pg := range list {
			t.children[up] = append(t.children[up], Crumb{Title: pg.Title, URL: pg.URL})
		}
	}
	return t
}

// pageFolder is the folder a page stands for: content/pages/about for
// about.md, about/index.md and about/_index.md.
func pageFolder(file string) string {
	f := strings.TrimSuffix(file, path.Ext(file))
	if b := path.Base(f); b == "index" || b == "_index" {
		f = path.Dir(f)
	}
	return f
}

// ancestors are the pages above pg, the topmost first.
func (t pageTree) ancestors(pg *content.Page) []Crumb {
	var up []Crumb
	for p := t.parent[pg]; p != nil && len(up) < 64; p = t.parent[p] {
		up = append(up, Crumb{Title: p.Title, URL: p.URL})
	}
	slices.Reverse(up)
	return up
}

// weight is a page's weight in front matter (WordPress's menu order,
// Hugo's weight), and whether it has one other than 0 (Hugo's unset).
func weight(pg *content.Page) (float64, bool) {
	var w float64
	switch v := pg.Params["weight"].(type) {
	case int:
		w = float64(v)
	case int64:
		w = float64(v)
	case uint64:
		w = float64(v)
	case float64:
		w = v
	}
	return w, w != 0
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
