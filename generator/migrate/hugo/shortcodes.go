package hugo

import (
	"maps"
	"slices"
	"strings"
	"text/template/parse"
)

// checkShortcode reports what in a Hugo shortcode template folio does
// not offer: functions outside those funcs.go lists, fields and methods
// of the shortcode, page or site folio's dot lacks, and the template
// actions that need other templates. An empty list means the template
// works in folio as it is (but for the partials it calls, which
// checkTemplate lists). err is set when the template does not parse.
func checkShortcode(name, text string) (blockers []string, line int, err error) {
	blockers, line, _, err = checkTemplate(name, text, []string{}, nil)
	return blockers, line, err
}

// dictDot marks a dot that is a dict whose keys the checker knows.
const dictDot = "\x00dict"

// partialCall is a call of partial or partialCached with a name written
// as a string, and where its dot points (as for the checker's walk).
type partialCall struct {
	name string
	dot  []string
	// dict maps the keys of a dict the call gives as the dot to where
	// their values point (dot is then [dictDot]).
	dict map[string][]string
	pos  parse.Pos
	line int
}

// checkTemplate checks a template whose dot is root (a path from a
// shortcode's dot, [] for the shortcode itself; nil when it is data, as
// in a partial given a dict), and lists the partials it calls.
func checkTemplate(name, text string, root []string, dict map[string][]string) (blockers []string, line int, partials []partialCall, err error) {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return nil, 0, nil, err
	}
	c := &checker{found: map[string]parse.Pos{}, root: root, dict: dict}
	for _, tn := range slices.Sorted(maps.Keys(trees)) {
		tree := trees[tn]
		if tn != name {
			c.add("define", tree.Root)
		}
		if tree.Root != nil {
			c.walk(tree.Root, root)
		}
	}
	first := parse.Pos(len(text))
	for b, pos := range c.found {
		blockers = append(blockers, b)
		first = min(first, pos)
	}
	slices.Sort(blockers)
	lineOf := func(pos parse.Pos) int { return strings.Count(text[:min(int(pos), len(text))], "\n") + 1 }
	if len(blockers) > 0 {
		line = lineOf(first)
	}
	for _, p := range c.partials {
		p.line = lineOf(p.pos)
		partials = append(partials, p)
	}
	return blockers, line, partials, nil
}

type checker struct {
	// found maps each thing folio lacks to where it is first used.
	found map[string]parse.Pos
	// root is where $ points, as dot is in walk.
	root []string
	// dict is what the keys of a dict given as the root hold.
	dict     map[string][]string
	partials []partialCall
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
		if a.Ident[0] == "$" && c.root != nil {
			return append(slices.Clone(c.root), a.Ident[1:]...)
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
		c.partial(cmd, dot)
		for _, a := range cmd.Args {
			c.arg(a, dot)
		}
	}
}

// partial records a call of a partial by its name, with where its dot
// points; one whose name is computed cannot be followed.
func (c *checker) partial(cmd *parse.CommandNode, dot []string) {
	if len(cmd.Args) == 0 {
		return
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || id.Ident != "partial" && id.Ident != "partialCached" {
		return
	}
	if len(cmd.Args) < 2 {
		c.add(id.Ident+" without a name", id)
		return
	}
	name, ok := cmd.Args[1].(*parse.StringNode)
	if !ok {
		c.add(id.Ident+" with a computed name", cmd.Args[1])
		return
	}
	var to []string
	var dict map[string][]string
	if len(cmd.Args) > 2 {
		to = c.target(&parse.PipeNode{Cmds: []*parse.CommandNode{{Args: cmd.Args[2:3]}}}, dot)
		if p, ok := cmd.Args[2].(*parse.PipeNode); ok && len(p.Cmds) == 1 && len(p.Cmds[0].Args) > 0 {
			if f, ok := p.Cmds[0].Args[0].(*parse.IdentifierNode); ok && f.Ident == "dict" {
				to, dict = []string{dictDot}, map[string][]string{}
				args := p.Cmds[0].Args[1:]
				for i := 0; i+1 < len(args); i += 2 {
					if k, ok := args[i].(*parse.StringNode); ok {
						dict[k.Text] = c.target(&parse.PipeNode{Cmds: []*parse.CommandNode{{Args: args[i+1 : i+2]}}}, dot)
					}
				}
			}
		}
	}
	c.partials = append(c.partials, partialCall{name: name.Text, dot: to, dict: dict, pos: id.Position()})
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
		if a.Ident[0] == "$" && len(a.Ident) > 1 && c.root != nil {
			c.path(append(slices.Clone(c.root), a.Ident[1:]...), a)
		}
	case *parse.PipeNode:
		c.pipe(a, dot)
	}
}

// path checks a field path from the shortcode's dot.
func (c *checker) path(p []string, n parse.Node) {
	if len(p) > 0 && p[0] == dictDot {
		// A key of the dict a partial was given: what its value is.
		if len(p) == 1 {
			return
		}
		if to := c.dict[p[1]]; to != nil {
			c.path(append(slices.Clone(to), p[2:]...), n)
		}
		return
	}
	if !allowedPath(p) {
		c.add("."+strings.Join(p, "."), n)
	}
}
