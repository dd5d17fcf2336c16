package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"folio/generator/content"
	"folio/generator/site"
)

// PageURL is the search page's site path; the index is written beside it,
// under Dir.
const (
	PageURL = "/search/"
	Dir     = "search/"
)

// class says where in an article a word stands. An article is filed under
// the best class it has a word in, so that ranking needs one number per
// word and article.
type class uint8

const (
	inBody class = iota
	inSummary
	inTerms // the names of its people, places, topics and authors
	inTitle
	numClasses
)

// postings are the positions, in Site.Articles, of the articles that have a
// word, by class; each list is sorted and no article is in two.
type postings struct {
	word  string
	lists [numClasses]list
	// doc and best are the article being collected, if it has the word,
	// and the best class it has it in so far.
	doc  int
	best class
}

// Index is the search index of one site. A dev server keeps it between
// builds: a rebuild after an edit re-indexes the edited articles only, and
// writes only the files whose bytes changed.
type Index struct {
	// thumb gives an article image's thumbnail path (see Thumbnails).
	thumb func(image string) string
	// err is the first article body that could not be read since Build
	// or Swap began (see site.Article.BodyHTML): its update is not
	// written.
	err   error
	words map[string]*postings
	// shards lists each shard's words, sorted, by key: a word is stored
	// in the shard of the longest key that begins it.
	shards map[string][]string
	sizes  map[string]int // each shard's size in bytes
	// entries holds each word's encoded entry (see appendEntry), sorted
	// the words in order, and total the entries' sizes: what the split
	// into shards goes by.
	entries map[string][]byte
	sorted  []string
	total   int
	// expanded is true once the lists are ready for edits (see list).
	expanded bool
	// recent holds postings of words met lately, by a hash of the word.
	recent *[recentSize]*postings
	// folds caches folded words that are not plain ASCII (see tokens).
	folds map[string]string
	s     *site.Site
	// years are meta.json's runs of articles of one year, made by Build:
	// a quick swap changes no date.
	years  [][2]int
	terms  []*site.Term
	termID map[*site.Term]int
	// termWords caches the folded words of each term's names.
	termWords map[*site.Term][]string
	// written are the sums of the files as last written.
	written map[string][sha256.Size]byte
	// store keeps articles' own words between builds (see KeepWords),
	// under keys that begin with context.
	store              WordStore
	context, scContext [sha256.Size]byte
}

// New returns an empty index; nothing is written until a Build.
func New() *Index {
	return &Index{written: map[string][sha256.Size]byte{}, folds: map[string]string{}}
}

// Update is the files of a build that differ from those of the last
// build: the caller writes Files, removes Removed, and then calls Commit.
type Update struct {
	// Err says why the index is not whole: an article's body could not
	// be read. Such an update must not be written.
	Err     error
	Files   map[string][]byte
	Removed []string
	x       *Index
	sums    map[string][sha256.Size]byte // of every file of the index
}

// Changed reports whether the update writes or removes any file; a nil
// update (no index) changes none.
func (u *Update) Changed() bool { return u != nil && (len(u.Files) > 0 || len(u.Removed) > 0) }

// Written lists the files of the index as last written.
func (x *Index) Written() []string { return slices.Sorted(maps.Keys(x.written)) }

// Commit records that the update's files were written.
func (u *Update) Commit() {
	if u.sums != nil {
		u.x.written = u.sums
	}
}

// Build indexes the whole site anew.
func (x *Index) Build(s *site.Site) *Update {
	x.s, x.err = s, nil
	x.words = map[string]*postings{}
	x.recent = new([recentSize]*postings)
	x.expanded = false
	x.termWords = map[*site.Term][]string{}
	x.years = years(s)
	x.numberTerms()
	var seen []*postings
	looked, stop := x.wordsAhead(s.Articles)
	defer stop()
	for i, a := range s.Articles {
		seen = x.collect(a, i, seen[:0], looked(i))
		for _, p := range seen {
			p.lists[p.best].add(uint32(i))
		}
	}
	// Standalone pages follow the articles: an article's position stays
	// its index in Site.Articles, which Swap relies on.
	for i, pg := range s.Pages {
		pos := len(s.Articles) + i
		seen = x.collectPage(pg, pos, seen[:0])
		for _, p := range seen {
			p.lists[p.best].add(uint32(pos))
		}
	}
	return x.diff(x.encodeAll(), map[string][sha256.Size]byte{})
}

