package content

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"folio/generator/diag"
	"folio/generator/parallel"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// ArticlesDir is where articles live, relative to the site root.
const ArticlesDir = "content/articles"

// Files lists the Markdown files under root/content/articles, as
// slash-separated paths relative to root, sorted.
func Files(root string) ([]string, error) {
	files, _, err := Scan(root)
	return files, err
}

// Scan is Files with warnings about the symbolic links it did not follow.
// A link to a Markdown file inside the site root is read like the file;
// links that lead out of the site, and links to folders (which could form
// loops), are not followed.
func Scan(root string) ([]string, diag.List, error) {
	return scanDir(root, ArticlesDir, true)
}

// scanDir lists the Markdown files under dir (relative to root) by the
// rules of Scan. Hugo's _index.md is left out with a note when noIndex
// is set.
func scanDir(root, dir string, noIndex bool) ([]string, diag.List, error) {
	top := dir
	var files []string
	var warnings diag.List
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, nil, err
	}
	dir, err = sitepath.Folder(root, top)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, diag.List{diag.Errorf(top, 0, "", "%v", err)}
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && os.IsNotExist(err) {
				return fs.SkipAll
			}
			return err
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && p != dir {
			// Editors' swap files and hidden folders are not articles.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = path.Join(top, filepath.ToSlash(rel))
		if noIndex && strings.EqualFold(name, hugoIndex) {
			// Hugo's introduction to a section, which archives coming
			// from it carry: never an article.
			warnings = append(warnings, diag.Warnf(rel, 0, "", "a section's introduction, as Hugo has them, not an article: not read"))
			return nil
		}
		if w := unreadable(absRoot, p, rel, d.Type()); w != nil {
			warnings = append(warnings, w)
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", top, err)
	}
	slices.Sort(files)
	return files, warnings, nil
}

// LoadAll parses files (paths relative to root) on every core. The result
// keeps the order of files, with nil for files that failed.
func (p *Parser) LoadAll(root string, files []string) ([]*Article, diag.List) {
	out, probs, _ := p.LoadAllKnown(root, files, nil)
	return out, probs
}

// LoadAllKnown is LoadAll, with the hashes of the files that known
// gives (see LoadKnown); known may be nil. unread counts the files the
// store spared reading.
func (p *Parser) LoadAllKnown(root string, files []string, known func(name string) ([sha256.Size]byte, bool)) (arts []*Article, all diag.List, unread int) {
	out := make([]*Article, len(files))
	probs := make([]diag.List, len(files))
	var spared atomic.Int64
	parallel.For(len(files), func() func(int) {
		return func(k int) {
			if known != nil {
				if sum, ok := known(files[k]); ok {
					var skipped bool
					out[k], probs[k], skipped = p.LoadKnown(root, files[k], sum)
					if skipped {
						spared.Add(1)
					}
					return
				}
			}
			out[k], probs[k] = p.Load(root, files[k])
		}
	})
	for _, l := range probs {
		all = append(all, l...)
	}
	return out, all, int(spared.Load())
}

// LoadKnown is Load for a file whose hash the caller knows (from the
// last build, by the file's size and times): the parser's store gives
// the article without reading the file, when it has it. The file is
// read, and its hash taken anew, when the store has no such article.
// unread is true when the file was not read.
func (p *Parser) LoadKnown(root, name string, sum [sha256.Size]byte) (a *Article, probs diag.List, unread bool) {
	if p.store != nil {
		if a, probs, ok := p.fromStore(p.recordKey(name, sum), name); ok && a.Sum == sum {
			if a.stored != nil {
				a.stored.file = filepath.Join(root, filepath.FromSlash(name))
			}
			return a, probs, true
		}
	}
	a, probs = p.Load(root, name)
	return a, probs, false
}

// Load reads and parses one file.
func (p *Parser) Load(root, name string) (*Article, diag.List) {
	src, err := srcfile.Read(filepath.Join(root, filepath.FromSlash(name)), srcfile.MaxText)
	if err != nil {
		return nil, diag.List{diag.Errorf(name, 0, "", "%v", unwrapPath(err))}
	}
	a, probs := p.Parse(name, src)
	if a != nil && a.stored != nil {
		a.stored.file = filepath.Join(root, filepath.FromSlash(name))
	}
	return a, probs
}

// unwrapPath drops the path from an fs error: the problem already names it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// unreadable returns the warning that says why the file at p (rel to the
// user, of type typ) is not read, or nil when it may be: a regular file,
// or a link to one inside the site. Pipes and devices would hang a read;
// a link out of the site would publish what it points to.
func unreadable(absRoot, p, rel string, typ fs.FileMode) *diag.Problem {
	if typ.IsRegular() {
		return nil
	}
	if typ&fs.ModeSymlink == 0 {
		return diag.Warnf(rel, 0, "", "%s, not a regular file: not read", srcfile.Kind(typ))
	}
	target, err := sitepath.Real(p)
	info, statErr := os.Stat(p)
	switch {
	case err != nil || statErr != nil:
		return diag.Warnf(rel, 0, "", "a broken link, not read")
	case !info.Mode().IsRegular():
		return diag.Warnf(rel, 0, "", "a link to something other than a file, not read")
	case !sitepath.Within(target, absRoot):
		return diag.Warnf(rel, 0, "", "a link to %s, outside the site, not read", target)
	}
	return nil
}
