package shortcode

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"folio/generator/diag"
)

// maxProblems is the most problems reported of one file's shortcodes: a
// file that misuses one a thousand times reads as one mistake.
const maxProblems = 20

// Doc is the shortcode state of one parse: what calls see, and what they
// leave for the stages after it. Begin puts it in a parse's context.
type Doc struct {
	// Path is the file, relative to the site root; Line the line of the
	// Markdown body's first byte in it.
	Path string
	Line int
	Page *Page
	Site *Site
	Set  *Set
	// Clean is the site's raw HTML policy, applied to the Markdown inner
	// text of {{% %}} and details calls once rendered, the outputs of the
	// calls nested in it kept out of it; nil keeps it all.
	Clean func(string) string

	// Problems are those found in the calls, with their lines.
	Problems diag.List
	// Refs are the links to other pages the calls asked for, which are
	// known once the whole site is: tokens in the output, for the site
	// stage to replace.
	Refs []Ref
	// Used is true when the body calls any shortcode: its output then
	// depends on the site's shortcodes and data, not on its text alone.
	Used bool

	ext      *Extension
	nonce    string
	callLine int // the line of the call being expanded
	// defCalls are the calls written in link reference definitions, which
	// Align put tokens in place of (see defineCalls).
	defCalls []defCall
}

// Ref is a page's address that a call asked for.
type Ref struct {
	// Token stands for the address in the rendered body.
	Token string
	// Target is the path or slug as written; "" for the page itself.
	Target string
	Line   int
	// Abs asks for the absolute URL rather than the site path.
	Abs bool
}

// RefPrefix starts every ref token: a link check can tell them from the
// links a writer wrote.
const RefPrefix = "folio-ref-"

// scope is the calls of one text: the body, or the inner text of a call,
// with the line of its first byte and the call it is inside.
type scope struct {
	d      *Doc
	src    []byte
	base   int
	parent *Context
	count  int // calls expanded here, for ordinals
	ids    parser.IDs
	// at and atLine remember the last line looked up: calls come in
	// order, so counting lines onwards keeps a long body linear.
	at, atLine int
}

var scopeKey = parser.NewContextKey()

// Begin makes d the shortcode state of the parse of pc; without it, the
// Markdown is parsed as if shortcodes did not exist.
func Begin(pc parser.Context, d *Doc) {
	pc.Set(scopeKey, &scope{d: d, base: d.Line, ids: pc.IDs()})
}

func scopeOf(pc parser.Context) *scope {
	s, _ := pc.Get(scopeKey).(*scope)
	if s == nil || s.d.Set == nil || s.d.ext == nil {
		return nil
	}
	return s
}

// stopped reports whether the file has had all the problems worth
// reporting: its further calls are not looked at.
func (s *scope) stopped() bool { return len(s.d.Problems) >= maxProblems }

func (s *scope) line(off int) int {
	if off < s.at {
		s.at, s.atLine = 0, 0
	}
	s.atLine += bytes.Count(s.src[s.at:off], []byte("\n"))
	s.at = off
	return s.base + s.atLine
}

func (s *scope) fail(off int, format string, args ...any) {
	if s.stopped() {
		return
	}
	s.d.Problems = append(s.d.Problems, diag.Errorf(s.d.Path, s.line(off), "", format, args...))
}

func (s *scope) failTag(err error) {
	var te *tagError
	if errors.As(err, &te) {
		s.fail(te.off, "%s", te.msg)
		return
	}
	s.fail(0, "%v", err)
}

func (s *scope) parseCall(i, limit int) (*call, error) {
	return parseCall(s.src, i, limit, s.d.Set.takesInner)
}

// token registers a ref and returns the text that stands for it.
func (s *scope) token(target string, line int, abs bool) string {
	t := fmt.Sprintf("%s%s-%d-", RefPrefix, s.d.nonceOf(s.src), len(s.d.Refs))
	s.d.Refs = append(s.d.Refs, Ref{Token: t, Target: target, Line: line, Abs: abs})
	return t
}

// nonceOf is the document's nonce, made from src the first time: the
// tokens it begins cannot be in the text by chance.
func (d *Doc) nonceOf(src []byte) string {
	if d.nonce == "" {
		h := fnv.New64a()
		h.Write(src)
		d.nonce = fmt.Sprintf("%016x", h.Sum64())
	}
	return d.nonce
}

