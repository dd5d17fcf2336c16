package shortcode

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// Dir is where a site's own shortcodes live, relative to the site root.
const Dir = "layouts/shortcodes"

// Set is the shortcodes a site can call: the built-in ones, and its own
// templates, which replace built-in ones of the same name. It is read-only
// once made, and safe for concurrent use.
type Set struct {
	templates map[string]*template.Template // by shortcode name
	inner     map[string]bool               // shortcodes that take an inner text
	files     map[string]string             // shortcode name → its file, for problems
	// partials are those the templates call, by their names under
	// PartialsDir ("core/card.html"); noPartial says why one that exists
	// is not there.
	partials  map[string]*template.Template
	noPartial map[string]string
	// root is the site's folder, for resources.Get; "" for none.
	root string
	// Sum identifies the site's shortcode files, so that a parse made
	// with other ones is known to be stale.
	Sum string
}

// Load reads root/layouts/shortcodes/**.html. funcs are the layouts'
// functions, which shortcodes can call too, besides Hugo's (see Funcs).
func Load(root string, funcs template.FuncMap) (*Set, diag.List) {
	files := map[string]string{}
	dir, err := sitepath.Folder(root, Dir)
	read := readPartials(root)
	if errors.Is(err, fs.ErrNotExist) {
		return parseSet(files, root, read, funcs)
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(Dir, 0, "", "%v", err)}
	}
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, diag.List{diag.Errorf(Dir, 0, "", "%v", err)}
	}
	var probs diag.List
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		show := path.Join(Dir, filepath.ToSlash(rel))
		if d.Type()&fs.ModeSymlink != 0 {
			if target, err := sitepath.Real(p); err != nil || !sitepath.Within(target, absRoot) {
				probs = append(probs, diag.Errorf(show, 0, "", "a broken link, or a link to a file outside the site, which the generator does not read"))
				return nil
			}
		}
		src, err := srcfile.Read(p, srcfile.MaxText)
		if err != nil {
			probs = append(probs, diag.Errorf(show, 0, "", "%v", err))
			return nil
		}
		files[strings.TrimSuffix(filepath.ToSlash(rel), ".html")] = string(src)
		return nil
	})
	if err != nil {
		return nil, append(probs, diag.Errorf(Dir, 0, "", "reading shortcodes: %v", err))
	}
	set, p := parseSet(files, root, read, funcs)
	if probs = append(probs, p...); len(probs) > 0 {
		return nil, probs
	}
	return set, nil
}

// Parse makes a set from templates by shortcode name ("figure",
// "blog/note"); sources as in layouts/shortcodes/NAME.html. It has no
// partials.
func Parse(files map[string]string, funcs template.FuncMap) (*Set, diag.List) {
	return parseSet(files, "", func(name string) (string, string, error) {
		return "", path.Join(PartialsDir, name), fs.ErrNotExist
	}, funcs)
}

