package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/generator/build"
)

// TestTermPagesAsANewsroomHasThem: a person's page says who they are
// also known as, when they first and last appeared, how many articles a
// year named them (gap years included, as text beside the bars), and
// whom they are often named with, grouped by taxonomy; an author's page
// does not repeat their byline on each item, and names co-authors as
// "with". Valid HTML.
func TestTermPagesAsANewsroomHasThem(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/people/ann-envoy.md", "---\nname: Ann Envoy\naliases: [A. Envoy, Envoy, Ann]\ndescription: An envoy.\n---\nBio.\n")
	write(t, root, "content/authors/bo-writer.md", "---\nname: Bo Writer\ndescription: A writer.\n---\nBio.\n")
	write(t, root, "content/articles/2010/01/one.md", "---\ntitle: One\ndate: 2010-01-05\nauthor: Bo Writer\npeople: [Ann Envoy, Cy Aide]\nplaces: [Oslo]\n---\nText.\n")
	write(t, root, "content/articles/2010/06/two.md", "---\ntitle: Two\ndate: 2010-06-05\nauthors: [Bo Writer, Di Co]\npeople: [Ann Envoy]\n---\nText.\n")
	write(t, root, "content/articles/2012/03/three.md", "---\ntitle: Three\ndate: 2012-03-05\npeople: [Ann Envoy, Cy Aide]\nplaces: [Oslo]\n---\nText.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, dest, "people/ann-envoy/index.html")
	for _, want := range []string{
		`<p class="aka">Also known as A. Envoy, Envoy and Ann</p>`,
		`First in the archive <a href="../../articles/one/"><time datetime="2010-01-05">5 January 2010</time></a>, latest <a href="../../articles/three/"><time datetime="2012-03-05">5 March 2012</time></a>`,
		`<li><span class="year">2010</span> <span class="bar" aria-hidden="true"><span style="width: 100%"></span></span> <span class="n">2<span class="visually-hidden"> articles</span></span></li>`,
		`<li><span class="year">2011</span> <span class="bar" aria-hidden="true"><span style="width: 0%"></span></span> <span class="n">0<span class="visually-hidden"> articles</span></span></li>`,
		`<li><span class="year">2012</span> <span class="bar" aria-hidden="true"><span style="width: 50%"></span></span> <span class="n">1<span class="visually-hidden"> article</span></span></li>`,
		"<dt>People</dt>\n      <dd>\n        <ul class=\"chips\">\n          <li><a href=\"../cy-aide/\">Cy Aide</a>",
		"<dt>Places</dt>\n      <dd>\n        <ul class=\"chips\">\n          <li><a href=\"../../places/oslo/\">Oslo</a>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the person's page lacks\n%s", want)
		}
	}
	author := readOut(t, dest, "authors/bo-writer/index.html")
	if strings.Contains(author, "by Bo Writer") {
		t.Error("the author's page repeats their byline")
	}
	if !strings.Contains(author, "· with Di Co") {
		t.Error("the author's page does not name the co-author with \"with\"")
	}
	// Elsewhere the byline is whole.
	if !strings.Contains(page, "· by Bo Writer, Di Co") || !strings.Contains(page, "· by Bo Writer\n") {
		t.Errorf("the person's page lacks the articles' bylines")
	}
	files := []string{filepath.Join(dest, "people", "ann-envoy", "index.html"), filepath.Join(dest, "authors", "bo-writer", "index.html")}
	if problems := checkHTML(t, dest, files, false); len(problems) > 0 {
		t.Errorf("vnu:\n%s", strings.Join(problems, "\n"))
	}
}