// expand runs a call. out is what goes into the page (HTML); raw is the
// template's output itself, Markdown for {{% %}}, for a link's address.
func (s *scope) expand(c *call, inline bool) (out, raw string) {
	s.d.Used = true
	t := c.open
	if t.comment {
		lit := html.EscapeString(t.literal(s.src))
		return lit, lit
	}
	line := s.line(t.start)
	s.d.callLine = line
	if s.d.Page != nil {
		s.d.Page.site, s.d.Page.doc = s.d.Site, s
	}
	ctx := &Context{Name: t.name, Ordinal: s.count, Parent: s.parent, Page: s.d.Page, Site: s.d.Site,
		Position: fmt.Sprintf("%s:%d", s.d.Path, line), IsNamedParams: len(t.named) > 0,
		positional: t.positional, doc: s}
	s.count++
	if len(t.named) > 0 {
		ctx.named = make(map[string]any, len(t.named))
		for _, p := range t.named {
			ctx.named[p.Key] = p.Value
		}
	}
	tmpl := s.d.Set.templates[t.name]
	builtin := goBuiltins[t.name]
	if tmpl == nil && builtin == nil {
		s.fail(t.start, "unknown shortcode %q: add %s/%s.html, or remove the call", t.name, Dir, t.name)
		return "", ""
	}
	var err error
	if tmpl != nil {
		if c.paired {
			inner := c.innerText(s.src)
			child := &scope{d: s.d, src: inner, base: s.line(c.innerStart), parent: ctx, ids: s.ids}
			if t.markdown {
				ctx.inner = template.HTML(child.markdown(inner))
			} else {
				// As written: the template may show it as code.
				ctx.inner = template.HTML(child.text(inner))
			}
		}
		s.d.callLine = line
		var b strings.Builder
		err = tmpl.Execute(&b, ctx)
		raw = b.String()
	} else {
		raw, err = builtin(s, ctx, c)
	}
	if err != nil {
		s.fail(t.start, "shortcode %q: %s", t.name, execMessage(err))
		return "", ""
	}
	if in := string(ctx.inner); tmpl != nil && c.paired && !t.markdown && s.d.Clean != nil && strings.IndexByte(in, '<') >= 0 {
		// The author's HTML in the site's output. Shown once as markup
		// (a '<' escaped nowhere), as {{ .Inner }} does, it is cleaned
		// in its place; used otherwise (escaped as code, twice…), the
		// whole output goes through the sanitizer with the body.
		if i := strings.Index(raw, in); i >= 0 && !strings.Contains(raw[i+1:], in) {
			raw = raw[:i] + s.d.Clean(in) + raw[i+len(in):]
		} else {
			c.author = true
		}
	}
	if !t.markdown {
		return raw, raw
	}
	return s.output(raw, inline), raw
}

// markdown renders the inner text of a {{% %}} call, shortcodes and all.
// It is the author's text: its raw HTML is cleaned by the site's policy,
// and the outputs of the calls in it are kept out of that.
func (s *scope) markdown(src []byte) string {
	src = s.d.alignAt(src, s.base)
	pc := parser.NewContext(parser.WithIDs(s.ids))
	pc.Set(scopeKey, s)
	md := s.d.ext.md
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	dirty := s.d.Clean != nil && NeedsClean(doc)
	var g *Guard
	if dirty {
		g = GuardCalls(doc, src)
	}
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		g.Restore("")
		return ""
	}
	if !dirty {
		return b.String()
	}
	return g.Restore(s.d.Clean(b.String()))
}

// output renders the Markdown a {{% %}} template wrote. It is the site's
// own template output, so its HTML is kept as written; an inline call
// stays in its paragraph.
func (s *scope) output(src string, inline bool) string {
	out := render(s.d.ext.out, []byte(src), parser.NewContext(parser.WithIDs(s.ids)))
	if inline {
		out = strings.TrimSuffix(out, "\n")
		if in, ok := strings.CutPrefix(out, "<p>"); ok && strings.HasSuffix(in, "</p>") && !strings.Contains(in, "<p>") {
			out = strings.TrimSuffix(in, "</p>")
		}
	}
	return out
}

func render(md goldmark.Markdown, src []byte, pc parser.Context) string {
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		return ""
	}
	return b.String()
}

// text expands the calls in the inner text of a {{< >}} call, which is
// otherwise kept as written.
func (s *scope) text(src []byte) string {
	var b strings.Builder
	from := 0
	for i := 0; i < len(src) && !s.stopped(); {
		k := bytes.Index(src[i:], []byte("{{"))
		if k < 0 {
			break
		}
		i += k
		if !isOpen(src, i) {
			i += 2
			continue
		}
		c, err := s.parseCall(i, len(src))
		if err != nil {
			s.failTag(err)
			i += 3
			continue
		}
		out, _ := s.expand(c, false)
		b.Write(src[from:i])
		b.WriteString(out)
		from, i = c.end, c.end
	}
	b.Write(src[from:])
	return b.String()
}

// execMessage is a template error without the "template: " prefix.
func execMessage(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "html/template:")
	msg = strings.TrimPrefix(strings.TrimPrefix(msg, "template: "), " ")
	return msg
}
