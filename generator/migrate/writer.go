package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/imaging"
	"folio/generator/progress"
	"folio/generator/sitepath"
)

// ArticlePath is where an article dated d with the file slug goes:
// content/articles/YYYY/MM/slug.md.
func ArticlePath(d time.Time, slug string) string {
	return fmt.Sprintf("content/articles/%04d/%02d/%s.md", d.Year(), int(d.Month()), slug)
}

// BundlePath is ArticlePath for an article that is a page bundle: its
// index.md in a folder of its own, beside the files it shows.
func BundlePath(d time.Time, slug string) string {
	return fmt.Sprintf("content/articles/%04d/%02d/%s/index.md", d.Year(), int(d.Month()), slug)
}

// writer is the Sink writing the new site into root.
type writer struct {
	progress     *progress.Meter
	src, realSrc string
	root         string
	report       *Report
	// dirs holds the folders already created, sparing a system call or
	// more per file on a site of many files in few folders.
	dirs map[string]bool
	// realDirs are the real paths of the folders CopyFile copies from.
	realDirs map[string]string
	// Run writes articles, pages and profiles on a goroutine of their
	// own (pool), creating a file being most of a migration's system
	// time, which the reader's goroutines then spend converting: taken
	// holds every path the writer has made, files and folders, and
	// folded them in lower case, so that doc picks the same free name as
	// asking the file system would.
	pool   *writePool
	taken  map[string]bool
	folded map[string]bool
	// misnamed are the images copied whose name says another format
	// (a JPEG saved as .png), which browsers showed and folio refuses
	// unless config.yaml says images.misnamed: warn.
	misnamedMu sync.Mutex
	misnamed   []Item
}

// writers is how many files the pool writes at once: one, as files
// created at once in a folder tree contend in the kernel (on ext4, four
// made 100,000 files cost twice the system time of one).
const writers = 1

// writePool creates and writes files handed to it; its first error
// fails the migration.
type writePool struct {
	files chan pendingFile
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

type pendingFile struct {
	rel, path string
	data      []byte
}

// async makes doc write files on the pool, until wait.
func (w *writer) async() {
	w.pool = &writePool{files: make(chan pendingFile, 64)}
	for range writers {
		w.pool.wg.Add(1)
		go func() {
			defer w.pool.wg.Done()
			for f := range w.pool.files {
				if err := writeNew(f.rel, f.path, f.data); err != nil {
					w.pool.mu.Lock()
					if w.pool.err == nil {
						w.pool.err = err
					}
					w.pool.mu.Unlock()
				}
			}
		}()
	}
}

// wait returns when the pool has written every file handed to it, with
// its first error, and ends it.
func (w *writer) wait() error {
	if w.pool == nil {
		return nil
	}
	close(w.pool.files)
	w.pool.wg.Wait()
	err := w.pool.err
	w.pool = nil
	return err
}

// poolErr is the pool's first error so far.
func (w *writer) poolErr() error {
	w.pool.mu.Lock()
	defer w.pool.mu.Unlock()
	return w.pool.err
}

// known says whether rel is a path the writer made (taken), and sure
// whether that is what the file system would say: a name differing
// from one made only in case, or not ASCII (which a file system may
// normalize), needs the file system's own answer.
func (w *writer) known(rel string) (taken, sure bool) {
	if w.taken[rel] {
		return true, true
	}
	for i := 0; i < len(rel); i++ {
		if rel[i] >= utf8.RuneSelf {
			return false, false
		}
	}
	return false, !w.folded[strings.ToLower(rel)]
}

// made records a path the writer made.
func (w *writer) made(rel string) {
	w.taken[rel] = true
	w.folded[strings.ToLower(rel)] = true
}

func newWriter(src, root, tool string) (*writer, error) {
	realSrc, err := sitepath.Real(src)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", diag.Name(src), err)
	}
	return &writer{src: src, realSrc: realSrc, root: root, report: newReport(tool), dirs: map[string]bool{}, realDirs: map[string]string{},
		taken: map[string]bool{}, folded: map[string]bool{}}, nil
}

