package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
)

// siteFiles reads every file of a built site but its marker, which
// names the build.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".folio" {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameFolder reports every file that the site in dir lacks, has more of,
// or has otherwise than the one in want.
func sameFolder(t *testing.T, what, dir, want string) {
	t.Helper()
	got, exp := siteFiles(t, dir), siteFiles(t, want)
	for name, b := range exp {
		if got[name] != b {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range got {
		if _, ok := exp[name]; !ok {
			t.Errorf("%s: %s is one file too many", what, name)
		}
	}
}

// TestCachedArticlesBuildTheSameSite: a build that takes articles
// from the article cache writes, byte for byte, the site a build without
// the cache writes, across edits, additions, deletions, renames, a
// shortcode's change, a config change and a damaged cache; and it takes
// from the cache exactly the articles that did not change.
func TestCachedArticlesBuildTheSameSite(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "layouts/shortcodes/note.html", `<aside class="note">{{ .Inner }}</aside>`)
	write(t, root, "content/articles/2024/07/calls.md", "---\ntitle: Calls\ndate: 2024-07-30\n---\n\nSee {{< ref \"shuttle-press-kits-from-1999-go-online.md\" >}}.\n\n{{< note >}}A *note*.{{< /note >}}\n")
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	cache := filepath.Join(root, filepath.FromSlash(build.ArticlesCache))
	related := filepath.Join(root, filepath.FromSlash(build.RelatedCache))
	read := 0 // articles read, drafts and future ones too
	run := func(dest string) *build.Result {
		t.Helper()
		res, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), dest), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// check builds with the caches of articles and related lists, then
	// without them (moved aside), and compares the two sites; want is how
	// many bodies the first should take from the cache, -1 for all the
	// articles read (drafts too).
	check := func(step string, want int) *build.Result {
		t.Helper()
		warm := run("warm")
		for _, c := range []string{cache, related} {
			if err := os.Rename(c, c+".aside"); err != nil {
				t.Fatal(err)
			}
		}
		cold := run("cold")
		if cold.ArticlesCached != 0 {
			t.Errorf("%s: a build without a cache took %d articles from it", step, cold.ArticlesCached)
		}
		for _, c := range []string{cache, related} {
			if err := os.RemoveAll(c); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(c+".aside", c); err != nil {
				t.Fatal(err)
			}
		}
		if want < 0 {
			want = read
		}
		if warm.ArticlesCached != want {
			t.Errorf("%s: %d articles from the cache, want %d", step, warm.ArticlesCached, want)
		}
		sameFolder(t, step+": with the cache", warm.Dest, cold.Dest)
		return warm
	}
	first := run("first")
	if first.ArticlesCached != 0 {
		t.Errorf("the first build took %d articles from an empty cache", first.ArticlesCached)
	}
	read = run("count").ArticlesCached
	if read <= first.Articles {
		t.Fatalf("%d articles from the cache, %d articles published", read, first.Articles)
	}
	check("unchanged", -1)
	all := read

	article := filepath.Join(root, "content/articles/2024/07/shuttle-press-kits-from-1999-go-online.md")
	b, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(article, append(b, "\nA new closing line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	check("one body edited", all-1)

	write(t, root, "content/articles/2024/07/added.md", "---\ntitle: Added\ndate: 2024-07-31\n---\n\nNew.\n")
	if err := os.Remove(filepath.Join(root, "content/articles/2024/07/what-a-non-denial-means-in-diplomacy.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"),
		filepath.Join(root, "content/articles/2024/07/kremlin-renamed.md")); err != nil {
		t.Fatal(err)
	}
	// The new one and the renamed one are rendered; the others come from
	// the cache, the one whose ref's target moved too: refs are resolved
	// once the site is.
	read = all
	check("added, deleted, renamed", all-2)

	write(t, root, "layouts/shortcodes/note.html", `<aside class="note changed">{{ .Inner }}</aside>`)
	check("a shortcode changed", all-1)

	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "config.yaml", strings.Replace(string(cfg), "typographer: true", "typographer: false", 1))
	check("typographer off", 0)

	if err := os.WriteFile(filepath.Join(cache, "index"), []byte("not an index"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := check("damaged index", 0)
	found := false
	for _, w := range res.Warnings {
		if w.Path == build.ArticlesCache && strings.Contains(w.Message, "starting anew") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning of the damaged cache: %v", res.Warnings)
	}
	check("after the damage", -1)
}
