package hugo

import (
	"slices"
	"strings"
	"text/template/parse"
)

// checkShortcode reports what in a Hugo shortcode template folio does
// not offer: functions outside those funcs.go lists, fields and methods of the
// shortcode, page or site folio's dot lacks, and the template actions
// that need other templates. An empty list means the template works in
// folio as it is. err is set when the template does not parse.
func checkShortcode(name, text string) (blockers []string, line int, err error) {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return nil, 0, err
	}
	c := &checker{found: map[string]parse.Pos{}}
	for tn, tree := range trees {
		if tn != name {
			c.add("define", tree.Root)
		}
		if tree.Root != nil {
			c.walk(tree.Root, []string{})
		}
	}
	first := parse.Pos(len(text))
	for b, pos := range c.found {
		blockers = append(blockers, b)
		first = min(first, pos)
	}
	slices.Sort(blockers)
	if len(blockers) > 0 {
		line = strings.Count(text[:first], "\n") + 1
	}
	return blockers, line, nil
}

type checker struct {
	// found maps each thing folio lacks to where it is first used.
	found map[string]parse.Pos
}

func (c *checker) add(what string, n parse.Node) {
	pos := parse.Pos(0)
	if n != nil {
		pos = n.Position()
	}
	if old, ok := c.found[what]; !ok || pos < old {
		c.found[what] = pos
	}
}

// walk checks n; dot is where the dot points: a path from the shortcode
// ([] for the shortcode itself, [Page] for its page), or nil when it
// holds data (in range, or with of a value).
func (c *checker) walk(n parse.Node, dot []string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, e := range n.Nodes {
			c.walk(e, dot)
		}
	case *parse.ActionNode:
		c.pipe(n.Pipe, dot)
	case *parse.IfNode:
		c.pipe(n.Pipe, dot)
		c.walk(n.List, dot)
		c.walk(n.ElseList, dot)
	case *parse.WithNode:
		c.pipe(n.Pipe, dot)
		c.walk(n.List, c.target(n.Pipe, dot))
		c.walk(n.ElseList, dot)
	case *parse.RangeNode:
		c.pipe(n.Pipe, dot)
		c.walk(n.List, nil)
		c.walk(n.ElseList, dot)
	case *parse.TemplateNode:
		c.add("template", n)
		c.pipe(n.Pipe, dot)
	}
}

// target is where the dot points inside {{ with pipe }}: the field it
// names when it is one field of a known dot, else data.
func (c *checker) target(p *parse.PipeNode, dot []string) []string {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return nil
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		if dot != nil {
			return append(slices.Clone(dot), a.Ident...)
		}
	case *parse.VariableNode:
		if a.Ident[0] == "$" {
			return slices.Clone(a.Ident[1:])
		}
	case *parse.DotNode:
		return dot
	}
	return nil
}

func (c *checker) pipe(p *parse.PipeNode, dot []string) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for _, a := range cmd.Args {
			c.arg(a, dot)
		}
	}
}

func (c *checker) arg(a parse.Node, dot []string) {
	switch a := a.(type) {
	case *parse.IdentifierNode:
		if !funcOffered(a.Ident) {
			c.add(a.Ident, a)
		}
	case *parse.ChainNode:
		if id, ok := a.Node.(*parse.IdentifierNode); ok {
			// A namespaced function: resources.Get, strings.Trim.
			name := id.Ident + "." + strings.Join(a.Field, ".")
			if !funcOffered(name) {
				c.add(name, a)
			}
			return
		}
		c.arg(a.Node, dot)
	case *parse.FieldNode:
		if dot != nil {
			c.path(append(slices.Clone(dot), a.Ident...), a)
		}
	case *parse.VariableNode:
		if a.Ident[0] == "$" && len(a.Ident) > 1 {
			c.path(a.Ident[1:], a)
		}
	case *parse.PipeNode:
		c.pipe(a, dot)
	}
}

// path checks a field path from the shortcode's dot.
func (c *checker) path(p []string, n parse.Node) {
	if !allowedPath(p) {
		c.add("."+strings.Join(p, "."), n)
	}
}