// NewWriter returns a Sink writing into the empty folder root, for tests
// of readers, with the report it fills.
func NewWriter(src, root, tool string) (Sink, *Report, error) {
	w, err := newWriter(src, root, tool)
	if err != nil {
		return nil, nil, err
	}
	return w, w.report, nil
}

func (w *writer) Article(d *Doc) error {
	w.progress.Add(1)
	return w.doc(d, Articles)
}
func (w *writer) Profile(d *Doc) error { return w.doc(d, Profiles) }
func (w *writer) Page(d *Doc) error    { return w.doc(d, Pages) }
func (w *writer) Note(it Item)         { w.report.add(it) }

func (w *writer) File(dest string, data []byte, kind Kind) error {
	if err := w.create(dest, data); err != nil {
		return err
	}
	w.report.Counts[kind]++
	return nil
}

// doc writes d at d.Path, or, when another file took that name, at the
// first free name-2.md, name-3.md…, keeping the slug the name gave.
func (w *writer) doc(d *Doc, kind Kind) error {
	w.ownLanguage(d)
	data, err := Encode(d.Front, d.Body)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(d.Source), err)
	}
	dir, base := path.Split(d.Path)
	stem := strings.TrimSuffix(base, ".md")
	for n := 1; ; n++ {
		name := d.Path
		if n > 1 {
			name = fmt.Sprintf("%s%s-%d.md", dir, stem, n)
			if _, given := d.Front["slug"]; !given && d.Front["url"] == nil && kind == Articles {
				d.Front["slug"] = stem
				if data, err = Encode(d.Front, d.Body); err != nil {
					return fmt.Errorf("%s: %w", diag.Name(d.Source), err)
				}
			}
		}
		var err error
		taken, sure := w.known(name)
		switch {
		case sure && taken && n < 1000:
			continue
		case sure && !taken && w.pool != nil:
			err = w.createLater(name, data)
		default:
			if err = w.create(name, data); errors.Is(err, fs.ErrExist) && n < 1000 {
				continue
			}
		}
		if err != nil {
			return err
		}
		if n > 1 {
			w.Note(Item{Group: "Files renamed (another file had the name)", File: d.Source, What: fmt.Sprintf("written as %s, as %s was taken", name, d.Path)})
		}
		break
	}
	w.report.Counts[kind]++
	for _, key := range []string{"aliases", "redirect_from"} {
		if kind == Profiles && key == "aliases" {
			continue // a profile's aliases are other names of the term
		}
		if list, ok := d.Front[key].([]string); ok {
			w.report.Counts[Redirects] += len(list)
		}
	}
	if list, ok := d.Front["comments"].([]Comment); ok {
		w.report.Counts[Comments] += len(list)
	}
	return nil
}

// ownLanguage moves a language field that is not one language tag to
// languages: folio reads language as the page's own (en, pt-BR) and
// stops at anything else, where other tools leave it to the theme
// (rOpenSci's use cases say language: [English], the language of their
// text and code).
func (w *writer) ownLanguage(d *Doc) {
	v, ok := d.Front["language"]
	if !ok {
		return
	}
	if tag, ok := v.(string); ok && (tag == "" || content.IsLanguageTag(tag)) {
		return
	}
	to := "languages"
	if _, taken := d.Front[to]; taken {
		to = "language_of_text"
	}
	delete(d.Front, "language")
	d.Front[to] = v
	w.Note(Item{Group: "Fields renamed (folio reads them otherwise)", File: d.Source,
		What: fmt.Sprintf("language: %s is not a language tag such as en or pt-BR, which folio reads language as: kept as %s (layouts: .Params.%s)", describeValue(v), to, to)})
}

