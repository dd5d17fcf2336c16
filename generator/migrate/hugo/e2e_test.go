package hugo

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// tree hashes every file under root, to show the source is unchanged.
func tree(t *testing.T, root string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = sha256.Sum256(b)
		}
		return nil
	})
	return out
}

// TestMigrateSite migrates testdata/site, a small Hugo site written for
// these tests, checks what it wrote, then builds it with folio and checks
// that every URL the Hugo site had is answered.
func TestMigrateSite(t *testing.T) {
	src := filepath.Join("testdata", "site")
	before := tree(t, src)
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	after := tree(t, src)
	if len(before) != len(after) {
		t.Errorf("the source changed: %d files before, %d after", len(before), len(after))
	}
	for p, sum := range before {
		if after[p] != sum {
			t.Errorf("the source file %s changed", p)
		}
	}
	files := map[string]string{
		"content/articles/2015/06/its-the-first.md": "---\ntitle: It’s the first\ndate: \"2015-06-29 1:00:19 -0400\"\nslug: its-the-first\naliases:\n  - /old/first.html\nsummary: The first — story\nauthors:\n  - jdoe\ntags:\n  - Politics\n  - City Hall\n---\nThe first story. {{< ok \"big\" >}}text{{< /ok >}}\n",
		// The day is in another month in the site's zone: url: keeps it.
		"content/articles/2015/07/second-story.md": "---\ntitle: Second\ndate: \"2015-06-30T23:30:00-07:00\"\nexpiryDate: \"2030-01-01T00:00:00Z\"\nurl: /news/2015/06/second-story/\ntags:\n  - Politics\n---\nSecond story.\n",
		// A leaf bundle stays a bundle, its picture beside it (its
		// Markdown resource, which Hugo did not publish, is left out).
		"content/articles/2016/01/bundle/index.md":  "---\ntitle: Bundle\ndate: \"2016-01-05\"\nsummary: A bundle with a picture\n---\nLook: ![a picture](image.jpg)\n",
		"content/articles/2016/01/dup-story.md":     "---\ntitle: Dup Story\ndate: \"2016-01-06\"\n---\nDuplicated title.\n",
		"content/articles/2016/01/path.md":          "---\ntitle: With a URL\ndate: \"2016-01-07T10:00:00Z\"\nurl: /special/path/\n---\nSomewhere else.\n",
		"content/authors/jdoe.md":                   "---\nname: Jane Doe\nredirect_from:\n  - /people/jdoe/\ntwitter: jdoe\n---\nJane covers City Hall.\n",
		"content/pages/about.md":                    "---\ntitle: About us\n---\nWho we are.\n",
		"content/pages/news.md":                     "---\ntitle: News\nsummary: All the news\n---\nOur reporting, newest first.\n",
		"content/articles/2016/01/bundle/image.jpg": readFile(t, "testdata/site/content/news/2016/bundle/image.jpg"),
		"static/images/logo.png":                    readFile(t, "testdata/site/assets/images/logo.png"),
		"static/theme.css":                          "theme{}\n",
		"data/people.yaml":                          "jdoe: Jane Doe\n",
		"layouts/shortcodes/ok.html":                "<span class=\"{{ .Get 0 }}\">{{ .Inner }}</span>{{ with .Site.Params.subtitle }} {{ . | upper }}{{ end }}\n",
		"layouts/shortcodes/note.html":              "<aside>{{ .Inner | markdownify }}{{ index .Site.Data.people \"jdoe\" }}</aside>\n",
	}
	for _, name := range []string{"content/articles/2016/01/bundle/notes.md", "static/news/2016/01/bundle/notes.md"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err == nil {
			t.Errorf("%s was written: a bundle's Markdown resource", name)
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, got, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "layouts/shortcodes/img.html")); !strings.HasPrefix(string(b), "{{- /* A stand-in") {
		t.Errorf("img.html, which uses what folio lacks, is not a stand-in:\n%s", b)
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	if want := "title: The Daily & Co\nbaseURL: https://daily.example.org/\nlanguage: en-us\ntimezone: America/New_York\npaginate: 15\npermalinks:\n  articles: /news/:year/:month/:slug/\ntaxonomies:\n  - name: authors\n    title: Authors\n    singular: Author\n  - name: tags\n    title: Tags\n    singular: Tag\nparams:\n  subtitle: News since 2015\n"; !strings.HasSuffix(string(cfg), want) {
		t.Errorf("config.yaml:\n%s\nwant:\n%s", cfg, want)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- articles: 5\n- profiles: 1\n- pages: 2\n- redirects (old URLs kept working): 2\n- shortcode templates: 2\n- partial templates (called by shortcodes): 0\n- shortcode stand-ins (to rewrite): 1\n- static files: 4\n- data files: 1\n",
		"## What needs a person (7)\n",
		"### Shortcodes shown only by their inner text until rewritten (1)\n\n- layouts/shortcodes/img.html:2: img uses .Page.Resources.GetMatch, which folio's shortcodes do not offer; not called by any page; layouts/shortcodes/img.html shows nothing until it is rewritten\n",
		"- content/news/2016/01/dup.md:4: title is given again: this last value is kept, as Hugo did before 0.152 (Hugo 0.152 and later refuse the file)\n",
		"- content/news/2015/06/second.md:3: slug: its Hugo URL is kept with url:\n",
		"- content/news/2015/06/second.md:7: layout: Hugo's choice of template\n",
		"- content/\\_index.md:1: the home page's text: folio's home page lists the newest articles; move the text into a page or layouts/index.html by hand\n",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", line, md)
		}
	}
	if rep.NeedsPerson() != 7 {
		t.Errorf("%d items need a person", rep.NeedsPerson())
	}

	// Build the new site and ask for every address the Hugo site had.
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		if strings.Contains(err.Error(), "is not a profile field") {
			t.Skipf("the build needs the profiles part of issue 14 (profile fields as .Params): %v", err)
		}
		t.Fatal(err)
	}
	for _, u := range []string{
		"/news/2015/06/its-the-first/", "/old/first.html", "/news/2015/06/second-story/", "/news/2016/01/bundle/",
		"/news/2016/01/bundle/image.jpg", "/news/2016/01/dup-story/", "/special/path/", "/about/", "/news/",
		"/authors/jdoe/", "/people/jdoe/", "/tags/politics/", "/css/site.css", "/images/logo.png",
	} {
		p := filepath.Join(pub, filepath.FromSlash(u))
		if strings.HasSuffix(u, "/") {
			p = filepath.Join(p, "index.html")
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("the old address %s is not answered: %v", u, err)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
