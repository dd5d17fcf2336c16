package hugo

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// TestConfigFolderOfLanguages reads a configuration split as Let's
// Encrypt's site splits it: a file per language in config/_default
// (languages.en.toml, each with its own content folder and title),
// menus and params of a language, and config/production over
// config/_default. The languages were the keys of those files (title,
// weight…), and every language's folder came across as sections.
func TestConfigFolderOfLanguages(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"config/_default/hugo.toml":         "baseURL = 'https://dev.example.org/'\ndefaultContentLanguage = 'en'\n[params]\ncolor = 'red'\n",
		"config/_default/languages.en.toml": "title = \"Let's Encrypt\"\ncontentDir = 'content/en'\nlocale = 'en-US'\nweight = 10\n[params]\ndescription = 'Free certificates'\n",
		"config/_default/languages.de.toml": "title = 'Freie Zertifikate'\ncontentDir = 'content/de'\nlocale = 'de-DE'\n",
		"config/_default/menus.en.toml":     "[[main]]\nname = 'Docs'\nurl = '/docs/'\n",
		"config/_default/params.de.toml":    "color = 'rot'\n",
		"config/production/hugo.toml":       "baseURL = 'https://example.org/'\n",
	})
	c, err := readConfig(root)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Let's Encrypt" || c.BaseURL != "https://example.org/" || c.LanguageCode != "en-US" || c.ContentDir != "content/en" {
		t.Errorf("title %q, baseURL %q, language %q, content %q", c.Title, c.BaseURL, c.LanguageCode, c.ContentDir)
	}
	if !reflect.DeepEqual(c.Languages, []string{"de"}) || !reflect.DeepEqual(c.LanguageDirs, []string{"content/de"}) {
		t.Errorf("languages %q, their folders %q", c.Languages, c.LanguageDirs)
	}
	if !reflect.DeepEqual(c.Params, map[string]any{"color": "red", "description": "Free certificates"}) {
		t.Errorf("params %v", c.Params)
	}
}

// TestOtherLanguagesAndUglyPosts migrates a site whose languages have
// folders of their own: only the default one's pages come across. Its
// posts have .html URLs (uglyURLs by section), which they keep, in
// files named without "html"; a page dated only by lastmod, which Hugo
// dates by it, gets the date folio needs.
func TestOtherLanguagesAndUglyPosts(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml": "title = 'T'\ndefaultContentLanguage = 'en'\n[uglyURLs]\npost = true\n[permalinks]\npost = '/:year/:month/:day/:slug/'\n" +
			"[languages.en]\ncontentDir = 'content/en'\n[languages.de]\ncontentDir = 'content/de'\n",
		"content/en/post/2015-10-19-trusted.md": "---\ntitle: Trusted\ndate: 2015-10-19\nslug: trusted\n---\nTrusted.\n",
		"content/en/post/2016-04-12-beta.md":    "---\ntitle: Beta\ndate: 2016-04-12\nslug: beta\n---\nBeta.\n",
		"content/en/docs/limits.md":             "---\ntitle: Limits\nlastmod: 2026-08-05\n---\nLimits.\n",
		"content/en/docs/faq.md":                "---\ntitle: FAQ\nlastmod: 2025-01-02\n---\nFAQ.\n",
		"content/de/post/2015-10-19-trusted.md": "---\ntitle: Vertraut\ndate: 2015-10-19\nslug: trusted\n---\nVertraut.\n",
		"content/de/docs/faq.md":                "---\ntitle: Fragen\nlastmod: 2025-01-02\n---\nFragen.\n",
	})
	dest, rep := migrateTo(t, src)
	files := contentFiles(dest)
	want := []string{"content/articles/2015/10/trusted.md", "content/articles/2016/04/beta.md", "content/articles/2025/01/faq.md", "content/articles/2026/08/limits.md"}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	if got := readFile(t, filepath.Join(dest, "content/articles/2015/10/trusted.md")); !strings.Contains(got, "url: /2015/10/19/trusted.html\n") {
		t.Errorf("a post loses its URL:\n%s", got)
	}
	if got := readFile(t, filepath.Join(dest, "content/articles/2026/08/limits.md")); !strings.Contains(got, "\ndate: \"2026-08-05\"\nlastmod: \"2026-08-05\"\n") {
		t.Errorf("a page dated by lastmod:\n%s", got)
	}
	notes := rep.Lines("Multilingual content not migrated")
	if w := "hugo.toml: a multilingual site (also de): folio builds one language, so only the en content is migrated, from content/en/"; strings.Join(notes, "\n") != w {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(notes, "\n"), w)
	}
}

