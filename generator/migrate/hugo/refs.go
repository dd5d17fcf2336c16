package hugo

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"folio/generator/migrate"
)

// refIndex finds a file of the old site as Hugo's ref and relref do: by
// its path under the content folder (with or without its extension, a
// section or bundle by its folder), relative to the calling file or to
// the content folder, or by its base name alone when only one file has
// it. Keys are lower-case, as Hugo's page keys are.
type refIndex struct {
	byPath map[string]string // key → rel
	byBase map[string]string // base name → rel, "" when several have it
}

func newRefIndex() *refIndex {
	return &refIndex{byPath: map[string]string{}, byBase: map[string]string{}}
}

func (x *refIndex) add(rel string) {
	lower := strings.ToLower(rel)
	noExt := strings.TrimSuffix(lower, path.Ext(lower))
	x.byPath[lower] = rel
	x.byPath[noExt] = rel
	base := path.Base(noExt)
	if base == "index" || base == "_index" {
		x.byPath[path.Dir(lower)] = rel
		base = path.Base(path.Dir(lower))
		if base == "." {
			return // the home page
		}
	}
	for _, b := range []string{path.Base(lower), base} {
		if other, ok := x.byBase[b]; ok && other != rel {
			x.byBase[b] = ""
			continue
		}
		x.byBase[b] = rel
	}
}

// find returns the file a ref in the file from names.
func (x *refIndex) find(from, ref string) (string, bool) {
	p := strings.ToLower(strings.TrimSuffix(ref, "/"))
	if strings.HasPrefix(p, "/") {
		rel, ok := x.byPath[strings.TrimPrefix(path.Clean(p), "/")]
		if !ok && path.Clean(p) == "/" {
			rel, ok = x.byPath["."]
		}
		return rel, ok
	}
	for _, k := range []string{path.Join(path.Dir(strings.ToLower(from)), p), path.Clean(p)} {
		if rel, ok := x.byPath[k]; ok {
			return rel, true
		}
	}
	if strings.Contains(p, "/") {
		return "", false
	}
	rel := x.byBase[p]
	return rel, rel != ""
}

// refCall is a ref or relref call with its target as one argument.
var refCall = regexp.MustCompile(`\{\{([<%])(-?\s*)(relref|ref)(\s+)(?:"([^"]*)"|'([^']*)'|` + "`([^`]*)`" + `|([^\s"'%>]+))(\s*-?)([>%])\}\}`)

// rewriteRefs rewrites the refs of p's body for the new site: one to an
// article names its new file, one to what folio's refs do not find (a
// page, a term page) becomes its URL, and one to what was not migrated
// its old URL, reported.
func (s *site) rewriteRefs(p *page, sink migrate.Sink) []byte {
	return s.mdLinks(separateCalls(s.rewriteArgs(s.refCalls(p, sink), p, sink)), p)
}

func (s *site) refCalls(p *page, sink migrate.Sink) []byte {
	matches := refCall.FindAllSubmatchIndex(p.body, -1)
	if len(matches) == 0 {
		return p.body
	}
	var out []byte
	last, line := 0, p.bodyLine
	for _, m := range matches {
		line += bytes.Count(p.body[last:m[0]], []byte("\n"))
		out = append(out, p.body[last:m[0]]...)
		last = m[1]
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return string(p.body[m[2*i]:m[2*i+1]])
		}
		arg := group(5) + group(6) + group(7) + group(8)
		target, frag, _ := strings.Cut(arg, "#")
		if frag != "" {
			frag = "#" + frag
		}
		if target == "" {
			out = append(out, p.body[m[0]:m[1]]...) // the calling page itself: folio's ref finds it
			continue
		}
		note := func(group, what string) {
			sink.Note(migrate.Item{Group: group, File: p.file, Line: line, What: fmt.Sprintf("%s %q: %s", string(p.body[m[6]:m[7]]), arg, what)})
		}
		t, ok := s.refTarget(p, target, note)
		switch {
		case !ok:
			out = append(out, s.cfg.RefNotFound...)
		case t.ref != "":
			out = fmt.Appendf(out, "{{%s%s%s%s\"%s%s\"%s%s}}", group(1), group(2), group(3), group(4), t.ref, frag, group(9), group(10))
		default:
			out = append(out, t.url+frag...)
		}
	}
	return append(out, p.body[last:]...)
}

