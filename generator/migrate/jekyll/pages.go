package jekyll

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/migrate"
	"folio/generator/srcfile"
)

// page migrates a Markdown file that is not a post: About, Contact, a
// document of a collection. It goes to content/pages/, at its old URL.
// dataOutputs are the extensions of what a template makes that is no
// page (a feed, a sitemap, a search index): a page's address with
// another extension (/about.php) is an old page's.
var dataOutputs = map[string]bool{".xml": true, ".rss": true, ".atom": true, ".json": true, ".txt": true,
	".js": true, ".css": true, ".webmanifest": true, ".ics": true, ".csv": true, ".yml": true, ".yaml": true}

func (s *site) page(sink migrate.Sink, src *source) error {
	rel := src.rel
	var old string
	if s.eleventy {
		var ok bool
		if old, ok = s.eleventyURL(sink, src, "", time.Time{}); !ok {
			return nil
		}
	} else {
		old = s.jekyllPageURL(src)
	}
	if old == "/" {
		sink.Note(migrate.Item{Group: "Pages not migrated", File: rel, What: "the home page: folio makes its own"})
		return nil
	}
	if ext := strings.ToLower(path.Ext(old)); dataOutputs[ext] {
		sink.Note(migrate.Item{Group: "Templates not migrated", File: rel,
			What: fmt.Sprintf("makes %s, which is no page: folio writes its own feeds, sitemap and robots.txt", diag.Text(old))})
		return nil
	}
	if old == "/404.html" || old == "/404/" {
		sink.Note(migrate.Item{Group: "Pages not migrated", File: rel, What: "the not-found page: folio makes its own from layouts/404.html; move its text there"})
		return nil
	}
	want, redirect := newURL(old)
	stem := strings.TrimPrefix(strings.TrimSuffix(rel, path.Ext(rel)), s.input)
	stem = strings.Trim(stem, "/")
	// _docs/x.md is content/pages/docs/x.md.
	parts := strings.Split(stem, "/")
	for i, p := range parts {
		parts[i] = strings.TrimPrefix(p, "_")
	}
	stem = strings.Join(parts, "/")
	out := map[string]any{}
	title, _ := src.front["title"].(string)
	if strings.TrimSpace(title) == "" {
		title = titleize(path.Base(stem))
	}
	out["title"] = title
	file := "content/pages/" + stem + ".md"
	if u, _ := content.PathURL(file); want != u {
		out["url"] = want
	}
	aliases := words(src.front["redirect_from"], nil)
	if redirect {
		aliases = append([]string{old}, aliases...)
	}
	if aliases = s.keepAliases(dedupe(aliases), rel, sink); len(aliases) > 0 {
		out["aliases"] = aliases
	}
	if pub, ok := src.front["published"].(bool); ok && !pub {
		out["draft"] = true
	}
	for _, k := range []string{"excerpt", "description", "summary"} {
		if v, ok := src.front[k].(string); ok && v != "" {
			out["summary"] = v
			break
		}
	}
	return sink.Page(&migrate.Doc{Source: rel, Path: file, Front: out, Body: []byte(s.convertBody(sink, src))})
}

// jekyllPageURL is the URL Jekyll gives a page or a collection document.
func (s *site) jekyllPageURL(src *source) string {
	rel := src.rel
	noExt := strings.TrimSuffix(rel, path.Ext(rel))
	dir, base := path.Split(noExt)
	if p, ok := src.front["permalink"].(string); ok && p != "" {
		return jekyllURL(strings.NewReplacer(":basename", base, ":path", strings.Trim(dir, "/")).Replace(p),
			doc{Slug: base, Path: noExt, Ext: ".html"})
	}
	if c := s.collectionDir(strings.SplitN(rel, "/", 2)[0]); c != "" {
		pattern := s.collections[c].permalink
		if pattern == "" {
			pattern = "/:collection/:path:output_ext"
		}
		within := strings.SplitN(noExt, "/", 2)[1]
		return jekyllURL(pattern, doc{Collection: c, Path: within, Slug: path.Base(within), Ext: ".html"})
	}
	pretty := s.permalink == "pretty" || strings.HasSuffix(s.permalink, "/")
	switch {
	case base == "index":
		return "/" + dir
	case pretty:
		return "/" + noExt + "/"
	}
	return "/" + noExt + ".html"
}