// TestZolaRefused: Rust's blog (rust-lang/blog.rust-lang.org) is a Zola
// site, whose config.toml has Hugo's name; it came across as 751 undated
// pages and no article. It is now refused, saying why.
func TestZolaRefused(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"config.toml":             "title = \"Rust Blog\"\nbase_url = \"https://blog.rust-lang.org\"\ncompile_sass = true\n",
		"content/1.0-Timeline.md": "+++\npath = \"2014/12/12/1.0-Timeline\"\ntitle = \"Rust 1.0\"\n+++\nText.\n",
		"templates/page.html":     "{{ page.title }}",
	})
	_, err := readConfig(root)
	if want := "config.toml is the configuration of a Zola site (it sets base_url, which Hugo does not read): folio migrates Hugo, Jekyll, Eleventy and WordPress sites, and Zola's are not among them"; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestModuleMountsOfContent: a site that mounts content/en as its
// content (Docsy's sites, fluxcd.io) has its posts there: they come
// across as articles, not as pages of a section named "en"; a mount of
// another language's folder is skipped.
func TestModuleMountsOfContent(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.yaml": "title: T\ndefaultContentLanguage: en\nmodule:\n  mounts:\n    - source: content/en\n      target: content\n      sites:\n        matrix:\n          languages: [en]\n    - source: content/fr\n      target: content\n      lang: fr\n    - source: content/de\n      target: content\n      sites:\n        matrix:\n          languages: [de]\n    - source: static\n      target: static\n" +
			"languages:\n  en:\n    title: T\n  fr:\n    title: T\npermalinks:\n  blog: /:section/:year/:month/:slug/\n",
		"content/en/blog/2024-05-13-flux/index.md": "---\ntitle: Announcing Flux\ndate: 2024-05-13\nauthor: Stefan\n---\nNews.\n",
		"content/en/docs/install.md":               "---\ntitle: Install\n---\nSteps.\n",
		"content/fr/blog/2024-05-13-flux/index.md": "---\ntitle: Flux annoncé\ndate: 2024-05-13\n---\nNouvelles.\n",
	})
	c, err := readConfig(src)
	if err != nil {
		t.Fatal(err)
	}
	if c.ContentDir != "content/en" || !reflect.DeepEqual(c.LanguageDirs, []string{"content/de", "content/fr"}) {
		t.Errorf("content %q, other languages' folders %q", c.ContentDir, c.LanguageDirs)
	}
	dest, _ := runMigration(t, src)
	files := contentFiles(dest)
	want := []string{"content/articles/2024/05/announcing-flux/index.md", "content/pages/docs/install.md"}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	// :slug is the title's when there is no slug, as Hugo makes it.
	if got := readFile(t, filepath.Join(dest, "config.yaml")); !strings.Contains(got, "/blog/:year/:month/:slug/") {
		t.Errorf("the posts lose their URLs:\n%s", got)
	}
}

