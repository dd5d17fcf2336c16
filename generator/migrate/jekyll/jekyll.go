// Package jekyll reads a Jekyll or an Eleventy site for package migrate.
// Both keep posts as Markdown files with YAML front matter, often named
// 2015-03-17-title.md, with Liquid in their text; they differ in where
// the settings are (_config.yml; eleventy.config.js, which is JavaScript
// and is not run, and data files) and in how URLs are made.
//
// A post's old URL is computed as the old tool did; when folio's
// permalink pattern (derived from the old one) does not give the same
// path, the article says its URL with url:, and an old address ending in
// .html becomes a redirect (aliases) to the folder URL folio writes.
// Tags and categories stay taxonomies of those names, so their terms keep
// the /tags/x/ addresses such sites often had; author becomes authors.
package jekyll

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"folio/generator/migrate"
	"folio/generator/slug"
	"folio/generator/srcfile"
)

// Reader is the Jekyll reader.
func Reader() migrate.Reader {
	return migrate.Reader{Name: "Jekyll", Detect: DetectJekyll, Open: func(src string, o migrate.Options) (migrate.Source, error) { return open(src, o, false) }}
}

// EleventyReader is the Eleventy reader.
func EleventyReader() migrate.Reader {
	return migrate.Reader{Name: "Eleventy", Detect: DetectEleventy, Open: func(src string, o migrate.Options) (migrate.Source, error) { return open(src, o, true) }}
}

var eleventyConfigs = []string{".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs", "eleventy.config.ts"}

// DetectEleventy reports whether src has an Eleventy configuration, or a
// package.json that depends on Eleventy.
func DetectEleventy(src string) bool {
	return eleventyConfig(src) != "" || func() bool {
		b, err := srcfile.Read(filepath.Join(src, "package.json"), 1<<20)
		return err == nil && bytes.Contains(b, []byte(`"@11ty/eleventy"`))
	}()
}

func eleventyConfig(src string) string {
	for _, n := range eleventyConfigs {
		if isFile(filepath.Join(src, n)) {
			return n
		}
	}
	return ""
}

