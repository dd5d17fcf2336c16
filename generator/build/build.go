// Package build runs the whole pipeline once: load the config, parse the
// articles, assemble the site, plan and render its pages, and write them
// with the static files to the output folder.
package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/minify"
	"folio/generator/output"
	"folio/generator/permalinks"
	"folio/generator/progress"
	"folio/generator/render"
	"folio/generator/search"
	"folio/generator/site"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// Options says what to build and where.
type Options struct {
	// Source is the site root, holding config.yaml, content/, layouts/
	// and static/.
	Source string
	// Dest is the output folder; empty means Source/public.
	Dest string
	// Drafts includes articles marked draft: true.
	Drafts bool
	// Future includes articles dated more than a day from Now, and those
	// whose publish date is still to come.
	Future bool
	// Expired includes articles past their expiry date.
	Expired bool
	// Now is the time builds compare dates with; zero means the clock's.
	Now time.Time
	// BaseURL overrides the configured baseURL when not empty.
	BaseURL string
	// Force builds even when nothing changed since the last build into
	// the same folder (Run otherwise leaves that folder as it is).
	Force bool
	// Waiting, when not nil, is called when another build (process pid)
	// is writing the same output folder, before Run waits for it.
	Waiting func(pid int)
	// Fingerprint also writes each stylesheet and script of static/ under
	// a name made from its bytes (css/style.3f2a9c1b7e0d.css), which
	// .Asset gives layouts: hosts can let browsers cache them for good.
	// The dev server leaves it off, so that a stylesheet edit is swapped
	// in place.
	Fingerprint bool
	// Progress, when not nil, follows the build phase by phase, for a
	// progress line and the summary's timings.
	Progress *progress.Meter
	// IndexLater lets a Builder's full builds return before the search
	// index they make beside is made: Builder.IndexPending tells when it
	// is, and Builder.FinishIndex writes it. The dev server uses it, so
	// that a large archive's pages answer while its index is still being
	// made.
	IndexLater bool
}

// Result summarizes a successful build.
type Result struct {
	Articles    int
	Drafts      int // drafts left out
	Future      int // articles dated (or to be published) in the future, left out
	Expired     int // articles past their expiry date, left out
	Pages       int
	StaticFiles int
	// ImagesMade and ImagesCached count the images pages show whose
	// sizes this build made, and those it found made in the image cache.
	ImagesMade, ImagesCached int
	// PagesKept counts the pages a command-line build kept as the last
	// build into the same folder wrote them, their fingerprints being the
	// same, instead of rendering them (Rendered lists the others).
	PagesKept int
	// ArticlesCached counts the articles this build took from the
	// article cache (ArticlesCache) instead of parsing them.
	ArticlesCached int
	// ArticlesUnread counts those of them whose files this build did not
	// read: their stamps (size, times, inode) were as the last build
	// recorded them.
	ArticlesUnread int
	// Rendered lists the URLs of the pages this build rendered; Removed
	// those of pages an earlier build wrote that are gone now.
	Rendered []string
	Removed  []string
	// Swapped is true when the build took the quick path: the edits left
	// the site's shape alone, so the model was kept and only the edited
	// articles' pages were rendered.
	Swapped bool
	// Reindexed is true when the build changed the search index, which
	// the search page (search.PageURL) queries.
	Reindexed bool
	// UpToDate is true when Run found nothing changed since the last
	// build into the same folder, and left it as it was.
	UpToDate bool
	// Files counts, for Run, the files of the output folder written new
	// or changed, kept as they were (same bytes: same inode and time, so
	// deploy tools skip them), and removed; nil for the dev server.
	Files *output.Changes
	// model is the site as this build assembled it (see Model); not a
	// field of the record saved beside the output (see saveState).
	model *site.Site
	// permalinks is the record of published addresses the build read,
	// which Run adds this build's to.
	permalinks *permalinks.Record
	// ExpiredFiles are the articles left out past their expiry date.
	ExpiredFiles []string
	Taxonomies   []TaxonomyCount
	Dest         string
	Took         time.Duration
	Warnings     diag.List

	// ChangedDrafts are the article files of the Changes given to
	// Builder.Build that are drafts, left out without Options.Drafts: the
	// dev server says why a saved article shows nowhere. (Those left out
	// for their future date have a warning of their own.)
	ChangedDrafts []string
	// ChangedExpired are those past their expiry date, left out without
	// Options.Expired.
	ChangedExpired []string
}

