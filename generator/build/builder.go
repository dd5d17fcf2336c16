package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/imaging"
	"folio/generator/minify"
	"folio/generator/parallel"
	"folio/generator/permalinks"
	"folio/generator/render"
	"folio/generator/search"
	"folio/generator/shortcode"
	"folio/generator/site"
	"folio/generator/sitedata"
	"folio/generator/slug"
)

// Sink receives the files of a build. Its writes are tentative until the
// build that makes them returns without error: a disk sink is a staging
// folder, a memory sink a batch applied at the end.
type Sink interface {
	// WriteFile stores a rendered page; name is slash-separated and
	// relative to the site root.
	WriteFile(name string, data []byte) error
	// CopyFile stores the static file at src under name.
	CopyFile(name, src string) error
	// Remove drops a file that an earlier build wrote.
	Remove(name string) error
}

// Builder builds a site again and again, redoing only what changed: it
// re-reads the articles that changed, and renders only the pages whose
// data changed. It is not safe for concurrent use.
type Builder struct {
	opts Options
	src  string

	cfg    *config.Config
	parser *content.Parser
	// base parses with the config alone; parser adds the shortcodes and
	// data files to it. scKey identifies what parser was made with.
	base       *content.Parser
	shortcodes *shortcode.Set
	data       map[string]any
	scProbs    diag.List
	scKey      string
	// exeSum is the SHA-256 of the running generator, once taken (see
	// articleContext).
	exeSum *[sha256.Size]byte
	// articlesCached counts the articles of this build that came from
	// the article cache.
	articlesCached int
	// articlesUnread counts those of them whose files were not even read
	// (see stamps.go).
	articlesUnread int
	// recordPrints makes the build fingerprint every page (prints), as a
	// command-line build does; lastPrints are the last one's, whose
	// unchanged pages are kept rather than rendered (see pages.go).
	recordPrints bool
	prints       *pagePrints
	lastPrints   *pagePrints
	tmpl         *render.Templates
	tmplErr      error
	slugs        *slug.Cache
	files        map[string]*entry // article file → its last parse
	// folders are the folders of content/articles that hold the files
	// of files, made when asked for and dropped when a file comes or
	// goes: see heldArticles.
	folders map[string]bool
	// looked are the files of content/articles as the fingerprint found
	// them just before this build (see fingerprint), for its first scan
	// to take instead of looking them up again; nil after it.
	looked map[string]fs.FileInfo
	// profiles are the terms' profiles, all re-read when any changes:
	// there are few of them, and each can change many pages.
	profiles     []*content.Profile
	profileProbs diag.List
	// pages are the standalone pages, all re-read when any changes, as
	// profiles are.
	standalone  []*content.Page
	pageProbs   diag.List
	scanProbs   diag.List // links in content/ that were not followed
	staticProbs diag.List // files in static/ that are not copied
	statics     []staticFile
	staticNames map[string]bool   // the names of statics, for links to check
	assets      map[string]string // fingerprinted static files: see Options.Fingerprint
	// images makes the sizes of the images pages show (imagesKey: the
	// settings it was made with); pictures are those of the last good
	// build, and imageFiles the files of their sizes.
	// bundles are the files of the articles' page bundles, published
	// beside their pages, as of the last good build; bundleNames their
	// names, for links to check.
	bundles     []staticFile
	bundleNames map[string]bool
	images      *imaging.Processor
	imagesKey   string
	ahead       *imagesAhead
	pictures    render.Pictures
	imageFiles  []staticFile
	min         *minify.Minifier
	// search is the search index, kept so that an edit re-indexes only
	// the articles it changed; nil when the config turns search off.
	// unindexed are the files of an index turned off, to remove.
	search    *search.Index
	unindexed []string
	// indexing is the search index a full build left being made (see
	// Options.IndexLater), until FinishIndex takes it.
	indexing *pendingIndex
	// site, plan and pages are the model and the plan of the last
	// successful build, the plan also by URL. renderAll forces every page
	// to be rendered (after a config change), while pages still tell
	// which are gone.
	site      *site.Site
	plan      []*render.Page
	pages     map[string]*render.Page
	renderAll bool
	// showing holds, for each article, the positions in plan of the
	// pages that show it: made by the first quick build after a full one,
	// so that the next ones look only at those pages, not at all.
	showing map[*site.Article][]int32
	// goodTmpl and goodMin are the layouts and the minifier of the last
	// good build, with which Render makes its pages: the layouts may
	// since have failed to load.
	goodTmpl *render.Templates
	goodMin  *minify.Minifier
	drafts   int // drafts left out of site
	future   int // articles left out for being dated in the future
	expired  int // articles left out for being past their expiry date
	// due is when the first of those comes due; zero when there are none.
	due time.Time
	ok  bool // the last build succeeded: site matches files
}

