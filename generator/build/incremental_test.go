package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"folio/generator/build"
	"folio/generator/output"
)

// memBuild builds with b into m, applying the batch on success.
func memBuild(t *testing.T, b *build.Builder, m *output.Memory, changes build.Changes) *build.Result {
	t.Helper()
	batch := m.Batch()
	res, err := b.Build(batch, changes)
	if err != nil {
		t.Fatalf("build after %v: %v", changes, err)
	}
	batch.Apply()
	return res
}

// sameSite compares an incrementally built site with a fresh build.
func sameSite(t *testing.T, step string, got *output.Memory, root string) {
	t.Helper()
	fresh := output.NewMemory()
	memBuild(t, build.NewBuilder(build.Options{Source: root}), fresh, nil)
	gn, fn := got.Names(), fresh.Names()
	if strings.Join(gn, "\n") != strings.Join(fn, "\n") {
		t.Errorf("%s: files differ from a fresh build:\n%s", step, diffNames(gn, fn))
		return
	}
	for _, name := range fn {
		a, as, _, _ := got.Lookup(name)
		b, bs, _, _ := fresh.Lookup(name)
		if !bytes.Equal(a, b) || as != bs {
			t.Errorf("%s: %s differs from a fresh build", step, name)
		}
	}
}

func diffNames(a, b []string) string {
	in := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, s := range list {
			m[s] = true
		}
		return m
	}
	ia, ib := in(a), in(b)
	var out []string
	for _, s := range a {
		if !ib[s] {
			out = append(out, "stale: "+s)
		}
	}
	for _, s := range b {
		if !ia[s] {
			out = append(out, "missing: "+s)
		}
	}
	return strings.Join(out, "\n")
}

func TestIncrementalBuildsEqualFreshBuilds(t *testing.T) {
	t.Parallel()
	// As the dev server holds a site: its pages rendered when asked for
	// (sameSite asks for all of them), the last few kept, and those
	// rendered again with the build when they change.
	t.Run("pages rendered when asked for", func(t *testing.T) {
		t.Parallel()
		incrementalBuilds(t, true)
	})
	t.Run("every page held", func(t *testing.T) {
		t.Parallel()
		incrementalBuilds(t, false)
	})
}

// lazyMemory holds the pages of b's builds as the dev server does, and
// keeps some 100 KB of them; renders counts the pages it asked b for.
func lazyMemory(b *build.Builder, renders *atomic.Int64) *output.Memory {
	m := output.NewMemory()
	m.RenderWith(func(name string) ([]byte, bool, error) {
		renders.Add(1)
		return b.Render(name)
	}, 100<<10)
	return m
}