// TestPeopleIndexByLastName: the people index sorts by last name (or a
// profile's sortName), under letter headings, each page named by its
// letters in its title and in the page links, a heading carried over to
// the next page marked as continued, and a bar of letters on every page
// leading to the page where each begins.
func TestPeopleIndexByLastName(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	cfg := readOut(t, root, "config.yaml")
	write(t, root, "config.yaml", cfg+"\npaginateTerms: 3\n")
	// Besides the example's people (none of whose last names begins with
	// a letter before A or after Z): a sortName, a name of one word, and
	// names with accents and in Cyrillic, made Latin to sort.
	write(t, root, "content/people/ho-chi-minh.md", "---\nname: Ho Chi Minh\nsortName: Ho Chi Minh\n---\nBio.\n")
	write(t, root, "content/articles/2010/01/names.md", "---\ntitle: Names\ndate: 2010-01-05\npeople: [Ho Chi Minh, Aaron Aardvark, Zoë Ångström, Дмитрий Волков, Cher]\n---\nText.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	first := readOut(t, dest, "people/index.html")
	if !strings.Contains(first, `<h2 class="letter" id="letter-a">A</h2>
  <ul class="term-index">
    <li><a href="aaron-aardvark/">Aaron Aardvark</a>`) {
		t.Errorf("the first page does not begin with Aardvark under A:\n%s", first)
	}
	// Ångström sorts as Angstrom, after Almeida and Aardvark.
	if a, b := strings.Index(first, "Beatriz Almeida"), strings.Index(first, "Zoë Ångström"); a < 0 || b < 0 || a > b {
		t.Error("Ångström is not listed after Almeida, as Angstrom")
	}
	var pages []string
	for n := 1; ; n++ {
		name := "people/index.html"
		if n > 1 {
			name = "people/page/" + strconv.Itoa(n) + "/index.html"
		}
		if _, err := os.Stat(filepath.Join(dest, name)); err != nil {
			break
		}
		pages = append(pages, readOut(t, dest, name))
	}
	all := strings.Join(pages, "\n")
	for _, want := range []string{
		`<li><a href="../../ho-chi-minh/">Ho Chi Minh</a>`, // by its sortName, under H
		`<li><a href="../../dmitrii-volkov/">Дмитрий Волков</a>`,
		`<li><a href="../../cher/">Cher</a>`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	if h, v := strings.Index(all, ">Ho Chi Minh<"), strings.Index(all, ">Дмитрий Волков<"); h > v {
		t.Error("Ho Chi Minh (H) comes after Volkov (V)")
	}
	// Page 2's title and lede name its letters; the page links name
	// each page's.
	second := pages[1]
	rng := regexp.MustCompile(`<title>People, ([A-Z#–]+) \(page 2\)`).FindStringSubmatch(second)
	if rng == nil || !strings.Contains(second, " · "+rng[1]+" · page 2 of ") {
		t.Fatalf("page 2 is not named by its letters:\n%s", second)
	}
	if !strings.Contains(first, `aria-label="Page 2, `+rng[1]+`">`+rng[1]+`</a>`) {
		t.Errorf("the first page's link to page 2 is not labelled %s", rng[1])
	}
	// Every letter of the bar leads to a page where its heading is.
	bar := regexp.MustCompile(`<li><a href="([^"]*)#(letter-[a-z]+)">`).FindAllStringSubmatch(second, -1)
	if len(bar) < 8 {
		t.Fatalf("page 2's bar of letters has %d links", len(bar))
	}
	for _, m := range bar {
		target := filepath.Join(dest, "people", "page", "2", filepath.FromSlash(m[1]), "index.html")
		if !strings.Contains(readFile(t, target), `id="`+m[2]+`"`) {
			t.Errorf("the bar's link %s#%s leads to a page without that heading", m[1], m[2])
		}
	}
	if !strings.Contains(all, `<span class="continued">(continued)</span>`) {
		t.Error("no letter heading is marked as continued from an earlier page")
	}
	var files []string
	for n := range pages {
		f := filepath.Join(dest, "people", "index.html")
		if n > 0 {
			f = filepath.Join(dest, "people", "page", strconv.Itoa(n+1), "index.html")
		}
		files = append(files, f)
	}
	if problems := checkHTML(t, dest, files, false); len(problems) > 0 {
		t.Errorf("vnu:\n%s", strings.Join(problems, "\n"))
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFrontPage: the front page opens on the newest article (its kicker,
// headline, standfirst), lists the others, shows the people, places and
// topics most named in the archive's newest three months, the years and
// a search box, and does not repeat the site's name as a visible
// heading; an article page shows its kicker over the headline and its
// given summary under it as a standfirst, and none when the summary is
// only its first paragraph's opening.
func TestFrontPage(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2026/12/top.md", "---\ntitle: Top *story*\ndate: 2026-12-01\nkicker: Analysis\nsummary: What it means.\npeople: [Ann Envoy]\nplaces: [Oslo]\n---\nText.\n")
	write(t, root, "content/articles/2026/11/near.md", "---\ntitle: Near\ndate: 2026-11-01\npeople: [Ann Envoy, Bo Aide]\n---\nFirst words of the text.\n")
	write(t, root, "content/articles/2026/05/far.md", "---\ntitle: Far\ndate: 2026-05-01\npeople: [Cy Old, Cy Old 2, Cy Old 3]\n---\nText.\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	home := readOut(t, dest, "index.html")
	for _, want := range []string{
		`<h1 class="visually-hidden">The Dispatch Archive</h1>`,
		`<form class="search-form front-search" role="search" action="search/" method="get">`,
		"<article class=\"top-story\">\n    <p class=\"eyebrow\">Analysis</p>\n    <h2><a href=\"articles/top/\">Top <em>story</em></a></h2>\n    <p class=\"standfirst\">What it means.</p>",
		`<ol class="article-list" start="2">`,
		"<dt>People</dt>\n      <dd>\n        <ul class=\"chips\">\n          <li><a href=\"people/ann-envoy/\">Ann Envoy</a> <span class=\"count\"><span aria-hidden=\"true\">2</span>",
		`<li><a href="2026/">2026</a>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the front page lacks\n%s", want)
		}
	}
	// Names of articles older than three months before the newest are
	// not "lately".
	if strings.Contains(home, `href="people/cy-old/"`) {
		t.Error("the front page counts an article of seven months before the newest as lately")
	}
	if strings.Contains(home, "<h1>The Dispatch Archive</h1>") {
		t.Error("the front page repeats the site's name as its heading")
	}
	if second := readOut(t, dest, "page/2/index.html"); !strings.Contains(second, "<h1>Latest articles</h1>") || strings.Contains(second, "top-story") {
		t.Error("the second page is not a plain list of the latest articles")
	}
	top := readOut(t, dest, "articles/top/index.html")
	if !strings.Contains(top, "<p class=\"eyebrow\">Analysis</p>\n    <h1>Top <em>story</em></h1>\n    <p class=\"standfirst\">What it means.</p>") {
		t.Error("the article lacks its kicker and standfirst")
	}
	if near := readOut(t, dest, "articles/near/index.html"); strings.Contains(near, "standfirst") {
		t.Error("an article whose summary is its first words shows them twice")
	}
	if problems := checkHTML(t, dest, []string{filepath.Join(dest, "index.html"), filepath.Join(dest, "articles", "top", "index.html")}, false); len(problems) > 0 {
		t.Errorf("vnu:\n%s", strings.Join(problems, "\n"))
	}
}
