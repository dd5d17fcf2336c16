package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
)

// TestKeptPagesBuildTheSameSite: a build into the folder of the last one
// keeps the pages whose fingerprints did not change instead of rendering
// them, and the folder then holds, byte for byte, what a full build
// writes, across edits of a body, a title, a term's spelling, a profile,
// a partial, the stylesheet, an image and the config, and additions,
// deletions and renames of articles.
func TestKeptPagesBuildTheSameSite(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	dest := filepath.Join(t.TempDir(), "public")
	run := func(dest string, force bool) *build.Result {
		t.Helper()
		res, err := build.Run(build.Options{Source: root, Dest: dest, Now: now, Force: force})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	edit := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// check builds into dest, then a full build into a new folder, and
	// compares them; keptAtLeast is how many pages at least the first
	// must have kept (-1: every one), renderedAtLeast how many at least
	// it must have rendered (-1: every one).
	check := func(step string, keptAtLeast, renderedAtLeast int) {
		t.Helper()
		res := run(dest, false)
		full := run(filepath.Join(t.TempDir(), "full"), true)
		if full.PagesKept != 0 {
			t.Errorf("%s: a build into a new folder kept %d pages", step, full.PagesKept)
		}
		if keptAtLeast < 0 {
			keptAtLeast = res.Pages
		}
		if renderedAtLeast < 0 {
			renderedAtLeast = res.Pages
		}
		if res.PagesKept < keptAtLeast || len(res.Rendered) < renderedAtLeast {
			t.Errorf("%s: kept %d and rendered %d of %d pages, want at least %d and %d", step, res.PagesKept, len(res.Rendered), res.Pages, keptAtLeast, renderedAtLeast)
		}
		if len(res.Rendered)+res.PagesKept != res.Pages {
			t.Errorf("%s: %d rendered and %d kept of %d pages", step, len(res.Rendered), res.PagesKept, res.Pages)
		}
		sameFolder(t, step+": kept against a full build", dest, full.Dest)
	}
	first := run(dest, false)
	if first.PagesKept != 0 {
		t.Fatalf("the first build kept %d pages", first.PagesKept)
	}
	all := first.Pages
	// Nothing changed: the build is up to date, and -force keeps nothing.
	if res := run(dest, true); res.PagesKept != 0 {
		t.Errorf("-force kept %d pages", res.PagesKept)
	}
	shuttle := "content/articles/2024/07/shuttle-press-kits-from-1999-go-online.md"
	edit(shuttle, "\n---\n", "\n---\n\nA new first paragraph.\n")
	check("a body edited", all/2, 2)
	edit(shuttle, "title: \"", "title: \"Retitled, ")
	check("a title edited", all/2, 2)
	// Two new articles spell a person without a profile otherwise: the
	// most used spelling is the name every page shows, those of the
	// articles not edited too.
	for _, name := range []string{"graham-1", "graham-2"} {
		write(t, root, "content/articles/2024/06/"+name+".md", "---\ntitle: "+name+"\ndate: 2024-06-02\npeople: [THOMAS GRAHAM]\n---\n\nText.\n")
	}
	check("a term spelled anew", 1, 1)
	edit("content/people/dmitry-peskov.md", "Press secretary", "The press secretary")
	check("a profile edited", 1, 1)
	write(t, root, "content/articles/2024/07/added.md", "---\ntitle: Added\ndate: 2024-07-31\npeople: [Vladimir Putin]\n---\n\nNew.\n")
	if err := os.Rename(filepath.Join(root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"),
		filepath.Join(root, "content/articles/2024/07/kremlin-renamed.md")); err != nil {
		t.Fatal(err)
	}
	check("added and renamed", 1, 2)
	if err := os.Remove(filepath.Join(root, "content/articles/2024/07/added.md")); err != nil {
		t.Fatal(err)
	}
	check("deleted", 1, 1)
	edit("layouts/partials/footer.html", "<footer", "<footer data-edited")
	check("a partial edited", 0, 1)
	// Linked by its name: the pages stay as they are.
	edit("static/css/style.css", "{", "{ ")
	check("the stylesheet edited", -1, 0)
	write(t, root, "static/img/eileen-collins.jpg", string(phoneJPEG(t, 300, 400)))
	check("an image replaced", 1, 1)
	edit("config.yaml", "title: The Dispatch Archive", "title: The Dispatch")
	check("the config edited", 0, -1)
	// A file touched, its bytes the same: the build runs, and keeps all.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(root, shuttle), later, later); err != nil {
		t.Fatal(err)
	}
	check("a file touched", -1, 0)
}
