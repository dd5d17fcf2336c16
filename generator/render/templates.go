// Package render turns the site model into pages: it plans every page of
// the site as plain data (a URL, a layout and what the layout shows) and
// executes the user's html/template layouts on them.
package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// LayoutsDir is where layouts live, relative to the site root.
const LayoutsDir = "layouts"

// The page kinds. The HTML ones are each rendered by layouts/<kind>.html
// inside layouts/baseof.html.
const (
	KindHome     = "home"
	KindArticle  = "article"
	KindTerm     = "term"
	KindTaxonomy = "taxonomy"
	KindArchive  = "archive" // /archive/: every year and month
	KindSearch   = "search"  // /search/, when the config asks for it
	KindPeriod   = "period"  // a year or a month: /2024/, /2024/07/
	KindPage     = "page"    // a standalone page of content/pages
	// KindSeries is a series' page, its parts in order; KindSeriesList
	// lists every series at /series/; KindCorrections every correction
	// and update at /corrections/, newest first. Made when the site has
	// any, as pages are.
	KindSeries      = "series"
	KindSeriesList  = "series-list"
	KindCorrections = "corrections"
	Kind404         = "404"
	KindFeed        = "feed"
	// KindCorrectionsFeed is the Atom feed of /corrections/.
	KindCorrectionsFeed = "corrections-feed"
	KindSitemap         = "sitemap"
	// KindNewsSitemap is the Google News sitemap, /sitemap-news.xml.
	KindNewsSitemap = "news-sitemap"
	KindRobots      = "robots"
	// KindRedirect is a page at an old path that sends readers on to
	// the page now there; KindRedirects the host's list of them all.
	KindRedirect  = "redirect"
	KindRedirects = "redirects"
	// KindQueryMap is a page of the map of old addresses with a query
	// (/?p=12) that RedirectScript reads, or its index.
	KindQueryMap = "querymap"
)

// allKinds lists the page kinds made with a layout.
var allKinds = []string{KindHome, KindArticle, KindTerm, KindTaxonomy, KindArchive, KindPeriod, Kind404, KindSearch, KindPage,
	KindSeries, KindSeriesList, KindCorrections}

// optionalKinds are made with their layout when it is there: a site
// without pages, series or corrections needs none of theirs, and Plan
// asks for them when it has some.
var optionalKinds = []string{KindPage, KindSeries, KindSeriesList, KindCorrections}

// kinds lists the page kinds the config needs a layout for.
func kinds(cfg *config.Config) []string {
	return slices.DeleteFunc(slices.Clone(allKinds), func(k string) bool {
		return k == KindSearch && !*cfg.Search || slices.Contains(optionalKinds, k)
	})
}

// Has reports whether the layouts make pages of kind.
func (t *Templates) Has(kind string) bool { return t != nil && t.sets[kind] != nil }

const baseName = "baseof.html"

// Templates holds one parsed template set per page kind.
type Templates struct {
	sets map[string]*template.Template
	// kindSums identify the files each kind's pages are made with: its
	// own layout, and the base and partials every kind shares. A rebuild
	// after a layout edit renders only the kinds it changed.
	kindSums map[string][sha256.Size]byte
}

// kindSum identifies the layout files that make pages of kind; pages that
// no layout makes (feeds, sitemaps) have the zero sum.
func (t *Templates) kindSum(kind string) [sha256.Size]byte {
	if t == nil {
		return [sha256.Size]byte{}
	}
	return t.kindSums[kind]
}