// IndexPhase names the making of the search index in a build's timings
// (see Options.Progress).
const IndexPhase = "search index"

// pendingIndex is a search index being made beside a build: done is
// closed once update and probs (the words cache's warnings) are set.
type pendingIndex struct {
	done   chan struct{}
	update *search.Update
	probs  diag.List
}

// entry is one article file as last read.
type entry struct {
	modTime time.Time
	size    int64
	article *content.Article
	probs   diag.List
}

// NewBuilder prepares a builder; nothing is read until the first Build.
func NewBuilder(opts Options) *Builder {
	if opts.Source == "" {
		opts.Source = "."
	}
	return &Builder{opts: opts, src: opts.Source}
}

// FutureSlack is how far ahead of the clock an article may be dated and
// still be published: time zones and clocks differ by hours, not days.
const FutureSlack = 24 * time.Hour

// Changes says what changed since the last build: paths relative to the
// site root, slash-separated. A nil Changes means "anything may have
// changed": every file is checked by size and modification time.
type Changes []string

// Build brings sink up to date with the site's files. It returns every
// problem as a diag.List, and then leaves its state as it was, so that the
// next build compares with the last good one.
func (b *Builder) Build(sink Sink, changed Changes) (*Result, error) {
	start := time.Now()
	if p := b.indexing; p != nil {
		// The model the index is read from is about to change. An index
		// never written is dropped, and this build is a full one: its
		// index is compared with the files last written, so it carries
		// the dropped one's changes too (a quick one's would not).
		<-p.done
		b.indexing, b.ok = nil, false
	}
	b.opts.Progress.Start("scan", 0, "")
	defer b.opts.Progress.End()
	b.articlesCached, b.articlesUnread = 0, 0
	edited, err := b.refresh(changed)
	if err != nil {
		b.ok = false
		return nil, err
	}
	var res *Result
	swapped := false
	if b.ok && edited != nil {
		res, swapped, err = b.swap(sink, edited)
	}
	if !swapped {
		res, err = b.assemble(sink)
	}
	b.ok = err == nil
	if res != nil {
		res.Took = time.Since(start)
	}
	if err == nil {
		b.goodTmpl, b.goodMin = b.tmpl, b.minifier()
		now := b.now()
		for _, c := range changed {
			e := b.files[c]
			switch {
			case e == nil || e.article == nil:
			case e.article.Draft && !b.opts.Drafts:
				res.ChangedDrafts = append(res.ChangedDrafts, c)
			case e.article.ExpiredAt(now) && !b.opts.Expired:
				res.ChangedExpired = append(res.ChangedExpired, c)
			}
		}
	}
	return res, err
}

// Render renders the page of the last good build whose file is name, as
// the build would have written it; ok is false when the site has no such
// page. It is how a lazy sink (see lazySink) gets the pages it deferred.
// Unlike Build, it may be called from several goroutines at once, but
// not while a Build runs.
func (b *Builder) Render(name string) (page []byte, ok bool, err error) {
	p := b.pageOf(name)
	if p == nil {
		return nil, false, nil
	}
	out, err := renderPage(new(bytes.Buffer), p, b.goodTmpl, b.goodMin)
	if err != nil {
		return nil, true, err
	}
	return slices.Clip(out), true, nil
}

// pageOf finds the page of the last good build whose file is name: a
// folder's index.html is the page of the folder's URL, any other file
// the page of its own.
func (b *Builder) pageOf(name string) *render.Page {
	for _, u := range []string{"/" + strings.TrimSuffix(name, "index.html"), "/" + name} {
		if p := b.pages[u]; p != nil && p.File() == name {
			return p
		}
	}
	return nil
}

