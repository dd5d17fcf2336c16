package build_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/diag"
)

// TestHostileArticles writes one bad file per case into a copy of the
// example site and checks the exact problem the build reports for it.
// All problems come from one run, sorted by file.
func TestHostileArticles(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file, src, want string
	}{
		{"unterminated.md", "---\ntitle: Unterminated\ndate: 2024-01-01\n",
			`content/articles/bad/unterminated.md:1: front matter opened with "---" is never closed: add a line "---" after the last field`},
		{"toml.md", "+++\ntitle = \ndate = 2024-01-01\n+++\n",
			`content/articles/bad/toml.md:2:9: TOML front matter: expected value but found '\n' instead`},
		{"json.md", ";;;\n{\"title\": \"x\", \"date\": }\n;;;\n",
			`content/articles/bad/json.md:2:24: JSON front matter: invalid character '}' looking for beginning of value`},
		{"yaml.md", "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n",
			`content/articles/bad/yaml.md:3: YAML front matter: did not find expected ',' or ']'`},
		{"people.md", "---\ntitle: People\ndate: 2024-01-01\npeople: 42\n---\n",
			`content/articles/bad/people.md:4: people: must be a list of names such as [Jane Doe, John Roe], not the number 42`},
		{"datelist.md", "---\ntitle: Date list\ndate: [1]\n---\n",
			`content/articles/bad/datelist.md:3: date: must be a date such as 2024-07-22, not a list`},
		{"notitle.md", "---\ndate: 2024-01-01\n---\n",
			`content/articles/bad/notitle.md:1: title: missing: add a line title: "…" to the front matter`},
		{"nodate.md", "---\ntitle: No date\n---\n",
			`content/articles/bad/nodate.md:1: date: missing: add a line such as date: 2024-07-22 to the front matter`},
		{"feb.md", "---\ntitle: Feb\ndate: 2024-02-30\n---\n",
			`content/articles/bad/feb.md:3: date: "2024-02-30" is not a real date (day out of range)`},
		{"empty.md", "",
			`content/articles/bad/empty.md: the file is empty: an article needs front matter with a title and a date`},
		{"utf8.md", "---\ntitle: Bad \xff byte\ndate: 2024-01-01\n---\n",
			`content/articles/bad/utf8.md:2:12: byte 0xff is not UTF-8 text: save the file as UTF-8`},
		{"punct.md", "---\ntitle: Punct\ndate: 2024-01-01\npeople: [\"!!!\"]\n---\n",
			`content/articles/bad/punct.md:4: people: "!!!" has no letters or digits to make a URL from: spell it out or remove it`},
		{"reserved.md", "---\ntitle: Reserved\ndate: 2024-01-01\ntopics: [Page]\n---\n",
			`content/articles/bad/reserved.md:4: topics: "Page" would have the URL /topics/page/, which the site uses for its own pages: spell it differently`},
		{"emptyterm.md", "---\ntitle: Empty term\ndate: 2024-01-01\nplaces: [Kyiv, \"\"]\n---\n",
			`content/articles/bad/emptyterm.md:4: places: item 2 is empty: remove it`},
		{"image.md", "---\ntitle: Image\ndate: 2024-01-01\nimage: \"javascript:alert(1)\"\nimage_alt: x\n---\n",
			`content/articles/bad/image.md:4: image: "javascript:alert(1)" is not an http(s) address or a path to a file of the site`},
		{"dup.md", "---\ntitle: Dup\ndate: 2024-01-01\nslug: kremlin-keeps-cryptic-stance-on-putin-trump-contacts\n---\n",
			`content/articles/bad/dup.md:4: slug: the URL /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ is also the URL of content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md: give one of them a different slug: in its front matter`},
	}
	root := copySite(t)
	var want []string
	for _, c := range cases {
		write(t, root, "content/articles/bad/"+c.file, c.src)
		want = append(want, c.want)
	}
	before := parseSite(t, buildTo(t, root))
	_, err := build.Run(build.Options{Source: root})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	got := strings.Split(list.Error(), "\n")
	wantSorted := slices.Clone(want)
	slices.Sort(wantSorted)
	if strings.Join(got, "\n") != strings.Join(wantSorted, "\n") {
		t.Errorf("problems:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantSorted, "\n"))
	}
	after := parseSite(t, filepath.Join(root, "public"))
	if len(after.pages) != len(before.pages) {
		t.Error("a failed build changed public/")
	}
}

// buildTo builds root into its public/ folder and returns the folder.
func buildTo(t *testing.T, root string) string {
	t.Helper()
	clean := t.TempDir()
	dest := filepath.Join(root, "public")
	// Build the good site first: move the bad files aside.
	bad := filepath.Join(root, "content/articles/bad")
	if err := os.Rename(bad, filepath.Join(clean, "bad")); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(clean, "bad"), bad); err != nil {
		t.Fatal(err)
	}
	return dest
}