func parseSet(files map[string]string, root string, read partialSource, funcs template.FuncMap) (*Set, diag.List) {
	s := &Set{root: root, templates: map[string]*template.Template{}, inner: map[string]bool{}, files: map[string]string{},
		partials: map[string]*template.Template{}, noPartial: map[string]string{}}
	all := Funcs(funcs)
	all["partial"] = s.partial
	all["partialCached"] = func(name string, ctx any, _ ...any) (any, error) { return s.partial(name, ctx) }
	all["resources"] = func() resourcesNS { return resourcesNS{s} }
	var probs diag.List
	add := func(name, file, src string) {
		t, err := template.New(file).Funcs(all).Parse(src)
		if err != nil {
			probs = append(probs, parseProblem(file, err))
			return
		}
		s.templates[name] = t
		s.inner[name] = strings.Contains(src, ".Inner")
		s.files[name] = file
	}
	for _, name := range slices.Sorted(maps.Keys(builtins)) {
		if _, own := files[name]; !own {
			add(name, "built-in "+name, builtins[name])
		}
	}
	var sum bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(files)) {
		add(name, path.Join(Dir, name+".html"), files[name])
		fmt.Fprintf(&sum, "%q %q\n", name, files[name])
	}
	probs = append(probs, s.loadPartials(read, all, &sum)...)
	s.Sum = sum.String()
	if len(probs) > 0 {
		// Not run: a partial may call itself.
		return nil, probs
	}
	// html/template escapes a template on its first use: do it now, so
	// that a layout that cannot be made safe is reported with the layouts,
	// not with the first article that calls it.
	for _, name := range slices.Sorted(maps.Keys(s.partials)) {
		if p := escapeProblem(s.partials[name], nil); p != nil {
			probs = append(probs, p)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.templates)) {
		if p := escapeProblem(s.templates[name], &Context{Name: name, Page: &Page{}, Site: &Site{}, doc: &scope{}}); p != nil {
			probs = append(probs, p)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return s, nil
}

// escapeProblem runs t once on dot, for html/template to escape it; only
// an escaping problem counts, since dot is not what a call gives.
func escapeProblem(t *template.Template, dot any) *diag.Problem {
	var te *template.Error
	if err := t.Execute(io.Discard, dot); errors.As(err, &te) {
		return parseProblem(t.Name(), err)
	}
	return nil
}

// readPartials reads partials from the site's PartialsDir, or else from
// layouts/_partials, where Hugo keeps them since 0.146; a link out of the
// site is refused as shortcodes' are.
func readPartials(root string) partialSource {
	return func(name string) (string, string, error) {
		var err error
		for _, dir := range []string{PartialsDir, "layouts/_partials"} {
			show := path.Join(dir, name)
			var src []byte
			src, err = readInside(root, show)
			if !errors.Is(err, fs.ErrNotExist) {
				return string(src), show, err
			}
		}
		return "", path.Join(PartialsDir, name), err
	}
}

// readInside reads the site file rel, following links only while they
// stay inside the site.
func readInside(root, rel string) ([]byte, error) {
	p := filepath.Join(root, filepath.FromSlash(rel))
	target, err := sitepath.Real(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("a broken link, or a file the generator cannot read: %w", err)
	}
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, err
	}
	if !sitepath.Within(target, absRoot) {
		return nil, errors.New("a link to a file outside the site, which the generator does not read")
	}
	return srcfile.Read(target, srcfile.MaxText)
}

// takesInner reports whether a shortcode takes an inner text (its
// template reads .Inner), and whether the set has it at all.
func (s *Set) takesInner(name string) (takes, known bool) {
	if _, ok := goBuiltins[name]; ok && s.templates[name] == nil {
		return takesInnerGo[name], true
	}
	_, known = s.templates[name]
	return s.inner[name], known
}

// Names lists the shortcodes of the set, built-in ones included.
func (s *Set) Names() []string {
	names := slices.Collect(maps.Keys(s.templates))
	for name := range goBuiltins {
		if s.templates[name] == nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// templateErr matches html/template's "template: NAME:LINE[:COL]: MESSAGE".
var templateErr = regexp.MustCompile(`^(?:html/template|template): ?(.+?):(\d+)(?::(\d+))?: (.*)$`)

// parseProblem turns a template error into a problem naming its file and
// line.
func parseProblem(file string, err error) *diag.Problem {
	msg := strings.SplitN(err.Error(), "\n", 2)[0]
	if m := templateErr.FindStringSubmatch(msg); m != nil && m[1] == file {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return &diag.Problem{Path: file, Line: line, Column: col, Message: m[4]}
	}
	msg = strings.TrimPrefix(strings.TrimPrefix(msg, "html/template:"), "template:")
	msg = strings.TrimPrefix(strings.TrimPrefix(msg, " "), file+": ")
	return &diag.Problem{Path: file, Message: msg}
}
