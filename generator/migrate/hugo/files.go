package hugo

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"folio/generator/migrate"
)

// imageExts are the asset files copied to static/: images, which content
// refers to by path, unlike stylesheets and scripts, which Hugo pipes.
var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true}

// copyStatic copies the static folder d, but for the pages in it that a
// migrated page's URL claims: Hugo wrote its rendered page over such a
// file (static/champions/index.html under the page /champions/), and
// folio refuses two files at one address.
func (s *site) copyStatic(d string, sink migrate.Sink) error {
	root := filepath.Join(s.src, filepath.FromSlash(d))
	if _, err := os.Lstat(root); err != nil {
		return nil
	}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		r, _ := filepath.Rel(root, p)
		rel := filepath.ToSlash(r)
		if err != nil {
			sink.Note(migrate.Item{Group: "Files not copied", File: path.Join(d, rel), What: "unreadable: " + err.Error()})
			return nil
		}
		if e.IsDir() {
			return nil
		}
		u := "/" + rel
		if path.Base(rel) == "index.html" {
			u = "/" + strings.TrimSuffix(rel, "index.html")
		}
		if c, ok := s.claims.pages[urlKey(u)]; ok && c.live && (c.rel != "" || c.site != "") {
			owner := "content/" + c.rel
			if c.rel == "" {
				owner = c.site
			}
			sink.Note(migrate.Item{Group: "Static files under a page (not copied)", File: path.Join(d, rel),
				What: fmt.Sprintf("the address %s is the page of %s, which Hugo wrote over this file", u, owner)})
			return nil
		}
		return sink.Copy(path.Join(d, rel), path.Join("static", rel))
	})
}

// copyFiles copies static and data folders, the site's before its
// themes', and the images of assets/ to static/ (where a site that
// publishes them with resources.Get has them).
func (s *site) copyFiles(sink migrate.Sink) error {
	var static, data []string
	static = append(static, s.cfg.StaticDirs...)
	data = append(data, s.cfg.DataDir)
	for _, t := range s.cfg.Themes {
		static = append(static, path.Join("themes", t, "static"))
		data = append(data, path.Join("themes", t, "data"))
	}
	for _, d := range static {
		if err := s.copyStatic(d, sink); err != nil {
			return err
		}
	}
	for _, d := range data {
		if err := sink.Copy(d, "data"); err != nil {
			return err
		}
	}
	root := filepath.Join(s.src, filepath.FromSlash(s.cfg.AssetDir))
	if _, err := os.Stat(root); err != nil {
		return nil
	}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !imageExts[strings.ToLower(filepath.Ext(p))] {
			return nil
		}
		r, _ := filepath.Rel(root, p)
		rel := filepath.ToSlash(r)
		return sink.Copy(path.Join(s.cfg.AssetDir, rel), path.Join("static", rel))
	})
}
