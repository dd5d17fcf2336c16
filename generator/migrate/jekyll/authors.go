package jekyll

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"folio/generator/migrate"
	"folio/generator/slug"
	"folio/generator/srcfile"
)

// nameKeys are the fields an author's display name is read from, in order.
var nameKeys = []string{"name", "display_name", "full_name", "fullname", "title"}

// idKeys are the fields naming an author's id in a list of authors.
var idKeys = []string{"id", "slug", "key", "username", "handle", "login"}

// authorProfiles turns the data file of authors (authors.yml, .yaml or
// .json in the data folder, as jekyll-seo-tag and many themes read it)
// into profiles, content/authors/<id>.md with name: and the other
// fields, so that bylines and author pages show names, not ids. It reads
// a map of ids to fields (or to the name alone), or a list of authors
// each with an id field.
func (s *site) authorProfiles(sink migrate.Sink) error {
	dir := s.dataDirPath()
	for _, n := range []string{"authors.yml", "authors.yaml", "authors.json"} {
		file := path.Join(dir, n)
		p := filepath.Join(s.src, filepath.FromSlash(file))
		if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
			continue
		}
		b, err := srcfile.Read(p, srcfile.MaxText)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		var data any
		if err := yaml.Unmarshal(b, &data); err != nil {
			sink.Note(migrate.Item{Group: "Author profiles not made", File: file, What: "unreadable: " + err.Error()})
			return nil
		}
		authors := map[string]map[string]any{}
		switch d := data.(type) {
		case map[string]any:
			for id, v := range d {
				switch v := v.(type) {
				case map[string]any:
					authors[id] = v
				case string:
					authors[id] = map[string]any{"name": v}
				}
			}
		case []any:
			for i, v := range d {
				m, _ := v.(map[string]any)
				id := ""
				for _, k := range idKeys {
					if s, ok := m[k].(string); ok && s != "" {
						id = s
						delete(m, k)
						break
					}
				}
				if id == "" {
					sink.Note(migrate.Item{Group: "Author profiles not made", File: file, What: fmt.Sprintf("item %d has no id (%s)", i+1, strings.Join(idKeys, ", "))})
					continue
				}
				authors[id] = m
			}
		default:
			sink.Note(migrate.Item{Group: "Author profiles not made", File: file, What: "neither a map of authors by id nor a list of authors"})
			return nil
		}
		for _, id := range slices.Sorted(maps.Keys(authors)) {
			if err := s.authorProfile(sink, file, id, authors[id]); err != nil {
				return err
			}
		}
		return nil // the first of the names found
	}
	return nil
}

func (s *site) authorProfile(sink migrate.Sink, file, id string, fields map[string]any) error {
	term := slug.Make(id)
	if term == "" {
		sink.Note(migrate.Item{Group: "Author profiles not made", File: file, What: fmt.Sprintf("%q: no letters or digits to name its page by", id)})
		return nil
	}
	out := map[string]any{}
	for _, k := range nameKeys {
		if v, ok := fields[k].(string); ok && strings.TrimSpace(v) != "" {
			out["name"] = strings.TrimSpace(v)
			delete(fields, k)
			break
		}
	}
	if out["name"] == nil {
		sink.Note(migrate.Item{Group: "Author profiles to check", File: file, What: fmt.Sprintf("%s has no name (%s): its page shows the id", id, strings.Join(nameKeys, ", "))})
	}
	for k, v := range fields {
		switch strings.ToLower(k) {
		case "aliases", "redirect_from":
			continue // not names of the term, nor paths, here
		}
		out[k] = v
	}
	if term != id {
		sink.Note(migrate.Item{Group: "Author profiles to check", File: file, What: fmt.Sprintf("%q is written as content/authors/%s.md, the slug folio makes of it", id, term)})
	}
	return sink.Profile(&migrate.Doc{Source: file, Path: "content/authors/" + term + ".md", Front: out})
}

// dataDirPath is the data folder relative to the site.
func (s *site) dataDirPath() string {
	dir := s.dataDir
	if s.eleventy && s.input != "" && !strings.HasPrefix(dir, s.input+"/") {
		dir = path.Join(s.input, dir)
	}
	return dir
}
