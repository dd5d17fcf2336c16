package site

import (
	"path"
	"strings"

	"folio/generator/diag"
)

// resolveRefs puts the site paths that the body's ref and relref
// shortcodes (and .Page.Permalink) name in place of their tokens. It
// reports the refs that name no article.
func (s *Site) resolveRefs(a *Article) diag.List {
	refs := a.Parsed.Refs
	if len(refs) == 0 {
		return nil
	}
	var probs diag.List
	pairs := make([]string, 0, 2*len(refs))
	for _, r := range refs {
		url, ok := a.URL, true
		if r.Target != "" {
			url, ok = s.lookupRef(a.Path, r.Target)
		}
		if !ok {
			probs = append(probs, diag.Errorf(a.Path, r.Line, "", "ref %q: no article has this path or slug (write a path under content/, such as articles/2024/story.md, or relative to this file)", r.Target))
			continue
		}
		if r.Abs {
			url = strings.TrimSuffix(s.Config.BaseURL, "/") + url
		}
		pairs = append(pairs, r.Token, url)
	}
	a.Body = strings.NewReplacer(pairs...).Replace(a.Body)
	return probs
}

// lookupRef finds an article's URL by its file, as Hugo's ref does: a
// path relative to content/ (or to content/articles/, where folio keeps
// what Hugo keeps in a section) or to the file from, with or without .md,
// or the index.md of a folder; or by its slug or file name alone.
func (s *Site) lookupRef(from, target string) (string, bool) {
	p, frag, _ := strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if p == "" {
		if a := s.byPath[from]; a != nil {
			return a.URL + frag, true
		}
		return "", false
	}
	var bases []string
	if strings.HasPrefix(p, "/") {
		bases = []string{path.Join("content", p), path.Join("content/articles", p)}
	} else {
		bases = []string{path.Join(path.Dir(from), p), path.Join("content", p), path.Join("content/articles", p)}
	}
	for _, b := range bases {
		for _, c := range []string{b, b + ".md", b + "/index.md", b + "/_index.md"} {
			if a := s.byPath[c]; a != nil {
				return a.URL + frag, true
			}
		}
	}
	if strings.Contains(strings.TrimPrefix(p, "/"), "/") {
		return "", false
	}
	if s.bySlug == nil {
		s.bySlug = make(map[string]*Article, len(s.Articles))
		add := func(key string, a *Article) {
			if other, seen := s.bySlug[key]; seen && other != a {
				s.bySlug[key] = nil // two of them: the ref must say which
				return
			}
			s.bySlug[key] = a
		}
		for _, a := range s.Articles {
			add(a.Slug, a)
			add(strings.TrimSuffix(path.Base(a.Path), ".md"), a)
		}
	}
	a := s.bySlug[strings.TrimSuffix(strings.TrimPrefix(p, "/"), ".md")]
	if a == nil {
		return "", false
	}
	return a.URL + frag, true
}
