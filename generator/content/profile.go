package content

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/shortcode"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
)

// Profile describes one term (a person, a place, a topic) in its own file,
// content/<taxonomy>/<slug>.md or, as Hugo writes term pages,
// content/<taxonomy>/<slug>/_index.md: a display name, other spellings
// that mean the same term, a one-line description, links and a short
// biography.
type Profile struct {
	// Path is the file, relative to the site root, slash-separated.
	Path     string
	Taxonomy string
	// Slug identifies the term: the slug of the file name (of the folder
	// for _index.md), so that articles may list the term by it ("jdoe")
	// and still show Name.
	Slug string
	// Name is the display name: name, or title when there is no name;
	// empty when the profile gives neither.
	Name string
	// SortName is what the term sorts by in its taxonomy's index
	// (sortName:, "Ho Chi Minh" for a name whose family name comes
	// first); "" for the default, the last word of a person's name.
	SortName    string
	Aliases     []string
	Description string
	Image       string
	ImageAlt    string
	// ImageCredit is whose the portrait is (a photographer, an agency, a
	// licence), shown with it.
	ImageCredit string
	Links       []Link
	// RedirectFrom are old paths of the term's page (redirect_from).
	RedirectFrom []OldPath
	// Params holds every front matter field that is not one of the above.
	Params map[string]any
	Body   string // HTML
	// Refs are the addresses the body's shortcodes asked for, as tokens
	// in Body that the site stage replaces (see Article.Refs).
	Refs []shortcode.Ref
}

// profileFields are the front matter fields a profile reads itself.
var profileFields = map[string]bool{
	"name": true, "title": true, "sortName": true, "aliases": true, "description": true,
	"image": true, "image_alt": true, "image_credit": true, "links": true, "redirect_from": true,
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

// ProfileFiles lists content/<taxonomy>/*.md and
// content/<taxonomy>/*/_index.md for every taxonomy, sorted, with warnings
// about those it leaves out, by the rules of Scan.
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
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			rel, abs, typ := path.Join(dir, name), filepath.Join(real, name), e.Type()
			if e.IsDir() {
				// Hugo's term page: content/authors/jdoe/_index.md.
				rel, abs = path.Join(rel, hugoIndex), filepath.Join(abs, hugoIndex)
				info, err := os.Lstat(abs)
				if err != nil {
					continue
				}
				typ = info.Mode().Type()
			} else if !strings.EqualFold(path.Ext(name), ".md") {
				continue
			} else if strings.EqualFold(name, hugoIndex) {
				warnings = append(warnings, diag.Warnf(rel, 0, "", "a taxonomy's introduction, as Hugo has them, not a profile: not read"))
				continue
			}
			if w := unreadable(absRoot, abs, rel, typ); w != nil {
				warnings = append(warnings, w)
				continue
			}
			out = append(out, ProfileFile{Path: rel, Taxonomy: t.Name})
		}
	}
	slices.SortFunc(out, func(a, b ProfileFile) int { return strings.Compare(a.Path, b.Path) })
	return out, warnings, nil
}

// hugoIndex is the file of a folder's own page, as Hugo names it.
const hugoIndex = "_index.md"

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
	// Names and descriptions are plain text, which tools write with HTML
	// entities, as they do titles (see fromMatter).
	plain := func(key string) string { return cleanText(html.UnescapeString(r.text(key))) }
	pr := &Profile{
		Path:         name,
		Taxonomy:     taxonomy,
		Name:         plain("name"),
		SortName:     strings.Join(strings.Fields(plain("sortName")), " "),
		Aliases:      r.names("aliases"),
		Description:  strings.Join(strings.Fields(plain("description")), " "),
		Links:        links(r),
		RedirectFrom: readOldPaths(r, "redirect_from"),
		Params:       map[string]any{},
	}
	if pr.Name == "" {
		pr.Name = plain("title") // Hugo's term pages have a title
	}
	pr.Image, pr.ImageAlt = r.image()
	pr.ImageCredit = strings.Join(strings.Fields(plain("image_credit")), " ")
	if _, ok := m.fields["image_credit"]; ok && pr.Image == "" {
		r.fail("image_credit", "is for the portrait, and the profile has no image")
	}
	for key, v := range m.fields {
		if profileFields[key] {
			continue
		}
		if t, bad := p.badDate(v); bad {
			r.fail(key, "%v", dateRangeError(t))
		}
		pr.Params[key] = v
	}
	pr.Slug = fileSlug(name)
	if pr.Slug == "" {
		r.probs = append(r.probs, diag.Errorf(name, 0, "", "the file name has no letters or digits to make the term's URL from: rename it"))
	}
	html, _, _, refs, ok := p.renderBody(r, name, src, body, &shortcode.Page{Title: pr.Name, Params: map[string]any{}})
	if !ok {
		return nil, r.probs
	}
	pr.Body, pr.Refs = html, refs
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
