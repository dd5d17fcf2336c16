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
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"folio/generator/diag"
	"folio/generator/sitepath"
)

// ArticlePath is where an article dated d with the file slug goes:
// content/articles/YYYY/MM/slug.md.
func ArticlePath(d time.Time, slug string) string {
	return fmt.Sprintf("content/articles/%04d/%02d/%s.md", d.Year(), int(d.Month()), slug)
}

// writer is the Sink writing the new site into root.
type writer struct {
	src, realSrc string
	root         string
	report       *Report
}

func newWriter(src, root, tool string) (*writer, error) {
	realSrc, err := sitepath.Real(src)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", diag.Name(src), err)
	}
	return &writer{src: src, realSrc: realSrc, root: root, report: newReport(tool)}, nil
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

func (w *writer) Article(d *Doc) error { return w.doc(d, Articles) }
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
		err := w.create(name, data)
		if errors.Is(err, fs.ErrExist) && n < 1000 {
			continue
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
	return nil
}

// create writes a new file at rel (slash-separated, inside the new
// site), never over an existing one nor through a link.
func (w *writer) create(rel string, data []byte) error {
	if !fs.ValidPath(rel) || rel == "." {
		return fmt.Errorf("%s: not a path inside the new site", diag.Name(rel))
	}
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("creating the folder of %s: %w", diag.Name(rel), unwrapPath(err))
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", diag.Name(rel), err)
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

// Copy copies src (relative to the source site) to dest. Files already
// written are kept: readers copy what wins (the site's own files before a
// theme's) first. Links are followed only to files inside the source site.
func (w *writer) Copy(src, dest string) error {
	from := filepath.Join(w.src, filepath.FromSlash(src))
	if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	kind := StaticFiles
	if dest == "data" || strings.HasPrefix(dest, "data/") {
		kind = DataFiles
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
			if err != nil || !sitepath.Within(real, w.realSrc) {
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
		switch err := w.copyFile(target, out); {
		case errors.Is(err, fs.ErrExist):
			return nil
		case err != nil:
			return err
		}
		w.report.Counts[kind]++
		return nil
	})
}

func (w *writer) copyFile(from, rel string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("reading %s: %w", diag.Name(from), unwrapPath(err))
	}
	defer in.Close()
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("creating the folder of %s: %w", diag.Name(rel), unwrapPath(err))
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying to %s: %w", diag.Name(rel), unwrapPath(err))
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
	if len(c.Taxonomies) > 0 {
		type tax struct {
			Name     string `yaml:"name"`
			Title    string `yaml:"title,omitempty"`
			Singular string `yaml:"singular,omitempty"`
		}
		list := make([]tax, len(c.Taxonomies))
		for i, t := range c.Taxonomies {
			list[i] = tax(t)
		}
		add("taxonomies", list)
	}
	if len(c.Params) > 0 {
		add("params", c.Params)
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
		return len(frontOrder)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	doc := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range keys {
		var n yaml.Node
		if err := n.Encode(front[k]); err != nil {
			return nil, fmt.Errorf("front matter field %s: %w", k, err)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &n)
	}
	var b bytes.Buffer
	b.Grow(len(body) + 256)
	b.WriteString("---\n")
	if len(keys) > 0 {
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return nil, fmt.Errorf("front matter: %w", err)
		}
		enc.Close()
	}
	b.WriteString("---\n")
	b.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