// swap is the quick path for edits that leave the site's shape alone (a
// changed body, title or summary): the new versions of the articles take
// the old ones' places in the model, and only the pages that show them
// are rendered. It reports false when the edits change the shape.
func (b *Builder) swap(sink Sink, edited []string) (*Result, bool, error) {
	articles := make([]*content.Article, 0, len(edited))
	var warnings diag.List
	for _, name := range edited {
		e := b.files[name]
		if e == nil || e.article == nil || len(e.probs.Errors()) > 0 {
			return nil, false, nil
		}
		articles = append(articles, e.article)
		warnings = append(warnings, e.probs...)
		// An image the last build did not process needs the whole build.
		u := ""
		if sa := b.site.Article(name); sa != nil {
			u = sa.URL
		}
		for _, src := range render.ImageSources(e.article.Image, e.article.BodyImages, u) {
			if b.pictures[src] == nil && imaging.Raster(src) && b.isStatic(strings.TrimPrefix(src, "/")) {
				return nil, false, nil
			}
		}
	}
	// The versions the model had, put back should the build fail: pages
	// are rendered from the model when asked for (the dev server's), so
	// it must stay the last good one.
	// The model's articles stay, with the new versions swapped in.
	olds := make([]*content.Article, len(articles))
	swapped := make([]*site.Article, len(articles))
	for i, a := range articles {
		sa := b.site.Article(a.Path)
		if sa == nil {
			return nil, false, nil // a new article: the shape changes
		}
		olds[i], swapped[i] = sa.Parsed, sa
	}
	var prior search.Prior
	if b.search != nil {
		prior = b.search.Before(swapped)
	}
	if !b.site.Swap(articles) {
		return nil, false, nil
	}
	if b.showing == nil {
		b.showing = map[*site.Article][]int32{}
		for i, pg := range b.plan {
			pg.Shows(func(a *site.Article) { b.showing[a] = append(b.showing[a], int32(i)) })
		}
	}
	var shown []int32
	for _, sa := range swapped {
		shown = append(shown, b.showing[sa]...)
	}
	slices.Sort(shown)
	var todo []*render.Page
	for _, i := range slices.Compact(shown) {
		if pg := b.plan[i]; pg.Stale() {
			pg.Refresh()
			todo = append(todo, pg)
		}
	}
	res := b.result(todo)
	res.Swapped = true
	res.Warnings = append(warnings, render.BrokenLinks(b.cfg, swapped, b.pages, b.isStatic)...)
	res.Warnings.Sort()
	var index *search.Update
	if b.search != nil {
		index = b.search.Swap(swapped, prior)
	}
	err := write(sink, b.tmpl, b.minifier(), todo, nil, b.opts.Progress, nil, nil)
	if err == nil {
		err = writeIndex(sink, index)
	}
	if err != nil {
		// The search index, which took the new versions too, is made
		// anew by the full build that follows a failed one.
		b.site.Swap(olds)
		for _, pg := range todo {
			pg.Refresh()
		}
		return res, true, err
	}
	res.Reindexed = index.Changed()
	for _, pg := range todo {
		pg.Rendered()
	}
	return res, true, nil
}

