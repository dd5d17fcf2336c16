// Package migrate turns a site written for another generator (Hugo,
// Jekyll, Eleventy) into a new folio site. It holds what every tool
// shares: the Source a tool's reader implements, the Writer of the folio
// site, the Report of what came across and what needs a person, and the
// checks on the destination folder.
//
// # How a reader plugs in
//
// A reader lives in its own package (migrate/hugo, migrate/jekyll) and
// offers a Reader value: a Name, a Detect function that looks at the
// source folder's files, and an Open function returning a Source. The
// package migrate/all lists the readers; the migrate command detects the
// tool with Detect and calls Run, so this package imports no reader and
// the readers import only this package.
//
// Run calls the Source's Config once, then Walk with a Sink. Walk streams:
// it reads one source file, hands the Sink one Doc (an article, a profile,
// a page), and moves on, so that only one article is in memory at a time.
// The Sink writes each Doc at once. Redirects travel in the Doc's front
// matter ("aliases" for articles and pages, "redirect_from" for profiles),
// the fields folio reads them from; the writer counts them. Static and
// data folders are copied with Sink.Copy, other generated files (shortcode
// templates) written with Sink.File, and whatever a person must look at is
// told with Sink.Note, naming the source file and line.
//
// The writer never overwrites a file, never writes through a symbolic
// link and never writes in SRC: the whole site is written in a fresh
// folder beside DEST and renamed to DEST only when the migration succeeds,
// so a failed run leaves nothing half-written.
package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"folio/generator/diag"
	"folio/generator/progress"
	"folio/generator/sitepath"
)

// Reader is one tool's reader, as listed in migrate/all.
type Reader struct {
	// Name is the tool's name, shown to the user ("Hugo").
	Name string
	// Detect reports whether the folder src looks like a site of the tool.
	Detect func(src string) bool
	// Open prepares to read the site at src.
	Open func(src string, opts Options) (Source, error)
}

// Options are the user's choices on the command line.
type Options struct {
	// Sections, when given, are the source sections (Hugo) or collections
	// (Jekyll, Eleventy) whose pages become articles, instead of those the
	// reader detects.
	Sections []string
	// Look is a folio site (usually the checkout the command runs in)
	// whose layouts/ and static/ the new site starts with; "" leaves them
	// out.
	Look string
	// Taxonomies maps the source's taxonomies to folio's (WordPress's
	// category=topics); nil keeps the reader's default.
	Taxonomies map[string]string
	// Uploads is a copy of the old site's uploads folder (WordPress's
	// wp-content/uploads): the files posts use are copied from it; ""
	// leaves links to them on the old site.
	Uploads string
	// Comments keeps the readers' approved comments (WordPress) in their
	// articles' front matter, shown as an archived, closed thread;
	// without it they are left behind and counted.
	Comments bool
	// Progress, when not nil, counts the articles written, for a
	// progress line.
	Progress *progress.Meter
}

// Source is a site being read.
type Source interface {
	// Config returns the site-wide settings of the new site. It is called
	// once, before Walk.
	Config() (*Config, error)
	// Walk reads the site and hands every item to sink, one at a time.
	// An error from sink stops the walk and is returned.
	Walk(sink Sink) error
}

// Sink receives what a Source reads.
type Sink interface {
	// Article writes an article. Doc.Path is usually ArticlePath(...).
	Article(d *Doc) error
	// Profile writes a term's profile at content/<taxonomy>/<slug>.md.
	Profile(d *Doc) error
	// Page writes a standalone page under content/pages/.
	Page(d *Doc) error
	// Copy copies the file or folder src (slash-separated, relative to
	// the source site) to dest (relative to the new site), following no
	// link that leaves the source site. A missing src is not an error.
	Copy(src, dest string) error
	// CopyFile copies the file rel (slash-separated) of the folder dir,
	// which may lie outside the source site (WordPress's uploads), to
	// dest, and counts it as kind. It follows no link that leaves dir:
	// such a link, or what is not a regular file, gives a *NotCopied
	// error; a missing file one wrapping fs.ErrNotExist; a dest already
	// written one wrapping fs.ErrExist.
	CopyFile(dir, rel, dest string, kind Kind) error
	// File writes a generated file (a shortcode template) at dest.
	File(dest string, data []byte, kind Kind) error
	// Note records something a person needs to look at.
	Note(it Item)
}

// Doc is one Markdown file of the new site.
type Doc struct {
	// Source is the file it comes from, slash-separated, relative to the
	// source site; Line is the line the problems refer to (usually 1).
	Source string
	// Path is where it goes, slash-separated, relative to the new site.
	Path string
	// Front is its front matter; WriteFront orders the keys.
	Front map[string]any
	// Body is the Markdown after the front matter.
	Body []byte
}

// Comment is a reader's comment, kept in an article's front matter as an
// item of comments: (see content.Comment), its fields in folio's order.
// A reader puts a []Comment there, in thread order; the writer counts
// them.
type Comment struct {
	ID string `yaml:"id"`
	// Parent is the id of the comment it answers, listed before it; ""
	// for a comment on the article.
	Parent string `yaml:"parent,omitempty"`
	Author string `yaml:"author"`
	// URL is the commenter's site, an http(s) address, or "".
	URL  string `yaml:"url,omitempty"`
	Date string `yaml:"date"`
	// Text is Markdown.
	Text string `yaml:"text"`
}

