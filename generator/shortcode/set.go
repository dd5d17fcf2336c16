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
	// Sum identifies the site's shortcode files, so that a parse made
	// with other ones is known to be stale.
	Sum string
}

// Load reads root/layouts/shortcodes/**.html. funcs are the layouts'
// functions, which shortcodes can call too, besides Hugo's (see Funcs).
func Load(root string, funcs template.FuncMap) (*Set, diag.List) {
	files := map[string]string{}
	dir, err := sitepath.Folder(root, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return Parse(files, funcs)
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
	set, p := Parse(files, funcs)
	if probs = append(probs, p...); len(probs) > 0 {
		return nil, probs
	}
	return set, nil
}

// Parse makes a set from templates by shortcode name ("figure",
// "blog/note"); sources as in layouts/shortcodes/NAME.html.
func Parse(files map[string]string, funcs template.FuncMap) (*Set, diag.List) {
	all := Funcs(funcs)
	s := &Set{templates: map[string]*template.Template{}, inner: map[string]bool{}, files: map[string]string{}}
	var probs diag.List
	add := func(name, file, src string) {
		t, err := template.New(file).Funcs(all).Parse(src)
		if err == nil {
			// html/template escapes a template on its first use: do it now,
			// so that a layout that cannot be made safe is reported with
			// the layouts, not with the first article that calls it.
			err = t.Execute(io.Discard, &Context{Name: name, Page: &Page{}, Site: &Site{}, doc: &scope{}})
			var te *template.Error
			if !errors.As(err, &te) {
				err = nil
			}
		}
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
	s.Sum = sum.String()
	if len(probs) > 0 {
		return nil, probs
	}
	return s, nil
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
	return &diag.Problem{Path: file, Message: strings.TrimPrefix(strings.TrimPrefix(msg, "html/template: "), "template: ")}
}