// assemble builds the model and the plan anew from every parsed article,
// and renders the pages whose data differ from the last good plan.
func (b *Builder) assemble(sink Sink) (*Result, error) {
	m := b.opts.Progress
	m.Start("assemble", 0, "")
	var probs diag.List
	if b.tmplErr != nil {
		probs = appendErr(probs, b.tmplErr)
	}
	drafts, future, expired := 0, 0, 0
	var expiredFiles []string
	var due time.Time
	// dueBy keeps the first moment the site must be built again for.
	dueBy := func(when time.Time) {
		if due.IsZero() || when.Before(due) {
			due = when
		}
	}
	now := b.now()
	parsed := make([]*content.Article, 0, len(b.files))
	for _, e := range b.files {
		probs = append(probs, e.probs...)
		a := e.article
		switch {
		case a == nil:
		case a.Draft && !b.opts.Drafts:
			drafts++
		case a.Date.After(now.Add(FutureSlack)) && !b.opts.Future:
			future++
			dueBy(a.Date.Add(-FutureSlack))
			probs = append(probs, diag.Warnf(a.Path, a.Lines["date"], "date",
				"%s is in the future: the article is left out until then (build with -future to include it)",
				a.Date.In(b.cfg.Location).Format("2006-01-02 15:04")))
		case a.Publish.After(now) && !b.opts.Future:
			future++
			dueBy(a.Publish)
			probs = append(probs, diag.Warnf(a.Path, a.Lines[a.PublishKey], a.PublishKey,
				"%s is in the future: the article is left out until then (build with -future to include it)",
				a.Publish.In(b.cfg.Location).Format("2006-01-02 15:04")))
		case a.ExpiredAt(now) && !b.opts.Expired:
			// Counted in the summary, not warned of one by one: an old
			// archive can have thousands (the report lists them).
			expired++
			expiredFiles = append(expiredFiles, a.Path)
		default:
			if a.Expiry.After(now) && !b.opts.Expired {
				dueBy(a.Expiry)
			}
			parsed = append(parsed, a)
		}
	}
	probs = append(probs, b.profileProbs...)
	probs = append(probs, b.pageProbs...)
	probs = append(probs, b.scProbs...)
	probs = append(probs, b.scanProbs...)
	probs = append(probs, b.staticProbs...)
	s, p := b.assembleKeeping(parsed)
	s.Data = b.data
	probs = append(probs, p...)
	standalone := make([]*content.Page, 0, len(b.standalone))
	for _, pg := range b.standalone {
		if !pg.Draft || b.opts.Drafts {
			standalone = append(standalone, pg)
		}
	}
	probs = append(probs, s.AddPages(standalone)...)
	// Addresses articles were published at before their URLs changed.
	record, p := permalinks.Load(b.src)
	probs = append(probs, p...)
	probs = append(probs, s.AddMoved(record.Old)...)
	bundles, p := bundleFiles(b.src, s.Articles)
	probs = append(probs, p...)
	sources, p := b.strippedSources(append(slices.Clip(b.statics), bundles...))
	probs = append(probs, p...)
	pictures, imageFiles, imageCounts, p := b.processImages(s, sources)
	probs = append(probs, p...)
	// The search index is made beside the plan and the pages, from the
	// model alone: both cores stay busy, and after one edit at 200,000
	// articles the index was the longest part of the build, begun only
	// once the plan was made. A build that fails from here on waits for
	// it, so that no index of a failed build outlives it. With
	// IndexLater (the dev server's), the pages come first: it begins
	// once they are planned, and the first answer at 200,000 articles
	// does not share the cores with it.
	var indexed *pendingIndex
	if probs.Err() == nil && !b.opts.IndexLater {
		indexed = b.indexBeside(s, pictures)
	}
	handedOver := false
	defer func() {
		if indexed != nil && !handedOver {
			<-indexed.done
		}
	}()
	m.Start("plan", 0, "")
	s.Now = now
	if news := render.NewsArticles(s); len(news) > 0 {
		// The news sitemap loses its oldest article then.
		dueBy(news[len(news)-1].Date.Add(render.NewsWindow))
	}
	pages, p := render.Plan(s, b.tmpl, b.assets, pictures)
	probs = append(probs, p...)
	statics := append(sources, imageFiles...)
	probs = append(probs, collisions(pages, statics)...)
	probs = append(probs, searchProblems(b.cfg, b.statics)...)
	probs.Sort()
	if err := probs.Err(); err != nil {
		return &Result{Warnings: probs.Warnings()}, err
	}

	next := make(map[string]*render.Page, len(pages))
	var todo []*render.Page
	var planned []int // each of todo's place in pages
	for i, pg := range pages {
		next[pg.URL] = pg
		if b.renderAll || !pg.Unchanged(b.pages[pg.URL]) {
			todo = append(todo, pg)
			planned = append(planned, i)
		}
	}
	var removed []string
	// The sizes of images no page shows any more, and files gone from
	// page bundles.
	sizes := make(map[string]bool, len(imageFiles)+len(bundles))
	for _, f := range append(slices.Clip(imageFiles), bundles...) {
		sizes[f.name] = true
	}
	for _, f := range append(slices.Clip(b.imageFiles), b.bundles...) {
		if !sizes[f.name] {
			if err := sink.Remove(f.name); err != nil {
				return nil, err
			}
		}
	}
	for u, old := range b.pages {
		if next[u] == nil {
			if err := sink.Remove(old.File()); err != nil {
				return nil, err
			}
			removed = append(removed, u)
		}
	}
	slices.Sort(removed)
	b.prints = nil
	if b.recordPrints {
		if global, ok := b.globalPrint(); ok {
			b.prints = printPages(s, pages, global)
		}
	}
	keptPages := make([]bool, len(todo))
	err := write(sink, b.tmpl, b.minifier(), todo, statics, m, b.unchanged(sink, todo, planned), keptPages)
	later := b.opts.IndexLater && err == nil && len(b.unindexed) == 0
	if indexed == nil && err == nil {
		indexed = b.indexBeside(s, pictures)
	}
	var wordProbs diag.List
	reindexed := false
	if later {
		b.indexing, handedOver = indexed, true
	} else if indexed != nil {
		<-indexed.done
		wordProbs = indexed.probs
		if err == nil {
			reindexed, err = b.writeIndex(sink, indexed.update)
		}
	}
	if err != nil {
		return nil, err
	}
	b.site, b.plan, b.pages, b.drafts, b.future, b.expired, b.due = s, pages, next, drafts, future, expired, due
	b.showing = nil
	b.pictures, b.imageFiles = pictures, imageFiles
	b.bundles, b.bundleNames = bundles, make(map[string]bool, len(bundles))
	for _, f := range bundles {
		b.bundleNames[f.name] = true
	}
	b.renderAll = false
	rendered := make([]*render.Page, 0, len(todo))
	for i, pg := range todo {
		if !keptPages[i] {
			rendered = append(rendered, pg)
		}
	}
	res := b.result(rendered)
	res.PagesKept = len(todo) - len(rendered)
	res.Removed = removed
	res.ImagesMade, res.ImagesCached = imageCounts[0], imageCounts[1]
	res.ArticlesCached, res.ArticlesUnread = b.articlesCached, b.articlesUnread
	res.model, res.permalinks = s, record
	slices.Sort(expiredFiles)
	res.ExpiredFiles = expiredFiles
	res.Warnings = append(probs.Warnings(), render.BrokenLinks(b.cfg, s.Articles, next, b.isStatic)...)
	res.Warnings = append(res.Warnings, wordProbs...)
	res.Warnings.Sort()
	res.Reindexed = reindexed
	return res, nil
}

