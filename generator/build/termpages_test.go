package build_test

import (
	"path/filepath"
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