// Config is what config.yaml of the new site says.
type Config struct {
	Title    string
	BaseURL  string
	Language string
	Timezone string
	Paginate int
	// Permalink is the articles' URL pattern (/:year/:month/:slug/), in
	// folio's tokens; empty keeps folio's default.
	Permalink  string
	Taxonomies []Taxonomy
	// Redirects are the site's redirects no file carries (an old section's
	// list page to the archive), written as config.yaml's redirects.
	Redirects []Redirect
	// Params reach templates as .Site.Params.
	Params map[string]any
	// Menu, when given, is the header's links in place of folio's default.
	Menu []MenuLink
}

// MenuLink is one link of the header's menu: a site path or an address.
type MenuLink struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Taxonomy is one taxonomy of the new site.
type Taxonomy struct {
	Name     string `yaml:"name"`
	Title    string `yaml:"title,omitempty"`
	Singular string `yaml:"singular,omitempty"`
	// Path is its URL segment when not Name (a name folio keeps for
	// itself, such as articles, migrated under another).
	Path string `yaml:"path,omitempty"`
}

// Redirect is a redirect of the site from an old path to a new one, both
// site paths (/news/, /archive/).
type Redirect struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Run migrates the site at src, read by r, into the new folder dest, and
// returns the report, already written as dest/MIGRATION.md.
func Run(src, dest string, r Reader, opts Options) (*Report, error) {
	if err := CheckFolders(src, dest); err != nil {
		return nil, err
	}
	// A WordPress export is read once through before its items are.
	opts.Progress.Start("read", 0, "")
	source, err := r.Open(src, opts)
	if err != nil {
		return nil, err
	}
	cfg, err := source.Config()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(dest)), "."+filepath.Base(dest)+".migrating-")
	if err != nil {
		return nil, fmt.Errorf("cannot create the new site beside %s: %w", diag.Name(dest), err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	w, err := newWriter(src, tmp, r.Name)
	if err != nil {
		return nil, err
	}
	if opts.Comments {
		w.report.Counts[Comments] = 0 // said, even when there were none
	}
	if opts.Look != "" {
		if err := w.look(opts.Look); err != nil {
			return nil, err
		}
	}
	w.async()
	defer w.wait() // before the folder is removed, on an error
	w.progress = opts.Progress
	w.progress.Start("migrate", 0, "articles")
	defer w.progress.End()
	if err := source.Walk(w); err != nil {
		return nil, err
	}
	w.progress.Start("finish", 0, "")
	if err := w.wait(); err != nil {
		return nil, err
	}
	if err := w.config(cfg); err != nil {
		return nil, err
	}
	rep := w.report
	rep.Source, rep.Dest = src, dest
	if err := w.create("MIGRATION.md", []byte(rep.Markdown())); err != nil {
		return nil, err
	}
	// DEST was absent or empty when checked; an empty one is replaced.
	if err := os.Remove(dest); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is no longer empty: the new site is left in %s: %w", diag.Name(dest), diag.Name(tmp), err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return nil, fmt.Errorf("moving the new site to %s: %w", diag.Name(dest), err)
	}
	done = true
	return rep, nil
}

// CheckFolders refuses a src that is neither a folder nor a file (a
// WordPress export is one file), and a dest that is
// not absent or an empty folder, or that lies inside src (the migration
// never changes the source site).
func CheckFolders(src, dest string) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("source %s: %w", diag.Name(src), unwrapPath(err))
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return fmt.Errorf("source %s is neither a folder nor a file", diag.Name(src))
	}
	if info, err := os.Lstat(dest); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("destination %s exists and is not a folder: give a new folder's name", diag.Name(dest))
		}
		f, err := os.Open(dest)
		if err != nil {
			return fmt.Errorf("destination %s: %w", diag.Name(dest), unwrapPath(err))
		}
		names, _ := f.Readdirnames(1)
		f.Close()
		if len(names) > 0 {
			return fmt.Errorf("destination %s is not empty: give a new folder, or an empty one, so that nothing is overwritten", diag.Name(dest))
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("destination %s: %w", diag.Name(dest), unwrapPath(err))
	}
	realSrc, err := sitepath.Real(src)
	if err != nil {
		return fmt.Errorf("source %s: %w", diag.Name(src), unwrapPath(err))
	}
	parent, err := sitepath.Real(filepath.Dir(filepath.Clean(dest)))
	if err != nil {
		return fmt.Errorf("destination %s: its folder: %w", diag.Name(dest), unwrapPath(err))
	}
	if sitepath.Within(filepath.Join(parent, filepath.Base(filepath.Clean(dest))), realSrc) {
		return fmt.Errorf("destination %s is inside the source site %s, which the migration never changes: choose a folder outside it", diag.Name(dest), diag.Name(src))
	}
	return nil
}

// Detect returns the reader of the tool the site at src was written for.
func Detect(src string, readers []Reader) (Reader, error) {
	var found []Reader
	for _, r := range readers {
		if r.Detect(src) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		names := make([]string, len(readers))
		for i, r := range readers {
			names[i] = r.Name
		}
		return Reader{}, fmt.Errorf("%s is not a site folio can migrate: no configuration file of %s found (hugo.toml, config.toml, _config.yml, eleventy.config.js…, a WordPress export .xml)", diag.Name(src), strings.Join(names, ", "))
	}
	names := make([]string, len(found))
	for i, r := range found {
		names[i] = r.Name
	}
	return Reader{}, fmt.Errorf("%s has the configuration files of several tools (%s): migrate a copy holding only one", diag.Name(src), strings.Join(names, ", "))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