// indexBeside starts making the search index of s on a goroutine of its
// own, and returns what will hold it. The goroutine touches no field of
// b: with IndexLater it outlives the build.
func (b *Builder) indexBeside(s *site.Site, pictures render.Pictures) *pendingIndex {
	m := b.opts.Progress
	indexed := &pendingIndex{done: make(chan struct{})}
	x := b.search
	if x == nil {
		close(indexed.done)
		return indexed
	}
	x.Thumbnails(thumbnails(pictures))
	words, probs := b.openWords()
	indexed.probs = probs
	if words != nil {
		x.KeepWords(words, b.articleContext(), b.shortcodeContext())
	}
	go func() {
		defer close(indexed.done)
		start := time.Now()
		indexed.update = x.Build(s)
		if words != nil {
			x.KeepWords(nil, [sha256.Size]byte{}, [sha256.Size]byte{})
			indexed.probs = append(indexed.probs, closeCache(WordsCache, words)...)
		}
		m.Beside(IndexPhase, time.Since(start))
	}()
	return indexed
}

// writeIndex writes the search index files of a full build that changed,
// and removes those gone, with those of an index turned off but for the
// files the new one wrote; it reports whether any file changed.
func (b *Builder) writeIndex(sink Sink, u *search.Update) (bool, error) {
	if err := writeIndex(sink, u); err != nil {
		return false, err
	}
	var kept map[string]bool
	if b.search != nil {
		kept = map[string]bool{}
		for _, name := range b.search.Written() {
			kept[name] = true
		}
	}
	removed := false
	for _, name := range b.unindexed {
		if !kept[name] {
			if err := sink.Remove(name); err != nil {
				return false, err
			}
			removed = true
		}
	}
	b.unindexed = nil
	return u.Changed() || removed, nil
}

// IndexPending is closed once the search index the last build left being
// made (Options.IndexLater) is made; nil when there is none to finish.
func (b *Builder) IndexPending() <-chan struct{} {
	if b.indexing == nil {
		return nil
	}
	return b.indexing.done
}

// FinishIndex writes into sink the search index the last build left being
// made, waiting for it, and reports whether its files changed and the
// warnings of making it. Like Build, it is not for concurrent use; the
// sink must then keep what it was given (apply the batch): the index
// counts its files as written.
func (b *Builder) FinishIndex(sink Sink) (changed bool, warnings diag.List, err error) {
	p := b.indexing
	if p == nil {
		return false, nil, nil
	}
	<-p.done
	b.indexing = nil
	changed, err = b.writeIndex(sink, p.update)
	if err != nil {
		// Its files are not written: the next build is a full one, whose
		// index is compared with the files last written (a quick one's
		// would build on this one's).
		b.ok = false
	}
	return changed, p.probs, err
}

// writeIndex writes the search index files that changed and removes those
// gone.
func writeIndex(sink Sink, u *search.Update) error {
	if u == nil {
		return nil
	}
	if u.Err != nil {
		return fmt.Errorf("search index: %w", u.Err)
	}
	for _, name := range slices.Sorted(maps.Keys(u.Files)) {
		if err := sink.WriteFile(name, u.Files[name]); err != nil {
			return err
		}
	}
	for _, name := range u.Removed {
		if err := sink.Remove(name); err != nil {
			return err
		}
	}
	u.Commit()
	return nil
}

// result describes the site after a build that rendered todo.
func (b *Builder) result(todo []*render.Page) *Result {
	res := &Result{
		Articles:    len(b.site.Articles),
		Drafts:      b.drafts,
		Expired:     b.expired,
		Future:      b.future,
		Pages:       len(b.plan),
		StaticFiles: len(b.statics),
		Rendered:    make([]string, len(todo)),
	}
	for i, pg := range todo {
		res.Rendered[i] = pg.URL
	}
	for _, t := range b.site.Taxonomies {
		res.Taxonomies = append(res.Taxonomies, TaxonomyCount{Title: t.Title, Terms: len(t.Terms)})
	}
	return res
}