// docs is the number of documents indexed: articles, then pages.
func (x *Index) docs() int { return len(x.s.Articles) + len(x.s.Pages) }

// adder returns, for a class, what records a word of the document at
// pos in seen, marked with the best class the document has it in.
func (x *Index) adder(pos int, seen *[]*postings) func(class) func(string) {
	return func(c class) func(string) {
		return func(w string) { x.lookup(w).mark(pos, c, seen) }
	}
}

// mark records that the document at pos has the word in class c: in
// seen the first time, with the best class it has it in.
func (p *postings) mark(pos int, c class, seen *[]*postings) {
	switch {
	case p.doc != pos:
		p.doc, p.best = pos, c
		*seen = append(*seen, p)
	case c > p.best:
		p.best = c
	}
}

// collectPage is collect for a standalone page, at position pos.
func (x *Index) collectPage(pg *content.Page, pos int, seen []*postings) []*postings {
	first := len(seen)
	add := x.adder(pos, &seen)
	tokens(PlainText(pg.Body), x.folds, add(inBody))
	tokens(pg.Description, x.folds, add(inSummary))
	tokens(pg.Title, x.folds, add(inTitle))
	unmark(seen, first)
	return seen
}

// pageRecord is docRecord for a standalone page: no date, no terms.
func pageRecord(pg *content.Page) []byte {
	rec, _ := json.Marshal([]any{pg.Title, strings.TrimPrefix(pg.URL, "/"), "", "", pg.Description, []int{}})
	return rec
}

// Swap re-indexes articles that site.Swap replaced with new versions: the
// site's shape, and so every article's position, is as it was. The words
// are split into shards as a fresh build would split them, but only the
// entries of words the edits changed are encoded anew, and only the files
// that changed are in the update. prior is what Before saw of the
// articles (nil when nothing), which Swap uses up.
func (x *Index) Swap(articles []*site.Article, prior Prior) *Update {
	if x.s == nil {
		return &Update{x: x}
	}
	x.err = nil
	// A word is touched when its entry changes: the articles lost it, or
	// gained it, or have it in another class than before.
	touched := map[string]bool{}
	var seen []*postings
	x.expand()
	for _, a := range articles {
		pos := uint32(a.Position())
		was := prior[a]
		if was == nil {
			was = x.listing(pos)
		}
		seen = x.collect(a, int(pos), seen[:0], nil)
		for _, p := range seen {
			c, had := was[p]
			delete(was, p)
			if had && c == p.best {
				continue // in the same list as before
			}
			if had {
				p.lists[c].remove(pos)
			}
			p.lists[p.best].insert(pos)
			touched[p.word] = true
		}
		for p, c := range was {
			p.lists[c].remove(pos)
			touched[p.word] = true
		}
	}
	resort := false
	for w := range touched {
		x.total -= len(x.entries[w])
		p := x.words[w]
		if empty(p) {
			delete(x.words, w)
			delete(x.entries, w)
			clear(x.recent[:]) // it may hold p
			resort = true
			continue
		}
		if _, ok := x.entries[w]; !ok {
			resort = true
		}
		x.entries[w] = appendEntry(nil, w, p)
		x.total += len(x.entries[w])
	}
	if resort {
		x.sorted = slices.Sorted(maps.Keys(x.entries))
	}

	old := x.shards
	x.splitShards()
	files := map[string][]byte{}
	for key, ws := range x.shards {
		if !slices.Equal(ws, old[key]) || slices.ContainsFunc(ws, func(w string) bool { return touched[w] }) {
			files[shardFile(key)] = joinEntries(ws, x.entries)
		}
	}
	for _, a := range articles {
		n := a.Position() / DocsPerFile
		files[docFile(n)] = x.encodeDocs(n)
	}
	sums := maps.Clone(x.written)
	for key := range old {
		if _, ok := x.shards[key]; !ok {
			delete(sums, shardFile(key))
		}
	}
	return x.diff(files, sums)
}

// Prior is the words articles had before an edit, with the class of
// each, by article: what Before saw, for Swap.
type Prior map[*site.Article]map[*postings]class