// DetectJekyll reports whether src has a _config.yml and is not an
// Eleventy site (which may keep one from its Jekyll days).
func DetectJekyll(src string) bool {
	return (isFile(filepath.Join(src, "_config.yml")) || isFile(filepath.Join(src, "_config.yaml"))) && !DetectEleventy(src)
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// site is a Jekyll or Eleventy site being read.
type site struct {
	src      string
	eleventy bool
	opts     migrate.Options
	config   map[string]any // _config.yml
	loc      *time.Location
	// input is the folder templates are read from (Eleventy's dir.input),
	// slash-separated, "" for the root; dataDir is the data folder.
	input, dataDir string
	// permalink is the posts' permalink pattern (Jekyll).
	permalink string
	// pattern is folio's permalink, or "" when every post has a url:.
	pattern     string
	collections map[string]collection
	defaults    []defaultRule
	exclude     []string
	// pages caches the URL of the pages {% link %} names.
	pages map[string]string
	// early are the notes found before Walk has a sink.
	early []migrate.Item
	// jsPermalinks are the directories whose JavaScript data file gave a
	// permalink, each told once.
	told map[string]bool
	// claimed are the old paths given redirects so far, with the file
	// that gives each: one path two files give stays with the first.
	claimed map[string]string
	// data is the data folder's YAML and JSON, read for Liquid's
	// site.data when a file first asks (see siteData).
	data map[string]any
}

// keepAliases drops the old paths of list that an earlier file took,
// each with a line in the report: a site has one page at a path.
func (s *site) keepAliases(list []string, rel string, sink migrate.Sink) []string {
	out := list[:0:0]
	for _, a := range list {
		if first, ok := s.claimed[a]; ok && first != rel {
			sink.Note(migrate.Item{Group: "Old URLs two files redirect (the first keeps it)", File: rel, Line: 1,
				What: fmt.Sprintf("%s is also redirected by %s: not a redirect here", a, first)})
			continue
		}
		s.claimed[a] = rel
		out = append(out, a)
	}
	return out
}

type collection struct {
	output    bool
	permalink string
}

type defaultRule struct {
	path, typ string
	values    map[string]any
}

func open(src string, opts migrate.Options, eleventy bool) (migrate.Source, error) {
	s := &site{src: src, eleventy: eleventy, opts: opts, config: map[string]any{}, loc: time.UTC,
		collections: map[string]collection{}, pages: map[string]string{}, told: map[string]bool{}, claimed: map[string]string{}, dataDir: "_data"}
	for _, n := range []string{"_config.yml", "_config.yaml"} {
		b, err := srcfile.Read(filepath.Join(src, n), srcfile.MaxText)
		if err != nil {
			continue
		}
		if err := yaml.Unmarshal(b, &s.config); err != nil {
			return nil, fmt.Errorf("%s: %v", n, err)
		}
		if s.config == nil {
			s.config = map[string]any{}
		}
		break
	}
	if tz, ok := s.config["timezone"].(string); ok && tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("_config.yml: timezone: %q is not a known time zone", tz)
		}
		s.loc = loc
	}
	if eleventy {
		s.readEleventyConfig()
		s.pattern = s.samplePattern()
		return s, nil
	}
	s.permalink, _ = s.config["permalink"].(string)
	if cols, ok := s.config["collections"].(map[string]any); ok {
		for name, v := range cols {
			m, _ := v.(map[string]any)
			out, _ := m["output"].(bool)
			pl, _ := m["permalink"].(string)
			s.collections[name] = collection{output: out, permalink: pl}
		}
	}
	if c, ok := s.collections["posts"]; ok && c.permalink != "" {
		s.permalink = c.permalink
	}
	if list, ok := s.config["defaults"].([]any); ok {
		for _, d := range list {
			m, _ := d.(map[string]any)
			scope, _ := m["scope"].(map[string]any)
			values, _ := m["values"].(map[string]any)
			p, _ := scope["path"].(string)
			t, _ := scope["type"].(string)
			s.defaults = append(s.defaults, defaultRule{path: strings.Trim(p, "/"), typ: t, values: values})
		}
	}
	if list, ok := s.config["exclude"].([]any); ok {
		for _, e := range list {
			if e, ok := e.(string); ok {
				s.exclude = append(s.exclude, strings.Trim(e, "/"))
			}
		}
	}
	if d, ok := s.config["data_dir"].(string); ok && d != "" {
		s.dataDir = strings.Trim(d, "/")
	}
	s.pattern, _ = folioPattern(s.permalink)
	return s, nil
}

// Config maps _config.yml (or, for Eleventy, what can be read without
// running JavaScript) to folio's config.yaml.
func (s *site) Config() (*migrate.Config, error) {
	str := func(k string) string { v, _ := s.config[k].(string); return strings.TrimSpace(v) }
	c := &migrate.Config{Title: str("title"), Timezone: s.loc.String(), Permalink: s.pattern, Params: map[string]any{}}
	if c.Title == "" {
		c.Title = str("name")
	}
	if u := str("url"); u != "" {
		c.BaseURL = strings.TrimSuffix(u, "/") + "/" + strings.Trim(str("baseurl"), "/")
		c.BaseURL = strings.TrimSuffix(c.BaseURL, "/") + "/"
	} else if b := strings.Trim(str("baseurl"), "/"); b != "" {
		c.BaseURL = "/" + b + "/"
	}
	for _, k := range []string{"lang", "locale", "language"} {
		if l := str(k); l != "" {
			c.Language = strings.ReplaceAll(l, "_", "-")
			break
		}
	}
	if n, ok := s.config["paginate"].(int); ok && n > 0 {
		c.Paginate = n
	}
	if d := str("description"); d != "" {
		c.Params["description"] = d
	}
	c.Taxonomies = []migrate.Taxonomy{
		{Name: "authors", Title: "Authors", Singular: "Author"},
		{Name: "categories", Title: "Categories", Singular: "Category"},
		{Name: "tags", Title: "Tags", Singular: "Tag"},
	}
	return c, nil
}

