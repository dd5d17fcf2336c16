// Package create starts new articles: a Markdown file with its front
// matter filled in, where the archive keeps articles of that month.
package create

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/slug"
)

// Article writes content/articles/YYYY/MM/<slug>.md under root for a new
// article titled title, dated now in the site's time zone, and returns the
// file's path relative to root. It never replaces a file: it refuses a
// title whose slug an article already has, since two articles cannot share
// an address.
func Article(root string, cfg *config.Config, title string, now time.Time) (string, error) {
	title = strings.Join(strings.Fields(title), " ")
	s := slug.Make(title)
	if s == "" {
		return "", fmt.Errorf("the title %q has no letters or digits to make a file name of", title)
	}
	files, err := content.Files(root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	for _, f := range files {
		if strings.TrimSuffix(path.Base(f), path.Ext(f)) == s {
			return "", fmt.Errorf("%s already exists with the slug %q: edit it, or choose another title", f, s)
		}
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc).Truncate(time.Minute)
	name := path.Join(content.ArticlesDir, now.Format("2006/01"), s+".md")
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	fmt.Fprintf(&b, "date: %s\n", now.Format(time.RFC3339))
	b.WriteString("draft: true  # delete this line to publish the article\n")
	for _, t := range cfg.Taxonomies {
		fmt.Fprintf(&b, "%s: []\n", t.Name)
	}
	b.WriteString("summary: \"\"\n---\n\n")
	// O_EXCL: a file that appeared since the check above is not replaced.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: edit it, or choose another title", name)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return name, f.Close()
}
