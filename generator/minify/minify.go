// Package minify shrinks the files a build writes, when the config asks
// for it (minify: true): HTML, Atom and sitemap XML, CSS, JavaScript, SVG
// and JSON, chosen by file name. It wraps github.com/tdewolff/minify.
package minify

import (
	"bytes"
	"fmt"
	"path"
	"regexp"

	tdm "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier shrinks files. It is safe for concurrent use.
type Minifier struct {
	m *tdm.M
}

// types maps the file extensions minified to their media types.
var types = map[string]string{
	".html": "text/html",
	".xml":  "text/xml",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// New returns a minifier. Pages keep their html, head and body tags and
// their end tags: valid either way, but kept they leave the markup as
// layout authors wrote it, and the dev server a </head> to put its
// script before.
func New() *Minifier {
	m := tdm.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepSpecialComments: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	return &Minifier{m: m}
}

// Handles reports whether files named name are minified.
func Handles(name string) bool {
	_, ok := types[path.Ext(name)]
	return ok
}

// File returns the minified bytes of the file named name (which says its
// type), or data as it is when that type is not minified.
func (m *Minifier) File(name string, data []byte) ([]byte, error) {
	mediatype, ok := types[path.Ext(name)]
	if !ok {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.m.Minify(mediatype, &out, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out.Bytes(), nil
}
