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
	"folio/generator/sitepath"
	"folio/generator/slug"
)

// Article writes content/articles/YYYY/MM/<slug>.md under root for a new
// article titled title, dated now in the site's time zone, and returns the
// file's path relative to root: a draft with an empty list per taxonomy.
func Article(root string, cfg *config.Config, title string, now time.Time) (string, error) {
	var fm strings.Builder
	fm.WriteString("draft: true  # delete this line to publish the article\n")
	for _, t := range cfg.Taxonomies {
		fmt.Fprintf(&fm, "%s: []\n", t.Name)
	}
	fm.WriteString("summary: \"\"\n")
	return write(root, cfg, title, now, fm.String(), "")
}

// write writes content/articles/YYYY/MM/<slug>.md under root with title
// and date (in the site's time zone, to the minute), the front matter
// lines fm after them, and body. It never replaces a file: it refuses a
// title whose slug an article's file already has, since two articles
// cannot share an address.
func write(root string, cfg *config.Config, title string, date time.Time, fm, body string) (string, error) {
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
	date = date.In(loc).Truncate(time.Minute)
	dir := path.Join(content.ArticlesDir, date.Format("2006/01"))
	name := path.Join(dir, s+".md")
	real, err := sitepath.MkdirInside(root, dir)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dir, err)
	}
	src := "---\ntitle: " + strconv.Quote(title) + "\ndate: " + date.Format(time.RFC3339) + "\n" + fm + "---\n\n" + body
	// O_EXCL: a file that appeared since the check above is not replaced,
	// and a link in its place is not followed.
	f, err := os.OpenFile(filepath.Join(real, s+".md"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: edit it, or choose another title", name)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if _, err := f.WriteString(src); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return name, f.Close()
}