// describeValue writes a front matter value short, for a note.
func describeValue(v any) string {
	s := fmt.Sprint(v)
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, x := range list {
			parts[i] = fmt.Sprint(x)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return diag.Text(s)
}

// create writes a new file at rel (slash-separated, inside the new
// site), never over an existing one nor through a link.
func (w *writer) create(rel string, data []byte) error {
	p, err := w.prepare(rel)
	if err != nil {
		return err
	}
	if err := writeNew(rel, p, data); err != nil {
		return err
	}
	w.made(rel)
	return nil
}

// createLater is create on the pool, for a rel known to be free: the
// file is written by the time wait returns.
func (w *writer) createLater(rel string, data []byte) error {
	if err := w.poolErr(); err != nil {
		return err
	}
	if !fs.ValidPath(rel) || rel == "." {
		return fmt.Errorf("%s: not a path inside the new site", diag.Name(rel))
	}
	p, err := w.mkdir(rel)
	if err != nil {
		return err
	}
	w.made(rel)
	w.pool.files <- pendingFile{rel, p, data}
	return nil
}

// prepare checks rel, makes its folder and returns the file's path, for
// a file created at once: when the pool may be writing that file (or
// one only the file system can tell from it), it finishes first, so
// that the file system answers as if one file were written at a time.
func (w *writer) prepare(rel string) (string, error) {
	if !fs.ValidPath(rel) || rel == "." {
		return "", fmt.Errorf("%s: not a path inside the new site", diag.Name(rel))
	}
	if taken, sure := w.known(rel); (taken || !sure) && w.pool != nil {
		if err := w.wait(); err != nil {
			return "", err
		}
		w.async()
	}
	return w.mkdir(rel)
}

// writeNew writes data at path p, the file rel of the new site, which
// must not exist.
func writeNew(rel, p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(rel), unwrapPath(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", diag.Name(rel), unwrapPath(err))
	}
	return nil
}

// mkdir makes the folder of the file rel and returns the file's path.
func (w *writer) mkdir(rel string) (string, error) {
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	if !w.dirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("creating the folder of %s: %w", diag.Name(rel), unwrapPath(err))
		}
		w.dirs[dir] = true
		for d := path.Dir(rel); d != "." && !w.taken[d]; d = path.Dir(d) {
			w.made(d)
		}
	}
	return p, nil
}

// Copy copies src (relative to the source site) to dest. Files already
// written are kept: readers copy what wins (the site's own files before a
// theme's) first. Links are followed only to files inside the source site.
func (w *writer) Copy(src, dest string) error {
	kind := StaticFiles
	if dest == "data" || strings.HasPrefix(dest, "data/") {
		kind = DataFiles
	}
	return w.copyFrom(w.src, w.realSrc, src, dest, kind)
}

// copyFrom copies src, relative to base (whose real path is realBase),
// to dest, counting the files as kind unless kind is "".
func (w *writer) copyFrom(base, realBase, src, dest string, kind Kind) error {
	if !filepath.IsLocal(filepath.FromSlash(src)) {
		// A folder the old site's configuration names outside it
		// (staticDir: ../../home/me/.ssh): copied, it would be published.
		w.Note(Item{Group: "Files not copied", File: src, What: "outside the site: the migration copies the site's own files only"})
		return nil
	}
	from := filepath.Join(base, filepath.FromSlash(src))
	if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(from, p)
		srcRel := path.Join(src, filepath.ToSlash(rel))
		if err != nil {
			w.Note(Item{Group: "Files not copied", File: srcRel, What: "unreadable: " + unwrapPath(err).Error()})
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		target := p
		if e.Type()&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(p)
			if err != nil || !sitepath.Within(real, realBase) {
				w.Note(Item{Group: "Files not copied", File: srcRel, What: "a link to a file outside the site (or a broken link), which the migration does not follow"})
				return nil
			}
			if info, err := os.Stat(real); err != nil || !info.Mode().IsRegular() {
				w.Note(Item{Group: "Files not copied", File: srcRel, What: "a link to a folder, which the migration does not follow: copy the folder itself"})
				return nil
			}
			target = real
		} else if !e.Type().IsRegular() {
			w.Note(Item{Group: "Files not copied", File: srcRel, What: "not a regular file"})
			return nil
		}
		out := path.Join(dest, filepath.ToSlash(rel))
		if out == "static/_redirects" && kind != "" {
			// folio writes public/_redirects from the redirects it knows;
			// the site's own would be refused as the same file.
			out = hostRedirects
			w.Note(Item{Group: "Host redirects kept aside", File: srcRel, What: "the site's own redirects file for the host: folio writes public/_redirects itself, from the redirects it knows; this one is kept as " + hostRedirects + " at the new site's root: add its lines to the host's configuration, or make them aliases"})
		} else if what, ok := builtFiles[out]; ok && kind != "" {
			// The build would refuse it as the same file as its own.
			aside := path.Base(out) + ".old"
			w.Note(Item{Group: "Files folio writes itself, kept aside", File: srcRel, What: fmt.Sprintf("folio writes public/%s itself (%s): this one is kept as %s at the new site's root, unpublished", path.Base(out), what, aside)})
			out = aside
		}
		switch err := w.copyFile(target, out); {
		case errors.Is(err, fs.ErrExist):
			return nil
		case err != nil:
			return err
		}
		if kind != "" {
			w.report.Counts[kind]++
		}
		return nil
	})
}

