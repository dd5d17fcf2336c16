package build_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/diag"
)

const kremlin = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"

// addFrontMatter puts lines at the top of an article's front matter.
func addFrontMatter(t *testing.T, root, name, lines string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, name, strings.Replace(string(src), "---\n", "---\n"+lines, 1))
}

func TestRedirectPagesAndHostFile(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	addFrontMatter(t, root, kremlin, "aliases: [/2024/07/22/kremlin.html, /old/kremlin, old-kremlin/]\nredirect_from: /caf%C3%A9/\n")
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const to = "https://archive.example.org/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	want := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to ` + to + `</title>
<link rel="canonical" href="` + to + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=../../articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/">
</head>
<body>
<p>This page has moved to <a href="../../articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/">` + to + `</a>.</p>
</body>
</html>
`
	if got := read("old/kremlin/index.html"); got != want {
		t.Errorf("old/kremlin/index.html:\n%s\nwant:\n%s", got, want)
	}
	if got := read("2024/07/22/kremlin.html"); !strings.Contains(got, `url=../../../articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"`) {
		t.Errorf("2024/07/22/kremlin.html:\n%s", got)
	}
	read("articles/old-kremlin/index.html") // relative to the article's folder, as in Hugo
	read("café/index.html")
	const redirects = `/2024/07/22/kremlin.html /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ 301
/articles/old-kremlin/ /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ 301
/caf%C3%A9/ /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ 301
/old/kremlin /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ 301
`
	if got := read("_redirects"); got != redirects {
		t.Errorf("_redirects:\n%s\nwant:\n%s", got, redirects)
	}
	if sm := read("sitemap.xml"); strings.Contains(sm, "kremlin.html") || strings.Contains(sm, "/old/") || strings.Contains(sm, "_redirects") {
		t.Errorf("a redirect is in the sitemap:\n%s", sm)
	}
	err := filepath.WalkDir(filepath.Join(dest, "search"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(string(b), "old/kremlin") || strings.Contains(string(b), "kremlin.html") {
			t.Errorf("%s indexes a redirect", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Without aliases, the pages and the host file go.
	src, _ := os.ReadFile(filepath.Join(root, kremlin))
	write(t, root, kremlin, strings.Replace(string(src), "aliases: [/2024/07/22/kremlin.html, /old/kremlin, old-kremlin/]\nredirect_from: /caf%C3%A9/\n", "", 1))
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"_redirects", "old/kremlin/index.html", "2024/07/22/kremlin.html"} {
		if _, err := os.Stat(filepath.Join(dest, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there: %v", name, err)
		}
	}
}

// Profiles and pages give old paths too, written as articles' are.
func TestProfileAndPageRedirects(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	addFrontMatter(t, root, "content/people/dmitry-peskov.md", "redirect_from: [/person/peskov/, /people/dmitry-peskov/]\n")
	write(t, root, "content/pages/about.md", "---\ntitle: About\naliases: [/about-us.html]\n---\nUs.\n")
	dest := filepath.Join(root, "public")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	const own = "content/people/dmitry-peskov.md:2: warning: redirect_from: /people/dmitry-peskov/ is the term's own URL, not an old one: remove it"
	if res.Warnings.Error() != own {
		t.Errorf("warnings:\n%s\nwant:\n%s", res.Warnings.Error(), own)
	}
	b, err := os.ReadFile(filepath.Join(dest, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "/about-us.html /about/ 301\n/person/peskov/ /people/dmitry-peskov/ 301\n"
	if string(b) != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", b, want)
	}
	for _, name := range []string{"about-us.html", "person/peskov/index.html"} {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || !strings.Contains(string(b), `http-equiv="refresh"`) {
			t.Errorf("%s: %v\n%s", name, err, b)
		}
	}
}

// config.yaml's redirects are written as the others are; one that leads
// to no page is a warning, one at a page's URL an error.
func TestConfigRedirects(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	appendFile(t, root, "config.yaml", "redirects:\n  - {from: /news/, to: /archive/}\n  - {from: /gone/, to: /nowhere/}\n  - {from: /feed/, to: /index.xml}\n  - {from: \"/?p=12\", to: /archive/}\n  - {from: \"/index.php?page_id=7\", to: /archive/}\n")
	dest := filepath.Join(root, "public")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	const warn = "config.yaml:30: warning: redirects[1].to: /nowhere/ is no page of the site: the redirect from /gone/ leads nowhere"
	if got := res.Warnings.Error(); got != warn {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, warn)
	}
	b, err := os.ReadFile(filepath.Join(dest, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	// An old feed leads to the new one, a file, not a folder.
	// An old address with a query (WordPress's plain permalinks) is a
	// line in Netlify's form, and no page.
	if want := "/ p=12 /archive/ 301\n/feed/ /index.xml 301\n/gone/ /nowhere/ 301\n/index.php page_id=7 /archive/ 301\n/news/ /archive/ 301\n"; string(b) != want {
		t.Errorf("_redirects:\n%s\nwant:\n%s", b, want)
	}
	page, err := os.ReadFile(filepath.Join(dest, "news", "index.html"))
	if err != nil || !strings.Contains(string(page), `url=../archive/"`) {
		t.Errorf("news/index.html: %v\n%s", err, page)
	}
	if page, err := os.ReadFile(filepath.Join(dest, "feed", "index.html")); err != nil || !strings.Contains(string(page), `url=../index.xml"`) {
		t.Errorf("feed/index.html: %v\n%s", err, page)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.php")); err == nil {
		t.Error("a page was written for /index.php?page_id=7")
	}

	root = copySite(t)
	appendFile(t, root, "config.yaml", "redirects:\n  - {from: /search/, to: /archive/}\n")
	_, err = build.Run(build.Options{Source: root, Dest: filepath.Join(root, "public")})
	const clash = "config.yaml:29: redirects[0].from: /search/ is the URL of the site's own search page: remove it"
	if err == nil || err.Error() != clash {
		t.Errorf("got %v, want %s", err, clash)
	}
}

func TestRedirectConflicts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string)
		want  []string
	}{
		{"an alias at an article's URL", func(t *testing.T, root string) {
			write(t, root, "content/articles/2030/other.md", "---\ntitle: Other\ndate: 2023-01-01\n---\nText.\n")
			addFrontMatter(t, root, kremlin, "aliases: [/articles/other/]\n")
		}, []string{
			kremlin + ":2: aliases: /articles/other/ is the URL of content/articles/2030/other.md: an old path cannot lead elsewhere while a page is there: remove it",
		}},
		{"an alias at the site's own page", func(t *testing.T, root string) {
			addFrontMatter(t, root, kremlin, "aliases: [/archive/]\n")
		}, []string{
			kremlin + ":2: aliases: /archive/ is the URL of the site's own archive page: remove it",
		}},
		{"one alias for two articles", func(t *testing.T, root string) {
			write(t, root, "content/articles/2030/other.md", "---\ntitle: Other\ndate: 2023-01-01\nredirect_from: [/old/]\n---\nText.\n")
			addFrontMatter(t, root, kremlin, "aliases: [/old]\n")
		}, []string{
			"content/articles/2030/other.md:4: redirect_from: /old/ redirects to /articles/other/ here, and to /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ in " + kremlin + ":2: keep it in one of them",
		}},
		{"a url: at the site's own page", func(t *testing.T, root string) {
			addFrontMatter(t, root, kremlin, "url: /archive/\n")
		}, []string{
			kremlin + ":2: url: the URL /archive/ is the site's own archive page: give the article another url:",
		}},
		{"a page's alias at an article's old path", func(t *testing.T, root string) {
			addFrontMatter(t, root, kremlin, "aliases: [/old/]\n")
			write(t, root, "content/pages/about.md", "---\ntitle: About\naliases: [/old/]\n---\nUs.\n")
		}, []string{
			"content/pages/about.md:3: aliases: /old/ redirects to /about/ here, and to /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ in " + kremlin + ":2: keep it in one of them",
		}},
		{"a profile's old path at a page", func(t *testing.T, root string) {
			write(t, root, "content/pages/about.md", "---\ntitle: About\n---\nUs.\n")
			addFrontMatter(t, root, "content/people/dmitry-peskov.md", "redirect_from: [/about/]\n")
		}, []string{
			"content/people/dmitry-peskov.md:2: redirect_from: /about/ is the URL of content/pages/about.md: an old path cannot lead elsewhere while a page is there: remove it",
		}},
		{"one address with a query for two articles", func(t *testing.T, root string) {
			write(t, root, "content/articles/2030/other.md", "---\ntitle: Other\ndate: 2023-01-01\naliases: [\"/?p=12\"]\n---\nText.\n")
			addFrontMatter(t, root, kremlin, "aliases: [\"/?p=12\"]\n")
		}, []string{
			"content/articles/2030/other.md:4: aliases: /?p=12 redirects to /articles/other/ here, and to /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ in " + kremlin + ":2: keep it in one of them",
		}},
		{"an alias with a query it cannot match", func(t *testing.T, root string) {
			addFrontMatter(t, root, kremlin, "aliases: [\"/?p=12&q=1\", \"old?p=1\"]\n")
		}, []string{
			kremlin + `:2: aliases: item 1, "/?p=12&q=1", takes one name=value of letters, digits, - and _ after the ?, such as /?p=12`,
			kremlin + `:2: aliases: item 2, "old?p=1", has a query, so it must be a whole path from the site's root, such as /?p=12`,
		}},
		{"an unsafe alias", func(t *testing.T, root string) {
			addFrontMatter(t, root, kremlin, "aliases: [/a/../../etc/]\n")
		}, []string{
			kremlin + `:2: aliases: item 1, "/a/../../etc/", has a . or .. segment, which would lead out of the folder it names: write the path without it`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := copySite(t)
			tc.setup(t, root)
			_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(root, "public")})
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a diag.List", err)
			}
			var got []string
			for _, p := range list.Errors() {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("errors\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func appendFile(t *testing.T, root, name, more string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(root, name), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(more); err != nil {
		t.Fatal(err)
	}
}

// TestQueryRedirectMap checks what answers an article's old address with
// a query on hosts other than Netlify, under a base URL with a path: the
// map of such addresses (its index and shards, keyed as a browser's
// location gives the address), and the script that reads it on the home
// page and the 404 page, and nowhere else. A site without such addresses
// has neither.
func TestQueryRedirectMap(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	addFrontMatter(t, root, kremlin, "aliases: [\"/?p=12\", \"/?page_id=12\"]\n")
	replaceIn(t, root, "config.yaml", "baseURL: https://archive.example.org/", "baseURL: https://example.org/archive/")
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string { return readOut(t, dest, name) }
	const to = "/archive/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	if got := read("_redirects"); !strings.Contains(got, "/archive/ p=12 "+to+" 301\n/archive/ page_id=12 "+to+" 301\n") {
		t.Errorf("_redirects:\n%s", got)
	}
	if got, want := read("query-redirects/index.json"), `{"shards":1}`+"\n"; got != want {
		t.Errorf("query-redirects/index.json = %q, want %q", got, want)
	}
	if got, want := read("query-redirects/0.json"), `{"/archive/?p=12":"`+to+`","/archive/?page_id=12":"`+to+`"}`+"\n"; got != want {
		t.Errorf("query-redirects/0.json = %q, want %q", got, want)
	}
	if got := read("index.html"); !strings.Contains(got, `const dir = "query-redirects/";`) {
		t.Errorf("the home page has no script that reads query-redirects/:\n%s", got)
	}
	if got := read("404.html"); !strings.Contains(got, `const dir = "/archive/query-redirects/";`) {
		t.Errorf("the 404 page, served at any path, has no script that reads /archive/query-redirects/:\n%s", got)
	}
	for _, name := range []string{"page/2/index.html", "articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/index.html", "archive/index.html"} {
		if strings.Contains(read(name), "query-redirects") {
			t.Errorf("%s has the script, which only the pages old addresses are at need", name)
		}
	}

	plain := copySite(t)
	dest = filepath.Join(plain, "public")
	if _, err := build.Run(build.Options{Source: plain, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "query-redirects")); err == nil {
		t.Error("a site without old addresses with a query has a map of them")
	}
	for _, name := range []string{"index.html", "404.html"} {
		if strings.Contains(read(name), "query-redirects") {
			t.Errorf("%s has the script on a site without old addresses with a query", name)
		}
	}
}

// replaceIn replaces the first old in the file name of the site at root.
func replaceIn(t *testing.T, root, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	write(t, root, name, strings.Replace(string(b), old, new, 1))
}
