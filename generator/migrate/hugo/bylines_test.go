package hugo

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// An author field no taxonomy of the site has (haiku-os.org's author =
// "waddlesplash") becomes folio's authors taxonomy, so that articles have
// bylines and each author a page; a page keeps it as a parameter.
func TestBylinesBecomeATaxonomy(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":              "title = 'T'\n[taxonomies]\ntag = 'tags'\n",
		"content/blog/2020/a.md": "+++\ntitle = 'A'\ndate = 2020-01-02\nauthor = 'waddlesplash'\ntags = ['x']\n+++\nA.\n",
		"content/blog/2020/b.md": "---\ntitle: B\ndate: 2020-01-03\nauthors: [Jane Doe, \"\"]\n---\nB.\n",
		"content/about.md":       "---\ntitle: About\nauthor: Someone\n---\nUs.\n",
		// One author's list of posts, as haiku-os.org has them.
		"content/blog/jane/_index.md": "+++\ntitle = \"Jane's blog\"\nauthor = \"Jane Doe\"\n+++\n",
	})
	cfg, notes := openConfig(t, src)
	want := []migrate.Taxonomy{{Name: "tags", Title: "Tags", Singular: "Tag"}, {Name: "authors", Title: "Authors", Singular: "Author"}}
	if !reflect.DeepEqual(cfg.Taxonomies, want) {
		t.Errorf("taxonomies %v, want %v", cfg.Taxonomies, want)
	}
	const note = "Bylines made a taxonomy: hugo.toml: the author field of 2 articles, which no taxonomy of the site had, is folio's authors taxonomy: bylines and a page per author; add content/authors/<name>.md profiles for display names and biographies"
	if strings.Join(notes, "\n") != note {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), note)
	}
	if want := []migrate.Redirect{{From: "/blog/", To: "/archive/"}, {From: "/blog/jane/", To: "/authors/jane-doe/"}}; !reflect.DeepEqual(cfg.Redirects, want) {
		t.Errorf("redirects %v, want %v", cfg.Redirects, want)
	}
	dest, _ := migrateTo(t, src)
	for name, want := range map[string]string{
		"content/articles/2020/01/a.md": "authors:\n  - waddlesplash\n",
		"content/articles/2020/01/b.md": "authors:\n  - Jane Doe\n",
		"content/pages/about.md":        "author: Someone\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s: %v\n%s\nwant it to hold:\n%s", name, err, b, want)
		}
	}
}

// A site whose /authors/ is already an old page's address keeps its
// author fields as parameters.
func TestBylinesKeptWhereAuthorsIsTaken(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":              "title = 'T'\n[taxonomies]\ntag = 'tags'\n",
		"content/blog/2020/a.md": "---\ntitle: A\ndate: 2020-01-02\nauthor: jo\n---\nA.\n",
		"content/authors/jo.md":  "---\ntitle: Jo\n---\nBio.\n",
	})
	cfg, _ := openConfig(t, src)
	for _, tax := range cfg.Taxonomies {
		if tax.Name == "authors" {
			t.Errorf("an authors taxonomy over the old page /authors/jo/: %v", cfg.Taxonomies)
		}
	}
}

// A taxonomy no file lists a term of (haiku-os.org's articles) is left
// out: folio would show it in every page's header with an empty index.
func TestUnusedTaxonomyLeftOut(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":              "title = 'T'\n[taxonomies]\ntag = 'tags'\nseries = 'series'\n",
		"content/blog/2020/a.md": "---\ntitle: A\ndate: 2020-01-02\ntags: [x]\n---\nA.\n",
	})
	cfg, notes := openConfig(t, src)
	if want := []migrate.Taxonomy{{Name: "tags", Title: "Tags", Singular: "Tag"}}; !reflect.DeepEqual(cfg.Taxonomies, want) {
		t.Errorf("taxonomies %v, want %v", cfg.Taxonomies, want)
	}
	const note = `Taxonomies not migrated: hugo.toml: taxonomy "series": no article, page or term page lists a term of it: left out`
	if strings.Join(notes, "\n") != note {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), note)
	}
}