// TestAcceptedOddities checks the input that is odd but fine: a
// byte-order mark, CRLF line ends (same page as LF), hostile names made
// safe, a long slug kept as written, links inside the site followed, links out of it and
// link loops refused without hanging.
func TestAcceptedOddities(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	lf := "---\ntitle: \"Line ends\"\ndate: 2024-03-01\npeople: [Jane Roe]\n---\n\nOne paragraph.\n\nAnother \"quoted\" one.\n"
	write(t, root, "content/articles/odd/lf.md", lf)
	write(t, root, "content/articles/odd/crlf.md", "\xef\xbb\xbf"+strings.ReplaceAll(strings.Replace(lf, "Line ends", "Line ends too", 1), "\n", "\r\n"))
	write(t, root, "content/articles/odd/traversal.md", "---\ntitle: Traversal\ndate: 2024-01-01\npeople: [\"../../etc/passwd\", \"con\", \"a\\\\b\", \"%2e%2e\", \"Tab\\there\\u0007\"]\n---\nText.\n")
	write(t, root, "content/articles/odd/long.md", "---\ntitle: "+strings.Repeat("Long ", 60)+"\ndate: 2024-01-01\nslug: \""+strings.Repeat("x", 200)+"\"\n---\nText.\n")
	outside := filepath.Join(t.TempDir(), "outside.md")
	os.WriteFile(outside, []byte(lf), 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "content/articles/odd/outside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("lf.md", filepath.Join(root, "content/articles/odd/inside-link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(root, "content/articles/odd/loop")); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var res *build.Result
	var err error
	go func() {
		res, err = build.Run(build.Options{Source: root})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the build hangs (a link loop?)")
	}
	if err != nil {
		t.Fatal(err)
	}
	wantWarning := "content/articles/odd/outside.md: warning: a link to " + mustReal(t, outside) + ", outside the site, not read"
	found := false
	for _, w := range res.Warnings {
		found = found || w.Error() == wantWarning
	}
	if !found {
		t.Errorf("warnings %v lack %q", res.Warnings, wantWarning)
	}
	s := parseSite(t, filepath.Join(root, "public"))
	body := func(u string) string {
		p := s.pages[u]
		if p == nil {
			t.Fatalf("no page %s", u)
		}
		return text(firstOf(find(p.doc, "div", "prose")))
	}
	if body("/articles/lf/") != body("/articles/crlf/") {
		t.Error("CRLF and LF files give different pages")
	}
	if s.pages["/articles/inside-link/"] == nil {
		t.Error("a link to a file inside the site was not followed")
	}
	// An explicit slug is never shortened (urlpath.Slug refuses a
	// hostile one, such as ../../etc/x).
	long := "/articles/" + strings.Repeat("x", 200) + "/"
	if s.pages[long] == nil {
		t.Errorf("no page %s: the slug was not kept as written", long)
	}
	for _, u := range []string{"/people/etc-passwd/", "/people/con/", "/people/a-b/", "/people/percent-2e-percent-2e/", "/people/tab-here/"} {
		if s.pages[u] == nil {
			t.Errorf("no page %s for a hostile name", u)
		}
	}
	for u := range s.pages {
		if seg := strings.Split(u, "/"); len(seg) > 2 && len(seg[2]) > 80 && u != long {
			t.Errorf("%s has a segment over 80 bytes", u)
		}
	}
	// Nothing was written outside public/.
	if _, err := os.Stat(filepath.Join(root, "etc")); err == nil {
		t.Error("something was written outside the output folder")
	}
	if b, _ := os.ReadFile(filepath.Join(root, "public/articles/lf/index.html")); !bytes.Contains(b, []byte("Line ends")) {
		t.Error("the LF article is missing")
	}
}

func mustReal(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestArticlesCollidingWithFixedPages(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	cfg, _ := os.ReadFile(filepath.Join(root, "config.yaml"))
	write(t, root, "config.yaml", strings.Replace(string(cfg), "articles: /articles/:slug/", "articles: /:slug/", 1))
	write(t, root, "content/articles/x/archive.md", "---\ntitle: Archive\ndate: 2024-01-01\n---\nX.\n")
	write(t, root, "content/articles/x/people.md", "---\ntitle: People\ndate: 2024-01-02\n---\nX.\n")
	_, err := build.Run(build.Options{Source: root})
	want := []string{
		"content/articles/x/archive.md: slug: the URL /archive/ is the site's own archive page: give the article another slug: or change permalinks.articles in config.yaml",
		"content/articles/x/people.md: slug: the URL /people/ is the site's own taxonomy page: give the article another slug: or change permalinks.articles in config.yaml",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("err:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}
