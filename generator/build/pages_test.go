package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/output"
)

// readOut returns an output file of a build into dest.
func readOut(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestProfileNamesTheTermOfItsFile checks that a profile's file name is
// its term: articles that list the id show the profile's name everywhere
// (byline, term page, feed, JSON-LD), and Hugo's <id>/_index.md is read
// the same way, its other fields reaching the layouts as .Params.
func TestProfileNamesTheTermOfItsFile(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/authors/jdoe.md", "---\nname: Jane Doe\ntwitter: janedoe\nredirect_from: [/staff/jane/]\n---\nJane writes.\n")
	write(t, root, "content/authors/rroe/_index.md", "---\ntitle: Richard Roe\ntwitter: rroe\n---\n")
	write(t, root, "content/articles/x/one.md", "---\ntitle: One\ndate: 2020-01-01\nauthors: [jdoe]\n---\nOne.\n")
	write(t, root, "content/articles/x/two.md", "---\ntitle: Two\ndate: 2020-01-02\nauthors: [Jane Doe, rroe]\n---\nTwo.\n")
	term := filepath.Join(root, "layouts", "term.html")
	layout, err := os.ReadFile(term)
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "layouts/term.html", strings.Replace(string(layout), "<h1>{{ $t.Name }}</h1>",
		`<h1>{{ $t.Name }}</h1>{{ with $t.Params.twitter }}<p class="twitter">@{{ . }}</p>{{ end }}`, 1))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	one := readOut(t, dest, "articles/one/index.html")
	for _, want := range []string{`<a href="../../authors/jdoe/" rel="author">Jane Doe</a>`, `"author":[{"@type":"Person","name":"Jane Doe","url":"https://archive.example.org/authors/jdoe/"}]`} {
		if !strings.Contains(one, want) {
			t.Errorf("the article page lacks %s", want)
		}
	}
	two := readOut(t, dest, "articles/two/index.html")
	if !strings.Contains(two, `<a href="../../authors/jdoe/" rel="author">Jane Doe</a>, <a href="../../authors/rroe/" rel="author">Richard Roe</a>`) {
		t.Error("the byline of an article naming the author and an id is not the profiles' names")
	}
	for page, want := range map[string][]string{
		"authors/jdoe/index.html": {"<h1>Jane Doe</h1>", `<p class="twitter">@janedoe</p>`, "Jane writes.", "2 articles"},
		"authors/rroe/index.html": {"<h1>Richard Roe</h1>", `<p class="twitter">@rroe</p>`},
		"authors/jdoe/index.xml":  {"<title>The Dispatch Archive: Jane Doe</title>", "<name>Jane Doe</name>"},
	} {
		got := readOut(t, dest, page)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
	for _, gone := range []string{"authors/jane-doe/index.html", "authors/richard-roe/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); err == nil {
			t.Errorf("%s written: the term was split by spelling", gone)
		}
	}
	if idx := readOut(t, dest, "authors/index.html"); strings.Contains(idx, ">jdoe<") || strings.Contains(idx, ">rroe<") {
		t.Error("the authors index shows an id")
	}
}

func TestTwoProfilesOfOneTermAreAnError(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/authors/jdoe.md", "---\nname: Jane Doe\n---\n")
	write(t, root, "content/authors/jdoe/_index.md", "---\ntitle: Jane Doe\n---\n")
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
	if want := "content/authors/jdoe/_index.md: a second profile of the term /authors/jdoe/, after content/authors/jdoe.md: keep one of the two files"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// pagesSite is the example site with standalone pages and a menu.
func pagesSite(t *testing.T) string {
	root := copySite(t)
	write(t, root, "content/pages/about.md", "---\ntitle: About the Dispatch\nsummary: Who we are.\nphone: \"48 12 345\"\n---\nWe report on **diplomacy** since 2019.\n")
	write(t, root, "content/pages/policies/corrections.md", "---\ntitle: Corrections policy\naliases: [/corrections.html]\n---\nWe correct errors openly.\n")
	write(t, root, "content/pages/secret.md", "---\ntitle: Secret\ndraft: true\n---\nNot yet.\n")
	cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "config.yaml", string(cfg)+"menu:\n  - title: About\n    url: /about/\n  - title: Policies\n    url: /policies/\n  - title: Elsewhere\n    url: https://example.org/\n")
	return root
}