// TaxonomyCount is the number of terms of one taxonomy.
type TaxonomyCount struct {
	Title string
	Terms int
}

// Run builds the site once into its output folder. When anything is
// wrong it returns a diag.List of every problem found and leaves the output
// folder as it was.
func Run(opts Options) (*Result, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(opts.Source, "public")
	}
	if err := checkDest(opts.Source, dest); err != nil {
		return nil, err
	}
	start := time.Now()
	now := opts.Now
	if now.IsZero() {
		now = start
	}
	// The sources are fingerprinted as the build starts; a file saved
	// after the start is too new to be recorded (see fingerprint), so the
	// next build runs. Without a last build to compare with, the walk
	// runs beside the build.
	type print struct {
		inputs [sha256.Size]byte
		record bool
		looked map[string]fs.FileInfo
	}
	prints := make(chan print, 1)
	// The generator's hash is taken once: the fingerprint, the article
	// and word caches and the pages' prints all name it.
	var exe *[sha256.Size]byte
	if sum, err := executableSum(); err == nil {
		exe = &sum
	}
	go func() {
		inputs, record, looked := fingerprint(opts, now, exe)
		prints <- print{inputs, record, looked}
	}()
	lock, err := output.Acquire(dest, opts.Waiting)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	// Only a holder of the lock writes the prints and the state: a
	// temporary file of theirs is what a killed build left, at 200,000
	// articles some 20 MB of prints each time.
	atomicfile.Sweep(printsPath(dest), statePath(dest))
	var fp *print
	last := lastState(dest)
	if !opts.Force {
		// Waited for even with no last build to compare with: the
		// build then takes what it found of the articles' files.
		opts.Progress.Start("check", 0, "")
		p := <-prints
		opts.Progress.End()
		fp = &p
		if res, ok := last.upToDate(dest, p.inputs, now); ok && p.record {
			lock.RemoveLeftovers(last.owned()...)
			res.Dest, res.Took = dest, time.Since(start)
			return res, nil
		}
	}
	stage, err := lock.Begin(last.owned()...)
	if err != nil {
		return nil, err
	}
	b := NewBuilder(opts)
	b.exeSum = exe
	b.recordPrints = true
	if fp != nil {
		// Waited for: what it found of the articles' files is as new
		// as the build's own look would be.
		b.looked = fp.looked
		fp.looked = nil
	}
	if !opts.Force {
		if id, err := output.ID(dest); err == nil {
			b.lastPrints = loadPrints(dest, id)
		}
	}
	res, err := b.Build(stage, nil)
	if err == nil {
		err = savePending(dest, last, stage.ID())
	}
	if err == nil {
		// The old site's files are removed here: at 200,000 articles,
		// hundreds of thousands of them.
		opts.Progress.Start("swap", 0, "")
		err = stage.Commit()
		opts.Progress.End()
	}
	if err != nil {
		stage.Abort()
		return res, err
	}
	res.Dest = dest
	// What the build records of itself, in the time it reports: at
	// 200,000 articles, a second that the summary left out.
	opts.Progress.Start("record", 0, "")
	defer func() { res.Took = time.Since(start) }()
	defer opts.Progress.End()
	if err := recordPermalinks(opts, res); err != nil {
		res.Warnings = append(res.Warnings, diag.Warnf(permalinks.File, 0, "",
			"the addresses of this build's articles could not be recorded (%v): a later change of their URLs will not keep them as redirects", err))
	}
	ch, err := stage.Changes()
	res.Files = &ch
	if err != nil {
		res.Warnings = append(res.Warnings, diag.Warnf(filepath.ToSlash(dest), 0, "",
			"the site was built, but its manifest could not be written (%v): deploy tools that read it see the last one", err))
	}
	if fp == nil {
		p := <-prints
		fp = &p
	}
	if b.prints != nil {
		b.prints.Output = stage.ID()
		if err := savePrints(dest, b.prints); err != nil {
			removePrints(dest)
		}
	}
	if err := saveState(dest, stage.ID(), fp.inputs, fp.record, b.due, res); err != nil {
		res.Warnings = append(res.Warnings, diag.Warnf(filepath.ToSlash(dest), 0, "",
			"the site was built, but its record could not be saved (%v): the next build into this folder will not find it up to date", err))
	}
	return res, nil
}

