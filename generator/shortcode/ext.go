package shortcode

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension adds shortcodes to a goldmark instance. Calls are parsed as
// nodes of their own (a block when a call stands alone on its lines,
// inline in a paragraph otherwise), so code spans and blocks keep their
// text and the typographer never sees the arguments; they are expanded
// once the document is parsed, in document order, so that ordinals and
// nesting follow the text.
type Extension struct {
	md, out goldmark.Markdown
}

// NewExtension returns an extension; Bind must give it its Markdown
// instances before the first parse.
func NewExtension() *Extension { return &Extension{} }

// Bind sets the instance that renders inner Markdown (the one extended,
// with the site's raw HTML policy) and the one that renders the Markdown
// a {{% %}} template writes (the site's own, trusted output: raw HTML
// kept).
func (e *Extension) Bind(md, out goldmark.Markdown) { e.md, e.out = md, out }

// Doc returns a parse's state for this extension.
func (e *Extension) Doc(d *Doc) *Doc { d.ext = e; return d }

// Extend implements goldmark.Extender.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 50)),
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(expander{}, 10)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 50)))
}

// KindBlock and KindInline are the kinds of call nodes.
var (
	KindBlock  = ast.NewNodeKind("ShortcodeBlock")
	KindInline = ast.NewNodeKind("Shortcode")
)

// Block is a call alone on its lines.
type Block struct {
	ast.BaseBlock
	calls  []*call // side by side on their lines
	html   string
	author bool
}

func (n *Block) Kind() ast.NodeKind          { return KindBlock }
func (n *Block) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *Block) IsRaw() bool                 { return true }
func (n *Block) CanInterruptParagraph() bool { return true }
func (n *Block) HTML() string                { return n.html }
func (n *Inline) HTML() string               { return n.html }

// AuthorHTML reports whether the call's output holds HTML the author wrote
// as the inner text of a {{< >}} call, in a form that cannot be cleaned
// alone (the template escaped it as code, or showed it twice): such an
// output is not the site's own and goes through the raw HTML sanitizer
// with the body.
func (n *Block) AuthorHTML() bool            { return n.author }
func (n *Inline) AuthorHTML() bool           { return n.author }
func (n *Inline) Kind() ast.NodeKind         { return KindInline }
func (n *Inline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *Inline) Inline()                    {}
func (nodeRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindBlock, renderBlock)
	r.Register(KindInline, renderInline)
}

// Inline is a call inside a paragraph.
type Inline struct {
	ast.BaseInline
	call   *call
	html   string
	raw    string
	author bool
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	s := scopeOf(pc)
	if s == nil || s.stopped() {
		return nil, parser.NoChildren
	}
	_, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 || seg.Padding != 0 {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	start := seg.Start + pos
	if !isOpen(src, start) || start >= seg.Stop {
		return nil, parser.NoChildren
	}
	s.src = src
	// A block when nothing follows on the last line of its calls: one,
	// or several side by side with blanks between, as Hugo's authors put
	// them ({{% /tab %}} {{% tab JavaScript %}}, opentelemetry.io's tab
	// panes), each of which Hugo replaced before Markdown read the text.
	var calls []*call
	for at := start; ; {
		c, err := s.parseCall(at, len(src))
		if err != nil {
			return nil, parser.NoChildren // the inline parser reports it
		}
		calls = append(calls, c)
		rest := c.end
		for rest < len(src) && (src[rest] == ' ' || src[rest] == '\t') {
			rest++
		}
		if rest >= len(src) || src[rest] == '\n' {
			break
		}
		if !isOpen(src, rest) || len(calls) >= maxProblems {
			return nil, parser.NoChildren
		}
		at = rest
	}
	if len(calls) > 1 && !slices.ContainsFunc(calls, func(c *call) bool { return bytes.IndexByte(src[c.open.start:c.end], '\n') >= 0 }) {
		// Calls side by side on one line are a paragraph's, as before;
		// only paired ones across lines cannot be.
		return nil, parser.NoChildren
	}
	n := &Block{calls: calls}
	n.SetPos(start)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Block)
	_, seg := reader.PeekLine()
	if seg.Start >= n.calls[len(n.calls)-1].end {
		return parser.Close
	}
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (blockParser) CanInterruptParagraph() bool                 { return true }
func (blockParser) CanAcceptIndentedLine() bool                 { return false }

type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'{'} }

func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	s := scopeOf(pc)
	if s == nil || s.stopped() {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '{' || line[2] != '<' && line[2] != '%' {
		return nil
	}
	src := block.Source()
	s.src = src
	// A paired call ends in its paragraph.
	limit := seg.Stop
	for b := parent; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock {
			if l := b.Lines(); l.Len() > 0 {
				limit = max(limit, l.At(l.Len()-1).Stop)
			}
			break
		}
	}
	c, err := s.parseCall(seg.Start, limit)
	if err != nil {
		s.failTag(err)
		block.Advance(3)
		return &Inline{} // nothing shown: the file fails to build
	}
	for {
		_, seg := block.PeekLine()
		if c.end <= seg.Stop {
			block.Advance(c.end - seg.Start)
			break
		}
		block.AdvanceLine()
		if _, next := block.PeekLine(); next.Start <= seg.Start {
			break // the paragraph's end: parseCall kept within it
		}
	}
	n := &Inline{call: c}
	n.SetPos(c.open.start)
	return n
}