// LoadTemplates parses root/layouts: baseof.html, one file per page kind,
// and every file under partials/, which any layout can call by its path:
// {{ template "partials/article-list.html" . }}.
func LoadTemplates(root string, cfg *config.Config) (*Templates, error) {
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, err
	}
	dir, err := sitepath.Folder(root, LayoutsDir)
	if errors.Is(err, fs.ErrNotExist) {
		dir = filepath.Join(root, LayoutsDir) // reported below, with what is missing
	} else if err != nil {
		return nil, diag.List{diag.Errorf(LayoutsDir, 0, "", "%v", err)}
	}
	files := map[string]string{} // name relative to layouts → source
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		show := path.Join(LayoutsDir, rel)
		if d.Type()&fs.ModeSymlink != 0 {
			// Read through a link only while it stays inside the site, as
			// for articles and static files.
			if target, err := sitepath.Real(p); err != nil || !sitepath.Within(target, absRoot) {
				return diag.Errorf(show, 0, "", "a broken link, or a link to a file outside the site, which the generator does not read")
			}
		}
		src, err := srcfile.Read(p, srcfile.MaxText)
		if err != nil {
			return diag.Errorf(show, 0, "", "%v", err)
		}
		files[rel] = string(src)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading layouts: %w", err)
	}
	var probs diag.List
	need := kindFiles(kinds(cfg))
	for _, name := range append([]string{baseName}, need...) {
		if _, ok := files[name]; !ok {
			msg := "missing: every site needs %s and a layout for each page kind (%s)"
			if name == KindSearch+".html" {
				msg += ", or search: false in " + config.FileName
			}
			probs = append(probs, diag.Errorf(path.Join(LayoutsDir, name), 0, "", msg, baseName, strings.Join(need, ", ")))
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	funcs := funcMap(cfg)
	var partials []string
	for name := range files {
		if strings.HasPrefix(name, "partials/") && forLayouts(name, files, funcs) {
			partials = append(partials, name)
		}
	}
	slices.Sort(partials)

	made := kinds(cfg)
	for _, kind := range optionalKinds {
		if _, ok := files[kind+".html"]; ok {
			made = append(made, kind)
		}
	}
	t := &Templates{sets: map[string]*template.Template{}, kindSums: kindSums(files, made)}
	for _, kind := range made {
		// The set is named after the base layout, which must be parsed
		// into the set itself: a second template of the same name would
		// replace the set's root and drop its functions.
		set, err := template.New(baseName).Funcs(funcs).Parse(files[baseName])
		if err != nil {
			probs = append(probs, templateProblem(err))
			continue
		}
		for _, name := range append(partials, kind+".html") {
			if _, err := set.New(name).Parse(files[name]); err != nil {
				probs = append(probs, templateProblem(err))
				break
			}
		}
		t.sets[kind] = set
	}
	if len(probs) > 0 {
		probs.Sort()
		// Every kind's set parses the same base and partials: report each
		// problem once.
		return nil, slices.CompactFunc(probs, func(a, b *diag.Problem) bool { return a.Error() == b.Error() })
	}
	return t, nil
}

// forLayouts reports whether a partial belongs in the layouts' sets.
// Shortcodes call partials too (see package shortcode), and a Hugo site's
// are written with Hugo's functions: one that does not parse with the
// layouts' functions is left to shortcodes unless a layout names it
// ({{ template "partials/x.html" }}, {{ .Shared "partials/x.html" }}), in
// which case its problem is reported with the layouts. Only partials
// that fail to parse are looked for, so this costs nothing on a site
// whose partials are all layouts'.
func forLayouts(name string, files map[string]string, funcs template.FuncMap) bool {
	if _, err := template.New(name).Funcs(funcs).Parse(files[name]); err == nil || name == SummaryPartial {
		return true
	}
	quoted := `"` + name + `"`
	// A Hugo partial's {{ partial "partials/x.html" }} is not a layout's
	// use of it.
	byPartial := regexp.MustCompile(`\bpartial(?:Cached)?\s+` + regexp.QuoteMeta(quoted))
	for other, src := range files {
		if other != name && !strings.HasPrefix(other, "shortcodes/") && strings.Count(src, quoted) > len(byPartial.FindAllStringIndex(src, -1)) {
			return true
		}
	}
	return false
}

// sum hashes a set of named files in name order.
func sum(files map[string]string) [sha256.Size]byte {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%d:%s%d:", len(name), name, len(files[name]))
		io.WriteString(h, files[name])
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// kindSums hashes, for each kind needed, its layout and every file that
// is no kind's own.
func kindSums(files map[string]string, needed []string) map[string][sha256.Size]byte {
	own := map[string]bool{}
	for _, f := range kindFiles(allKinds) {
		own[f] = true
	}
	shared := map[string]string{}
	for name, src := range files {
		if !own[name] {
			shared[name] = src
		}
	}
	out := map[string][sha256.Size]byte{}
	for _, kind := range needed {
		shared[kind+".html"] = files[kind+".html"]
		out[kind] = sum(shared)
		delete(shared, kind+".html")
	}
	return out
}

func kindFiles(kinds []string) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k + ".html"
	}
	return out
}

// Execute renders the page of the given kind with data into w.
func (t *Templates) Execute(w io.Writer, kind string, data any) error {
	set := t.sets[kind]
	if set == nil {
		return fmt.Errorf("no layout for page kind %q", kind)
	}
	if err := set.ExecuteTemplate(w, baseName, data); err != nil {
		return templateProblem(err)
	}
	return nil
}

// executePartial renders one partial of the kind's set.
func (t *Templates) executePartial(w io.Writer, kind, name string, data any) error {
	set := t.sets[kind]
	if set == nil || set.Lookup(name) == nil {
		return fmt.Errorf("no layout %s/%s", LayoutsDir, name)
	}
	if err := set.ExecuteTemplate(w, name, data); err != nil {
		return templateProblem(err)
	}
	return nil
}

// templateErr matches html/template's "template: NAME:LINE[:COL]: MESSAGE".
var templateErr = regexp.MustCompile(`^(?:html/template|template): ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateProblem turns a template error into a Problem naming the layout
// file and line.
func templateProblem(err error) *diag.Problem {
	var p *diag.Problem
	if errors.As(err, &p) {
		return p
	}
	msg := err.Error()
	if m := templateErr.FindStringSubmatch(strings.SplitN(msg, "\n", 2)[0]); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &diag.Problem{Path: path.Join(LayoutsDir, m[1]), Line: line, Column: col, Message: m[4]}
	}
	return &diag.Problem{Path: LayoutsDir, Message: msg}
}