// readEleventyConfig reads what it can of the Eleventy configuration
// without running it: the input and data folders when they are written
// as plain strings.
func (s *site) readEleventyConfig() {
	name := eleventyConfig(s.src)
	if name == "" {
		return
	}
	b, err := srcfile.Read(filepath.Join(s.src, name), srcfile.MaxText)
	if err != nil {
		return
	}
	js := string(b)
	if m := regexp.MustCompile(`\binput\s*:\s*["'\x60]([^"'\x60]*)["'\x60]`).FindStringSubmatch(js); m != nil {
		s.input = strings.Trim(strings.TrimPrefix(m[1], "./"), "/.")
	}
	if m := regexp.MustCompile(`\bdata\s*:\s*["'\x60]([^"'\x60]*)["'\x60]`).FindStringSubmatch(js); m != nil {
		s.dataDir = strings.Trim(strings.TrimPrefix(m[1], "./"), "/")
	}
	if s.input != "" && !strings.HasPrefix(s.dataDir, s.input+"/") {
		s.dataDir = path.Join(s.input, s.dataDir)
	}
	// The site's title and address are usually in a global data file.
	for _, f := range []string{"site.json", "site.yaml", "site.yml", "metadata.json", "metadata.yaml"} {
		b, err := srcfile.Read(filepath.Join(s.src, filepath.FromSlash(s.dataDir), f), 1<<20)
		var m map[string]any
		if err != nil || yaml.Unmarshal(b, &m) != nil {
			continue
		}
		for _, k := range []string{"title", "name", "url", "description", "language", "lang"} {
			if v, ok := m[k].(string); ok && s.config[k] == nil {
				s.config[k] = v
			}
		}
		break
	}
	s.early = append(s.early, migrate.Item{Group: "Eleventy configuration (JavaScript, not run)", File: name,
		What: fmt.Sprintf("read for its folders only (input %q, data %q): its filters, shortcodes and collections are not migrated", "/"+s.input, s.dataDir)})
}

// eleventyURL is the URL Eleventy gives a file: its permalink (front
// matter, then the folders' data files) when it can be read without
// running JavaScript, else the file's path. ok is false when the file
// has no page (permalink: false) or its URL cannot be known.
func (s *site) eleventyURL(sink migrate.Sink, src *source, fileSlug string, date time.Time) (string, bool) {
	rel := src.rel
	noExt := strings.TrimSuffix(rel, path.Ext(rel))
	stem := "/" + strings.Trim(strings.TrimPrefix(noExt, s.input), "/")
	if fileSlug == "" {
		fileSlug = path.Base(stem)
		if m := datedName.FindStringSubmatch(fileSlug); m != nil {
			fileSlug = m[4]
		}
		if fileSlug == "index" {
			fileSlug = path.Base(path.Dir(stem))
		}
	}
	tmpl, from := src.front["permalink"], rel
	if tmpl == nil {
		tmpl, from = s.dirPermalink(rel)
	}
	switch t := tmpl.(type) {
	case bool:
		if !t {
			sink.Note(migrate.Item{Group: "Files not migrated", File: rel, What: "permalink: false (Eleventy writes no page for it)"})
			return "", false
		}
	case string:
		if date.IsZero() {
			date = time.Now().UTC()
		}
		u, err := evalPermalink(t, map[string]string{"page.fileSlug": fileSlug, "page.filePathStem": stem, "title": fmt.Sprint(src.front["title"])}, date)
		if err != nil {
			sink.Note(migrate.Item{Group: "URLs that could not be computed (kept as folio makes them)", File: from, What: fmt.Sprintf("permalink %q: %v", clean(t), err)})
			return stem + "/", true
		}
		if from != rel && strings.HasSuffix(from, ".js") && !s.told[from] {
			s.told[from] = true
			sink.Note(migrate.Item{Group: "Eleventy configuration (JavaScript, not run)", File: from, What: fmt.Sprintf("permalink read as %q: check that old URLs look like %s", clean(t), u)})
		}
		u = strings.TrimSuffix(u, "index.html")
		for strings.Contains(u, "//") {
			u = strings.ReplaceAll(u, "//", "/")
		}
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		return u, true
	}
	if path.Base(stem) == "index" {
		return path.Dir(stem) + "/", true
	}
	return stem + "/", true
}

// dirPermalink finds the permalink the folders' data files give a file:
// dir/dir.11tydata.json or .js, dir/dir.json, nearest folder first.
func (s *site) dirPermalink(rel string) (any, string) {
	for dir := path.Dir(rel); dir != "." && dir != "/" && dir != s.input; dir = path.Dir(dir) {
		name := path.Base(dir)
		for _, f := range []string{name + ".11tydata.json", name + ".json", name + ".11tydata.js", name + ".11tydata.cjs", name + ".11tydata.mjs"} {
			p := dir + "/" + f
			b, err := srcfile.Read(filepath.Join(s.src, filepath.FromSlash(p)), 1<<20)
			if err != nil {
				continue
			}
			if strings.HasSuffix(f, ".json") {
				var m map[string]any
				if json.Unmarshal(b, &m) == nil {
					if v, ok := m["permalink"]; ok {
						return v, p
					}
				}
				continue
			}
			if v, ok := jsPermalink(string(b)); ok {
				return v, p
			}
		}
	}
	return nil, ""
}