// appendErr adds an error to a problem list, unpacking a diag.List.
func appendErr(probs diag.List, err error) diag.List {
	var list diag.List
	var one *diag.Problem
	switch {
	case errors.As(err, &list):
		return append(probs, list...)
	case errors.As(err, &one):
		return append(probs, one)
	}
	return append(probs, &diag.Problem{Path: ".", Message: err.Error()})
}

// checkDest refuses output folders that would replace the user's own
// files: the site root itself, a folder that contains it, or one inside
// content/, layouts/ or static/.
func checkDest(src, dest string) error {
	// Compared as they really are: a link on the way to dest (artlnk/sub
	// with artlnk → content/articles) must not lead the build into the
	// site's own folders.
	absSrc, err := sitepath.Resolve(src)
	if err != nil {
		return err
	}
	absDest, err := sitepath.Resolve(dest)
	if err != nil {
		return err
	}
	if sitepath.Within(absSrc, absDest) {
		return fmt.Errorf("output folder %s contains the site's own files: choose another -dest", dest)
	}
	for _, d := range []string{"content", render.LayoutsDir, staticDir} {
		real, err := sitepath.Resolve(filepath.Join(src, d))
		if err != nil {
			return err
		}
		if sitepath.Within(absDest, filepath.Join(absSrc, d)) || sitepath.Within(absDest, real) {
			return fmt.Errorf("output folder %s is inside %s/, which holds the site's own files: choose another -dest", dest, d)
		}
		if sitepath.Within(real, absDest) {
			return fmt.Errorf("output folder %s contains %s/ (a link to %s), which holds the site's own files: choose another -dest", dest, d, real)
		}
	}
	return nil
}

// collisions reports static files that a page would overwrite.
func collisions(pages []*render.Page, statics []staticFile) diag.List {
	byName := make(map[string]string, len(statics))
	for _, f := range statics {
		byName[f.name] = f.path
	}
	var probs diag.List
	for _, p := range pages {
		if file, ok := byName[p.File()]; ok {
			probs = append(probs, diag.Errorf(file, 0, "",
				"the generated page %s has the same file name: rename or remove the static file", p.URL))
		}
	}
	return probs
}

// searchProblems reports static files in the way of the search index, and
// a search page without its script.
func searchProblems(cfg *config.Config, statics []staticFile) diag.List {
	if !*cfg.Search {
		return nil
	}
	var probs diag.List
	script := false
	for _, f := range statics {
		switch {
		case f.name == searchScript:
			script = true
		case strings.HasPrefix(f.name, search.Dir) && f.name != search.Dir+"index.html": // that one, collisions reports
			probs = append(probs, diag.Errorf(f.path, 0, "",
				"the search index is written under %s: move the file, or set search: false in %s", search.PageURL, config.FileName))
		}
	}
	if !script {
		probs = append(probs, diag.Warnf(render.LayoutsDir+"/"+render.KindSearch+".html", 0, "",
			"%s/%s is missing, so the search page cannot search: restore it, or set search: false in %s", staticDir, searchScript, config.FileName))
	}
	return probs
}

// searchScript is the search page's script, in static/.
const searchScript = "js/search.js"

