package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
)

// An article with raw HTML the policy removes builds, with one warning
// saying what went; its title's and summary's inline Markdown shows as
// HTML on its pages and as plain text in <title>, attributes, the feed,
// the JSON-LD and the search index.
func TestRawHTMLAndInlineMarkdownInTheBuild(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2099/markup.md", "---\ntitle: \"Why **this** matters\"\ndate: "+time.Now().AddDate(0, 0, -1).Format(time.DateOnly)+"\nsummary: \"The `grep` tool, *explained*\"\n---\n\n"+
		"The <abbr title=\"Global Regular Expression Print\">grep</abbr> tool.<script>alert(1)</script>\n\n<p onclick=\"steal()\">Hi</p>\n\n</div></main>\n")
	res, err := build.Run(build.Options{Source: root})
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Error())
	}
	want := "content/articles/2099/markup.md: warning: raw HTML: removed 1 element (script), 1 attribute (onclick) and 2 end tags that close nothing (</main>, </div>), which the HTML sanitizer does not allow (see markdown.unsafe)"
	if !strings.Contains(strings.Join(warnings, "\n"), want) {
		t.Errorf("warnings:\n%s\nwant among them\n%s", strings.Join(warnings, "\n"), want)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	page := read("articles/markup/index.html")
	for _, s := range []string{
		"<h1>Why <strong>this</strong> matters</h1>",
		"<title>Why this matters – ",
		`<meta property="og:title" content="Why this matters">`,
		`"headline":"Why this matters"`,
		`"description":"The grep tool, explained"`,
		`<abbr title="Global Regular Expression Print">grep</abbr>`,
		"<p>Hi</p>",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("article page lacks %s", s)
		}
	}
	for _, s := range []string{"**", "`", "alert(1)", "onclick"} {
		if strings.Contains(page, s) {
			t.Errorf("article page holds %s", s)
		}
	}
	if strings.Count(page, "</main>") != 1 {
		t.Errorf("the body closed the page's main element")
	}
	home := read("index.html")
	for _, s := range []string{"Why <strong>this</strong> matters</a></h2>", "The <code>grep</code> tool, <em>explained</em></p>"} {
		if !strings.Contains(home, s) {
			t.Errorf("home page lacks %s", s)
		}
	}
	feed := read("index.xml")
	if !strings.Contains(feed, "<title>Why this matters</title>") || strings.Contains(feed, "**") {
		t.Errorf("feed title is not plain:\n%s", feed[:min(len(feed), 2000)])
	}
}
