package hugo

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"folio/generator/migrate"
	"folio/generator/shortcode"
	"folio/generator/srcfile"
)

// standInGroup is the report's group of the shortcodes that could not be
// translated and are stood in for.
const standInGroup = "Shortcodes shown only by their inner text until rewritten"

// partialsDest is where the partials translated shortcodes call go:
// Hugo's newer folder for them, which folio's shortcodes read after
// layouts/partials/ and its layouts do not parse (its layouts/partials/
// files are parsed with the layouts' functions, which Hugo's partials
// do not keep to).
const partialsDest = "layouts/_partials/"

// shownCalls is how many calls of a stood-in shortcode the report names.
const shownCalls = 3

// calls counts one shortcode's calls in the content written, with the
// first few places.
type calls struct {
	n     int
	first []string // file:line
	// closed tells that a call has inner text and a closing tag.
	closed bool
	// inline is the template of an inline shortcode ({{< name.inline >}}
	// TEMPLATE {{< /name.inline >}}) as its first call writes it;
	// inlineFile and inlineLine are where that call is.
	inline     string
	inlineFile string
	inlineLine int
}

// callOpen is the opening of a shortcode call ({{< name, {{% name); a
// closing tag ({{< /name) and an escaped call ({{</* name */>}}) are not.
var callOpen = regexp.MustCompile(`\{\{[<%]-?\s*([A-Za-z0-9_][A-Za-z0-9_./-]*)`)

// countCalls records the shortcode calls of a page being written.
func (s *site) countCalls(p *page) {
	line, last := p.bodyLine, 0
	for _, m := range callOpen.FindAllSubmatchIndex(p.body, -1) {
		line += bytes.Count(p.body[last:m[0]], []byte("\n"))
		last = m[0]
		name := string(p.body[m[2]:m[3]])
		c := s.calls[name]
		if c == nil {
			c = &calls{}
			s.calls[name] = c
		}
		c.n++
		if len(c.first) < shownCalls {
			c.first = append(c.first, fmt.Sprintf("%s:%d", p.file, line))
		}
		if strings.HasSuffix(name, ".inline") && c.inline == "" {
			if tmpl, ok := inlineTemplate(p.body[m[1]:], name); ok {
				c.inline, c.inlineFile, c.inlineLine = tmpl, p.file, line
			}
		}
	}
	for _, m := range callClose.FindAllSubmatch(p.body, -1) {
		if c := s.calls[string(m[1])]; c != nil {
			c.closed = true
		}
	}
}

// callClose is the closing tag of a call with inner text.
var callClose = regexp.MustCompile(`\{\{[<%]-?\s*/\s*([A-Za-z0-9_][A-Za-z0-9_./-]*)`)

// inlineTemplate is the template an inline shortcode's call defines: the
// text between the end of its opening tag, at the start of rest, and its
// closing tag; false for a call that ends itself ({{< name.inline />}}:
// a use of a template defined before).
func inlineTemplate(rest []byte, name string) (string, bool) {
	end := bytes.Index(rest, []byte("}}"))
	if end < 1 {
		return "", false
	}
	// The opening tag's end: ">}}" or "%}}", after "/" when it ends
	// itself, and "-" when it trims the space around.
	open := bytes.TrimRight(rest[:end-1], " \t\n-")
	if bytes.HasSuffix(open, []byte("/")) {
		return "", false
	}
	rest = rest[end+2:]
	closing := regexp.MustCompile(`\{\{[<%]-?\s*/\s*` + regexp.QuoteMeta(name) + `\s*-?[>%]\}\}`).FindIndex(rest)
	if closing == nil {
		return "", false
	}
	return string(rest[:closing[0]]), true
}

// template is a shortcode or partial template of the site or its themes.
type template struct {
	name string // shortcode name, or partial path under partials/
	file string // relative to the site
	src  string
	// inline tells an inline shortcode's template, which its call holds
	// as inner text: folio's version reads it from its file, and takes
	// the call's inner text without showing it.
	inline bool
	line   int // of the call, for an inline shortcode
}

