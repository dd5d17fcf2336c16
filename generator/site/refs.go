package site

import (
	"path"
	"strings"

	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/shortcode"
)

// resolveRefs puts the site paths that the article's ref and relref
// shortcodes (and .Page.Permalink) name in place of their tokens. It
// reports the refs that name nothing.
func (s *Site) resolveRefs(a *Article) diag.List {
	if len(a.Parsed.Refs) == 0 {
		return nil
	}
	body, probs := s.resolve(a.Path, a.URL, a.body, a.Parsed.Refs)
	// An image's src may come through a ref ({{ .Page.RelPermalink }}).
	a.body, a.BodyImages = body, content.ImageSrcs(body)
	return probs
}

// resolveAll resolves the refs of every article, shown profile and page,
// once the site knows all their URLs. Profiles and pages with refs are
// replaced by copies with their bodies resolved: the parsed ones keep
// their tokens, for the next assembly.
func (s *Site) resolveAll() diag.List {
	var probs diag.List
	for _, a := range s.Articles {
		probs = append(probs, s.resolveRefs(a)...)
	}
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if p := term.Profile; p != nil && len(p.Refs) > 0 {
				c := *p
				var pp diag.List
				c.Body, pp = s.resolve(p.Path, term.URL, p.Body, p.Refs)
				probs = append(probs, pp...)
				term.Profile = &c
			}
		}
	}
	for i, pg := range s.Pages {
		if len(pg.Refs) > 0 {
			c := *pg
			var pp diag.List
			c.Body, pp = s.resolve(pg.Path, pg.URL, pg.Body, pg.Refs)
			probs = append(probs, pp...)
			s.Pages[i] = &c
		}
	}
	return probs
}

// resolve replaces the tokens of refs in body, made by the file from
// whose page is at self.
func (s *Site) resolve(from, self, body string, refs []shortcode.Ref) (string, diag.List) {
	var probs diag.List
	pairs := make([]string, 0, 2*len(refs))
	for _, r := range refs {
		url, ok := self, true
		if r.Target != "" {
			url, ok = s.lookupRef(from, self, r.Target)
		}
		if !ok {
			probs = append(probs, diag.Errorf(from, r.Line, "", "ref %q: no article, page or profile has this path or slug (write a path under content/, such as articles/2024/story.md, or relative to this file)", r.Target))
			continue
		}
		if r.Abs {
			url = strings.TrimSuffix(s.Config.BaseURL, "/") + url
		}
		pairs = append(pairs, r.Token, url)
	}
	return strings.NewReplacer(pairs...).Replace(body), probs
}

// lookupRef finds a page's URL by its file, as Hugo's ref does: a path
// relative to content/ (or to content/articles/ or content/pages/, where
// folio keeps what Hugo keeps in sections) or to the file from, with or
// without .md, or the index.md or _index.md of a folder; or by its slug
// or file name alone. Articles come first, then standalone pages and the
// profiles of terms that have a page.
func (s *Site) lookupRef(from, self, target string) (string, bool) {
	p, frag, _ := strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if p == "" {
		return self + frag, true
	}
	var bases []string
	if strings.HasPrefix(p, "/") {
		bases = []string{path.Join("content", p), path.Join("content/articles", p), path.Join(content.PagesDir, p)}
	} else {
		bases = []string{path.Join(path.Dir(from), p), path.Join("content", p), path.Join("content/articles", p), path.Join(content.PagesDir, p)}
	}
	s.indexRefs()
	for _, b := range bases {
		cands := []string{b, b + ".md", b + "/index.md", b + "/_index.md"}
		if d, ok := strings.CutSuffix(b, "/_index.md"); ok {
			cands = append(cands, d+".md") // a Hugo term page, now a profile file
		}
		for _, c := range cands {
			if a := s.byPath[c]; a != nil {
				return a.URL + frag, true
			}
			if u, ok := s.otherPaths[c]; ok {
				return u + frag, true
			}
		}
	}
	if strings.Contains(strings.TrimPrefix(p, "/"), "/") {
		return "", false
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, "/"), ".md")
	if a, ok := s.bySlug[name]; ok {
		if a == nil {
			return "", false // two articles: the ref must say which
		}
		return a.URL + frag, true
	}
	if u := s.otherSlugs[name]; u != "" {
		return u + frag, true
	}
	return "", false
}

// indexRefs makes the indexes refs look things up in, on the first ref:
// articles by slug and file name (nil for one that two share), and pages
// and shown profiles by file and by file name.
func (s *Site) indexRefs() {
	if s.bySlug != nil {
		return
	}
	s.bySlug = make(map[string]*Article, len(s.Articles))
	add := func(key string, a *Article) {
		if other, seen := s.bySlug[key]; seen && other != a {
			s.bySlug[key] = nil
			return
		}
		s.bySlug[key] = a
	}
	for _, a := range s.Articles {
		add(a.Slug, a)
		add(strings.TrimSuffix(path.Base(a.Path), ".md"), a)
	}
	s.otherPaths, s.otherSlugs = map[string]string{}, map[string]string{}
	addOther := func(file, url string) {
		s.otherPaths[file] = url
		key := shortcode.NewFile(file).ContentBaseName
		if other, seen := s.otherSlugs[key]; seen && other != url {
			s.otherSlugs[key] = "" // two of them: the ref must say which
			return
		}
		s.otherSlugs[key] = url
	}
	for _, pg := range s.Pages {
		addOther(pg.Path, pg.URL)
	}
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if term.Profile != nil {
				addOther(term.Profile.Path, term.URL)
			}
		}
	}
}