// refresh re-reads what changed: the config (which resets everything),
// the layouts, the static file list and the changed articles. When only
// article files changed, it returns their names (an empty, non-nil list
// when nothing did), for the quick path.
func (b *Builder) refresh(changed Changes) ([]string, error) {
	var cfgChanged, layouts, statics, rescan, profiles, pages, shortcodes, bundled bool
	articles := []string{}
	for _, c := range changed {
		top, _, _ := strings.Cut(c, "/")
		switch {
		case c == config.FileName:
			cfgChanged = true
		case strings.HasPrefix(c, shortcode.Dir+"/") || c == shortcode.Dir || top == sitedata.Dir:
			shortcodes = true
		case top == render.LayoutsDir:
			layouts = true
			// Shortcodes call partials too.
			shortcodes = shortcodes || strings.HasPrefix(c, shortcode.PartialsDir+"/") || strings.HasPrefix(c, "layouts/_partials/")
		case top == staticDir:
			statics = true
		case c == "content" || c == content.ArticlesDir || strings.HasPrefix(c, content.ArticlesDir+"/"):
			switch kind(c) {
			case articleFile:
				articles = append(articles, c)
			case maybeFolder, otherFile:
				if !rescan { // which reads every bundle anyway
					r, bu := b.otherChange(c)
					rescan, bundled = r, bundled || bu
				}
			}
			pages = pages || c == "content"
		case c == content.PagesDir || strings.HasPrefix(c, content.PagesDir+"/"):
			pages = pages || kind(c) != ignored
		case top == "content":
			profiles = true
		}
	}
	if b.cfg == nil || changed == nil || cfgChanged {
		return nil, b.reset()
	}
	b.prepareImages(false)
	if layouts {
		b.loadTemplates()
	}
	reparsed := false
	if shortcodes {
		reparsed = b.loadShortcodes()
	}
	if statics {
		b.loadStatics()
	}
	if profiles {
		if err := b.loadProfiles(); err != nil {
			return nil, err
		}
	}
	if pages {
		if err := b.loadPages(); err != nil {
			return nil, err
		}
	}
	if rescan {
		return nil, b.rescan()
	}
	if err := b.reload(articles); err != nil {
		return nil, err
	}
	if layouts || statics || profiles || pages || reparsed || bundled || b.renderAll {
		return nil, nil
	}
	return articles, nil
}

// otherChange tells what a change to a path of content/articles that is
// not an article's file means: rescan when it is, or was, a folder that
// held articles (or it is a link: content.Scan decides), bundled when it
// is, or was, in a page bundle's folder. Neither for any other file: an
// editor's temporary file beside the articles of a month (sed -i's
// sedXXXXXX, vim's 4913, Emacs's #story.md#), which would otherwise cost
// a whole new model on every save, 15 s at 200,000 articles.
func (b *Builder) otherChange(c string) (rescan, bundled bool) {
	info, err := os.Lstat(filepath.Join(b.src, filepath.FromSlash(c)))
	switch {
	case err == nil && !info.Mode().IsRegular():
		return true, false
	case err == nil:
		return false, b.inBundle(c)
	case !errors.Is(err, fs.ErrNotExist):
		return true, false
	}
	if b.heldArticles(c) {
		return true, false
	}
	return false, b.inBundle(c)
}

// heldArticles reports whether c is a folder that held articles at the
// last look. The set of such folders is kept: an editor saves through a
// temporary file that is gone when the change is looked at, and a look
// through every article's name took 18 ms of each save at 200,000.
func (b *Builder) heldArticles(c string) bool {
	if b.folders == nil {
		b.folders = map[string]bool{}
		for name := range b.files {
			for d := path.Dir(name); d != "." && !b.folders[d]; d = path.Dir(d) {
				b.folders[d] = true
			}
		}
	}
	return b.folders[c]
}

// inBundle reports whether the path c of content/articles is under the
// folder of a page bundle (see bundleFiles).
func (b *Builder) inBundle(c string) bool {
	for d := path.Dir(c); strings.HasPrefix(d, content.ArticlesDir+"/"); d = path.Dir(d) {
		if hasIndex(filepath.Join(b.src, filepath.FromSlash(d))) {
			return true
		}
	}
	return false
}

// reset reads the config, layouts, static files and content anew, keeping
// what did not change: parsed articles whose files are as they were, and
// the last plan when neither config nor layouts changed.
func (b *Builder) reset() error {
	cfg, err := config.Load(b.src)
	if err == nil && b.opts.BaseURL != "" {
		err = cfg.SetBaseURL(b.opts.BaseURL)
	}
	if err != nil {
		b.cfg = nil // read it again next time, whatever changes
		return err
	}
	if b.cfg == nil || cfg.Sum != b.cfg.Sum {
		if b.cfg == nil || !sameConfig(b.cfg, cfg) {
			b.files, b.folders = nil, nil // parses depend on the config
		}
		b.cfg = cfg
		b.base = content.NewParser(cfg)
		b.parser, b.scKey = b.base, ""
		b.slugs = slug.NewCache()
		b.renderAll = true
		b.tmpl = nil // layouts are parsed with the config's functions
		switch {
		case *cfg.Search && b.search == nil:
			b.search = search.New()
		case !*cfg.Search && b.search != nil:
			// Search turned off: the files of the index go with it.
			b.unindexed = b.search.Written()
			b.search = nil
		}
	}
	b.prepareImages(true)
	b.loadTemplates()
	b.loadShortcodes()
	b.loadStatics()
	if err := b.loadProfiles(); err != nil {
		return err
	}
	if err := b.loadPages(); err != nil {
		return err
	}
	return b.rescan()
}