// expander runs the calls of a parsed document, in order.
type expander struct{}

func (expander) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	s := scopeOf(pc)
	if s == nil {
		return
	}
	s.src = reader.Source()
	var calls []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == KindBlock || n.Kind() == KindInline) {
			calls = append(calls, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range calls {
		switch n := n.(type) {
		case *Block:
			var b strings.Builder
			for i, c := range n.calls {
				if i > 0 {
					b.Write(s.src[n.calls[i-1].end:c.open.start]) // the blanks between
				}
				h, _ := s.expand(c, false)
				b.WriteString(h)
				n.author = n.author || c.author
			}
			n.html = b.String()
			// Text alone on its lines is a paragraph, as it would be
			// without the call around it.
			if h := strings.TrimSpace(n.html); h != "" && h[0] != '<' {
				n.html = "<p>" + h + "</p>"
			}
		case *Inline:
			if n.call == nil {
				continue
			}
			n.html, n.raw = s.expand(n.call, true)
			n.author = n.call.author
			linkify(n, s.src)
		}
	}
	s.fillDefinitions(doc)
}

type nodeRenderer struct{}

func renderBlock(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		h := n.(*Block).html
		_, _ = w.WriteString(h)
		if h != "" && h[len(h)-1] != '\n' {
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderInline(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(n.(*Inline).html)
	}
	return ast.WalkSkipChildren, nil
}

// linkify makes a call written as a link's address, or in it, into that
// link, [text]({{< ref "x" >}}) and ![map](/img/{{< param city >}}.png)
// as Hugo sites write them: Markdown sees no address there (it has
// spaces), so the brackets and parentheses around the call are text
// nodes. Hugo replaced the call before Markdown read the text.
func linkify(n *Inline, src []byte) {
	prev, ok := n.PreviousSibling().(*ast.Text)
	next, ok2 := n.NextSibling().(*ast.Text)
	if !ok || !ok2 || prev.IsRaw() {
		return
	}
	pv := prev.Segment.Value(src)
	nv := next.Segment.Value(src)
	// The address's text before the call and after it, to the ")".
	opens := bytes.LastIndex(pv, []byte("]("))
	closes := bytes.IndexByte(nv, ')')
	if opens < 0 || closes < 0 {
		return
	}
	before, after := pv[opens+2:], nv[:closes]
	if bytes.ContainsAny(before, addressStops) || bytes.ContainsAny(after, addressStops) {
		return
	}
	cut := 2 + len(before) // what prev loses from its end
	// Find the "[" that opens the label, from the "](" back.
	depth := 0
	var open *ast.Text
	at := -1
	for c := ast.Node(prev); c != nil && open == nil; c = c.PreviousSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		v := t.Segment.Value(src)
		end := len(v)
		if t == prev {
			end -= cut
		}
		for i := end - 1; i >= 0; i-- {
			if i > 0 && v[i-1] == '\\' {
				continue
			}
			switch v[i] {
			case ']':
				depth++
			case '[':
				if depth == 0 {
					open, at = t, i
				}
				depth--
			}
			if open != nil {
				break
			}
		}
	}
	if open == nil {
		return
	}
	dest := append(append(slices.Clip(before), bytes.TrimSpace([]byte(n.raw))...), after...)
	image := at > 0 && open.Segment.Value(src)[at-1] == '!' || at == 0 && endsWithBang(open.PreviousSibling(), src)
	var link ast.Node
	if image {
		link = ast.NewImage(ast.NewLink())
		link.(*ast.Image).Destination = dest
	} else {
		l := ast.NewLink()
		l.Destination = dest
		link = l
	}
	parent := n.Parent()
	// The label: the rest of the "[" node, the nodes between, and prev
	// up to its "](".
	seg := open.Segment
	if open == prev {
		label := ast.NewTextSegment(text.NewSegment(seg.Start+at+1, seg.Stop-cut))
		link.AppendChild(link, label)
	} else {
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+at+1, seg.Stop)))
		for c := open.NextSibling(); c != prev; {
			next := c.NextSibling()
			parent.RemoveChild(parent, c)
			link.AppendChild(link, c)
			c = next
		}
		ps := prev.Segment
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(ps.Start, ps.Stop-cut)))
		parent.RemoveChild(parent, prev)
	}
	stop := seg.Start + at
	if image {
		stop--
		if at == 0 {
			trimBang(open.PreviousSibling())
		}
	}
	if open == prev {
		open.Segment = text.NewSegment(seg.Start, stop)
	} else {
		open.Segment = text.NewSegment(seg.Start, stop)
	}
	parent.ReplaceChild(parent, n, link)
	next.Segment = next.Segment.WithStart(next.Segment.Start + closes + 1)
	if open.Segment.Len() == 0 {
		parent.RemoveChild(parent, open)
	}
}

// addressStops are the bytes that end a link's address written around a
// call: it is one word, in its parentheses.
const addressStops = " \t\r\n()[]<>\"'"

func endsWithBang(n ast.Node, src []byte) bool {
	t, ok := n.(*ast.Text)
	return ok && bytes.HasSuffix(t.Segment.Value(src), []byte("!"))
}

func trimBang(n ast.Node) {
	if t, ok := n.(*ast.Text); ok {
		t.Segment = t.Segment.WithStop(t.Segment.Stop - 1)
	}
}
