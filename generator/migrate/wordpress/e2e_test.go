package wordpress

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// TestMigrateExport migrates testdata/site/export.xml, a small export in
// WordPress 6's shape, checks what it wrote, builds it with folio and
// asks for every old address of its published posts, pages, terms and
// author.
func TestMigrateExport(t *testing.T) {
	src := filepath.Join("testdata", "site", "export.xml")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		// Featured image, excerpt, sticky, a public custom field (the
		// private _edit_last is not), terms by their names; the body's
		// block comments gone, its [caption] a figure; its attachment's
		// page leads to it; a [gallery] without ids shows the post's
		// attachments.
		"content/articles/2015/06/its-the-first.md": "---\ntitle: It’s the first\ndate: \"2015-06-29T01:00:19+02:00\"\nslug: its-the-first\naliases:\n  - /2015/06/its-the-first/hall/\n  - /?p=10\nsummary: The first — story\nimage: https://news.example.org/wp-content/uploads/2015/06/hall.jpg\nimage_alt: City hall lit up\nauthors:\n  - jdoe\ntopics:\n  - City Hall\ntags:\n  - Budget\nimage_caption: City hall, June 2015\nimage_credit: \"Ana \\\"Lens\\\" García\"\nsource: Reuters\nsticky: true\n---\nThe first story.\n\n{{< figure src=\"https://news.example.org/wp-content/uploads/2015/06/hall-300x200.jpg\" alt=\"City hall lit up\" caption=\"City hall at dusk\" >}}\n\nA second paragraph.\n\n{{< figure src=\"https://news.example.org/wp-content/uploads/2015/06/hall.jpg\" alt=\"City hall lit up\" caption=\"City hall, *June* 2015\" >}}\n",
		// A percent-encoded slug is decoded.
		"content/articles/2015/07/cafe-opens.md": "---\ntitle: Café opens\ndate: \"2015-07-01T09:00:00+02:00\"\nslug: café-opens\naliases:\n  - /?p=11\nauthors:\n  - jdoe\ntopics:\n  - News\n---\nA new café.\n",
		// A path the permalink pattern does not give is kept by url:,
		// and the pattern's path, which WordPress answered too, leads
		// to it.
		// Links to posts and pages become site paths, a query (?p=11)
		// the post's path; uploads stay where they are.
		"content/articles/2015/07/moved-once.md": "---\ntitle: Moved once\ndate: \"2015-07-02T09:00:00+02:00\"\nslug: moved-once\nurl: /special/moved-once/\naliases:\n  - /2015/07/moved-once/\n  - /?p=12\nauthors:\n  - jdoe\n---\nElsewhere. See [the café](/2015/07/caf%C3%A9-opens/), [the first](/2015/06/its-the-first/#more), [the team](/about/team/) and [the report](https://news.example.org/wp-content/uploads/2015/06/report.pdf).\n",
		// A draft has no UTC date: the site's offset is its.
		"content/articles/2015/07/work-in-progress.md": "---\ntitle: Work in progress\ndate: \"2015-07-03T09:00:00+02:00\"\ndraft: true\nslug: work-in-progress\nauthors:\n  - jdoe\n---\nNot yet.\n",
		"content/authors/jdoe.md":                      "---\nname: Jane Doe\nfirst_name: Jane\nlast_name: Doe\n---\n",
		"content/topics/city-hall.md":                  "---\nname: City Hall\ndescription: Local government\nlinks:\n  - title: News\n    url: /topics/news/\n---\n",
		"content/pages/about/team.md":                  "---\ntitle: Team\naliases:\n  - /?p=21\n  - /?page_id=21\n---\nOur people.\n",
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || string(got) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, got, want)
		}
	}
	for _, name := range []string{"content/articles/2015/07/secret.md", "content/articles/2015/07/members-only.md", "content/topics/unused.md", "content/authors/ghost.md"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err == nil {
			t.Errorf("%s was written", name)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	if want := "title: The Daily & Co\nbaseURL: https://news.example.org/\nlanguage: en-GB\ntimezone: Etc/GMT-2\npermalinks:\n  articles: /:year/:month/:slug/\ntaxonomies:\n  - name: topics\n    title: Topics\n    singular: Topic\n  - name: tags\n    title: Tags\n    singular: Tag\n  - name: authors\n    title: Authors\n    singular: Author\nmenu:\n  - title: Topics\n    url: /topics/\n  - title: Tags\n    url: /tags/\n  - title: Authors\n    url: /authors/\n  - title: Archive\n    url: /archive/\n  - title: Search\n    url: /search/\n  - title: About\n    url: /about/\nredirects:\n  - from: /category/news/\n    to: /topics/news/\n  - from: /category/news/feed/\n    to: /topics/news/index.xml\n  - from: /category/news/city-hall/\n    to: /topics/city-hall/\n  - from: /category/news/city-hall/feed/\n    to: /topics/city-hall/index.xml\n  - from: /tag/budget/\n    to: /tags/budget/\n  - from: /tag/budget/feed/\n    to: /tags/budget/index.xml\n  - from: /author/jdoe/\n    to: /authors/jdoe/\n  - from: /author/jdoe/feed/\n    to: /authors/jdoe/index.xml\n  - from: /feed/\n    to: /index.xml\n  - from: /feed/rss2/\n    to: /index.xml\n  - from: /feed/atom/\n    to: /index.xml\nparams:\n  description: News since 2015\n"; !strings.HasSuffix(string(cfg), want) {
		t.Errorf("config.yaml:\n%s\nwant:\n%s", cfg, want)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- articles: 4\n- profiles: 2\n- pages: 2\n",
		"- export.xml:95: post 14 \"Secret\": private\n",
		"- export.xml:106: post 15 \"Members only\": password-protected\n",
		"- export.xml: 1 item of type nav\\_menu\\_item\n",
		"- export.xml: 1 item of type revision\n",
		"- export.xml: 3 links in 2 posts and pages to 3 files of wp-content/uploads stay absolute, on the old site\n",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", line, md)
		}
	}
	// Without -uploads, the links to uploads are listed: the count, then
	// posts 10 and 12; and the old addresses with a query are counted.
	if rep.NeedsPerson() != 8 {
		t.Errorf("%d items need a person", rep.NeedsPerson())
	}

	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{
		"/2015/06/its-the-first/", "/2015/06/its-the-first/hall/", "/2015/07/café-opens/", "/special/moved-once/", "/2015/07/moved-once/", "/about/", "/about/team/",
		"/category/news/", "/category/news/city-hall/", "/tag/budget/", "/author/jdoe/",
		"/topics/city-hall/", "/tags/budget/", "/authors/jdoe/",
		"/feed/", "/feed/atom/", "/category/news/feed/", "/tag/budget/feed/", "/author/jdoe/feed/",
	} {
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(u), "index.html")); err != nil {
			t.Errorf("the old address %s is not answered: %v", u, err)
		}
	}
	// The featured image shows its caption and its IPTC credit.
	first, _ := os.ReadFile(filepath.Join(pub, "2015", "06", "its-the-first", "index.html"))
	if want := `<figcaption>City hall, June 2015 <span class="credit">Ana &#34;Lens&#34; García</span></figcaption>`; !strings.Contains(string(first), want) {
		t.Errorf("/2015/06/its-the-first/ lacks %s", want)
	}
	// Feed readers follow the host's 301s to folio's feeds.
	hostFile, _ := os.ReadFile(filepath.Join(pub, "_redirects"))
	for _, line := range []string{"/feed/ /index.xml 301\n", "/feed/rss2/ /index.xml 301\n", "/category/news/city-hall/feed/ /topics/city-hall/index.xml 301\n", "/tag/budget/feed/ /tags/budget/index.xml 301\n", "/author/jdoe/feed/ /authors/jdoe/index.xml 301\n"} {
		if !strings.Contains(string(hostFile), line) {
			t.Errorf("_redirects lacks %q:\n%s", line, hostFile)
		}
	}
	page, _ := os.ReadFile(filepath.Join(pub, "special", "moved-once", "index.html"))
	for _, href := range []string{`href="../../2015/07/caf%C3%A9-opens/"`, `href="../../2015/06/its-the-first/#more"`, `href="../../about/team/"`} {
		if !strings.Contains(string(page), href) {
			t.Errorf("/special/moved-once/ lacks %s", href)
		}
	}
	filepath.WalkDir(pub, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, bad := range []string{"<!-- wp:", "[caption"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s shows %s", p, bad)
			}
		}
		return nil
	})
}
