package hugo

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// openConfig opens the Hugo site at src and returns its config.yaml's
// settings, with the notes the opening made, as the report lists them.
func openConfig(t *testing.T, src string) (*migrate.Config, []string) {
	t.Helper()
	source, err := Open(src, migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := source.Config()
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, it := range source.(*site).notes {
		notes = append(notes, it.Group+": "+it.String())
	}
	return cfg, notes
}

// TestSectionLists: the list pages Hugo wrote for each section are
// answered: an article section's by a redirect to folio's archive, a
// taxonomy list's aliases by redirects to folio's list of the taxonomy;
// another section's, when no page has its URL, is noted for a person.
func TestSectionLists(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                     "title = 'T'\n[taxonomies]\nauthor = 'authors'\n[permalinks]\nnews = '/:year/:month/:slug/'\n",
		"content/news/_index.md":        "---\ntitle: News\n---\n",
		"content/news/2020/a.md":        "---\ntitle: A\ndate: 2020-01-02\nauthors: [jo]\n---\nA.\n",
		"content/events/2020/e.md":      "---\ntitle: E\ndate: 2020-03-02\n---\nE.\n",
		"content/events/past/_index.md": "---\ntitle: Past\n---\n",
		"content/sources/_index.md":     "---\ntitle: Sources\n---\n",
		"content/sources/x.md":          "---\ntitle: X\n---\nX.\n",
		"content/guides/y.md":           "---\ntitle: Y\n---\nY.\n",
		"content/about/_index.md":       "---\ntitle: About\n---\nWho we are.\n",
		"content/archive/_index.md":     "---\ntitle: Archive\n---\n",
		"content/search/_index.md":      "---\ntitle: Search\n---\n",
		"content/authors/_index.md":     "---\ntitle: Authors\naliases:\n  - /authors/gone\n  - /authors/jo/\n  - /authors/\n  - /authors/old\n---\n",
		// An expired profile: folio still makes its term page.
		"content/authors/old/_index.md": "---\ntitle: Old\nexpirydate: 2020-01-01\n---\n",
	})
	cfg, notes := openConfig(t, src)
	want := []migrate.Redirect{
		{From: "/events/", To: "/archive/"}, {From: "/events/past/", To: "/archive/"}, {From: "/news/", To: "/archive/"},
		{From: "/authors/gone/", To: "/authors/"},
	}
	if !reflect.DeepEqual(cfg.Redirects, want) {
		t.Errorf("redirects:\n%v\nwant:\n%v", cfg.Redirects, want)
	}
	wantNotes := []string{
		"Section list pages not answered: content/guides: the list page /guides/ is not answered: write content/pages/guides.md if readers need it",
		"Section list pages not answered: content/sources/_index.md:1: the list page /sources/ is not answered: write content/pages/sources.md if readers need it",
	}
	if strings.Join(notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(wantNotes, "\n"))
	}
	_, rep := migrateTo(t, src)
	if items := rep.Items()["Pages skipped"]; len(items) != 0 {
		t.Errorf("empty section intros still noted as skipped: %v", items)
	}
}