// takeInner begins the file of an inline shortcode: its calls keep their
// inner text (Hugo's template), which must be read to be allowed.
const takeInner = "{{- $hugoTemplate := .Inner -}}\n"

// layoutDirs are the folders (relative to the site) holding layouts of
// the kind sub ("shortcodes", "partials"): the site's before its themes'.
// Hugo 0.146 and later also read layouts/_shortcodes, layouts/_partials.
func (s *site) layoutDirs(sub string) []string {
	var dirs []string
	for _, base := range append([]string{""}, s.themeDirs()...) {
		dirs = append(dirs, path.Join(base, "layouts", sub), path.Join(base, "layouts", "_"+sub))
	}
	return dirs
}

func (s *site) themeDirs() []string {
	var out []string
	for _, t := range s.cfg.Themes {
		out = append(out, path.Join("themes", t))
	}
	return out
}

// shortcodes translates the site's shortcode templates and its themes'
// (the site's own template of a name wins over a theme's): a template
// using only what folio offers is copied to layouts/shortcodes/, with
// the partials it calls to layouts/_partials/; each other one, and each
// shortcode the content calls that neither the site nor folio has, gets
// a stand-in that shows what a call can keep (its inner text) and holds
// Hugo's template for the person who rewrites it.
func (s *site) shortcodes(sink migrate.Sink) error {
	found := map[string]template{}
	for _, dir := range s.layoutDirs("shortcodes") {
		root := filepath.Join(s.src, filepath.FromSlash(dir))
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			r, _ := filepath.Rel(root, p)
			rel := filepath.ToSlash(r)
			file := path.Join(dir, rel)
			name := strings.TrimSuffix(rel, path.Ext(rel))
			if _, done := found[name]; done {
				return nil
			}
			if path.Ext(rel) != ".html" || strings.Contains(name, ".") {
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, What: "not an HTML shortcode template (folio's are layouts/shortcodes/NAME.html)"})
				return nil
			}
			if !e.Type().IsRegular() {
				sink.Note(migrate.Item{Group: "Shortcode templates not translated", File: file, What: "not a regular file (a link?)"})
				return nil
			}
			src, err := srcfile.Read(p, srcfile.MaxText)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			found[name] = template{name: name, file: file, src: string(src)}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// Inline shortcodes: their templates are in the pages that call them.
	for name, c := range s.calls {
		if _, ok := found[name]; !ok && c.inline != "" && safeName(name) {
			found[name] = template{name: name, file: c.inlineFile, src: c.inline, inline: true, line: c.inlineLine}
		}
	}
	tr := &translator{s: s, sink: sink, own: s.lookPartials(), results: map[string]*partialResult{}, written: map[string]bool{}}
	for _, name := range slices.Sorted(maps.Keys(found)) {
		t := found[name]
		blockers, line, parts, err := checkTemplate(name, t.src, []string{}, nil)
		if t.inline {
			line = t.line // the call's: the template's own lines are the page's
		}
		if err != nil {
			if err := tr.standIn(t, "is a template Go does not parse ("+err.Error()+")", max(line, 1)); err != nil {
				return err
			}
			continue
		}
		if len(blockers) > 0 {
			if err := tr.standIn(t, "uses "+strings.Join(blockers, ", ")+", which folio's shortcodes do not offer", line); err != nil {
				return err
			}
			continue
		}
		var files []template
		var missing []string
		for _, c := range parts {
			r := tr.partial(c, nil)
			if len(r.blockers) > 0 && len(missing) == 0 && !t.inline {
				line = c.line
			}
			missing = append(missing, r.blockers...)
			files = append(files, r.files...)
		}
		if len(missing) > 0 {
			if err := tr.standIn(t, "calls "+strings.Join(slices.Compact(missing), ", "), line); err != nil {
				return err
			}
			continue
		}
		src := t.src
		if t.inline {
			src = takeInner + src
		}
		if err := sink.File("layouts/shortcodes/"+name+".html", []byte(src), migrate.Shortcodes); err != nil {
			return err
		}
		for _, f := range files {
			if tr.written[f.name] {
				continue
			}
			tr.written[f.name] = true
			if err := sink.File(partialsDest+f.name, []byte(f.src), migrate.Partials); err != nil {
				return err
			}
		}
	}
	// Shortcodes the content calls that no template of the site makes and
	// folio has no built-in of: Hugo's own that folio lacks, or typos.
	builtin, _ := shortcode.Parse(nil, nil)
	for _, name := range slices.Sorted(maps.Keys(s.calls)) {
		if _, ok := found[name]; ok || slices.Contains(builtin.Names(), name) || !safeName(name) {
			continue
		}
		src, ok := hugoBuiltins[name]
		why := "has no template: neither the site, its themes nor folio has a shortcode of this name"
		if ok {
			why = "is Hugo's built-in " + name + ", which folio does not have"
		}
		t := template{name: name, file: s.cfg.File, src: src}
		if err := tr.standIn(t, why, 0); err != nil {
			return err
		}
	}
	return nil
}

