package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/slug"
	"folio/generator/srcfile"
)

// Profile describes one term (a person, a place, a topic) in its own file,
// content/<taxonomy>/<slug>.md: a display name, other spellings that mean
// the same term, a one-line description, links and a short biography.
type Profile struct {
	// Path is the file, relative to the site root, slash-separated.
	Path     string
	Taxonomy string
	// Slug identifies the term: the slug of Name, or of the file name
	// when Name is not given.
	Slug        string
	Name        string
	Aliases     []string
	Description string
	Image       string
	ImageAlt    string
	Links       []Link
	Body        string // HTML
}

// Link is one link of a profile.
type Link struct {
	Title string
	URL   string
}

// ProfileFile is a profile's path and taxonomy.
type ProfileFile struct {
	Path     string // slash-separated, relative to the site root
	Taxonomy string
}

// ProfileFiles lists content/<taxonomy>/*.md for every taxonomy, sorted,
// with warnings about those it leaves out, by the rules of Scan.
func ProfileFiles(root string, taxonomies []config.Taxonomy) ([]ProfileFile, diag.List, error) {
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, nil, err
	}
	var out []ProfileFile
	var warnings diag.List
	for _, t := range taxonomies {
		dir := path.Join("content", t.Name)
		real, err := sitepath.Folder(root, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, diag.List{diag.Errorf(dir, 0, "", "%v", err)}
		}
		entries, err := os.ReadDir(real)
		if err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", dir, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".md") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			rel := path.Join(dir, e.Name())
			if w := unreadable(absRoot, filepath.Join(real, e.Name()), rel, e.Type()); w != nil {
				warnings = append(warnings, w)
				continue
			}
			out = append(out, ProfileFile{Path: rel, Taxonomy: t.Name})
		}
	}
	slices.SortFunc(out, func(a, b ProfileFile) int { return strings.Compare(a.Path, b.Path) })
	return out, warnings, nil
}

// LoadProfiles reads and parses profile files, in order; failed ones are
// left out and their problems reported.
func (p *Parser) LoadProfiles(root string, files []ProfileFile) ([]*Profile, diag.List) {
	var out []*Profile
	var probs diag.List
	for _, f := range files {
		src, err := srcfile.Read(filepath.Join(root, filepath.FromSlash(f.Path)), srcfile.MaxText)
		if err != nil {
			probs = append(probs, diag.Errorf(f.Path, 0, "", "%v", unwrapPath(err)))
			continue
		}
		pr, pp := p.ParseProfile(f.Path, f.Taxonomy, src)
		probs = append(probs, pp...)
		if pr != nil {
			out = append(out, pr)
		}
	}
	return out, probs
}

// ParseProfile reads one profile of the given taxonomy.
func (p *Parser) ParseProfile(name, taxonomy string, src []byte) (*Profile, diag.List) {
	m, body, delimLine, probs := p.split(name, src, "name: …\\\" and \\\"description: …")
	if probs != nil {
		return nil, probs
	}
	r := &fieldReader{name: name, m: m, delimLine: delimLine}
	pr := &Profile{
		Path:        name,
		Taxonomy:    taxonomy,
		Name:        r.text("name"),
		Aliases:     r.names("aliases"),
		Description: strings.Join(strings.Fields(r.text("description")), " "),
		Links:       links(r),
	}
	pr.Image, pr.ImageAlt = r.image()
	for key := range m.fields {
		switch key {
		case "name", "aliases", "description", "image", "image_alt", "links":
		default:
			r.fail(key, "is not a profile field (use name, aliases, description, image, image_alt, links)")
		}
	}
	pr.Slug = slug.Make(pr.Name)
	if pr.Name == "" {
		pr.Slug = fileSlug(name)
	}
	if pr.Slug == "" {
		r.fail("name", "has no letters or digits to make a URL from")
	}
	if line, msg := structureLimit(body); line > 0 {
		before := bytes.Count(src, []byte("\n")) - bytes.Count(body, []byte("\n"))
		return nil, append(r.probs, diag.Errorf(name, before+line, "", "%s", msg))
	}
	html, _, _, _, removed, err := renderMarkdown(p.md, p.clean, body)
	if err != nil {
		r.fail("", "rendering Markdown: %v", err)
	}
	r.probs = append(r.probs, removedWarning(name, removed)...)
	if len(r.probs.Errors()) > 0 {
		return nil, r.probs
	}
	pr.Body = html
	if p.smart {
		pr.Description = Smarten(pr.Description)
	}
	return pr, r.probs
}

// links reads a profile's links: a list of {title, url}.
func links(r *fieldReader) []Link {
	v, ok := r.m.fields["links"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if tables, isTables := v.([]map[string]any); isTables { // TOML [[links]]
		list, ok = make([]any, len(tables)), true
		for i, t := range tables {
			list[i] = t
		}
	}
	if !ok {
		r.fail("links", "must be a list of entries with a title and a url, not %s", describe(v))
		return nil
	}
	var out []Link
	for i, item := range list {
		fields, ok := item.(map[string]any)
		title, _ := scalarText(fields["title"])
		u, _ := scalarText(fields["url"])
		title, u = strings.TrimSpace(title), strings.TrimSpace(u)
		if !ok || title == "" || u == "" {
			r.fail("links", "item %d must have a title and a url", i+1)
			continue
		}
		if !safeURL(u) {
			r.fail("links", "item %d: %q is not an http(s) address or a site path", i+1, u)
			continue
		}
		out = append(out, Link{Title: title, URL: u})
	}
	return out
}