// TestReservedTaxonomyName: a taxonomy named as folio's own folders
// (haiku-os.org's article = "articles") is migrated under its singular,
// its old URLs redirecting where folio keeps them for itself.
func TestReservedTaxonomyName(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                          "title = 'T'\n[taxonomies]\narticle = 'articles'\ntag = 'tags'\n[permalinks]\nnews = '/:year/:slug/'\n",
		"content/news/2020/a.md":             "---\ntitle: A\ndate: 2020-01-02\narticles: [Series One, kept]\ntags: [x]\n---\nA.\n",
		"content/articles/kept/_index.md":    "---\ntitle: Kept series\n---\nAbout it.\n",
		"content/articles/howto.md":          "---\ntitle: How to\n---\nSteps.\n",
		"content/articles/2009-old-piece.md": "---\ntitle: Old piece\ndate: 2009-01-01\n---\nOld.\n",
	})
	cfg, notes := openConfig(t, src)
	wantTax := []migrate.Taxonomy{{Name: "article", Title: "Articles", Singular: "Article"}, {Name: "tags", Title: "Tags", Singular: "Tag"}}
	if !reflect.DeepEqual(cfg.Taxonomies, wantTax) {
		t.Errorf("taxonomies: %+v", cfg.Taxonomies)
	}
	wantNotes := []string{
		"Taxonomies renamed: hugo.toml: taxonomy \"articles\": folio keeps the name articles for itself: migrated as \"article\" at /article/ (folio keeps /articles/ for itself), its old URLs redirecting",
		// Hugo's list of the section content/articles/ had /articles/.
		"Section list pages not answered: content/articles: the list page /articles/ is not answered: write content/pages/articles.md if readers need it",
	}
	if strings.Join(notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(wantNotes, "\n"))
	}
	dest, rep := migrateTo(t, src)
	for name, want := range map[string]string{
		"content/articles/2020/01/a.md":   "---\ntitle: A\ndate: \"2020-01-02\"\ntags:\n  - x\narticle:\n  - Series One\n  - kept\n---\nA.\n",
		"content/article/series-one.md":   "---\nname: Series One\nredirect_from:\n  - /articles/series-one/\n---\n",
		"content/article/kept.md":         "---\nname: Kept series\nredirect_from:\n  - /articles/kept/\n---\nAbout it.\n",
		"content/pages/articles/howto.md": "---\ntitle: How to\n---\nSteps.\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, b, want)
		}
	}
	if items := rep.Items()["Taxonomies not migrated"]; len(items) != 0 {
		t.Errorf("not migrated: %v", items)
	}
	// Without a section of that name, the old list redirects to the new.
	os.RemoveAll(filepath.Join(src, "content", "articles"))
	cfg, _ = openConfig(t, src)
	if want := []migrate.Redirect{{From: "/news/", To: "/archive/"}, {From: "/articles/", To: "/article/"}}; !reflect.DeepEqual(cfg.Redirects, want) {
		t.Errorf("redirects: %v", cfg.Redirects)
	}
}

// TestRelativeAliasOfSection: a relative alias of a term page's
// _index.md is relative to the folder holding the term's folder, as in
// Hugo's output (digital.gov's authors/michael-horton: mike-horton).
func TestRelativeAliasOfSection(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":              "title = 'T'\n[taxonomies]\nauthor = 'authors'\n",
		"content/news/2020/a.md": "---\ntitle: A\ndate: 2020-01-02\nauthors: [michael-horton]\n---\nA.\n",
		"content/authors/michael-horton/_index.md": "---\ntitle: Michael Horton\naliases:\n - mike-horton\n---\n",
	})
	dest, _ := migrateTo(t, src)
	b, err := os.ReadFile(filepath.Join(dest, "content/authors/michael-horton.md"))
	if want := "---\nname: Michael Horton\nredirect_from:\n  - /authors/mike-horton/\n---\n"; err != nil || string(b) != want {
		t.Errorf("profile: %v\n%s\nwant:\n%s", err, b, want)
	}
}

// A term only pages list had its page in Hugo's output; folio makes
// term pages of articles' terms only, so the old page leads to the page
// that listed it (haiku-os.org's /tags/volunteering/), or to the
// taxonomy's index when several did.
func TestTermsOfPagesOnly(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                             "title = 'T'\n[taxonomies]\ntag = 'tags'\n",
		"content/news/2020/a.md":                "---\ntitle: A\ndate: 2020-01-02\ntags: [shared]\n---\nA.\n",
		"content/community/promotion/_index.md": "---\ntitle: Promotion\ntags: [Volunteering, shared, twice]\n---\nHelp us.\n",
		"content/about.md":                      "---\ntitle: About\ntags: [twice]\n---\nUs.\n",
	})
	cfg, _ := openConfig(t, src)
	want := []migrate.Redirect{
		{From: "/tags/twice/", To: "/tags/"},
		{From: "/tags/volunteering/", To: "/community/promotion/"},
	}
	var got []migrate.Redirect
	for _, r := range cfg.Redirects {
		if strings.HasPrefix(r.From, "/tags/") {
			got = append(got, r)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("redirects:\n%v\nwant:\n%v", got, want)
	}
}