// hugoBuiltins are stand-ins for Hugo's built-in shortcodes folio lacks.
var hugoBuiltins = map[string]string{
	// comment hides its inner text.
	"comment": "{{- $hidden := .Inner -}}",
}

// safeName is a shortcode name that is a path inside layouts/shortcodes.
func safeName(name string) bool {
	return fs.ValidPath(name) && !strings.Contains(name, "..")
}

// translator checks and copies the partials translated shortcodes call,
// and writes stand-ins.
type translator struct {
	s    *site
	sink migrate.Sink
	// own are the partials of folio's layouts in the new site, which a
	// site's partial of the same name would replace.
	own map[string]bool
	// results are the partials checked, by name and dot.
	results map[string]*partialResult
	written map[string]bool
}

// partialResult is what folio lacks for a partial (and the partials it
// calls), and the files to copy when it lacks nothing.
type partialResult struct {
	blockers []string
	files    []template
}

// lookPartials lists the partials of folio's layouts the new site starts
// with (-look), by their path under layouts/partials/.
func (s *site) lookPartials() map[string]bool {
	own := map[string]bool{}
	if s.opts.Look == "" {
		return own
	}
	root := filepath.Join(s.opts.Look, "layouts", "partials")
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			r, _ := filepath.Rel(root, p)
			own[filepath.ToSlash(r)] = true
		}
		return nil
	})
	return own
}

// partial checks the partial a call names, with the dot the call gives,
// and the partials it calls in turn. visiting holds the partials being
// checked above this one, so that a partial calling itself ends.
func (tr *translator) partial(c partialCall, visiting []string) *partialResult {
	name := strings.TrimPrefix(c.name, "partials/")
	key := fmt.Sprintf("%s\x00%q\x00%v\x00%v", name, c.dot, c.dot == nil, c.dict)
	if r := tr.results[key]; r != nil {
		return r
	}
	r := &partialResult{}
	tr.results[key] = r
	fail := func(why string) *partialResult {
		r.blockers = []string{fmt.Sprintf("partial %q (%s)", c.name, why)}
		r.files = nil
		return r
	}
	t, ok := tr.s.findPartial(name)
	if !ok {
		return fail("not found in layouts/partials/")
	}
	if tr.own[t.name] {
		return fail("folio's layouts have their own partial of this name")
	}
	if slices.Contains(visiting, t.name) {
		return r // checked above
	}
	blockers, _, parts, err := checkTemplate(t.name, t.src, c.dot, c.dict)
	if err != nil {
		return fail("a template Go does not parse")
	}
	if len(blockers) > 0 {
		return fail("which uses " + strings.Join(blockers, ", ") + ", which folio's shortcodes do not offer")
	}
	files := []template{t}
	for _, sub := range parts {
		sr := tr.partial(sub, append(visiting, t.name))
		if len(sr.blockers) > 0 {
			return fail("which calls " + strings.Join(sr.blockers, ", "))
		}
		files = append(files, sr.files...)
	}
	r.files = files
	return r
}

