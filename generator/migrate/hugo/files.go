package hugo

import (
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
		if err := sink.Copy(d, "static"); err != nil {
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