// loadPages reads every standalone page.
func (b *Builder) loadPages() error {
	files, skipped, err := content.PageFiles(b.src)
	if err != nil {
		return err
	}
	b.standalone, b.pageProbs = b.parser.LoadPages(b.src, files)
	b.pageProbs = append(b.pageProbs, skipped...)
	return nil
}

// loadShortcodes reads layouts/shortcodes/ and data/. When they differ
// from what the articles were parsed with, the articles that call
// shortcodes (and those that failed, perhaps for a shortcode missing
// then) are parsed again, and every page rendered again, since layouts
// show data files too; it reports whether that happened.
func (b *Builder) loadShortcodes() bool {
	b.scProbs = nil
	set, probs := shortcode.Load(b.src, render.FuncMap(b.cfg))
	b.scProbs = append(b.scProbs, probs...)
	if set == nil {
		set = b.shortcodes // keep the last good ones meanwhile
	}
	if set == nil {
		set, _ = shortcode.Parse(nil, render.FuncMap(b.cfg))
	}
	data, dataSum, probs := sitedata.Load(b.src)
	b.scProbs = append(b.scProbs, probs...)
	if data == nil {
		data = b.data
	}
	key := set.Sum + "\x00" + dataSum
	if key == b.scKey && b.parser != b.base {
		return false
	}
	b.shortcodes, b.data, b.scKey = set, data, key
	b.parser = b.base.WithShortcodes(set, content.ShortcodeSite(b.cfg, data))
	b.renderAll = true
	var stale []string
	for name, e := range b.files {
		if e.article == nil || e.article.Shortcodes {
			stale = append(stale, name)
		}
	}
	if len(stale) > 0 {
		slices.Sort(stale)
		infos := make(map[string]fs.FileInfo, len(stale))
		for _, name := range stale {
			infos[name] = statOf{b.files[name]}
		}
		b.parse(stale, infos, nil)
	}
	_ = b.loadProfiles()
	return true
}

// statOf gives a re-read file the size and time it was recorded with, so
// that a change since is still seen as one.
type statOf struct{ e *entry }

func (s statOf) Name() string       { return "" }
func (s statOf) Size() int64        { return s.e.size }
func (s statOf) Mode() fs.FileMode  { return 0 }
func (s statOf) ModTime() time.Time { return s.e.modTime }
func (s statOf) IsDir() bool        { return false }
func (s statOf) Sys() any           { return nil }

// loadProfiles reads every term profile.
func (b *Builder) loadProfiles() error {
	files, skipped, err := content.ProfileFiles(b.src, b.cfg.Taxonomies)
	if err != nil {
		return err
	}
	b.profiles, b.profileProbs = b.parser.LoadProfiles(b.src, files)
	b.profileProbs = append(b.profileProbs, skipped...)
	return nil
}

// loadTemplates reads the layouts. The last plan stays: its pages record
// the layouts they were made with (render.Page.Unchanged), so only the
// kinds whose layouts changed are rendered again.
func (b *Builder) loadTemplates() {
	b.tmpl, b.tmplErr = render.LoadTemplates(b.src, b.cfg)
}

// minifier returns what shrinks the files written, or nil when the config
// does not ask for it.
func (b *Builder) minifier() *minify.Minifier {
	if !b.cfg.Minify {
		return nil
	}
	if b.min == nil {
		b.min = minify.New()
	}
	return b.min
}

// loadStatics lists the static files, and fingerprints them when asked.
// Files it skips are reported (a link out of the site, a pipe); problems
// reading a file it lists surface when the file is copied.
func (b *Builder) loadStatics() {
	b.statics, b.staticProbs = staticFiles(b.src)
	b.assets = nil
	if b.opts.Fingerprint {
		var probs diag.List
		b.statics, b.assets, probs = fingerprinted(b.statics)
		b.staticProbs = append(b.staticProbs, probs...)
	}
	b.staticNames = make(map[string]bool, len(b.statics))
	for _, f := range b.statics {
		b.staticNames[f.name] = true
	}
}

// isStatic reports whether static/ has a file of this name.
func (b *Builder) isStatic(name string) bool { return b.staticNames[name] || b.bundleNames[name] }

// sameConfig reports whether two configs parse articles the same way.
func sameConfig(a, b *config.Config) bool {
	return a.Location.String() == b.Location.String() &&
		a.Markdown.Unsafe == b.Markdown.Unsafe && *a.Markdown.Typographer == *b.Markdown.Typographer &&
		slices.Equal(a.Taxonomies, b.Taxonomies)
}

