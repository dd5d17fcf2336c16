package shortcode

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template/parse"

	"folio/generator/diag"
)

// PartialsDir is where Hugo keeps partials, which shortcodes call with
// {{ partial "name.html" . }}; folio's own layouts keep theirs there too.
const PartialsDir = "layouts/partials"

// partialSource reads a partial by its name under PartialsDir
// ("core/card.html"), returning its source and the file to name in
// problems; an error satisfying errors.Is(err, fs.ErrNotExist) when there
// is none.
type partialSource func(name string) (src, file string, err error)

// partialName is the file a call names: Hugo's "partials/" prefix is
// optional, and a name without an extension is an .html file.
func partialName(name string) (string, error) {
	n := strings.TrimPrefix(name, "partials/")
	if n == "" || strings.HasPrefix(n, "/") || strings.Contains(n, "\\") || !fs.ValidPath(n) {
		return "", fmt.Errorf("%q is not the name of a file under %s", name, PartialsDir)
	}
	if path.Ext(n) == "" {
		n += ".html"
	}
	return n, nil
}

// partialCall is one {{ partial "name" }} in a template, for loading
// what it names and for finding partials that call themselves.
type partialCall struct {
	name string // as it names the file under PartialsDir; "" when not text
	line int
}

// partialCalls lists the partial calls of a parsed template (and of the
// templates it defines), in order.
func partialCalls(t *template.Template) []partialCall {
	var out []partialCall
	for _, d := range t.Templates() {
		if d.Tree == nil {
			continue
		}
		walkTree(d.Tree.Root, func(c *parse.CommandNode) {
			id, ok := c.Args[0].(*parse.IdentifierNode)
			if !ok || id.Ident != "partial" && id.Ident != "partialCached" {
				return
			}
			line, _ := d.Tree.ErrorContext(c)
			pc := partialCall{line: lineOf(line)}
			if len(c.Args) > 1 {
				if s, ok := c.Args[1].(*parse.StringNode); ok {
					if n, err := partialName(s.Text); err == nil {
						pc.name = n
					} else {
						pc.name = s.Text // reported when called
					}
				}
			}
			out = append(out, pc)
		})
	}
	return out
}

// lineOf takes the line of "file:line:col".
func lineOf(loc string) int {
	parts := strings.Split(loc, ":")
	n := 0
	if len(parts) >= 3 {
		fmt.Sscan(parts[len(parts)-2], &n)
	}
	return n
}

func walkTree(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walkTree(c, f)
			}
		}
	case *parse.ActionNode:
		walkTree(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walkTree(c, f)
			}
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walkTree(a, f)
		}
	case *parse.ChainNode:
		walkTree(n.Node, f)
	case *parse.IfNode:
		walkTree(n.Pipe, f)
		walkTree(n.List, f)
		walkTree(n.ElseList, f)
	case *parse.RangeNode:
		walkTree(n.Pipe, f)
		walkTree(n.List, f)
		walkTree(n.ElseList, f)
	case *parse.WithNode:
		walkTree(n.Pipe, f)
		walkTree(n.List, f)
		walkTree(n.ElseList, f)
	case *parse.TemplateNode:
		walkTree(n.Pipe, f)
	}
}

// returned carries the value of a partial's {{ return }} out of its
// execution, as Hugo's return does.
type returned struct{ v any }

func (r *returned) Error() string { return "return outside a partial" }

// partial runs a partial: its output as HTML, or the value it returns.
func (s *Set) partial(name string, ctx ...any) (any, error) {
	n, err := partialName(name)
	if err != nil {
		return nil, err
	}
	t := s.partials[n]
	if t == nil {
		if why := s.noPartial[n]; why != "" {
			return nil, errors.New(why)
		}
		return nil, fmt.Errorf("partial %q not found: there is no %s/%s", name, PartialsDir, n)
	}
	var dot any
	if len(ctx) > 0 {
		dot = ctx[0]
	}
	var b strings.Builder
	if err := t.Execute(&b, dot); err != nil {
		var r *returned
		if errors.As(err, &r) {
			return r.v, nil
		}
		// Not wrapped: an escaping problem of the partial is its own,
		// reported with its file, not with each template that calls it.
		return nil, errors.New(execMessage(err))
	}
	return template.HTML(b.String()), nil
}

// loadPartials parses the partials that the set's templates call, and
// those that these call, by the names written in them. A call that does
// not write the name as text, and a partial that calls itself, directly
// or through others, are problems: the one could call anything (itself
// included), and the other's calls would never end.
func (s *Set) loadPartials(read partialSource, funcs template.FuncMap, sum *bytes.Buffer) diag.List {
	var probs diag.List
	calls := map[string][]partialCall{} // by partial
	files := map[string]string{}
	var queue []string
	seen := map[string]bool{}
	enqueue := func(file string, cs []partialCall) {
		for _, c := range cs {
			if c.name == "" {
				probs = append(probs, diag.Errorf(file, c.line, "", "write the partial's name as text, such as partial \"card.html\" .: folio loads the partials that shortcodes call with them"))
				continue
			}
			if !seen[c.name] {
				seen[c.name] = true
				queue = append(queue, c.name)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.templates)) {
		enqueue(s.files[name], partialCalls(s.templates[name]))
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if _, err := partialName(n); err != nil {
			continue // reported when called
		}
		src, file, err := read(n)
		if errors.Is(err, fs.ErrNotExist) {
			continue // reported when called, as Hugo does
		}
		if err != nil {
			s.noPartial[n] = fmt.Sprintf("partial %q could not be read", n)
			probs = append(probs, diag.Errorf(file, 0, "", "%v", err))
			continue
		}
		fmt.Fprintf(sum, "partial %q %q\n", n, src)
		t, err := template.New(file).Funcs(funcs).Parse(src)
		if err != nil {
			s.noPartial[n] = fmt.Sprintf("partial %q does not parse", n)
			probs = append(probs, parseProblem(file, err))
			continue
		}
		s.partials[n] = t
		files[n] = file
		calls[n] = partialCalls(t)
		enqueue(file, calls[n])
	}
	// Depth-first, in name order, so that a cycle is always reported the
	// same way.
	state := map[string]int{} // 1 on the path, 2 done
	var visit func(path []string) *diag.Problem
	visit = func(path []string) *diag.Problem {
		n := path[len(path)-1]
		state[n] = 1
		for _, c := range calls[n] {
			switch state[c.name] {
			case 1:
				loop := append(slices.Clone(path[slices.Index(path, c.name):]), c.name)
				return diag.Errorf(files[n], c.line, "", "partial %q calls itself (%s): its calls would never end", c.name, strings.Join(loop, " → "))
			case 0:
				if s.partials[c.name] != nil {
					if p := visit(append(path, c.name)); p != nil {
						return p
					}
				}
			}
		}
		state[n] = 2
		return nil
	}
	for _, n := range slices.Sorted(maps.Keys(s.partials)) {
		if state[n] == 0 {
			if p := visit([]string{n}); p != nil {
				probs = append(probs, p)
				break
			}
		}
	}
	return probs
}
