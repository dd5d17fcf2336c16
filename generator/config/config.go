// Package config reads config.yaml: the site's title, address, time zone,
// taxonomies, URL patterns and Markdown options. Every setting has a default,
// so a site without a config file builds too. A Config is immutable once
// loaded and is passed down the pipeline by value of its pointer.
package config

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
	"folio/generator/urlpath"
	"folio/generator/yamlpos"
)

// FileName is the config file looked for at the site root.
const FileName = "config.yaml"

// Config is the whole site configuration.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// BaseURL is where the site is deployed, e.g. https://example.org/archive/.
	// Only absolute URLs (canonical links, feeds) use it: the pages link
	// each other with relative URLs, so the output works under any path.
	BaseURL  string `yaml:"baseURL"`
	Language string `yaml:"language"`
	Timezone string `yaml:"timezone"`
	// Paginate is the number of articles on one list page.
	Paginate int `yaml:"paginate"`
	// PaginateTerms is the number of terms on one page of a taxonomy's
	// index.
	PaginateTerms int `yaml:"paginateTerms"`
	// DateFormat is a Go time layout for dates shown to readers.
	DateFormat string            `yaml:"dateFormat"`
	Permalinks map[string]string `yaml:"permalinks"`
	Taxonomies []Taxonomy        `yaml:"taxonomies"`
	Markdown   Markdown          `yaml:"markdown"`
	Feeds      Feeds             `yaml:"feeds"`
	Images     Images            `yaml:"images"`
	// Mentions links the first mention of each of an article's people and
	// places in its text to the term's page.
	Mentions bool `yaml:"mentions"`
	// Minify shrinks the pages, feeds, stylesheets, scripts and SVG images
	// a build writes: whitespace, comments, optional quotes.
	Minify bool `yaml:"minify"`
	// Search writes the /search/ page and the index it queries (default
	// true); layouts/search.html makes the page.
	Search *bool `yaml:"search"`
	// Params reaches templates as .Site.Params.
	Params map[string]any `yaml:"params"`
	// Menu lists the header's links, in place of the default (the
	// taxonomies, the archive and search).
	Menu []MenuItem `yaml:"menu"`
	// Redirects are old paths of the site that lead to another of its
	// pages, beside those articles, profiles and pages give themselves:
	// a section's list page a migration left behind, an address printed
	// on paper.
	Redirects []Redirect `yaml:"redirects"`

	// Location is Timezone, loaded.
	Location *time.Location `yaml:"-"`
	// Sum identifies the file's bytes, so that a rebuild can tell whether
	// the config changed.
	Sum [sha256.Size]byte `yaml:"-"`
}

// Taxonomy is one way of grouping articles: people, places, topics, authors.
type Taxonomy struct {
	// Name is the front matter key that lists an article's terms (people).
	Name string `yaml:"name"`
	// Path is the URL segment of the taxonomy (default: Name).
	Path string `yaml:"path"`
	// Title names the taxonomy to readers (People).
	Title string `yaml:"title"`
	// Singular names one term (Person). Its lower-case form is accepted as
	// a front matter key for a single term: "author: Jane Doe".
	Singular string `yaml:"singular"`
}

// MenuItem is one link of the header's menu: a site path (/about/) or an
// http(s) address.
type MenuItem struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// Redirect is one of config's redirects: From, an old path, leads to To,
// a page of the site. Both are checked and made whole when the config is
// loaded (urlpath.Alias, urlpath.Page); Line is the item's line.
type Redirect struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
	// Query is the one name=value an old address asked for (/?p=12, as
	// WordPress's plain permalinks are), taken off From: no file can
	// answer it, only the host's redirect file.
	Query string `yaml:"-"`
	Line  int    `yaml:"-"`
}

// Markdown holds the options of the Markdown renderer.
type Markdown struct {
	// Unsafe keeps raw HTML written in Markdown; off, it is dropped.
	Unsafe bool `yaml:"unsafe"`
	// Typographer turns straight quotes, dashes and ellipses into their
	// typographic forms.
	Typographer *bool `yaml:"typographer"`
}

// Feeds holds the options of the Atom feeds of the site and of each term.
type Feeds struct {
	// Items is the number of newest articles in a feed.
	Items int `yaml:"items"`
	// FullContent puts whole articles in feeds instead of summaries.
	FullContent bool `yaml:"fullContent"`
}

