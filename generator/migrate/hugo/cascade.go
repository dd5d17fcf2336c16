package hugo

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/generator/migrate"
)

// Hugo's cascade: a page's front matter may hand fields down to itself
// and to every page below it (cascade: {git_version_tag: v3.5.21} in
// etcd.io's docs/v3.5/_index.md), unless a page sets the field itself or
// a nearer section's cascade sets it. folio has no such inheritance, so
// the migration writes the fields into each page they reached: etcd.io's
// install pages read git_version_tag with the param shortcode, and did
// not build without it.
//
// A cascade entry with a target (kind, path, lang or environment) is
// not applied: it is noted, for its fields to be set by hand.

// cascades tracks the cascades of a walk of the content folder: each
// folder's, its own over the one it is in.
type cascades struct {
	byDir map[string]map[string]any // lower-case keys
	noted map[string]bool
}

func newCascades() *cascades {
	return &cascades{byDir: map[string]map[string]any{}, noted: map[string]bool{}}
}

// enter records the cascade of the folder rel (relative to the content
// folder, "." for it), read from its section page, once: the walks after
// the first find it recorded. The parent folder was entered before.
func (c *cascades) enter(s *site, rel string) {
	if _, done := c.byDir[rel]; done {
		return
	}
	inherited := c.byDir[path.Dir(rel)]
	if rel == "." {
		inherited = nil
	}
	own := c.ownOf(s, rel)
	if len(own) == 0 {
		c.byDir[rel] = inherited // nil when none: entered all the same
		return
	}
	merged := maps.Clone(inherited)
	if merged == nil {
		merged = map[string]any{}
	}
	maps.Copy(merged, own)
	c.byDir[rel] = merged
}

// ownOf is the cascade the section page of the folder rel sets, if it
// has one.
func (c *cascades) ownOf(s *site, rel string) map[string]any {
	dir := filepath.Join(s.src, filepath.FromSlash(s.cfg.ContentDir), filepath.FromSlash(rel))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "_index.") || !e.Type().IsRegular() || (!isMarkdown(name) && !isHTML(name)) {
			continue
		}
		if lang := langOf(name); lang != "" && slices.Contains(s.cfg.Languages, lang) {
			continue // another language's section page
		}
		src, err := readRegular(filepath.Join(dir, name))
		if err != nil {
			return nil
		}
		fm, _, _, err := split(src)
		if err != nil || fm == nil {
			return nil
		}
		f, ok := fm.get("cascade")
		if !ok {
			return nil
		}
		return c.entries(s, path.Join(s.cfg.ContentDir, rel, name), f)
	}
	return nil
}

// entries are the fields of a cascade value (a map, or a list of them)
// that apply everywhere below: those of entries with a target are noted.
func (c *cascades) entries(s *site, file string, f field) map[string]any {
	var list []any
	switch v := f.Value.(type) {
	case map[string]any:
		list = []any{v}
	case []any:
		list = v
	}
	out := map[string]any{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		m = lower(m)
		if _, t1 := m["_target"]; t1 || m["target"] != nil {
			if !c.noted[file] {
				c.noted[file] = true
				s.notes = append(s.notes, migrate.Item{Group: "Cascades not applied", File: file, Line: f.Line,
					What: "a cascade with a target (kind, path, language or environment): its fields are not written into the pages it reached; set them by hand"})
			}
			continue
		}
		for k, v := range m {
			if _, set := out[k]; !set {
				out[k] = v
			}
		}
	}
	return out
}

// apply writes into p's front matter the fields its folder's cascade, and
// its own, hand down, where p sets none of its own.
func (c *cascades) apply(s *site, p *page, dir string) {
	if p.fm == nil {
		return
	}
	fields := c.byDir[dir]
	if f, ok := p.fm.get("cascade"); ok {
		// A page's own cascade reaches it too (a leaf bundle's, or a
		// section page's, whose folder has it already).
		if own := c.entries(s, p.file, f); len(own) > 0 {
			fields = maps.Clone(fields)
			if fields == nil {
				fields = map[string]any{}
			}
			maps.Copy(fields, own)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if _, set := p.fm.get(k); set || k == "cascade" {
			continue
		}
		v := fields[k]
		p.fm.fields = append(p.fm.fields, field{Key: k, Value: v, Raw: rawOf(v), Line: 1})
	}
}

// rawOf is a cascaded scalar's text, as front matter gives a field's.
func rawOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case map[string]any, []any, nil:
		return ""
	}
	return fmt.Sprint(v)
}