func incrementalBuilds(t *testing.T, lazy bool) {
	root := copySite(t)
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	var renders atomic.Int64
	if lazy {
		m = lazyMemory(b, &renders)
	}
	first := memBuild(t, b, m, nil)
	if len(first.Rendered) != first.Pages {
		t.Fatalf("first build rendered %d of %d pages", len(first.Rendered), first.Pages)
	}
	if lazy {
		// The build held no page: the first look at one renders it.
		if page, _, _, err := m.Lookup("index.html"); err != nil || renders.Load() != 1 || !bytes.Contains(page, []byte("<h1")) {
			t.Fatalf("the home page looked up after the first build: %d renders, error %v", renders.Load(), err)
		}
	}
	const seed = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	src := func(name string) string {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	edit := func(name, old, new string) {
		t.Helper()
		s := src(name)
		if !strings.Contains(s, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		write(t, root, name, strings.Replace(s, old, new, 1))
	}
	steps := []struct {
		name    string
		change  func()
		changed build.Changes
		// most is the largest number of pages the step may render.
		most int
		// swap says whether the step may take the quick path.
		swap bool
	}{
		{"nothing", func() {}, build.Changes{}, 0, true},
		// The article, its neighbours, the articles that list it as
		// related, the home page, its year and month, the pages and feeds
		// of its 17 terms, the site's feed and the sitemap.
		{"body edit", func() { edit(seed, "declined to confirm", "refused to confirm") }, build.Changes{seed}, 55, true},
		{"title edit", func() { edit(seed, "Kremlin keeps cryptic stance", "Kremlin keeps a cryptic stance") }, build.Changes{seed}, 55, true},
		{"summary edit", func() { edit(seed, "fuelling speculation", "feeding speculation") }, build.Changes{seed}, 55, true},
		{"updated date added: the sitemap's lastmod changes", func() { edit(seed, "date: 2024-07-22 09:30", "date: 2024-07-22 09:30\nupdated: 2024-08-01") },
			build.Changes{seed}, 60, false},
		{"date moves the article", func() { edit(seed, "date: 2024-07-22 09:30", "date: 2019-01-02") }, build.Changes{seed}, 60, false},
		// Redirect pages come and go with an article's aliases, and the
		// host's redirect file with them.
		{"aliases added", func() { edit(seed, "author: ", "aliases: [/old/kremlin/, /2024/07/22/kremlin.html]\nauthor: ") }, build.Changes{seed}, 60, false},
		{"alias changed", func() { edit(seed, "/old/kremlin/", "/older/kremlin/") }, build.Changes{seed}, 60, false},
		{"url given", func() { edit(seed, "author: ", "url: /news/kremlin/\nauthor: ") }, build.Changes{seed}, 80, false},
		{"url and aliases removed", func() {
			edit(seed, "aliases: [/older/kremlin/, /2024/07/22/kremlin.html]\nurl: /news/kremlin/\n", "")
		}, build.Changes{seed}, 80, false},
		{"new spelling of a person", func() { edit(seed, "Vladimir Putin", "VLADIMIR PUTIN") }, build.Changes{seed}, 60, false},
		// Corrections and series change pages beyond the article's own:
		// the corrections page and feed, the parts around it, the series'
		// pages; a new month changes its neighbours' links.
		{"correction added", func() {
			edit(seed, "corrections:\n", "corrections:\n  - date: 2024-07-25\n    text: Fixed a name.\n")
		}, build.Changes{seed}, 80, false},
		{"correction edited", func() { edit(seed, "Fixed a name.", "Fixed two names.") }, build.Changes{seed}, 80, false},
		{"a fourth part of a series", func() {
			write(t, root, "content/articles/2025/02/part-four.md", "---\ntitle: Part four\ndate: 2025-02-01\nseries: How elections work\npart: 4\n---\nText.\n")
		}, build.Changes{"content/articles/2025/02/part-four.md"}, 80, false},
		{"a part renumbered", func() {
			edit("content/articles/2024/03/how-americas-primary-season-picks-a-nominee.md", "part: 3", "part: 5")
		}, build.Changes{"content/articles/2024/03/how-americas-primary-season-picks-a-nominee.md"}, 80, false},
		{"new article in a new folder", func() {
			write(t, root, "content/articles/2030/01/new.md", "---\ntitle: New\ndate: 2025-12-01\npeople: [Nobody Yet]\nplaces: Kyiv\n---\nNew text.\n")
		}, build.Changes{"content/articles/2030"}, 120, false},
		{"three articles in a new month", func() {
			for _, day := range []string{"01", "10", "20"} {
				write(t, root, "content/articles/2022/02/day-"+day+".md", "---\ntitle: Day "+day+"\ndate: 2022-02-"+day+"\n---\nText.\n")
			}
		}, build.Changes{"content/articles/2022/02"}, 60, false},
		// The first of the month is no neighbour of the new article, but
		// its page counts the articles of its month.
		{"a fourth article in that month", func() {
			write(t, root, "content/articles/2022/02/day-25.md", "---\ntitle: Day 25\ndate: 2022-02-25\n---\nText.\n")
		}, build.Changes{"content/articles/2022/02/day-25.md"}, 60, false},
		{"article renamed", func() {
			if err := os.Rename(filepath.Join(root, "content/articles/2030/01/new.md"), filepath.Join(root, "content/articles/2030/01/renamed.md")); err != nil {
				t.Fatal(err)
			}
		}, build.Changes{"content/articles/2030/01/new.md", "content/articles/2030/01/renamed.md"}, 120, false},
		{"folder deleted: a term loses its last article", func() {
			if err := os.RemoveAll(filepath.Join(root, "content/articles/2030")); err != nil {
				t.Fatal(err)
			}
		}, build.Changes{"content/articles/2030"}, 120, false},
		{"article deleted", func() {
			if err := os.Remove(filepath.Join(root, seed)); err != nil {
				t.Fatal(err)
			}
		}, build.Changes{seed}, 80, false},
		{"profile edit", func() { edit("content/people/vladimir-putin.md", "description: ", "description: Edited. ") },
			build.Changes{"content/people/vladimir-putin.md"}, 200, false},
		{"profile added whose alias merges a term", func() {
			write(t, root, "content/people/joe-biden.md", "---\nname: Joe Biden\naliases: [Thomas Graham]\ndescription: Merged.\n---\nBio.\n")
		}, build.Changes{"content/people/joe-biden.md"}, 200, false},
		{"editor's swap file", func() { write(t, root, "content/articles/.x.md.swp", "junk") }, build.Changes{"content/articles/.x.md.swp"}, 0, true},
		// Editors' temporary files beside the articles of a month are no
		// file of the site: they cost no new model.
		{"sed -i's temporary file", func() { write(t, root, "content/articles/2024/07/sedX1y2Z3", "junk") }, build.Changes{"content/articles/2024/07/sedX1y2Z3"}, 0, true},
		{"and gone again", func() {
			if err := os.Remove(filepath.Join(root, "content/articles/2024/07/sedX1y2Z3")); err != nil {
				t.Fatal(err)
			}
		}, build.Changes{"content/articles/2024/07/sedX1y2Z3"}, 0, true},
		{"Emacs's auto-save file", func() { write(t, root, "content/articles/2024/07/#kremlin.md#", "junk") }, build.Changes{"content/articles/2024/07/#kremlin.md#"}, 0, true},
		{"layout edit", func() { edit("layouts/term.html", "<h1>", "<h1 class=\"term\">") }, build.Changes{"layouts/term.html"}, 1000, false},
		{"article layout edit", func() { edit("layouts/article.html", "<h1>", "<h1 class=\"title\">") }, build.Changes{"layouts/article.html"}, 1000, false},
		{"partial edit", func() { edit("layouts/partials/footer.html", "<footer", "<footer data-edit=\"1\"") }, build.Changes{"layouts/partials/footer.html"}, 1000, false},
		{"static file added", func() { write(t, root, "static/extra.txt", "x") }, build.Changes{"static/extra.txt"}, 0, false},
		{"config edit", func() { edit("config.yaml", "paginate: 10", "paginate: 3") }, build.Changes{"config.yaml"}, 1000, false},
		{"unknown changes: full check", func() {
			write(t, root, "content/articles/2031/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n")
		}, nil, 60, false},
		{"unknown changes, none made", func() {}, nil, 0, false},
		{"layout saved unchanged", func() { edit("layouts/term.html", "<h1", "<h1") }, build.Changes{"layouts/term.html"}, 0, false},
		{"config edit that removes pages", func() { edit("config.yaml", "paginate: 3", "paginate: 5") }, build.Changes{"config.yaml"}, 1000, false},
		{"search turned off: its page and index go", func() { edit("config.yaml", "paginate: 5", "paginate: 5\nsearch: false") }, build.Changes{"config.yaml"}, 1000, false},
		{"search turned on again", func() { edit("config.yaml", "\nsearch: false", "") }, build.Changes{"config.yaml"}, 1000, false},
	}
	// Layout edits render again the pages made with the edited files:
	// an article layout its articles, a partial every page but the feeds,
	// sitemap and robots.txt, which no layout makes.
	checks := map[string]func(*build.Result) string{
		"article layout edit": func(res *build.Result) string {
			for _, u := range res.Rendered {
				if !strings.HasPrefix(u, "/articles/") {
					return "rendered " + u
				}
			}
			if len(res.Rendered) != res.Articles {
				return fmt.Sprintf("rendered %d pages for %d articles", len(res.Rendered), res.Articles)
			}
			return ""
		},
		"partial edit": func(res *build.Result) string {
			html := 0
			for _, u := range res.Rendered {
				if strings.HasSuffix(u, ".xml") || strings.HasSuffix(u, ".txt") {
					return "rendered " + u
				}
				html++
			}
			pages := 0
			for _, name := range m.Names() {
				if strings.HasSuffix(name, ".html") {
					pages++
				}
			}
			if html != pages {
				return fmt.Sprintf("rendered %d of %d HTML pages", html, pages)
			}
			return ""
		},
	}
	for _, st := range steps {
		st.change()
		res := memBuild(t, b, m, st.changed)
		if res.Swapped != st.swap {
			t.Errorf("%s: quick path taken: %v, want %v", st.name, res.Swapped, st.swap)
		}
		if len(res.Rendered) > st.most {
			t.Errorf("%s: rendered %d pages, at most %d expected", st.name, len(res.Rendered), st.most)
		}
		if check := checks[st.name]; check != nil {
			if msg := check(res); msg != "" {
				t.Errorf("%s: %s", st.name, msg)
			}
		}
		sameSite(t, st.name, m, root)
	}
}

func TestIncrementalBuildKeepsLastGoodSite(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	memBuild(t, b, m, nil)
	before := m.Names()
	const bad = "content/articles/bad.md"
	write(t, root, bad, "---\ntitle: [oops\n---\n")
	batch := m.Batch()
	if _, err := b.Build(batch, build.Changes{bad}); err == nil {
		t.Fatal("a broken article built")
	}
	if strings.Join(m.Names(), "\n") != strings.Join(before, "\n") {
		t.Error("a failed build changed the served site")
	}
	// Fixing the file brings the builder back; the page appears.
	write(t, root, bad, "---\ntitle: Fixed\ndate: 2024-01-01\n---\nFixed.\n")
	res := memBuild(t, b, m, build.Changes{bad})
	if len(res.Rendered) == 0 || len(res.Rendered) > 60 {
		t.Errorf("rendered %d pages after the fix", len(res.Rendered))
	}
	sameSite(t, "after a fix", m, root)
}

// TestIndexLater: a full build with IndexLater returns before its search
// index is written; FinishIndex writes it, and the site is then the one
// a plain build makes. An index never finished is dropped, and the next
// build (a quick one otherwise) is a full one, whose index carries the
// dropped one's changes.
func TestIndexLater(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	b := build.NewBuilder(build.Options{Source: root, IndexLater: true})
	m := output.NewMemory()
	batch := m.Batch()
	if _, err := b.Build(batch, nil); err != nil {
		t.Fatal(err)
	}
	batch.Apply()
	if b.IndexPending() == nil {
		t.Fatal("a full build with IndexLater left no index to finish")
	}
	if m.Has("search/meta.json") {
		t.Error("the index was written with the build")
	}
	<-b.IndexPending()
	batch = m.Batch()
	changed, _, err := b.FinishIndex(batch)
	if err != nil || !changed {
		t.Fatalf("FinishIndex: changed %v, error %v", changed, err)
	}
	batch.Apply()
	if b.IndexPending() != nil {
		t.Error("an index is still pending after FinishIndex")
	}
	sameSite(t, "index finished", m, root)

	// A date moved: a full build, whose index is not finished, then a
	// body edited, which would take the quick path.
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	src, err := os.ReadFile(filepath.Join(root, art))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "date: 2024-07-22 09:30", "date: 2019-01-02", 1)
	write(t, root, art, strings.Replace(edited, "declined to confirm", "declined to confirm quixotically", 1))
	memBuild(t, b, m, build.Changes{art})
	write(t, root, art, strings.Replace(edited, "declined to confirm", "declined to confirm zealously", 1))
	res := memBuild(t, b, m, build.Changes{art})
	if res.Swapped {
		t.Error("the build after an unfinished index took the quick path")
	}
	batch = m.Batch()
	if _, _, err := b.FinishIndex(batch); err != nil {
		t.Fatal(err)
	}
	batch.Apply()
	sameSite(t, "after an index dropped", m, root)
}

// TestIndexOfFailedBuild: the search index is begun before the plan; a
// build that fails after it (a static file in a page's place, found once
// the plan is made) waits for it and leaves none pending, so nothing of
// it is written, and the next build, after the fix, gives the site a
// fresh build gives (run with -race: the failed build's index must not
// still be working when the next one starts).
func TestIndexOfFailedBuild(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/index.html", "x")
	b := build.NewBuilder(build.Options{Source: root, IndexLater: true})
	m := output.NewMemory()
	batch := m.Batch()
	if _, err := b.Build(batch, nil); err == nil || !strings.Contains(err.Error(), "the generated page / has the same file name") {
		t.Fatalf("the collision: %v", err)
	}
	if b.IndexPending() != nil {
		t.Error("a failed build left a search index to finish")
	}
	if err := os.Remove(filepath.Join(root, "static", "index.html")); err != nil {
		t.Fatal(err)
	}
	memBuild(t, b, m, build.Changes{"static/index.html"})
	batch = m.Batch()
	if _, _, err := b.FinishIndex(batch); err != nil {
		t.Fatal(err)
	}
	batch.Apply()
	sameSite(t, "after the fix", m, root)
}