// Walk reads the site: posts and article collections, pages, data and
// static files, and tells what stays behind.
func (s *site) Walk(sink migrate.Sink) error {
	for _, it := range s.early {
		sink.Note(it)
	}
	s.notePlugins(sink)
	root := filepath.Join(s.src, filepath.FromSlash(s.input))
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(s.src, p)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if d.IsDir() {
			if p == root {
				return nil
			}
			if s.skipDir(rel, name) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, rel := range files {
		if err := s.file(sink, rel); err != nil {
			return err
		}
	}
	if s.dataDir != "" {
		if err := s.copyData(sink); err != nil {
			return err
		}
		if err := s.authorProfiles(sink); err != nil {
			return err
		}
	}
	return nil
}

// skipDir says which folders hold no content nor static files: Jekyll's
// own (_layouts, _includes, _sass…, read elsewhere or told), hidden ones,
// build output and dependencies.
func (s *site) skipDir(rel, name string) bool {
	switch name {
	case "node_modules", "vendor", "_site", ".git", ".github", ".jekyll-cache", ".sass-cache":
		return true
	}
	if strings.HasPrefix(name, ".") || s.excluded(rel) {
		return true
	}
	if strings.HasPrefix(name, "_") && !s.eleventy {
		// Posts, drafts and collections are walked; the rest is told.
		return !(name == "_posts" || name == "_drafts" || strings.Contains(rel, "/_posts") || s.collectionDir(name) != "")
	}
	if s.eleventy {
		in := strings.TrimPrefix(strings.TrimPrefix(rel, s.input), "/")
		return in == "_includes" || in == "_data" || rel == s.dataDir || strings.HasPrefix(in, "_includes/") || name == "_11ty"
	}
	return false
}

func (s *site) collectionDir(name string) string {
	c := strings.TrimPrefix(name, "_")
	if _, ok := s.collections[c]; ok && c != "posts" {
		return c
	}
	return ""
}

func (s *site) excluded(rel string) bool {
	for _, e := range s.exclude {
		if rel == e || strings.HasPrefix(rel, e+"/") {
			return true
		}
	}
	return false
}

// notePlugins tells the Jekyll plugins the site used and the folders
// whose files folio does not read.
func (s *site) notePlugins(sink migrate.Sink) {
	for _, key := range []string{"plugins", "gems"} {
		list, _ := s.config[key].([]any)
		for _, p := range list {
			name := fmt.Sprint(p)
			what := "plugin " + name + " is not run by folio"
			switch name {
			case "jekyll-redirect-from":
				continue // redirect_from is read
			case "jekyll-feed", "jekyll-sitemap", "jekyll-seo-tag", "jekyll-paginate":
				what = "plugin " + name + ": folio writes its own feeds, sitemap, meta tags and list pages"
			}
			sink.Note(migrate.Item{Group: "Plugins", File: "_config.yml", What: what})
		}
	}
	for _, dir := range []string{"_layouts", "_includes", "_plugins", "_sass"} {
		if s.eleventy {
			break
		}
		entries, err := os.ReadDir(filepath.Join(s.src, dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			sink.Note(migrate.Item{Group: "Layouts, includes and plugins not migrated (folio's default layouts are used)", File: dir + "/" + e.Name(), What: "not read by folio"})
		}
	}
}

// file handles one file of the site.
func (s *site) file(sink migrate.Sink, rel string) error {
	base := path.Base(rel)
	ext := strings.ToLower(path.Ext(base))
	if s.configFile(rel) || s.excluded(rel) {
		return nil
	}
	isMarkdown := ext == ".md" || ext == ".markdown" || ext == ".mdown" || ext == ".mkd"
	if !s.eleventy && !strings.Contains("/"+rel, "/_") && !isMarkdown && !hasFrontMatter(filepath.Join(s.src, filepath.FromSlash(rel))) {
		return sink.Copy(rel, "static/"+rel)
	}
	if s.eleventy && !isMarkdown {
		if templateExt[ext] || strings.Contains(base, ".11tydata.") || (ext == ".json" && strings.TrimSuffix(base, ext) == path.Base(path.Dir(rel))) {
			if !strings.Contains(base, ".11tydata.") && ext != ".json" {
				sink.Note(migrate.Item{Group: "Templates not migrated", File: rel, What: "an Eleventy template folio does not read"})
			}
			return nil
		}
		dest := strings.TrimPrefix(strings.TrimPrefix(rel, s.input), "/")
		return sink.Copy(rel, "static/"+dest)
	}
	if !isMarkdown {
		what := "a page made by a template (HTML with front matter), not migrated"
		if ext == ".scss" || ext == ".sass" || ext == ".css" {
			what = "a stylesheet Jekyll compiles, not migrated: folio's layouts bring their own"
		}
		sink.Note(migrate.Item{Group: "Templates not migrated", File: rel, What: what})
		return nil
	}
	return s.markdown(sink, rel)
}

var templateExt = map[string]bool{".njk": true, ".liquid": true, ".html": true, ".11ty.js": true, ".hbs": true, ".mustache": true, ".ejs": true, ".pug": true, ".haml": true}

// configFile reports files that configure the old tool or the project.
func (s *site) configFile(rel string) bool {
	if strings.Contains(rel, "/") {
		return false
	}
	switch strings.ToLower(rel) {
	case "_config.yml", "_config.yaml", "gemfile", "gemfile.lock", "package.json", "package-lock.json", "yarn.lock",
		"readme.md", "license", "license.md", "license.txt", "contributing.md", "changelog.md", "code_of_conduct.md", "security.md",
		"netlify.toml", "vercel.json", "dockerfile", "docker-compose.yml", "rakefile", "makefile":
		return true
	}
	ext := path.Ext(rel)
	return ext == ".js" || ext == ".cjs" || ext == ".mjs" || ext == ".ts" || ext == ".gemspec" || ext == ".lock"
}

// hasFrontMatter reports whether a file starts with "---", which makes
// Jekyll treat it as a page rather than copy it.
func hasFrontMatter(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 4)
	n, _ := f.Read(b)
	return n >= 3 && string(b[:3]) == "---"
}

// siteData is what Liquid's site.data holds: the data folder's YAML and
// JSON files by name (releases.yml is site.data.releases), those of a
// subfolder under its name. A file that does not parse is left out: the
// Liquid that reads it is then told as not converted.
func (s *site) siteData() map[string]any {
	if s.data != nil {
		return s.data
	}
	s.data = map[string]any{}
	root := filepath.Join(s.src, filepath.FromSlash(s.dataDirPath()))
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		ext := strings.ToLower(filepath.Ext(p))
		// A link is not followed: it could lead out of the site.
		if err != nil || !d.Type().IsRegular() || ext != ".yml" && ext != ".yaml" && ext != ".json" {
			return nil
		}
		b, err := srcfile.ReadExact(p, srcfile.MaxText)
		if err != nil {
			return nil
		}
		var v any
		if ext == ".json" {
			err = json.Unmarshal(b, &v)
		} else {
			err = yaml.Unmarshal(b, &v)
		}
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		keys := strings.Split(filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel))), "/")
		m := s.data
		for _, k := range keys[:len(keys)-1] {
			sub, ok := m[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[k] = sub
			}
			m = sub
		}
		m[keys[len(keys)-1]] = v
		return nil
	})
	return s.data
}

