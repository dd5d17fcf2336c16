package hugo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"folio/generator/migrate"
	"folio/generator/srcfile"
)

// shortcodes translates the site's shortcode templates and its themes':
// a template using only what folio offers is copied to
// layouts/shortcodes/; the others are reported with what stopped them.
// The site's own template of a name wins over a theme's.
func (s *site) shortcodes(sink migrate.Sink) error {
	dirs := []string{"layouts/shortcodes"}
	for _, t := range s.cfg.Themes {
		dirs = append(dirs, path.Join("themes", t, "layouts/shortcodes"))
	}
	done := map[string]bool{}
	for _, dir := range dirs {
		root := filepath.Join(s.src, filepath.FromSlash(dir))
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			r, _ := filepath.Rel(root, p)
			rel := filepath.ToSlash(r)
			file := path.Join(dir, rel)
			name := strings.TrimSuffix(rel, path.Ext(rel))
			if done[name] {
				return nil
			}
			done[name] = true
			if path.Ext(rel) != ".html" || strings.Contains(name, ".") {
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, What: "not an HTML shortcode template (folio's are layouts/shortcodes/NAME.html)"})
				return nil
			}
			if !e.Type().IsRegular() {
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, What: "not a regular file (a link?)"})
				return nil
			}
			src, err := srcfile.Read(p, srcfile.MaxText)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			blockers, line, err := checkShortcode(name, string(src))
			switch {
			case err != nil:
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, What: "does not parse as a Go template: " + err.Error()})
			case len(blockers) > 0:
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, Line: line,
					What: fmt.Sprintf("%s uses %s, which folio's shortcodes do not offer: rewrite it, or its calls fail the build", name, strings.Join(blockers, ", "))})
			default:
				return sink.File("layouts/shortcodes/"+rel, src, migrate.Shortcodes)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

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
