package build

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"folio/generator/diag"
	"folio/generator/site"
)

// bundleFiles lists the files of the articles' page bundles: an article
// written as index.md in a folder of its own (content/articles/2024/07/
// my-story/index.md) publishes the folder's other files beside its page
// (/articles/my-story/photo.jpg), where its text and its image: field
// reach them by their names alone (photo.jpg). Markdown files are
// articles, never files of a bundle, and so is a subfolder with an
// index.md of its own: a bundle of its own. Hidden files, editors'
// backups and symbolic links are left out, the links with a warning.
func bundleFiles(root string, articles []*site.Article) ([]staticFile, diag.List) {
	var files []staticFile
	var warnings diag.List
	for _, a := range articles {
		if !strings.EqualFold(path.Base(a.Path), "index.md") {
			continue
		}
		dir := path.Dir(a.Path)
		page := a.URL
		if !strings.HasSuffix(page, "/") {
			page = path.Dir(page) + "/"
		}
		top := filepath.Join(root, filepath.FromSlash(dir))
		_ = filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := d.Name()
			if p != top && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			rel, _ := filepath.Rel(top, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if p != top && hasIndex(p) {
					return filepath.SkipDir // another article's bundle
				}
				return nil
			}
			switch {
			case strings.EqualFold(path.Ext(name), ".md"):
				return nil
			case d.Type()&fs.ModeSymlink != 0:
				warnings = append(warnings, diag.Warnf(path.Join(dir, rel), 0, "", "a symbolic link in a page bundle is not published: copy the file there instead"))
				return nil
			case !d.Type().IsRegular():
				return nil
			}
			files = append(files, staticFile{name: strings.TrimPrefix(page, "/") + rel, src: p, path: path.Join(dir, rel)})
			return nil
		})
	}
	return files, warnings
}

// hasIndex reports whether the folder dir has an index.md, in any case
// (as an article's file is told by its name): it is a bundle's folder.
func hasIndex(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.EqualFold(e.Name(), "index.md") && e.Type().IsRegular() {
			return true
		}
	}
	return false
}