func TestPages(t *testing.T) {
	t.Parallel()
	root := pagesSite(t)
	about := filepath.Join(root, "layouts", "page.html")
	layout, err := os.ReadFile(about)
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "layouts/page.html", strings.Replace(string(layout), "</h1>", `</h1>{{ with .Page.Params.phone }}<p class="phone">{{ . }}</p>{{ end }}`, 1))
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	page := readOut(t, dest, "about/index.html")
	for _, want := range []string{
		"<title>About the Dispatch – The Dispatch Archive</title>",
		`<meta name="description" content="Who we are.">`,
		`<link rel="canonical" href="https://archive.example.org/about/">`,
		"<h1>About the Dispatch</h1>", `<p class="phone">48 12 345</p>`,
		"<p>We report on <strong>diplomacy</strong> since 2019.</p>",
		// The menu, in place of the taxonomies: the page's own link is current.
		`<li><a href="../about/" aria-current="page">About</a></li>`,
		`<li><a href="../policies/">Policies</a></li>`,
		`<li><a href="https://example.org/">Elsewhere</a></li>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/about/ lacks %s", want)
		}
	}
	if header, _, _ := strings.Cut(page, "</header>"); strings.Contains(header, ">People</a>") || strings.Contains(header, ">Archive</a>") {
		t.Error("/about/ has the default menu despite config.yaml's menu")
	}
	corrections := readOut(t, dest, "policies/corrections/index.html")
	if !strings.Contains(corrections, "We correct errors openly.") || !strings.Contains(corrections, `<li><a href="../../policies/" aria-current="true">Policies</a></li>`) {
		t.Error("/policies/corrections/ is not the page, under the Policies link")
	}
	if _, err := os.Stat(filepath.Join(dest, "secret")); err == nil {
		t.Error("a draft page was written")
	}
	sitemap := readOut(t, dest, "sitemap.xml")
	for _, u := range []string{"https://archive.example.org/about/", "https://archive.example.org/policies/corrections/"} {
		if !strings.Contains(sitemap, "<loc>"+u+"</loc>") {
			t.Errorf("the sitemap lacks %s", u)
		}
	}
	docs, _ := filepath.Glob(filepath.Join(dest, "search", "d", "*.json"))
	var all strings.Builder
	for _, d := range docs {
		all.WriteString(readOut(t, dest, "search/d/"+filepath.Base(d)))
	}
	if !strings.Contains(all.String(), `["About the Dispatch","about/","","","Who we are.",[]]`) {
		t.Errorf("the search index lacks the About page: %s", all.String())
	}
	// Pages are in no feed, list or archive.
	for _, name := range []string{"index.xml", "index.html", "archive/index.html"} {
		if strings.Contains(readOut(t, dest, name), "About the Dispatch") {
			t.Errorf("%s lists the About page", name)
		}
	}
}

func TestPageProblems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		setup func(root string)
		want  string
	}{
		{"no layout", func(root string) { os.Remove(filepath.Join(root, "layouts", "page.html")) },
			"layouts/page.html: missing: the site has pages in content/pages/ (content/pages/about.md and 1 other), which are made with it"},
		{"two pages, one URL", func(root string) {
			write(t, root, "content/pages/who.md", "---\ntitle: Who\nurl: /about/\n---\n")
		}, "content/pages/who.md:3: url: the URL /about/ is also the URL of the page content/pages/about.md: give one of them another url:"},
		{"a page at the archive's URL", func(root string) {
			write(t, root, "content/pages/archive.md", "---\ntitle: Old archive\n---\n")
		}, "content/pages/archive.md: the URL /archive/ is also the URL of the site's own archive page: give the page another url:"},
		{"a page at an article's URL", func(root string) {
			write(t, root, "content/pages/x.md", "---\ntitle: X\nurl: /articles/what-a-non-denial-means-in-diplomacy/\n---\n")
		}, "content/pages/x.md:3: url: the URL /articles/what-a-non-denial-means-in-diplomacy/ is also the URL of the article content/articles/2024/07/what-a-non-denial-means-in-diplomacy.md: give one of them another url:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := pagesSite(t)
			tc.setup(root)
			_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
			if err == nil || err.Error() != tc.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, tc.want)
			}
		})
	}
}

// TestServePicksUpPages checks that the dev server's builds add, change
// and remove pages as their files are saved and deleted.
func TestServePicksUpPages(t *testing.T) {
	t.Parallel()
	root := pagesSite(t)
	m := output.NewMemory()
	b := build.NewBuilder(build.Options{Source: root})
	memBuild(t, b, m, nil)
	page := func(name string) string {
		data, _, ok, _ := m.Lookup(name)
		if !ok {
			return ""
		}
		return string(data)
	}
	write(t, root, "content/pages/contact.md", "---\ntitle: Contact\n---\nWrite to us.\n")
	memBuild(t, b, m, build.Changes{"content/pages/contact.md"})
	if !strings.Contains(page("contact/index.html"), "Write to us.") {
		t.Error("an added page is not written")
	}
	write(t, root, "content/pages/about.md", "---\ntitle: About\n---\nEdited.\n")
	res := memBuild(t, b, m, build.Changes{"content/pages/about.md"})
	if !strings.Contains(page("about/index.html"), "Edited.") {
		t.Error("an edited page is not written again")
	}
	if strings.Join(res.Rendered, " ") != "/about/" {
		t.Errorf("an edit of one page rendered %v", res.Rendered)
	}
	os.Remove(filepath.Join(root, "content", "pages", "contact.md"))
	memBuild(t, b, m, build.Changes{"content/pages/contact.md"})
	if page("contact/index.html") != "" {
		t.Error("a deleted page is still there")
	}
	sameSite(t, "after page edits", m, root)
}

// TestRefsAmongArticlesPagesAndProfiles builds refs from an article to a
// page, from a page to an article and a profile, and from a profile to a
// page, then a page's ref that names nothing.
func TestRefsAmongArticlesPagesAndProfiles(t *testing.T) {
	t.Parallel()
	root := pagesSite(t)
	const story = "content/articles/2024/07/what-a-non-denial-means-in-diplomacy.md"
	src, err := os.ReadFile(filepath.Join(root, story))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, story, string(src)+"\nRead [about us]({{< ref \"pages/about.md\" >}}) and [the policy]({{< relref \"corrections\" >}}).\n")
	write(t, root, "content/pages/about.md", "---\ntitle: About the Dispatch\n---\nSee [the story]({{< ref \"what-a-non-denial-means-in-diplomacy\" >}}), "+
		"[Putin]({{< ref \"people/vladimir-putin/_index.md\" >}}) and [this]({{< ref \"#top\" >}}).\n")
	write(t, root, "content/people/vladimir-putin.md", "---\nname: Vladimir Putin\n---\nOur [corrections policy]({{< relref \"/policies/corrections\" >}}).\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"articles/what-a-non-denial-means-in-diplomacy/index.html": `Read <a href="../../about/">about us</a> and <a href="../../policies/corrections/">the policy</a>.`,
		"about/index.html":                 `See <a href="../articles/what-a-non-denial-means-in-diplomacy/">the story</a>, <a href="../people/vladimir-putin/">Putin</a> and <a href="../about/#top">this</a>.`,
		"people/vladimir-putin/index.html": `Our <a href="../../policies/corrections/">corrections policy</a>.`,
	} {
		if got := readOut(t, dest, page); !strings.Contains(got, want) {
			t.Errorf("%s lacks %s:\n%s", page, want, got)
		}
	}
	write(t, root, "content/pages/about.md", "---\ntitle: About\n---\n\nSee [gone]({{< ref \"gone.md\" >}}).\n")
	_, err = build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
	want := `content/pages/about.md:5: ref "gone.md": no article, page or profile has this path or slug (write a path under content/, such as articles/2024/story.md, or relative to this file)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// TestPagesNest: a page lists the pages in the folder of its name, by
// weight then title, and theirs lead back to it in the breadcrumbs, so
// that every page of a migrated tree (WordPress's child pages) is
// reachable.
func TestPagesNest(t *testing.T) {
	t.Parallel()
	root := pagesSite(t)
	write(t, root, "content/pages/policies.md", "---\ntitle: Policies\n---\nHow we work.\n")
	write(t, root, "content/pages/policies/ethics/_index.md", "---\ntitle: Ethics & you\nweight: 1\n---\nBe fair.\n")
	write(t, root, "content/pages/policies/ethics/gifts.md", "---\ntitle: Gifts\n---\nNone.\n")
	write(t, root, "content/pages/policies/archive.md", "---\ntitle: Archive policy\nweight: 2\n---\nKept.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	policies := readOut(t, dest, "policies/index.html")
	want := `<h2 id="subpages">In this section</h2>
    <ul>
      <li><a href="ethics/">Ethics &amp; you</a></li>
      <li><a href="archive/">Archive policy</a></li>
      <li><a href="corrections/">Corrections policy</a></li>
    </ul>`
	if !strings.Contains(policies, want) {
		t.Errorf("/policies/ lacks\n%s\nin\n%s", want, policies)
	}
	gifts := readOut(t, dest, "policies/ethics/gifts/index.html")
	for _, want := range []string{`<li><a href="../../">Policies</a></li>`, `<li><a href="../">Ethics &amp; you</a></li>`} {
		if !strings.Contains(gifts, want) {
			t.Errorf("/policies/ethics/gifts/ lacks the crumb %s", want)
		}
	}
	if strings.Contains(gifts, "In this section") || strings.Contains(readOut(t, dest, "about/index.html"), "In this section") {
		t.Error("a page without pages under it lists some")
	}
}

// TestLeadImageCaption: the lead image shows its caption and credit
// (migrated from WordPress's featured image), escaped. (An image on
// another host, which the site shows as it is.)
func TestLeadImageCaption(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2024/07/harbour.md", "---\ntitle: Harbour\ndate: 2024-07-20\nimage: https://cdn.example.org/harbour.jpg\nimage_alt: Boats at dawn\nimage_caption: The harbour <at> dawn\nimage_credit: Jane & John\n---\nText.\n")
	write(t, root, "content/articles/2024/07/credit-only.md", "---\ntitle: Credit only\ndate: 2024-07-20\nimage: https://cdn.example.org/harbour.jpg\nimage_alt: \"\"\nimage_credit: Agency\n---\nText.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"articles/harbour/index.html":     `<img src="https://cdn.example.org/harbour.jpg" alt="Boats at dawn">` + "\n    <figcaption>The harbour &lt;at&gt; dawn <span class=\"credit\">Jane &amp; John</span></figcaption>\n  </figure>",
		"articles/credit-only/index.html": `<img src="https://cdn.example.org/harbour.jpg" alt="">` + "\n    <figcaption><span class=\"credit\">Agency</span></figcaption>\n  </figure>",
	} {
		if page := readOut(t, dest, name); !strings.Contains(page, want) {
			t.Errorf("%s lacks\n%s", name, want)
		}
	}
}

// TestLanguageOfAPage: an article or page in another language than the
// site's says so, on its page, in lists, its feed entry and JSON-LD.
func TestLanguageOfAPage(t *testing.T) {
	t.Parallel()
	root := pagesSite(t)
	write(t, root, "content/articles/2024/07/greek.md", "---\ntitle: Ελληνικά\ndate: 2024-07-21\nlanguage: el\nauthor: Anna Kowalczyk\n---\nΚείμενο.\n")
	write(t, root, "content/pages/greek.md", "---\ntitle: Σελίδα\nlanguage: el\n---\nΚείμενο.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	for name, wants := range map[string][]string{
		"articles/greek/index.html":         {`<html lang="el">`, `"inLanguage":"el"`},
		"greek/index.html":                  {`<html lang="el">`},
		"about/index.html":                  {`<html lang="en">`},
		"authors/anna-kowalczyk/index.html": {`<html lang="en">`, `<article class="summary" lang="el">`},
		"index.xml":                         {`<entry xml:lang="el">`},
	} {
		page := readOut(t, dest, name)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
	root = pagesSite(t)
	write(t, root, "content/pages/bad.md", "---\ntitle: Bad\nlanguage: Greek\n---\nText.\n")
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
	if want := `content/pages/bad.md:3: language: "Greek" is not a language tag such as en, el or pt-BR`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