// Images are the settings of the pictures pages show (see the imaging
// package).
type Images struct {
	// Widths are the widths, in pixels, each image is made in.
	Widths []int `yaml:"widths"`
	// Quality is the WebP and JPEG quality, 1 to 100.
	Quality int `yaml:"quality"`
	// MaxPixels refuses larger images (width × height).
	MaxPixels int `yaml:"maxPixels"`
	// Misnamed is what an image whose name says another format (a JPEG
	// saved as photo.png) is: "error", the default, or "warn" to go on,
	// processing it as what it is (migrated archives have such files,
	// which browsers showed).
	Misnamed string `yaml:"misnamed"`
	// Cache is the folder of processed images, relative to the site's
	// root: keep it between builds (and CI runs) and nothing is made
	// twice.
	Cache string `yaml:"cache"`
}

// SingularKey is the front matter key for one term of the taxonomy.
func (t Taxonomy) SingularKey() string { return strings.ToLower(t.Singular) }

// Default returns the configuration used when config.yaml is absent.
func Default() *Config {
	c, err := Parse(FileName, nil)
	if err != nil {
		panic("config: the defaults do not validate: " + err.Error())
	}
	return c
}

// DefaultTaxonomies are people, places, topics and authors.
func DefaultTaxonomies() []Taxonomy {
	return []Taxonomy{
		{Name: "people", Title: "People", Singular: "Person"},
		{Name: "places", Title: "Places", Singular: "Place"},
		{Name: "topics", Title: "Topics", Singular: "Topic"},
		{Name: "authors", Title: "Authors", Singular: "Author"},
	}
}

// Load reads root/config.yaml, or returns the defaults when it does not
// exist. Problems name the file and line.
func Load(root string) (*Config, error) {
	path := filepath.Join(root, FileName)
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// Read through a link only while it stays inside the site, as
		// articles, layouts and static files are.
		target, err := sitepath.Real(path)
		realRoot, rerr := sitepath.Real(root)
		if err != nil || rerr != nil || !sitepath.Within(target, realRoot) {
			return nil, diag.List{diag.Errorf(FileName, 0, "", "a broken link, or a link to a file outside the site, which the generator does not read")}
		}
	}
	src, err := srcfile.Read(path, srcfile.MaxText)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(FileName, 0, "", "%v", err)}
	}
	return Parse(FileName, src)
}

// Parse reads a config from src; name is used in problems.
func Parse(name string, src []byte) (*Config, error) {
	c := &Config{Sum: sha256.Sum256(src)}
	if err := yamlpos.DecodeStrict(src, c); err != nil {
		p := &diag.Problem{Path: name, Message: err.Error()}
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			p.Line, p.Column, p.Field, p.Message = ye.Line, ye.Column, ye.Key, ye.Message
		}
		return nil, diag.List{p}
	}
	root, err := yamlpos.Parse(src)
	if err != nil {
		root = &yaml.Node{} // it decoded above, so it parses
	}
	// "paginate: 0" is an error, not a request for the default; a key
	// left blank still gets the default.
	var given struct {
		Paginate      *int `yaml:"paginate"`
		PaginateTerms *int `yaml:"paginateTerms"`
		Feeds         struct {
			Items *int `yaml:"items"`
		} `yaml:"feeds"`
	}
	_ = root.Decode(&given)
	c.fill(given.Paginate != nil, given.PaginateTerms != nil, given.Feeds.Items != nil)
	probs := c.validate(name, keyLines(root))
	probs = append(probs, c.validateMenu(name, itemLines(root, "menu"))...)
	probs = append(probs, c.validateRedirects(name, itemLines(root, "redirects"))...)
	if len(probs) > 0 {
		return nil, probs
	}
	return c, nil
}