// TestCascade: the fields a section's cascade hands down are written into
// each page below it that does not set them, a nearer cascade's first
// (etcd.io's docs/v3.5/_index.md cascades git_version_tag, which its
// install page reads with the param shortcode); a cascade with a target
// is not applied, and said so.
func TestCascade(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                       "title = 'T'\n",
		"content/docs/_index.md":          "---\ntitle: Docs\ncascade:\n  version: all\n  git_version_tag: main\n---\n",
		"content/docs/v3.5/_index.md":     "---\ntitle: v3.5 docs\ncascade:\n  version: v3.5\n  git_version_tag: v3.5.21\n---\n",
		"content/docs/v3.5/install.md":    "---\ntitle: Install\n---\nGet {{< param git_version_tag >}}.\n",
		"content/docs/v3.5/own.md":        "---\ntitle: Own\nversion: mine\n---\nMine.\n",
		"content/docs/v3.5/b/index.md":    "---\ntitle: Bundle\ncascade:\n  color: red\n---\nB.\n",
		"content/docs/faq.md":             "---\ntitle: FAQ\n---\nQ.\n",
		"content/blog/_index.md":          "---\ntitle: Blog\ncascade:\n  - _target:\n      kind: page\n    type: post\n---\n",
		"content/blog/2024-01-02-news.md": "---\ntitle: News\ndate: 2024-01-02\n---\nN.\n",
	})
	dest, rep := runMigration(t, src)
	for file, want := range map[string][]string{
		"content/pages/docs/v3.5/install.md": {"git_version_tag: v3.5.21\n", "version: v3.5\n"},
		"content/pages/docs/v3.5/own.md":     {"git_version_tag: v3.5.21\n", "version: mine\n"},
		"content/pages/docs/v3.5/b.md":       {"git_version_tag: v3.5.21\n", "color: red\n"},
		"content/pages/docs/faq.md":          {"git_version_tag: main\n", "version: all\n"},
	} {
		got := readFile(t, filepath.Join(dest, file))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", file, w, got)
			}
		}
	}
	if got := readFile(t, filepath.Join(dest, "content/pages/docs/v3.5/install.md")); !strings.Contains(got, "v3.5.21") || strings.Contains(got, "cascade") {
		t.Errorf("install.md:\n%s", got)
	}
	if lines := rep.Lines("Cascades not applied"); len(lines) != 1 || !strings.Contains(lines[0], "content/blog/_index.md") {
		t.Errorf("notes of targeted cascades: %q", lines)
	}
}

// TestContentOutsideTheSite: a content folder named outside the site,
// by contentDir or by a mount, is refused: its files would be copied
// into the new site and published.
func TestContentOutsideTheSite(t *testing.T) {
	for name, cfg := range map[string]string{
		"contentDir": "title: T\ncontentDir: ../secrets\n",
		"mount":      "title: T\nmodule:\n  mounts:\n    - source: /home/me/.ssh\n      target: content\n",
	} {
		src := t.TempDir()
		write(t, src, map[string]string{"hugo.yaml": cfg})
		_, err := readConfig(src)
		if err == nil || !strings.Contains(err.Error(), "is outside the site") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestURLWithoutRoot: an article's url written without its leading slash
// (wiloon.com's 2,800 posts), which Hugo reads from the site's root, is
// written with it, as folio requires; the site builds.
func TestURLWithoutRoot(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                      "title = 'T'\n",
		"content/post/Hardware/eshop.md": "---\ntitle: eShop\ndate: 2026-08-06T15:49:59+08:00\nurl: nintendo-eshop-prepaid-card\n---\nCard.\n",
		"content/post/weekly.md":         "---\ntitle: Weekly\ndate: 2026-08-01\nurl: /weekly-2026-w30\n---\nWeek.\n",
		"content/post/empty.md":          "---\ntitle: Empty\ndate: 2026-08-02\nslug: Fork_It\nurl: \"\"\n---\nNone.\n",
	})
	dest, _ := runMigration(t, src)
	for file, want := range map[string]string{
		"content/articles/2026/08/nintendo-eshop-prepaid-card.md": "url: /nintendo-eshop-prepaid-card\n",
		"content/articles/2026/08/weekly-2026-w30.md":             "url: /weekly-2026-w30\n",
	} {
		if got := readFile(t, filepath.Join(dest, file)); !strings.Contains(got, want) {
			t.Errorf("%s:\n%s\nwant %q", file, got, want)
		}
	}
	// An empty url is none: not the home page's.
	entries, _ := os.ReadDir(filepath.Join(dest, "content/articles/2026/08"))
	for _, e := range entries {
		if got := readFile(t, filepath.Join(dest, "content/articles/2026/08", e.Name())); strings.Contains(got, "url: /\n") {
			t.Errorf("%s:\n%s", e.Name(), got)
		}
	}
	if len(entries) != 3 {
		t.Errorf("%d articles, want 3", len(entries))
	}
}