// write renders every page and copies every static file into stage, using
// every core, through min when it is not nil. It stops at the first
// failure.
//
// keep, when not nil, tells whether the page at an index may be kept as
// the last build wrote it instead of rendered (and keeps it); kept
// records which were.
func write(stage Sink, tmpl *render.Templates, min *minify.Minifier, pages []*render.Page, statics []staticFile, m *progress.Meter, keep func(int) bool, kept []bool) error {
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		errs   diag.List
		seen   = map[string]bool{}
		wg     sync.WaitGroup
	)
	fail := func(err error) {
		failed.Store(true)
		mu.Lock()
		defer mu.Unlock()
		if !seen[err.Error()] {
			seen[err.Error()] = true
			errs = appendErr(errs, err)
		}
	}
	total := int64(len(pages) + len(statics))
	m.Start("render and write", int(total), "files")
	lazy, _ := stage.(lazySink)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := new(bytes.Buffer)
			for !failed.Load() {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				m.Add(1)
				if i >= int64(len(pages)) {
					if err := copyStatic(stage, min, statics[i-int64(len(pages))]); err != nil {
						fail(err)
					}
					continue
				}
				if keep != nil && keep(int(i)) {
					kept[i] = true
					continue
				}
				p := pages[i]
				if lazy != nil && lazy.Defer(p.File()) {
					continue
				}
				out, err := renderPage(buf, p, tmpl, min)
				if err != nil {
					fail(err)
					continue
				}
				if err := stage.WriteFile(p.File(), out); err != nil {
					fail(err)
				}
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// lazySink is a Sink that can render pages when they are asked for
// rather than when the build plans them (the dev server's): Defer
// reports true for a page it will ask Builder.Render for, false for one
// to write now.
type lazySink interface {
	Defer(name string) bool
}

// renderPage renders p into buf, minified when min is not nil; the bytes
// it returns are buf's or the minifier's, valid until the next call.
func renderPage(buf *bytes.Buffer, p *render.Page, tmpl *render.Templates, min *minify.Minifier) ([]byte, error) {
	buf.Reset()
	if err := p.Render(buf, tmpl); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if min != nil {
		var err error
		if out, err = min.File(p.File(), out); err != nil {
			return nil, &diag.Problem{Path: p.Source, Message: fmt.Sprintf("page %s: %v", p.URL, err)}
		}
	}
	return out, nil
}

// copyStatic copies a static file into stage, minified when min is not
// nil and the file is of a type it shrinks. Its errors name the file.
func copyStatic(stage Sink, min *minify.Minifier, f staticFile) error {
	if err := copyStaticFile(stage, min, f); err != nil {
		return f.problem(err)
	}
	return nil
}

func copyStaticFile(stage Sink, min *minify.Minifier, f staticFile) error {
	if f.processed {
		if l, ok := stage.(interface {
			LinkFile(name, src string, sum *[sha256.Size]byte, id output.FileID) error
		}); ok {
			var sum *[sha256.Size]byte
			if f.known {
				sum = &f.sum
			}
			return l.LinkFile(f.name, f.src, sum, f.id)
		}
		return stage.CopyFile(f.name, f.src)
	}
	if min == nil || !minify.Handles(f.name) {
		return stage.CopyFile(f.name, f.src)
	}
	b, err := srcfile.Read(f.src, srcfile.MaxText)
	if err != nil {
		return err
	}
	if b, err = min.File(f.name, b); err != nil {
		return err
	}
	return stage.WriteFile(f.name, b)
}

// Model is the site as the build assembled it, read-only: what the
// archive's report counts; nil when the build took the quick path (an
// edit that left the site's shape alone) or found the site up to date.
func (r *Result) Model() *site.Site { return r.model }

// recordPermalinks adds the URLs the build published its articles at to
// the site's record of them (package permalinks). A build that shows
// drafts, or articles of the future or past their expiry, is a preview:
// it records nothing.
func recordPermalinks(opts Options, res *Result) error {
	s := res.Model()
	if s == nil || res.permalinks == nil || opts.Drafts || opts.Future || opts.Expired {
		return nil
	}
	record := res.permalinks
	for _, a := range s.Articles {
		record.Publish(a.Path, a.URL)
	}
	return record.Save(opts.Source)
}