// Absolute reports whether the base URL has a scheme and host, as feeds
// and sitemaps need.
func (c *Config) Absolute() bool {
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// SetBaseURL overrides the configured base URL, as the -baseurl flag does.
func (c *Config) SetBaseURL(u string) error {
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	if p, err := url.Parse(u); err != nil || (p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https") {
		return fmt.Errorf("base URL %q is not an http(s) URL or a path", u)
	}
	c.BaseURL = u
	return nil
}

// fill puts defaults in the fields the file left empty.
func (c *Config) fill(paginateGiven, paginateTermsGiven, feedItemsGiven bool) {
	if c.Title == "" {
		c.Title = "Archive"
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Timezone == "" {
		c.Timezone = "UTC"
	}
	if c.Paginate == 0 && !paginateGiven {
		c.Paginate = 20
	}
	if c.PaginateTerms == 0 && !paginateTermsGiven {
		c.PaginateTerms = 200
	}
	if c.Feeds.Items == 0 && !feedItemsGiven {
		c.Feeds.Items = 20
	}
	if c.DateFormat == "" {
		c.DateFormat = "2 January 2006"
	}
	if c.Permalinks == nil {
		c.Permalinks = map[string]string{}
	}
	if c.Permalinks["articles"] == "" {
		c.Permalinks["articles"] = "/articles/:slug/"
	}
	if len(c.Taxonomies) == 0 {
		c.Taxonomies = DefaultTaxonomies()
	}
	for i := range c.Taxonomies {
		t := &c.Taxonomies[i]
		if t.Path == "" {
			t.Path = t.Name
		}
		if t.Title == "" && t.Name != "" {
			t.Title = strings.ToUpper(t.Name[:1]) + t.Name[1:]
		}
	}
	if c.Markdown.Typographer == nil {
		on := true
		c.Markdown.Typographer = &on
	}
	if c.Search == nil {
		on := true
		c.Search = &on
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	if len(c.Images.Widths) == 0 {
		c.Images.Widths = []int{480, 800, 1200, 1600}
	}
	if c.Images.Quality == 0 {
		c.Images.Quality = 75
	}
	if c.Images.MaxPixels == 0 {
		c.Images.MaxPixels = 100_000_000
	}
	if c.Images.Misnamed == "" {
		c.Images.Misnamed = "error"
	}
	if c.Images.Cache == "" {
		c.Images.Cache = ".folio-cache/images"
	}
}

var (
	segmentRe    = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	permalinkVar = regexp.MustCompile(`:[a-z]+`)
)

// validate checks what the YAML decoder cannot: values that parse but make
// no sense. lines maps top-level keys to their line in the file.
func (c *Config) validate(name string, lines map[string]int) diag.List {
	var probs diag.List
	bad := func(field, format string, args ...any) {
		top := field // "taxonomies[0].name" → "taxonomies"
		if i := strings.IndexAny(field, ".["); i >= 0 {
			top = field[:i]
		}
		probs = append(probs, diag.Errorf(name, lines[top], field, format, args...))
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad("timezone", "%q is not a known time zone (use a name such as Europe/Berlin or UTC)", c.Timezone)
	}
	c.Location = loc
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		bad("baseURL", "%q is not an http(s) URL or a path", c.BaseURL)
	}
	if c.Paginate < 1 {
		bad("paginate", "must be a positive number of articles per page, not %d", c.Paginate)
	}
	if c.PaginateTerms < 1 {
		bad("paginateTerms", "must be a positive number of terms per page, not %d", c.PaginateTerms)
	}
	for i, w := range c.Images.Widths {
		if w < 16 || w > 8192 {
			bad(fmt.Sprintf("images.widths[%d]", i), "%d is not a width in pixels from 16 to 8192", w)
		}
	}
	if c.Images.Quality < 1 || c.Images.Quality > 100 {
		bad("images.quality", "must be from 1 to 100, not %d", c.Images.Quality)
	}
	if c.Images.Misnamed != "error" && c.Images.Misnamed != "warn" {
		bad("images.misnamed", "is error or warn, not %q", c.Images.Misnamed)
	}
	if c.Images.MaxPixels < 1 {
		bad("images.maxPixels", "must be a positive number of pixels, not %d", c.Images.MaxPixels)
	}
	if p := filepath.ToSlash(filepath.Clean(c.Images.Cache)); filepath.IsAbs(c.Images.Cache) || p == ".." || strings.HasPrefix(p, "../") ||
		p == "." || p == "content" || p == "layouts" || p == "static" || p == "public" || strings.HasPrefix(p, "content/") || strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "static/") || strings.HasPrefix(p, "public/") {
		bad("images.cache", "%q must be a folder of its own inside the site (not content/, layouts/, static/ or public/), such as .folio-cache/images", c.Images.Cache)
	}
	if c.Feeds.Items < 1 {
		bad("feeds.items", "must be a positive number of articles per feed, not %d", c.Feeds.Items)
	}
	for kind, pattern := range c.Permalinks {
		field := "permalinks." + kind
		if kind != "articles" {
			bad(field, "only articles have permalinks")
			continue
		}
		if !strings.HasPrefix(pattern, "/") || !strings.HasSuffix(pattern, "/") {
			bad(field, "%q must start and end with /", pattern)
		}
		if strings.Contains(pattern, "//") || strings.Contains(pattern, "/../") || strings.Contains(pattern, "/./") || strings.ContainsAny(pattern, "\\?#%") {
			bad(field, "%q must be a plain path: no //, . or .. segments, backslashes, ?, # or %%", pattern)
		}
		if !strings.Contains(pattern, ":slug") {
			bad(field, "%q must contain :slug, or two articles would share a URL", pattern)
		}
		for _, v := range permalinkVar.FindAllString(pattern, -1) {
			switch v {
			case ":year", ":month", ":day", ":slug":
			default:
				bad(field, "%q: unknown %s (use :year, :month, :day, :slug)", pattern, v)
			}
		}
	}
	seen := map[string]bool{}
	for i, t := range c.Taxonomies {
		field := fmt.Sprintf("taxonomies[%d]", i)
		switch {
		case !segmentRe.MatchString(t.Name):
			bad(field+".name", "%q must be lower-case letters, digits and hyphens", t.Name)
		case !segmentRe.MatchString(t.Path):
			bad(field+".path", "%q must be lower-case letters, digits and hyphens", t.Path)
		case seen["name:"+t.Name] || seen["path:"+t.Path]:
			bad(field, "%q is configured twice", t.Name)
		case t.Name == "articles" || t.Name == "pages":
			// Profiles are read from content/<name>/.
			bad(field+".name", "%q is a folder of the site's own, content/%s/: choose another name", t.Name, t.Name)
		case reservedPaths[t.Path] && (t.Path != "articles" || strings.HasPrefix(c.Permalinks["articles"], "/articles/")):
			bad(field+".path", "%q is used by the site itself", t.Path)
		}
		seen["name:"+t.Name], seen["path:"+t.Path] = true, true
	}
	return probs
}

// reservedPaths are top-level URL segments the generator writes itself;
// articles only while the articles' permalink begins with it (a site
// migrated from Hugo may have a taxonomy there, its articles elsewhere).
var reservedPaths = map[string]bool{"articles": true, "page": true, "archive": true}

// validateMenu checks the menu's links; lines are the items' lines.
func (c *Config) validateMenu(name string, lines []int) diag.List {
	var probs diag.List
	for i := range c.Menu {
		item := &c.Menu[i]
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		bad := func(key, format string, args ...any) {
			probs = append(probs, diag.Errorf(name, line, fmt.Sprintf("menu[%d].%s", i, key), format, args...))
		}
		item.Title, item.URL = strings.TrimSpace(item.Title), strings.TrimSpace(item.URL)
		if item.Title == "" {
			bad("title", "missing: the link's text, such as \"About\"")
		}
		if item.URL == "" {
			bad("url", "missing: a site path such as /about/, or an http(s) address")
		} else if why := menuURLProblem(item.URL); why != "" {
			bad("url", "%q %s", item.URL, why)
		}
	}
	return probs
}

// validateRedirects checks config's redirects; lines are the items' lines.
func (c *Config) validateRedirects(name string, lines []int) diag.List {
	var probs diag.List
	for i := range c.Redirects {
		r := &c.Redirects[i]
		if i < len(lines) {
			r.Line = lines[i]
		}
		bad := func(key, format string, args ...any) {
			probs = append(probs, diag.Errorf(name, r.Line, fmt.Sprintf("redirects[%d].%s", i, key), format, args...))
		}
		from, to := strings.TrimSpace(r.From), strings.TrimSpace(r.To)
		if path, query, ok := strings.Cut(from, "?"); ok && strings.HasPrefix(from, "/") {
			if !urlpath.QueryPair(query) {
				bad("from", "%q: an old address with a query takes one name=value of letters, digits, - and _, such as /?p=12", from)
				continue
			}
			from, r.Query = path, query
		}
		switch p, err := urlpath.Alias(from); {
		case from == "/" && r.Query != "":
			// The home page's address with a query is no page.
			r.From = from
		case from == "":
			bad("from", "missing: the old path, such as /news/")
		case !strings.HasPrefix(from, "/"):
			bad("from", "%q must start with /: write the whole old path from the site's root", from)
		case err != nil:
			bad("from", "%q %v", from, err)
		default:
			r.From = p
		}
		switch p, err := urlpath.Target(to); {
		case to == "":
			bad("to", "missing: the path of the page it leads to, such as /archive/")
		case err != nil:
			bad("to", "%q %v", to, err)
		default:
			r.To = p
		}
	}
	return probs
}

// menuURLProblem says why a menu link's address is not one to write in
// every page's header, or "" when it is: a path from the site root, or an
// http(s) address.
func menuURLProblem(u string) string {
	if strings.IndexFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 || strings.Contains(u, `\`) {
		return "holds a control character or a backslash"
	}
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return "is not a valid address"
	case strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//"):
		return ""
	case (p.Scheme == "http" || p.Scheme == "https") && p.Host != "":
		return ""
	}
	return "must be a path from the site root (/about/) or an http(s) address"
}

// itemLines returns the line of each item of the top-level list key.
func itemLines(doc *yaml.Node, key string) []int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		var lines []int
		for _, item := range m.Content[i+1].Content {
			lines = append(lines, item.Line)
		}
		return lines
	}
	return nil
}

// keyLines maps each top-level key of a YAML document to its line.
func keyLines(doc *yaml.Node) map[string]int {
	lines := map[string]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return lines
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		lines[m.Content[i].Value] = m.Content[i].Line
	}
	return lines
}