// Before notes the words of articles as they are, before site.Swap
// replaces them: Swap then moves each in the lists that changed only,
// where it would otherwise look for the article in every list and take
// it out of each (20 ms of every save at 200,000 articles, most of it
// moving the long lists of common words). An article whose body cannot
// be read is left out; Swap looks for it in every list.
func (x *Index) Before(articles []*site.Article) Prior {
	if x.s == nil {
		return nil
	}
	prior := Prior{}
	var seen []*postings
	for _, a := range articles {
		err := x.err
		x.err = nil
		seen = x.collect(a, a.Position(), seen[:0], nil)
		failed := x.err != nil
		x.err = err
		if failed {
			continue
		}
		was := make(map[*postings]class, len(seen))
		for _, p := range seen {
			was[p] = p.best
		}
		prior[a] = was
	}
	return prior
}

// listing returns the words whose lists have the document at pos, with
// their classes: the way to its old words when Before did not note
// them, a look into every list.
func (x *Index) listing(pos uint32) map[*postings]class {
	was := map[*postings]class{}
	for _, p := range x.words {
		for c := range p.lists {
			if p.lists[c].has(pos) {
				was[p] = class(c)
			}
		}
	}
	return was
}

// expand makes every list ready for edits, once.
func (x *Index) expand() {
	if x.expanded {
		return
	}
	for _, p := range x.words {
		for c := range p.lists {
			p.lists[c].expand()
		}
	}
	x.expanded = true
}

// diff adds meta.json to files and keeps those whose bytes differ from
// the files last written. sums are the sums of the files of the index
// that files leaves as they were, and none of those that are gone.
func (x *Index) diff(files map[string][]byte, sums map[string][sha256.Size]byte) *Update {
	u := &Update{Err: x.err, Files: map[string][]byte{}, x: x, sums: sums}
	delete(u.sums, metaFile) // made below, from the others
	for name, data := range files {
		u.sums[name] = sha256.Sum256(data)
	}
	files[metaFile] = x.encodeMeta(u.sums)
	u.sums[metaFile] = sha256.Sum256(files[metaFile])
	for name, data := range files {
		if old, ok := x.written[name]; !ok || old != u.sums[name] {
			u.Files[name] = data
		}
	}
	for name := range x.written {
		if _, ok := u.sums[name]; !ok {
			u.Removed = append(u.Removed, name)
		}
	}
	slices.Sort(u.Removed)
	return u
}

func empty(p *postings) bool {
	for _, l := range p.lists {
		if l.len() > 0 {
			return false
		}
	}
	return true
}

// collect appends to seen the postings of the words of a, the article at
// position pos, each marked with the best class a has the word in;
// looked is the store's answer for its own words when it was asked
// ahead (see wordsAhead), nil to ask now.
func (x *Index) collect(a *site.Article, pos int, seen []*postings, looked *lookup) []*postings {
	first := len(seen)
	add := x.adder(pos, &seen)
	seen = x.ownWords(a, pos, add, &seen, looked)
	inTermsAdd := add(inTerms)
	for _, list := range a.TermLists() {
		for _, t := range list.Terms {
			for _, w := range x.wordsOf(t) {
				inTermsAdd(w)
			}
		}
	}
	// The series, as the article names it, counts as its terms do.
	Tokens(a.Parsed.Series, func(w string) { inTermsAdd(strings.Clone(w)) })
	unmark(seen, first)
	return seen
}

// unmark clears the marks of the postings seen from first on, keeping
// their best classes: between collects no posting is marked, so that a
// collect of any document, at any position, finds each of its words
// anew, even one that the same position had when it was last collected.
func unmark(seen []*postings, first int) {
	for _, p := range seen[first:] {
		p.doc = -1
	}
}

// recentSize is the number of slots of Index.recent.
const recentSize = 1 << 12

// lookup returns the postings of w, made when w is new. A small table of
// words met lately comes first: a few hundred words make most of any
// text, and finding them there is several times cheaper than in the map
// of every word.
func (x *Index) lookup(w string) *postings {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	slot := &x.recent[h&(recentSize-1)]
	if *slot != nil && (*slot).word == w {
		return *slot
	}
	p := x.words[w]
	if p == nil {
		w = strings.Clone(w) // it may be a scratch buffer, or a slice of the whole text
		p = &postings{word: w, doc: -1}
		x.words[w] = p
	}
	*slot = p
	return p
}

