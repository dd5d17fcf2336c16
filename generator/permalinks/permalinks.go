// Package permalinks keeps the record of the addresses the site's
// articles were published at, so that an address, once published, keeps
// leading to its article: when an article's URL changes (its slug, its
// date, its url:), the build makes its old addresses redirects to the new
// one. The record is a file of the site, content/permalinks.tsv, which
// the command-line build keeps up to date and the site's owner commits
// with the articles: a build on a fresh clone (CI) knows every address
// the site ever had.
package permalinks

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"folio/generator/atomicfile"
	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
	"folio/generator/urlpath"
)

// File is the record, relative to the site root.
const File = "content/permalinks.tsv"

const header = `# The addresses folio published each article at, oldest first: an article
# whose URL changes keeps its old ones as redirects. folio keeps this file;
# commit it with the articles. Remove a line only to let an old address go.
`

// Record maps each article's file to the URLs it was published at,
// oldest first.
type Record struct {
	urls  map[string][]string
	dirty bool
	// unread: the record is there but could not be read, and is then
	// never written over (that would lose every old address in it).
	unread bool
}

// Load reads the record of the site at root; a missing one is empty. A
// line that is not a file and a URL is a warning, and is dropped. The
// record is read line by line, with no limit to its size: it grows some
// 140 bytes an article, 142 MB at a million articles, past what the
// generator reads of a file whole.
func Load(root string) (*Record, diag.List) {
	r := &Record{urls: map[string][]string{}}
	f, _, err := srcfile.Open(filepath.Join(root, filepath.FromSlash(File)))
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	unread := func(err error) (*Record, diag.List) {
		r.urls, r.unread = map[string][]string{}, true
		return r, diag.List{diag.Warnf(File, 0, "", "not read: %v; old addresses of moved articles are not redirected this time, and the file is left as it is", err)}
	}
	if err != nil {
		return unread(err)
	}
	defer f.Close()
	var probs diag.List
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, u, ok := strings.Cut(line, "\t")
		page, err := urlpath.Page(u)
		if !ok || path == "" || err != nil || page != u {
			probs = append(probs, diag.Warnf(File, n, "", "not a file and an address apart by a tab: %q (dropped)", line))
			r.dirty = true
			continue
		}
		if !slices.Contains(r.urls[path], u) {
			r.urls[path] = append(r.urls[path], u)
		}
	}
	if err := sc.Err(); err != nil {
		return unread(err)
	}
	return r, probs
}

// Old are the URLs the article of path was published at, other than url.
func (r *Record) Old(path, url string) []string {
	var out []string
	for _, u := range r.urls[path] {
		if u != url {
			out = append(out, u)
		}
	}
	return out
}

// Publish records that the article of path is at url now.
func (r *Record) Publish(path, url string) {
	if list := r.urls[path]; !slices.Contains(list, url) {
		r.urls[path] = append(list, url)
		r.dirty = true
	}
}

// Save writes the record, when it changed, whole or not at all: sorted
// by file, so that it changes in a commit by the lines that changed.
func (r *Record) Save(root string) error {
	if !r.dirty || r.unread {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(header)
	paths := make([]string, 0, len(r.urls))
	for p := range r.urls {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		for _, u := range r.urls[p] {
			fmt.Fprintf(&b, "%s\t%s\n", p, u)
		}
	}
	name := filepath.Join(root, filepath.FromSlash(File))
	// Not through a link out of the site: content/ may be one.
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return err
	}
	if dir, err := sitepath.Real(filepath.Dir(name)); err != nil || !sitepath.Within(dir, absRoot) {
		return fmt.Errorf("%s leads out of the site: the record of published addresses is not written there", filepath.Dir(File))
	}
	if info, err := os.Lstat(name); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file: the record of published addresses is not written through it", File)
	}
	if err := atomicfile.Write(name, b.Bytes()); err != nil {
		return err
	}
	// A file of the site, as readable as the articles beside it.
	_ = os.Chmod(name, 0o644)
	r.dirty = false
	return nil
}
