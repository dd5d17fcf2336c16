package render

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
	"slices"
	"sync"

	"folio/generator/content"
	"folio/generator/site"
	"folio/generator/urlpath"
)

// Page is one page of the site, planned but not rendered.
type Page struct {
	// URL is the page's path: /people/jane-doe/ or /404.html.
	URL  string
	Kind string
	Data *Data
	// Source is the file the page comes from, for error messages.
	Source string
	// key and deps are what the page shows: key its own scalars (title,
	// page number, term names), deps the articles it shows. A page whose
	// key and deps are unchanged renders to the same bytes with the same
	// layouts, so a rebuild can skip it.
	key  string
	deps []*site.Article
	// shown holds the parsed articles the deps had when the page was
	// last rendered: site.Swap can change them in place.
	shown []*content.Article
	// layout identifies the layout files the page is made with.
	layout [sha256.Size]byte
	// names is shared by the pages of one plan (see sameNames).
	names *sameNames
}

// manyTerms is the number of terms past which an article's term names,
// compared once, are remembered for the rest of a plan's comparisons.
const manyTerms = 64

// sameNames remembers which articles of many terms list the same term
// names as their versions in an earlier plan. Such an article is on the
// page and in the feed of every one of its terms, and comparing its
// thousands of names again for each of them would be work with the
// square of the names.
//
// It is keyed by the articles' files, not by pointers: the plan's pages
// keep it, and pointers to the earlier plan's articles would keep that
// plan's whole article graph alive (through Newer, Older and Related).
type sameNames struct {
	mu   sync.Mutex
	seen map[[2]string]bool
}

// same is site.SameTermNames, remembered for articles of many terms.
func (c *sameNames) same(a, old *site.Article) bool {
	if c == nil || a == nil || termCount(a) <= manyTerms {
		return site.SameTermNames(a, old)
	}
	key := [2]string{a.Path, ""}
	if old != nil {
		key[1] = old.Path
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	same, ok := c.seen[key]
	if !ok {
		same = site.SameTermNames(a, old)
		c.seen[key] = same
	}
	return same
}

func termCount(a *site.Article) int {
	n := 0
	for _, tl := range a.TermLists() {
		n += len(tl.Terms)
	}
	return n
}

// Unchanged reports whether the page shows the same data as old, a page
// of an earlier plan with the same URL, made with the same config and
// the same layouts for its kind. Articles count as the same when they come from the same parse:
// an edited file is parsed anew, so its pages and its neighbours' differ.
func (p *Page) Unchanged(old *Page) bool {
	if old == nil || p.Kind != old.Kind || p.layout != old.layout || p.key != old.key || !slices.Equal(p.shown, old.shown) {
		return false
	}
	// Pages also show the names of their articles' terms (bylines,
	// chips, feed categories), which other articles can change: the most
	// used spelling wins, and profiles rename and merge terms.
	for i, a := range p.deps {
		if a != nil && !p.names.same(a, old.deps[i]) {
			return false
		}
	}
	return true
}

// Fingerprint hashes what the page shows as Unchanged compares it, with
// content hashes in place of parses: its kind, layouts, key, and the
// identities (site.Identity, through id) of the articles it shows.
// global stands for everything that changes every page (the config, the
// generator, the shortcodes and data files). Two builds that give a page
// the same fingerprint render it to the same bytes, so a build can keep
// the last one's file instead of rendering it.
func (p *Page) Fingerprint(global [sha256.Size]byte, id func(*site.Article) [sha256.Size]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write(global[:])
	h.Write([]byte(p.Kind))
	h.Write([]byte{0})
	h.Write(p.layout[:])
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(p.key)))
	h.Write(n[:])
	h.Write([]byte(p.key))
	for _, a := range p.deps {
		if a == nil {
			h.Write([]byte{0})
			continue
		}
		sum := id(a)
		h.Write([]byte{1})
		h.Write(sum[:])
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// Shows calls fn with each article the page shows.
func (p *Page) Shows(fn func(*site.Article)) {
	for _, a := range p.deps {
		if a != nil {
			fn(a)
		}
	}
}

// Stale reports whether an article the page shows was swapped for a new
// version since the page was planned or last marked Rendered.
func (p *Page) Stale() bool {
	for i, a := range p.deps {
		if parsed(a) != p.shown[i] {
			return true
		}
	}
	return false
}

// Refresh re-derives the data that the page copies from its article, for
// a page whose article site.Swap replaced.
func (p *Page) Refresh() {
	if a := p.Data.Article; a != nil && p.Kind == KindArticle {
		p.Data.Title, p.Data.Description = a.Title, a.Description
	}
}

// Rendered records that the page was rendered with its deps as they are.
func (p *Page) Rendered() {
	for i, a := range p.deps {
		p.shown[i] = parsed(a)
	}
}

func parsed(a *site.Article) *content.Article {
	if a == nil {
		return nil
	}
	return a.Parsed
}

// Render writes the page: HTML through the layouts, feeds, sitemaps and
// robots.txt through encoders of their own.
func (p *Page) Render(w io.Writer, t *Templates) error {
	switch p.Kind {
	case KindFeed:
		return writeFeed(w, p.Data)
	case KindCorrectionsFeed:
		return writeCorrectionsFeed(w, p.Data)
	case KindSitemap:
		return writeSitemap(w, p.Data)
	case KindNewsSitemap:
		return writeNewsSitemap(w, p.Data)
	case KindRobots:
		return writeRobots(w, p.Data)
	case KindRedirect:
		return writeRedirect(w, p.Data)
	case KindRedirects:
		return writeRedirects(w, p.Data)
	case KindQueryMap:
		return writeQueryMap(w, p.Data)
	}
	return t.Execute(w, p.Kind, p.Data)
}

// File is the output file of the page, relative to the output folder.
func (p *Page) File() string { return urlpath.File(p.URL) }