// TestTermsWithoutAWord: author: "-" (wiloon.com's placeholder for no
// author) and a tag of punctuation alone are dropped, and said so: a
// term's page needs a letter or a digit for its URL, and folio refused
// the build.
func TestTermsWithoutAWord(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":         "title = 'T'\n",
		"content/post/a.md": "---\ntitle: A\ndate: 2026-08-06\nauthor: \"-\"\ntags: [go, \"--\", \"C++\"]\n---\nA.\n",
	})
	dest, rep := runMigration(t, src)
	got := readFile(t, filepath.Join(dest, "content/articles/2026/08/a.md"))
	if strings.Contains(got, "authors") || !strings.Contains(got, "tags:\n  - go\n  - C++\n") {
		t.Errorf("the article:\n%s", got)
	}
	want := []string{
		`content/post/a.md:4: author: "-" has no letter or digit, and names no one: dropped`,
		`content/post/a.md:5: tags: "--" has no letter or digit, which a term's page needs for its URL: dropped`,
	}
	if lines := rep.Lines("Empty terms dropped"); strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinksToMarkdownFiles: links that name another page's Markdown file
// relative to the linking one ([history](./java-version-history.md),
// wiloon.com's 600 links, which Hugo's embedded link hook resolved) are
// written as refs to the page's new file, fragment kept; those in code,
// to files that are not there, or out of the content folder are left.
func TestLinksToMarkdownFiles(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml": "title = 'T'\n",
		"content/post/java/jdk-5.md": "---\ntitle: JDK 5\ndate: 2021-04-18\n---\nSee [history](./java-version-history.md), [again](java-version-history.md#jdk-5) and [about](../../about.md).\n\n" +
			"Write `[x](./java-version-history.md)` so.\n\n```\n[y](./java-version-history.md)\n```\n\n[none](./nope.md) [out](../../../x.md)\n\n[ref]: ./java-version-history.md\n",
		"content/post/java/java-version-history.md": "---\ntitle: History\ndate: 2020-01-02\n---\nH.\n",
		"content/about.md":                          "---\ntitle: About\n---\nUs.\n",
		"content/post/java/b.md":                    "---\ntitle: B\ndate: 2021-05-01\n---\nThe [bundle](./bundled.md).\n",
		"content/post/java/bundled/index.md":        "---\ntitle: Bundled\ndate: 2021-05-02\n---\nIn a bundle.\n",
	})
	dest, _ := runMigration(t, src)
	got := readFile(t, filepath.Join(dest, "content/articles/2021/04/jdk-5.md"))
	want := "See [history]({{< ref \"/articles/2020/01/java-version-history.md\" >}}), [again]({{< ref \"/articles/2020/01/java-version-history.md#jdk-5\" >}}) and [about]({{< ref \"/pages/about.md\" >}}).\n\n" +
		"Write `[x](./java-version-history.md)` so.\n\n```\n[y](./java-version-history.md)\n```\n\n[none](./nope.md) [out](../../../x.md)\n\n[ref]: {{< ref \"/articles/2020/01/java-version-history.md\" >}}\n"
	if !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s\nwant it to end:\n%s", got, want)
	}
	if got := readFile(t, filepath.Join(dest, "content/articles/2021/05/b.md")); !strings.Contains(got, "The [bundle]({{< ref \"/articles/2021/05/bundled/index.md\" >}}).") {
		t.Errorf("a link to a bundle by its folder's name:\n%s", got)
	}
}

// runMigration migrates the Hugo site src with the checkout's layouts, as
// folio migrate does, and returns the new site's folder and the report.
func runMigration(t *testing.T, src string) (string, *migrate.Report) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "out")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	return dest, rep
}

// contentFiles lists the files of the new site's content folder, as
// slash-separated paths from the site's root, in order.
func contentFiles(dest string) []string {
	var files []string
	filepath.WalkDir(filepath.Join(dest, "content"), func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			r, _ := filepath.Rel(dest, p)
			files = append(files, filepath.ToSlash(r))
		}
		return nil
	})
	return files
}