// wordsOf returns the folded words of a term's name and its profile's
// aliases: a search for "Putin" finds the articles filed under Vladimir
// Putin.
func (x *Index) wordsOf(t *site.Term) []string {
	if ws, ok := x.termWords[t]; ok {
		return ws
	}
	var ws []string
	add := func(w string) { ws = append(ws, strings.Clone(w)) }
	Tokens(t.Name, add)
	if t.Profile != nil {
		for _, alias := range t.Profile.Aliases {
			Tokens(alias, add)
		}
	}
	x.termWords[t] = ws
	return ws
}

// numberTerms gives every term an ID, the most used first, so that the
// terms readers meet most share the first name files.
func (x *Index) numberTerms() {
	x.terms = x.terms[:0]
	order := map[*site.Taxonomy]int{}
	for i, t := range x.s.Taxonomies {
		order[t] = i
		x.terms = append(x.terms, t.Terms...)
	}
	slices.SortStableFunc(x.terms, func(a, b *site.Term) int {
		return cmp.Or(cmp.Compare(b.Count(), a.Count()), cmp.Compare(order[a.Taxonomy], order[b.Taxonomy]))
	})
	x.termID = make(map[*site.Term]int, len(x.terms))
	for i, t := range x.terms {
		x.termID[t] = i
	}
}

// Thumbnails tells the index, for an article's image, the site path of
// the size results show it in ("" for none): the search page shows each
// result's lead image as lists do. Set before Build and Swap.
func (x *Index) Thumbnails(thumb func(image string) string) { x.thumb = thumb }

// docRecord is what the search page shows of an article: a JSON array of
// its title, URL (without the leading slash), machine-readable date, date
// for readers, summary and term IDs, and its thumbnail's path when it has
// one.
func (x *Index) docRecord(a *site.Article) []byte {
	cfg := x.s.Config
	var iso, shown string
	if !a.Date.IsZero() {
		d := a.Date.In(cfg.Location)
		iso, shown = d.Format(time.DateOnly), d.Format(cfg.DateFormat)
	}
	ids := []int{}
	for _, list := range a.TermLists() {
		for _, t := range list.Terms {
			ids = append(ids, x.termID[t])
		}
	}
	thumb := ""
	if x.thumb != nil && a.Image != "" {
		thumb = strings.TrimPrefix(x.thumb(a.Image), "/")
	}
	// The byline, as lists show it: three names at most, then how many
	// more.
	var byline []string
	authors := a.Authors()
	for _, t := range authors[:min(len(authors), 3)] {
		byline = append(byline, t.Name)
	}
	by := strings.Join(byline, ", ")
	if more := len(authors) - 3; more > 0 {
		by += fmt.Sprintf(" and %d %s", more, map[bool]string{true: "other", false: "others"}[more == 1])
	}
	// Written by hand, as encoding/json would write the array: its
	// reflection took a third of the index's time after an edit at
	// 200,000 articles.
	rec := make([]byte, 0, 64+len(a.Title)+len(a.URL)+len(a.Summary)+len(thumb)+len(by)+4*len(ids))
	rec = append(rec, '[')
	for _, f := range [...]string{a.Title, strings.TrimPrefix(a.URL, "/"), iso, shown, a.Summary} {
		rec = appendJSONString(rec, f)
		rec = append(rec, ',')
	}
	rec = append(rec, '[')
	for i, id := range ids {
		if i > 0 {
			rec = append(rec, ',')
		}
		rec = strconv.AppendInt(rec, int64(id), 10)
	}
	rec = append(rec, "],"...)
	rec = appendJSONString(rec, thumb)
	rec = append(rec, ',')
	rec = appendJSONString(rec, by)
	return append(rec, ']')
}

// appendJSONString appends s as encoding/json writes a string: quoted;
// quotes, backslashes and control characters escaped; <, > and & as
// \u003c, \u003e and \u0026, and U+2028 and U+2029 escaped, for a page
// that puts the JSON in a script; each byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
