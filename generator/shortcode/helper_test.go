package shortcode

import (
	"bytes"
	"fmt"
	"io/fs"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"folio/generator/diag"
)

// convert renders body with the shortcodes of files, as the content stage
// does (typographer on, raw HTML off), and returns the HTML and the doc.
func convert(t *testing.T, files map[string]string, body string) (string, *Doc) {
	t.Helper()
	set, probs := Parse(files, nil)
	if len(probs) > 0 {
		t.Fatalf("Parse: %v", probs)
	}
	return convertSet(t, set, body)
}

// withPartials parses files with the partials of partials (by their
// names under layouts/partials).
func withPartials(files, partials map[string]string) (*Set, diag.List) {
	return parseSet(files, "", func(name string) (string, string, error) {
		src, ok := partials[name]
		if !ok {
			return "", "", fs.ErrNotExist
		}
		return src, "layouts/partials/" + name, nil
	}, nil)
}

// convertSet is convert with a set made already.
func convertSet(t *testing.T, set *Set, body string) (string, *Doc) {
	t.Helper()
	ext := NewExtension()
	md := goldmark.New(goldmark.WithExtensions(extension.Typographer, ext), goldmark.WithParserOptions(parser.WithAttribute()))
	out := goldmark.New(goldmark.WithExtensions(extension.Typographer), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	ext.Bind(md, out)
	site := &Site{Title: "The Site", Params: map[string]any{"city": "Lyon", "grpc_vers": map[string]any{"core": "v1.82.0"}}, Data: map[string]any{"people": map[string]any{"jdoe": map[string]any{"name": "Jane Doe"}}}}
	d := ext.Doc(&Doc{Path: "content/articles/a.md", Line: 5, Page: &Page{Title: "A story", Params: map[string]any{"mood": "calm"}, File: NewFile("content/articles/a.md")}, Site: site, Set: set})
	pc := parser.NewContext()
	Begin(pc, d)
	src := d.Align([]byte(body)) // as the content stage does
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	return b.String(), d
}

func sprintGo(v any) string { return fmt.Sprintf("%#v", v) }