// NotCopied is the error of CopyFile for a file it refuses to copy.
type NotCopied struct {
	File, Why string
}

func (e *NotCopied) Error() string { return diag.Name(e.File) + ": " + e.Why }

func (w *writer) CopyFile(dir, rel, dest string, kind Kind) error {
	if !fs.ValidPath(rel) || rel == "." {
		return &NotCopied{rel, "not a path inside " + diag.Name(dir)}
	}
	realDir, ok := w.realDirs[dir]
	if !ok {
		var err error
		if realDir, err = sitepath.Real(dir); err != nil {
			return fmt.Errorf("%s: %w", diag.Name(dir), unwrapPath(err))
		}
		w.realDirs[dir] = realDir
	}
	real, err := copyable(dir, realDir, rel)
	if err != nil {
		return err
	}
	if err := w.copyFile(real, dest); err != nil {
		return err
	}
	w.report.Counts[kind]++
	return nil
}

// CheckCopy says, without copying, whether CopyFile would copy the file
// rel of dir, with the errors CopyFile would return: a reader converting
// on several goroutines decides a link at once and copies the file
// later, in order, on the Sink.
func CheckCopy(dir, rel string) error {
	if !fs.ValidPath(rel) || rel == "." {
		return &NotCopied{rel, "not a path inside " + diag.Name(dir)}
	}
	realDir, err := sitepath.Real(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(dir), unwrapPath(err))
	}
	_, err = copyable(dir, realDir, rel)
	return err
}

