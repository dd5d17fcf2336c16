package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"folio/generator/config"
)

func TestParsePage(t *testing.T) {
	p := NewParser(config.Default())
	for _, tc := range []struct {
		file, src   string
		url, title  string
		description string
		params      map[string]any
		redirects   []OldPath
		probs       []string
	}{
		{file: "content/pages/about.md", src: "---\ntitle: About us\n---\nWe are a newsroom.\n",
			url: "/about/", title: "About us", description: "We are a newsroom.", params: map[string]any{}},
		{file: "content/pages/policies/corrections.md", src: "---\ntitle: Corrections\nsummary: How we correct.\n---\nText.\n",
			url: "/policies/corrections/", title: "Corrections", description: "How we correct.", params: map[string]any{}},
		{file: "content/pages/Policies/Our Ethics.md", src: "---\ntitle: Ethics\n---\n",
			url: "/policies/our-ethics/", title: "Ethics", params: map[string]any{}},
		{file: "content/pages/policies/_index.md", src: "---\ntitle: Policies\n---\n",
			url: "/policies/", title: "Policies", params: map[string]any{}},
		{file: "content/pages/contact.md", src: "---\ntitle: Contact\nurl: /contact-us\n---\n",
			url: "/contact-us/", title: "Contact", params: map[string]any{}},
		{file: "content/pages/contact.md", src: "---\ntitle: Contact\nurl: /contact.html\n---\n",
			url: "/contact.html", title: "Contact", params: map[string]any{}},
		{file: "content/pages/about.md", src: "---\ntitle: About &amp; more\ndescription: Who we are.\nweight: 2\nmenu: main\naliases: [/about-us/]\nredirect_from: /who/\n---\n",
			url: "/about/", title: "About & more", description: "Who we are.", params: map[string]any{"weight": int64(2)},
			redirects: []OldPath{{"/about-us/", 6, "aliases"}, {"/who/", 7, "redirect_from"}}},
		{file: "content/pages/about.md", src: "---\nsummary: x\n---\n", probs: []string{
			`content/pages/about.md:1: title: missing: add a line title: "…" to the front matter`,
		}},
		{file: "content/pages/about.md", src: "---\ntitle: About\nurl: about/\ndraft: maybe\n---\n", probs: []string{
			`content/pages/about.md:4: draft: must be true or false, not "maybe"`,
			`content/pages/about.md:3: url: "about/" must start with /: write the whole path from the site's root, such as /news/2015/06/some-title/`,
		}},
		{file: "content/pages/about.md", src: "---\ntitle: About\nurl: /../etc/\n---\n", probs: []string{
			`content/pages/about.md:3: url: "/../etc/" has a . or .. segment, which would lead out of the folder it names: write the path without it`,
		}},
		{file: "content/pages/about.md", src: "---\ntitle: About\nurl: /feed.xml\n---\n", url: "/feed.xml/", title: "About", params: map[string]any{}},
		{file: "content/pages/about.md", src: "---\ntitle: About\nurl: \"\"\n---\n", probs: []string{
			`content/pages/about.md:3: url: is empty: write the page's path, such as /about/, or remove the line`,
		}},
		{file: "content/pages/---.md", src: "---\ntitle: About\n---\n", probs: []string{
			`content/pages/---.md: "---" has no letters or digits to make the page's URL from: rename it or add url: to the front matter`,
		}},
		{file: "content/pages/about.md", src: "no front matter\n", probs: []string{
			`content/pages/about.md:1: no front matter: start the file with a line "---", then "title: …" lines, then "---"`,
		}},
	} {
		pg, probs := p.ParsePage(tc.file, []byte(tc.src))
		if got := errorTexts(probs); !reflect.DeepEqual(got, tc.probs) {
			t.Errorf("%s %q: problems\n got %q\nwant %q", tc.file, tc.src, got, tc.probs)
			continue
		}
		if tc.probs != nil {
			if pg != nil {
				t.Errorf("%s %q: a page despite errors", tc.file, tc.src)
			}
			continue
		}
		if pg.URL != tc.url || pg.Title != tc.title || pg.Description != tc.description || !reflect.DeepEqual(pg.Params, tc.params) || !reflect.DeepEqual(pg.RedirectFrom, tc.redirects) {
			t.Errorf("%s %q: url %q title %q description %q params %v redirects %v,\nwant %q %q %q %v %v", tc.file, tc.src,
				pg.URL, pg.Title, pg.Description, pg.Params, pg.RedirectFrom, tc.url, tc.title, tc.description, tc.params, tc.redirects)
		}
	}
}

func TestPageFiles(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"content/pages/about.md", "content/pages/policies/_index.md", "content/pages/policies/corrections.md",
		"content/pages/.draft.md", "content/pages/notes.txt", "content/articles/a.md"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\ntitle: T\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, warnings, err := PageFiles(root)
	if err != nil || warnings != nil {
		t.Fatal(err, warnings)
	}
	if want := []string{"content/pages/about.md", "content/pages/policies/_index.md", "content/pages/policies/corrections.md"}; !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
	// Pages are not articles.
	if articles, _ := Files(root); !reflect.DeepEqual(articles, []string{"content/articles/a.md"}) {
		t.Errorf("articles %q", articles)
	}
}