// copyData copies the data folder's YAML, JSON and TOML files to data/.
func (s *site) copyData(sink migrate.Sink) error {
	dir := s.dataDirPath()
	root := filepath.Join(s.src, filepath.FromSlash(dir))
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch strings.ToLower(path.Ext(rel)) {
		case ".yml", ".yaml", ".json", ".toml":
			return sink.Copy(dir+"/"+rel, "data/"+rel)
		}
		sink.Note(migrate.Item{Group: "Data files not migrated", File: dir + "/" + rel, What: "folio reads data files in YAML, JSON and TOML only"})
		return nil
	})
}

// frontMatter splits a file into its front matter and body; line is the
// file line the body starts on.
func frontMatter(b []byte) (front []byte, body []byte, line int, ok bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(b, []byte("---")) {
		return nil, b, 1, false
	}
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 || strings.TrimSpace(string(b[3:nl])) != "" {
		return nil, b, 1, false
	}
	rest := b[nl+1:]
	line = 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		l := rest[off:]
		if end >= 0 {
			l = rest[off : off+end]
		}
		line++
		if t := strings.TrimRight(string(l), " \t\r"); t == "---" || t == "..." {
			if end < 0 {
				return rest[:off], nil, line, true
			}
			return rest[:off], rest[off+end+1:], line, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, b, 1, false
}

// slugOf is folio's slug for a name, which must equal the old one for
// a pattern to give the old URL.
func slugOf(s string) string { return slug.Make(s) }

var datedName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)