// refTarget finds where the file a ref names went; ok is false when the
// ref is written as Hugo wrote a broken one (the site's
// refLinksNotFoundURL), because no file, or only a draft or expired one,
// has the name. What a person must look at is noted.
func (s *site) refTarget(p *page, name string, note func(group, what string)) (target, bool) {
	rel, ok := s.refs.find(p.rel, name)
	if !ok {
		note("Refs to nothing", fmt.Sprintf("no file of the old site has this path or name: written as %s, to fix", s.cfg.RefNotFound))
		return target{}, false
	}
	t := s.targets[rel]
	switch {
	case t.dead:
		note("Refs to drafts and expired pages", fmt.Sprintf("%s is a draft or past its expiry date, which neither Hugo nor folio publish: written as %s, as Hugo wrote it", path.Join(s.cfg.ContentDir, rel), s.cfg.RefNotFound))
		return target{}, false
	case t.ref == "" && t.skipped:
		note("Refs to pages not migrated", fmt.Sprintf("%s is not migrated: written as its old URL %s", path.Join(s.cfg.ContentDir, rel), t.url))
	}
	return t, true
}

// refFunc is a template's use of Hugo's ref functions ({{ relref $.Page
// $x }}, {{ .Page.RelRef … }}): the shortcode takes content paths as
// arguments.
var refFunc = regexp.MustCompile(`(?:^|[^.\w])(?:relref|ref)\s+[$.(]|\.(?:RelRef|Ref)\b`)

// argCall is a shortcode call with its arguments.
var argCall = regexp.MustCompile(`\{\{([<%])-?\s*([A-Za-z0-9_][A-Za-z0-9_./-]*)([^{}]*?)-?[>%]\}\}`)

// argToken is one argument: name=, then a quoted or bare value.
var argToken = regexp.MustCompile(`(?:[\w-]+=)?(?:"([^"]*)"|'([^']*)'|` + "`([^`]*)`" + `|([^\s"'=]+))`)

// rewriteArgs rewrites the content paths given to shortcodes that pass
// them to Hugo's ref functions (a site's link or button shortcode): each
// names the new file as rewriteRefs does.
func (s *site) rewriteArgs(body []byte, p *page, sink migrate.Sink) []byte {
	if len(s.refShortcodes) == 0 {
		return body
	}
	matches := argCall.FindAllSubmatchIndex(body, -1)
	var out []byte
	last, line := 0, p.bodyLine
	for _, m := range matches {
		name := string(body[m[4]:m[5]])
		if !s.refShortcodes[name] {
			continue
		}
		line += bytes.Count(body[last:m[0]], []byte("\n"))
		out = append(out, body[last:m[6]]...)
		last = m[7]
		args := body[m[6]:m[7]]
		prev := 0
		for _, a := range argToken.FindAllSubmatchIndex(args, -1) {
			g := 2
			for g <= 8 && a[g] < 0 {
				g += 2
			}
			if g > 8 {
				continue
			}
			v := string(args[a[g]:a[g+1]])
			target, frag, _ := strings.Cut(v, "#")
			if !strings.EqualFold(path.Ext(target), ".md") {
				continue
			}
			if frag != "" {
				frag = "#" + frag
			}
			note := func(group, what string) {
				sink.Note(migrate.Item{Group: group, File: p.file, Line: line, What: fmt.Sprintf("%s %q: %s", name, v, what)})
			}
			out = append(out, args[prev:a[g]]...)
			prev = a[g+1]
			t, ok := s.refTarget(p, target, note)
			switch {
			case !ok:
				out = append(out, s.cfg.RefNotFound...)
			case t.ref != "":
				out = append(out, t.ref+frag...)
			default:
				out = append(out, t.url+frag...)
			}
		}
		out = append(out, args[prev:]...)
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}