// copyable is the real path of the file rel of dir (whose real path is
// realDir) when it may be copied; rel is a valid path.
func copyable(dir, realDir, rel string) (string, error) {
	// The real path, every link resolved (a linked folder too), must stay
	// in dir: a link in a copy of uploads may lead anywhere on the machine.
	real, err := sitepath.Real(filepath.Join(dir, filepath.FromSlash(rel)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s: %w", diag.Name(rel), fs.ErrNotExist)
	case err != nil:
		return "", &NotCopied{rel, unwrapPath(err).Error()}
	case !sitepath.Within(real, realDir):
		return "", &NotCopied{rel, "a link to a file outside " + diag.Name(dir) + ", which the migration does not follow"}
	}
	if info, err := os.Stat(real); err != nil || !info.Mode().IsRegular() {
		return "", &NotCopied{rel, "not a regular file"}
	}
	return real, nil
}

// hostRedirects is where a site's own static/_redirects goes.
const hostRedirects = "_redirects.old"

// builtFiles are the files at the root of every site folio builds, as
// they would be copied from a site's static files, with what they are.
var builtFiles = map[string]string{
	"static/index.html":  "the home page",
	"static/404.html":    "the not-found page, from layouts/404.html",
	"static/robots.txt":  "with the address of its sitemap",
	"static/sitemap.xml": "the sitemap of every page",
	"static/index.xml":   "the site's Atom feed",
}

// look copies folio's layouts and static files from the folio site at
// dir (the checkout the command runs in), before anything else, so that
// the new site builds with folio's look as it is; the old site's static
// files do not replace them.
func (w *writer) look(dir string) error {
	if info, err := os.Stat(filepath.Join(dir, "layouts", "baseof.html")); err != nil || !info.Mode().IsRegular() {
		w.Note(Item{Group: "Layouts to add", File: "layouts", What: fmt.Sprintf("folio's layouts were not found in %s: copy layouts/ and static/ from a folio checkout into the new site (or run migrate from one, or give it with -look)", dir)})
		return nil
	}
	real, err := sitepath.Real(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(dir), err)
	}
	for _, d := range []string{"layouts", "static"} {
		if err := w.copyFrom(dir, real, d, d, ""); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the file from, not opened if it is a link (callers
// resolve links they accept first), to rel in the new site.
func (w *writer) copyFile(from, rel string) error {
	in, err := os.OpenFile(from, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return fmt.Errorf("reading %s: %w", diag.Name(from), unwrapPath(err))
	}
	defer in.Close()
	p, err := w.prepare(rel)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(rel), unwrapPath(err))
	}
	w.made(rel)
	// The first bytes tell an image's format, whatever its name says.
	var head [16]byte
	n, err := io.ReadFull(in, head[:])
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	if err == nil {
		if _, err = out.Write(head[:n]); err == nil {
			_, err = io.Copy(out, in)
		}
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying to %s: %w", diag.Name(rel), unwrapPath(err))
	}
	if format := imaging.Sniff(head[:n]); format != "" && imaging.Misnamed(rel, format) != "" {
		w.misnamedMu.Lock()
		w.misnamed = append(w.misnamed, Item{Group: "Images whose name says another format (images.misnamed: warn)", File: rel,
			What: imaging.MisnamedText(path.Base(rel), format) + ", as browsers showed it; folio warns of it"})
		w.misnamedMu.Unlock()
	}
	return nil
}

// config writes config.yaml.
func (w *writer) config(c *Config) error {
	var b bytes.Buffer
	b.WriteString("# Written by go run ./generator migrate; see MIGRATION.md.\n")
	doc := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) {
		var n yaml.Node
		if err := n.Encode(v); err == nil {
			doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &n)
		}
	}
	if c.Title != "" {
		add("title", c.Title)
	}
	if c.BaseURL != "" {
		add("baseURL", c.BaseURL)
	}
	if c.Language != "" {
		add("language", c.Language)
	}
	if c.Timezone != "" {
		add("timezone", c.Timezone)
	}
	if c.Paginate > 0 {
		add("paginate", c.Paginate)
	}
	if c.Permalink != "" {
		add("permalinks", map[string]string{"articles": c.Permalink})
	}
	// The types carry config.yaml's keys.
	if len(c.Taxonomies) > 0 {
		add("taxonomies", c.Taxonomies)
	}
	if len(c.Menu) > 0 {
		add("menu", c.Menu)
	}
	if len(c.Redirects) > 0 {
		add("redirects", c.Redirects)
		w.report.Counts[Redirects] += len(c.Redirects)
	}
	if len(c.Params) > 0 {
		add("params", c.Params)
	}
	if len(w.misnamed) > 0 {
		// The old site showed them: the new one builds, and says which.
		add("images", map[string]string{"misnamed": "warn"})
		slices.SortFunc(w.misnamed, func(a, b Item) int { return strings.Compare(a.File, b.File) })
		for _, it := range w.misnamed {
			w.report.add(it)
		}
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing config.yaml: %w", err)
	}
	enc.Close()
	return w.create("config.yaml", b.Bytes())
}

// frontOrder is the order of the front matter keys folio knows; the
// others follow in alphabetical order.
var frontOrder = []string{
	"title", "name", "date", "updated", "lastmod", "publishDate", "expiryDate", "draft",
	"slug", "url", "aliases", "redirect_from", "summary", "description", "image", "image_alt",
	"authors", "people", "places", "topics", "tags", "categories",
}