// findPartial reads the partial name (a path under partials/, with or
// without .html) from the site or its themes.
func (s *site) findPartial(name string) (template, bool) {
	names := []string{name}
	if path.Ext(name) == "" {
		names = append(names, name+".html")
	}
	if !fs.ValidPath(name) {
		return template{}, false
	}
	for _, dir := range s.layoutDirs("partials") {
		for _, n := range names {
			file := path.Join(dir, n)
			p := filepath.Join(s.src, filepath.FromSlash(file))
			info, err := os.Lstat(p)
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			src, err := srcfile.Read(p, srcfile.MaxText)
			if err != nil {
				continue
			}
			if path.Ext(n) == "" {
				n += ".html"
			}
			return template{name: n, file: file, src: string(src)}, true
		}
	}
	return template{}, false
}

// standIn writes a stand-in for a shortcode folio cannot run as Hugo's
// template is written: a call shows its inner text (when the template
// takes one), and Hugo's template is kept in a comment at the top for
// the person who rewrites it. The report says why, and where it is
// called.
func (tr *translator) standIn(t template, why string, line int) error {
	_, builtin := hugoBuiltins[t.name]
	builtin = builtin && t.file == tr.s.cfg.File
	c := tr.s.calls[t.name]
	// A shortcode of no template that a page calls with inner text shows
	// that text, as one whose template shows .Inner does.
	inner := !builtin && !t.inline && (strings.Contains(t.src, ".Inner") || t.src == "" && c != nil && c.closed)
	shows := "nothing"
	if inner {
		shows = "only their inner text"
	}
	if t.inline {
		why = "is an inline shortcode, its template written in the page that calls it, and " + why
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{{- /* A stand-in written by folio's migrate: Hugo's shortcode %s %s.\n", t.name, why)
	fmt.Fprintf(&b, "Until this file is rewritten, its calls show %s.", shows)
	if !builtin && t.src != "" {
		fmt.Fprintf(&b, " Hugo's template (%s), with each comment end written *\\/:\n\n%s", t.file, strings.ReplaceAll(t.src, "*/", "*\\/"))
	}
	b.WriteString("\n*/ -}}\n")
	switch {
	case builtin:
		b.WriteString(t.src + "\n")
	case inner:
		b.WriteString("{{- .Inner -}}\n")
	case t.inline:
		b.WriteString(takeInner)
	}
	if err := tr.sink.File("layouts/shortcodes/"+t.name+".html", []byte(b.String()), migrate.StandIns); err != nil {
		return err
	}
	used := "not called by any page"
	if c != nil {
		used = fmt.Sprintf("called %d %s (%s", c.n, plural(c.n, "time", "times"), strings.Join(c.first, ", "))
		if c.n > len(c.first) {
			used += ", …"
		}
		used += ")"
	}
	tr.sink.Note(migrate.Item{Group: standInGroup, File: t.file, Line: line,
		What: fmt.Sprintf("%s %s; %s; layouts/shortcodes/%s.html shows %s until it is rewritten", t.name, why, used, t.name, shows)})
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// findRefShortcodes lists the shortcodes whose templates call Hugo's ref
// functions (the site's own template of a name before a theme's).
func (s *site) findRefShortcodes() map[string]bool {
	out, seen := map[string]bool{}, map[string]bool{}
	for _, dir := range s.layoutDirs("shortcodes") {
		root := filepath.Join(s.src, filepath.FromSlash(dir))
		filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || !e.Type().IsRegular() || path.Ext(p) != ".html" {
				return nil
			}
			r, _ := filepath.Rel(root, p)
			name := strings.TrimSuffix(filepath.ToSlash(r), ".html")
			if seen[name] {
				return nil
			}
			seen[name] = true
			if src, err := srcfile.Read(p, srcfile.MaxText); err == nil && refFunc.Match(src) {
				out[name] = true
			}
			return nil
		})
	}
	return out
}
