package content

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"folio/generator/diag"
)

// ArticlesDir is where articles live, relative to the site root.
const ArticlesDir = "content/articles"

// Files lists the Markdown files under root/content/articles, as
// slash-separated paths relative to root, sorted.
func Files(root string) ([]string, error) {
	var files []string
	dir := filepath.Join(root, filepath.FromSlash(ArticlesDir))
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
		if !d.IsDir() && strings.EqualFold(path.Ext(name), ".md") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	slices.Sort(files)
	return files, nil
}

// LoadAll parses files (paths relative to root) on every core. The result
// keeps the order of files, with nil for files that failed.
func (p *Parser) LoadAll(root string, files []string) ([]*Article, diag.List) {
	out := make([]*Article, len(files))
	probs := make([]diag.List, len(files))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= len(files) {
					return
				}
				out[k], probs[k] = p.Load(root, files[k])
			}
		}()
	}
	wg.Wait()
	var all diag.List
	for _, l := range probs {
		all = append(all, l...)
	}
	return out, all
}

// Load reads and parses one file.
func (p *Parser) Load(root, name string) (*Article, diag.List) {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, diag.List{diag.Errorf(name, 0, "", "%v", unwrapPath(err))}
	}
	return p.Parse(name, src)
}

// unwrapPath drops the path from an fs error: the problem already names it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