// Encode writes front matter as YAML between --- lines, keys in a fixed
// order, followed by body.
func Encode(front map[string]any, body []byte) ([]byte, error) {
	keys := make([]string, 0, len(front))
	for k := range front {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		if i := slices.Index(frontOrder, k); i >= 0 {
			return i
		}
		if k == "comments" { // long: after everything else
			return len(frontOrder) + 1
		}
		return len(frontOrder)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	var b bytes.Buffer
	b.Grow(len(body) + 512)
	b.WriteString("---\n")
	for _, k := range keys {
		if err := writeField(&b, k, front[k]); err != nil {
			return nil, err
		}
	}
	b.WriteString("---\n")
	b.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// writeField writes one front matter line (or block): scalars and lists
// of scalars directly, since encoding each value through yaml.v3 (which
// parses its own output back) is most of a migration's time; maps
// through yaml.v3.
func writeField(b *bytes.Buffer, key string, v any) error {
	b.WriteString(scalar(key))
	b.WriteByte(':')
	switch v := v.(type) {
	case []string:
		if len(v) == 0 {
			b.WriteString(" []\n")
			return nil
		}
		b.WriteByte('\n')
		for _, e := range v {
			b.WriteString("  - ")
			b.WriteString(scalar(e))
			b.WriteByte('\n')
		}
		return nil
	case []any:
		if len(v) == 0 {
			b.WriteString(" []\n")
			return nil
		}
		if allScalars(v) {
			b.WriteByte('\n')
			for _, e := range v {
				b.WriteString("  - ")
				writeScalar(b, e)
				b.WriteByte('\n')
			}
			return nil
		}
	case map[string]any, map[string]string:
	default:
		if isScalar(v) {
			b.WriteByte(' ')
			writeScalar(b, v)
			b.WriteByte('\n')
			return nil
		}
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("front matter field %s: %w", key, err)
	}
	enc.Close()
	b.WriteByte('\n')
	for _, line := range strings.SplitAfter(out.String(), "\n") {
		if line != "" {
			b.WriteString("  ")
			b.WriteString(line)
		}
	}
	return nil
}

func isScalar(v any) bool {
	switch v.(type) {
	case nil, string, bool, int, int64, float64, uint64:
		return true
	}
	return false
}

func allScalars(list []any) bool {
	for _, e := range list {
		if !isScalar(e) {
			return false
		}
	}
	return true
}

func writeScalar(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(scalar(v))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	default:
		fmt.Fprint(b, v)
	}
}

// scalar writes s plain when YAML reads it back as the same string, and
// double-quoted otherwise (Go's quoting is valid YAML for UTF-8 text).
func scalar(s string) string {
	if plainScalar(s) {
		return s
	}
	return strconv.Quote(s)
}

// plainScalar is conservative: text that starts with a letter or /, holds no
// character YAML gives a meaning to, and is not a word YAML reads as a
// boolean or null.
func plainScalar(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || !utf8.ValidString(s) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) && r != '/' {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == 0xfeff || strings.ContainsRune("\"'{}[]|>&*!%@`\\\u0085\u2028\u2029", r) {
			return false
		}
	}
	return true
}

// DescribeImage gives the image of out (its "image" field, when a
// string) the image_alt folio requires beside it: alt when the old site
// had one, else "" (folio's decorative image), noted for a person to
// describe it. file is the source file, for the note.
func DescribeImage(sink Sink, file string, out map[string]any, alt string) {
	img, ok := out["image"].(string)
	if !ok || img == "" {
		return
	}
	if _, has := out["image_alt"]; has && alt == "" {
		return
	}
	out["image_alt"] = alt
	if alt == "" {
		sink.Note(Item{Group: "Images without a description (image_alt left empty)", File: file, Line: 1, What: img + ": describe the image in image_alt, for readers who cannot see it"})
	}
}