// jsPermalink reads the permalink of a JavaScript data file when it is a
// string, or a function returning a template literal: the first string
// after "permalink". ${x} in a template literal is read as {{ x }}.
func jsPermalink(js string) (any, bool) {
	i := regexp.MustCompile(`\bpermalink\s*:`).FindStringIndex(js)
	if i == nil {
		return nil, false
	}
	rest := js[i[1]:]
	if strings.HasPrefix(strings.TrimSpace(rest), "false") {
		return false, true
	}
	m := regexp.MustCompile(`^[^"'\x60]*?(["'\x60])`).FindStringSubmatchIndex(rest)
	if m == nil || m[3]-m[2] != 1 {
		return nil, false
	}
	q := rest[m[2]]
	end := strings.IndexByte(rest[m[3]:], q)
	if end < 0 || end > 300 {
		return nil, false
	}
	lit := rest[m[3] : m[3]+end]
	lit = regexp.MustCompile(`\$\{\s*(?:data\.)?([^}]*?)\s*\}`).ReplaceAllString(lit, "{{ $1 }}")
	return lit, true
}

// evalPermalink evaluates an Eleventy permalink template: variables
// page.fileSlug, page.filePathStem and title, filters slugify/slug and,
// on page.date, date with a strftime format, or a filter named like
// toDatePath (read as YYYY/MM/DD, and told).
func evalPermalink(t string, vars map[string]string, date time.Time) (string, error) {
	var err error
	out := regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`).ReplaceAllStringFunc(t, func(m string) string {
		expr := strings.TrimSpace(strings.Trim(m, "{}-"))
		parts := splitFilters(expr)
		v := strings.TrimSpace(parts[0])
		val, isVar := vars[v]
		isDate := v == "page.date" || v == "date"
		if !isVar && !isDate {
			err = fmt.Errorf("%s is not known", v)
			return ""
		}
		for _, f := range parts[1:] {
			name, arg, _ := strings.Cut(strings.TrimSpace(f), ":")
			name = strings.TrimSpace(name)
			arg = strings.Trim(strings.TrimSpace(arg), `"'`)
			if strings.HasPrefix(name, "date(") || strings.HasPrefix(name, "date ") {
				arg = strings.Trim(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(name, "date"), ")")), `("'`)
				name = "date"
			}
			switch {
			case name == "slugify" || name == "slug":
				val = slugOf(val)
			case isDate && name == "date" && arg != "":
				val, isDate = strftime(arg, date), false
			case isDate && regexp.MustCompile(`(?i)date.?path`).MatchString(name):
				val, isDate = date.UTC().Format("2006/01/02"), false
			default:
				err = fmt.Errorf("the filter %s is not known", name)
				return ""
			}
		}
		if isDate {
			err = fmt.Errorf("page.date without a format")
		}
		return val
	})
	return out, err
}

// strftime formats t with the common directives of Liquid's date filter.
func strftime(f string, t time.Time) string {
	r := strings.NewReplacer("%Y", "2006", "%m", "01", "%d", "02", "%y", "06", "%H", "15", "%M", "04", "%S", "05", "%b", "Jan", "%B", "January",
		"yyyy", "2006", "LL", "01", "MM", "01", "dd", "02")
	return t.Format(r.Replace(f))
}

// discard is a sink that keeps nothing, for reading a sample post.
type discard struct{ migrate.Sink }

func (discard) Note(migrate.Item) {}

// samplePattern derives folio's permalink from the URL Eleventy gives the
// first post: its date and slug replaced by :year, :month, :day, :slug.
// Posts whose URL the pattern does not give say theirs with url:.
func (s *site) samplePattern() string {
	var first string
	root := filepath.Join(s.src, filepath.FromSlash(s.input))
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || first != "" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(s.src, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != root && s.skipDir(rel, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if e := path.Ext(rel); (e == ".md" || e == ".markdown") && s.isArticle(rel) {
			first = rel
		}
		return nil
	})
	if first == "" {
		return ""
	}
	src, err := s.read(first)
	if err != nil {
		return ""
	}
	date, fileSlug := s.postDate(src)
	if date.IsZero() {
		return ""
	}
	old, ok := s.eleventyURL(discard{}, src, fileSlug, date)
	clear(s.told) // the walk tells them
	if !ok {
		return ""
	}
	want, _ := newURL(old)
	sl := slugify(fileSlug, false)
	p := strings.Replace(want, "/"+sl+"/", "/:slug/", 1)
	for _, r := range [][2]string{{date.Format("2006"), ":year"}, {date.Format("01"), ":month"}, {date.Format("02"), ":day"}} {
		p = strings.Replace(p, "/"+r[0]+"/", "/"+r[1]+"/", 1)
	}
	p, ok = folioPattern(p)
	if !ok || applyFolio(p, sl, date) != want {
		return ""
	}
	return p
}
