package shortcode

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// Context is a shortcode template's dot. Its fields and methods follow
// Hugo's, so that a Hugo site's shortcodes read the same here.
type Context struct {
	// Name is the shortcode's name as called.
	Name string
	// Ordinal is the call's position among its siblings, from 0.
	Ordinal int
	// Parent is the shortcode this one is inside, or nil.
	Parent *Context
	Page   *Page
	Site   *Site
	// Position is "file:line" of the call, for messages.
	Position string
	// IsNamedParams is true when the arguments are named (key=value).
	IsNamedParams bool

	positional []any
	named      map[string]any
	inner      template.HTML
	doc        *scope
	scratch    *Scratch
}

// Scratch is the call's own scratch pad (see Scratch); Store is the same,
// as Hugo names it since 0.139.
func (c *Context) Scratch() *Scratch {
	if c.scratch == nil {
		c.scratch = newScratch()
	}
	return c.scratch
}

// Store is Scratch.
func (c *Context) Store() *Scratch { return c.Scratch() }

// Get returns an argument, by position (0, 1, …) or by name; "" when the
// call has none such.
func (c *Context) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.positional) {
			return c.positional[k]
		}
	case int64:
		return c.Get(int(k))
	case string:
		if v, ok := c.named[k]; ok {
			return v
		}
	}
	return ""
}

// Params returns the arguments: a map of named ones, or a list of
// positional ones.
func (c *Context) Params() any {
	if c.IsNamedParams {
		return c.named
	}
	return c.positional
}

// Inner is the text between the opening and closing tags: for {{% %}}
// rendered from Markdown, for {{< >}} as written (nested shortcodes
// expanded).
func (c *Context) Inner() template.HTML { return c.inner }

// InnerDeindent is Inner without the indentation its lines share.
func (c *Context) InnerDeindent() template.HTML { return template.HTML(deindent(string(c.inner))) }

// Page is what a shortcode sees of the article (or profile) it is in.
type Page struct {
	Title   string
	Date    time.Time
	Lastmod time.Time
	Slug    string
	Summary string
	Params  map[string]any
	File    File

	site    *Site
	doc     *scope
	scratch *Scratch
}

// Scratch is the page's scratch pad, shared by all the calls of the file
// in document order. Store is the same pad: Hugo made .Page.Scratch an
// alias of .Page.Store in 0.138.
func (p *Page) Scratch() *Scratch {
	if p.scratch == nil {
		p.scratch = newScratch()
	}
	return p.scratch
}

// Store is Scratch.
func (p *Page) Store() *Scratch { return p.Scratch() }

// Permalink is the page's absolute URL. It is known once the whole site
// is: see Doc.Refs.
func (p *Page) Permalink() string { return p.self(true) }

// RelPermalink is the page's site path, such as /articles/story/.
func (p *Page) RelPermalink() string { return p.self(false) }

func (p *Page) self(abs bool) string {
	if p.doc == nil {
		return ""
	}
	return p.doc.token("", p.doc.d.callLine, abs)
}

// Param returns a front matter field of the page, or else the site's
// parameter of that name: Hugo's .Page.Param. A dotted key walks the
// maps inside ("grpc_vers.core", as gRPC's site writes it), and names
// are matched whatever their case, as Hugo's are.
func (p *Page) Param(key string) any {
	if v, ok := paramAt(p.Params, key); ok {
		return v
	}
	// Hugo's .Params hold the fields of the front matter's params map
	// (Hugo 0.123: opentelemetry.io's announcements keep their links
	// there), and the page's own title, summary and dates.
	if own, ok := p.Params["params"].(map[string]any); ok {
		if v, ok := paramAt(own, key); ok {
			return v
		}
	}
	if v := p.field(key); v != nil {
		return v
	}
	if p.site != nil {
		v, _ := paramAt(p.site.Params, key)
		return v
	}
	return nil
}

// field is the page's own field of that name, as .Params has it; nil
// when it has none.
func (p *Page) field(key string) any {
	switch strings.ToLower(key) {
	case "title":
		if p.Title != "" {
			return p.Title
		}
	case "summary", "description":
		if p.Summary != "" {
			return p.Summary
		}
	case "date":
		if !p.Date.IsZero() {
			return p.Date
		}
	case "lastmod":
		if !p.Lastmod.IsZero() {
			return p.Lastmod
		}
	case "slug":
		if p.Slug != "" {
			return p.Slug
		}
	}
	return nil
}

// paramAt is the value of key in params, the dots of a key not found
// whole leading into the maps inside.
func paramAt(params map[string]any, key string) (any, bool) {
	if v, ok := params[key]; ok {
		return v, true
	}
	for k, v := range params {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	first, rest, dotted := strings.Cut(key, ".")
	if !dotted {
		return nil, false
	}
	inner, ok := paramAt(params, first)
	if m, isMap := inner.(map[string]any); ok && isMap {
		return paramAt(m, rest)
	}
	return nil, false
}

// File describes the page's source file, as Hugo's .File does.
type File struct {
	// Path is relative to content/: articles/2024/story.md.
	Path string
	// Dir is Path's folder, with a final slash; BaseFileName the file's
	// name without extension; Ext its extension without the dot.
	Dir, BaseFileName, Ext string
	// ContentBaseName is the name of the page's folder for index.md and
	// _index.md, else BaseFileName.
	ContentBaseName string
}

// Site is what a shortcode sees of the site.
type Site struct {
	Title    string
	BaseURL  string
	Language Language
	// LanguageCode is Language.Lang, as Hugo's config names it.
	LanguageCode string
	Params       map[string]any
	// Data holds the data files: data/authors/jdoe.yaml is
	// .Site.Data.authors.jdoe.
	Data map[string]any
}

// Language is the site's language; it prints as its code.
type Language struct{ Lang string }

func (l Language) String() string { return l.Lang }

// LanguageCode is the code, as Hugo's .Site.Language.LanguageCode.
func (l Language) LanguageCode() string { return l.Lang }

// NewFile describes a file by its path relative to the site root.
func NewFile(sitePath string) File {
	p := strings.TrimPrefix(sitePath, "content/")
	dir, base := "", p
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		dir, base = p[:i+1], p[i+1:]
	}
	ext := ""
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base, ext = base[:i], base[i+1:]
	}
	content := base
	if (base == "index" || base == "_index") && dir != "" {
		d := strings.TrimSuffix(dir, "/")
		content = d[strings.LastIndexByte(d, '/')+1:]
	}
	return File{Path: p, Dir: dir, BaseFileName: base, Ext: ext, ContentBaseName: content}
}

// deindent removes the indentation that every non-blank line of s shares.
func deindent(s string) string {
	lines := strings.Split(s, "\n")
	common := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			common, first = ind, false
			continue
		}
		for !strings.HasPrefix(l, common) {
			common = common[:len(common)-1]
		}
	}
	if common == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, common)
	}
	return strings.Join(lines, "\n")
}

func (c *Context) String() string { return fmt.Sprintf("shortcode %q", c.Name) }