// rescan lists every article file and re-reads those whose size or
// modification time changed.
func (b *Builder) rescan() error {
	names, warnings, err := content.Scan(b.src)
	if err != nil {
		return err
	}
	b.scanProbs = warnings
	old := b.files
	b.files, b.folders = make(map[string]*entry, len(names)), nil
	var stale []string
	infos := map[string]fs.FileInfo{}
	// On every core: at 200,000 articles, a second and a half on one.
	found := make([]fs.FileInfo, len(names))
	looked := b.looked
	b.looked = nil
	parallel.For(len(names), func() func(int) {
		return func(i int) {
			if found[i] = looked[names[i]]; found[i] == nil {
				found[i], _ = os.Stat(filepath.Join(b.src, filepath.FromSlash(names[i])))
			}
		}
	})
	for i, name := range names {
		info := found[i]
		if info == nil {
			continue // gone since it was listed: the watcher will say so
		}
		if e := old[name]; e != nil && e.size == info.Size() && e.modTime.Equal(info.ModTime()) {
			b.files[name] = e
			continue
		}
		stale = append(stale, name)
		infos[name] = info
	}
	if old != nil || len(stale) == 0 {
		b.parse(stale, infos, nil)
		return nil
	}
	// Every article is read: those the last build parsed are taken from
	// the cache, and the cache keeps this build's (see articles.go).
	cache, probs := b.openArticles()
	b.scanProbs = append(b.scanProbs, probs...)
	if cache == nil {
		b.parse(stale, infos, nil)
		return nil
	}
	parser := b.parser
	b.parser = parser.WithStore(cache, b.articleContext(), b.shortcodeContext())
	book := b.openStamps()
	b.parse(stale, infos, book.known(infos))
	b.parser = parser
	book.save(cache, b.files, infos)
	parsed := 0
	for _, e := range b.files {
		if e.article != nil {
			parsed++
		}
	}
	b.articlesCached = parsed - int(cache.parsed.Load())
	b.scanProbs = append(b.scanProbs, saveArticles(cache)...)
	return nil
}

// reload re-reads the article files the watcher named, and forgets those
// that no longer exist.
func (b *Builder) reload(names []string) error {
	if b.files == nil {
		b.files = map[string]*entry{}
	}
	var present []string
	infos := map[string]fs.FileInfo{}
	for _, name := range names {
		p := filepath.Join(b.src, filepath.FromSlash(name))
		if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			// Whether a link may be followed is content.Scan's decision.
			return b.rescan()
		}
		if _, known := b.files[name]; !known {
			b.folders = nil // a file comes: see heldArticles
		}
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			delete(b.files, name)
			b.folders = nil
		case err == nil && info.Mode().IsRegular():
			present = append(present, name)
			infos[name] = info
		case err == nil:
			// Not a file after all (a folder named like an article): list
			// everything again.
			return b.rescan()
		default:
			b.files[name] = &entry{probs: diag.List{diag.Errorf(name, 0, "", "%v", err)}}
		}
	}
	b.parse(present, infos, nil)
	return nil
}

// parse reads and parses files, in parallel, whose sizes and times infos
// gives, and records them; known gives the hashes of files known by
// their stamps (see stamps.go), or is nil.
func (b *Builder) parse(names []string, infos map[string]fs.FileInfo, known func(string) ([sha256.Size]byte, bool)) {
	m := b.opts.Progress
	m.Start("read", len(names), "articles")
	// In batches, for the progress line: each is spread over the cores.
	const batch = 4096
	articles := make([]*content.Article, 0, len(names))
	var probs diag.List
	for i := 0; i < len(names); i += batch {
		j := min(len(names), i+batch)
		a, p, unread := b.parser.LoadAllKnown(b.src, names[i:j], known)
		b.articlesUnread += unread
		articles, probs = append(articles, a...), append(probs, p...)
		m.Add(j - i)
	}
	byFile := map[string]diag.List{}
	for _, p := range probs {
		byFile[p.Path] = append(byFile[p.Path], p)
	}
	for i, name := range names {
		b.files[name] = &entry{modTime: infos[name].ModTime(), size: infos[name].Size(), article: articles[i], probs: byFile[name]}
	}
}

type pathKind int

const (
	ignored     pathKind = iota // hidden files, editors' backups
	articleFile                 // a Markdown file
	maybeFolder                 // no extension: perhaps a folder, now gone
	otherFile                   // another file: of a page bundle, perhaps
)

// kind tells what a changed path under content/articles may be, from its
// name alone: it may no longer exist.
func kind(name string) pathKind {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return ignored // content.Files skips hidden files and folders
		}
	}
	base := path.Base(name)
	switch ext := path.Ext(base); {
	case strings.HasSuffix(base, "~"):
		return ignored
	case strings.EqualFold(ext, ".md"):
		return articleFile
	case ext == "":
		return maybeFolder
	}
	return otherFile
}

// now is the time the build compares dates with.
func (b *Builder) now() time.Time {
	if b.opts.Now.IsZero() {
		return time.Now()
	}
	return b.opts.Now
}
