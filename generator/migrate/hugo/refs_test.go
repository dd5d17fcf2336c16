package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefsRewritten: refs name the old site's content paths, which the
// migration moves; each is rewritten to the new file of an article (as
// the writer names it), to the URL of a page or term page, or to the old
// URL of what is not migrated (reported).
func TestRefsRewritten(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                      "title = 'T'\nrefLinksErrorLevel = 'WARNING'\nrefLinksNotFoundURL = '/gone/'\n[taxonomies]\ntopic = 'topics'\n",
		"content/news/2014/x.md":         "---\ntitle: X\ndate: 2014-01-02\n---\nX.\n",
		"content/events/2014/x.md":       "---\ntitle: X event\ndate: 2014-01-03\n---\nX.\n",
		"content/topics/alpha/_index.md": "---\ntitle: Alpha\n---\n",
		"content/guides/_index.md":       "---\ntitle: Guides\n---\nAll guides.\n",
		"content/communities/_index.md":  "---\ntitle: Communities\n---\n",
		"content/news/2014/gone.md":      "---\ntitle: Gone\ndate: 2014-01-02\nexpirydate: 2015-01-01\n---\nX.\n",
		"content/news/2015/y.md": "---\ntitle: Y\ndate: 2015-01-02\n---\n" +
			"[a]({{< ref \"/news/2014/x.md\" >}}) [b]({{< relref \"news/2014/x\" >}}) [c]({{% ref \"../2014/x.md#part\" %}})\n" +
			"[d]({{< ref \"/events/2014/x.md\" >}}) [e]({{< ref \"/guides/_index.md\" >}}) [f]({{< relref \"/topics/alpha\" >}})\n" +
			"[g]({{< ref \"/communities\" >}}) [h]({{< ref \"nothing.md\" >}}) [i]({{< ref \"#top\" >}}) [j]({{< ref \"y.md\" >}})\n" +
			"[k]({{< link \"../2014/x.md#a\" >}}) [l]({{< link href=\"/guides/_index.md\" x=\"y.md\" >}}) [m]({{< link \"https://e.org/\" >}}) {{< other \"x.md\" >}} [n]({{< ref \"gone.md\" >}})\n",
		// link passes its argument to relref: its content paths are refs.
		"layouts/shortcodes/link.html":  "{{ relref $.Page (.Get 0) }}",
		"layouts/shortcodes/other.html": "{{ .Get 0 }}",
	})
	dest, rep := migrateTo(t, src)
	b, err := os.ReadFile(filepath.Join(dest, "content/articles/2015/01/y.md"))
	if err != nil {
		t.Fatal(err)
	}
	// events/ comes before news/: its x.md keeps the name.
	want := "[a]({{< ref \"/articles/2014/01/x-2.md\" >}}) [b]({{< relref \"/articles/2014/01/x-2.md\" >}}) [c]({{% ref \"/articles/2014/01/x-2.md#part\" %}})\n" +
		"[d]({{< ref \"/articles/2014/01/x.md\" >}}) [e]({{< ref \"/pages/guides.md\" >}}) [f](/topics/alpha/)\n" +
		"[g](/communities/) [h](/gone/) [i]({{< ref \"#top\" >}}) [j]({{< ref \"/articles/2015/01/y.md\" >}})\n" +
		"[k]({{< link \"/articles/2014/01/x-2.md#a\" >}}) [l]({{< link href=\"/pages/guides.md\" x=\"/articles/2015/01/y.md\" >}}) [m]({{< link \"https://e.org/\" >}}) {{< other \"x.md\" >}} [n](/gone/)\n"
	if body := strings.SplitN(string(b), "---\n", 3)[2]; body != want {
		t.Errorf("got\n%s\nwant\n%s", body, want)
	}
	if _, err := os.Stat(filepath.Join(dest, "content/articles/2014/01/x-2.md")); err != nil {
		t.Error(err)
	}
	got := rep.Lines("Refs to pages not migrated", "Refs to nothing", "Refs to drafts and expired pages")
	wantItems := []string{
		"content/news/2015/y.md:7: ref \"/communities\": content/communities/_index.md is not migrated: written as its old URL /communities/",
		"content/news/2015/y.md:7: ref \"nothing.md\": no file of the old site has this path or name: written as /gone/, to fix",
		"content/news/2015/y.md:8: ref \"gone.md\": content/news/2014/gone.md is a draft or past its expiry date, which neither Hugo nor folio publish: written as /gone/, as Hugo wrote it",
	}
	if strings.Join(got, "\n") != strings.Join(wantItems, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantItems, "\n"))
	}
}

// TestHTMLContent: an HTML content file becomes an article whose body is
// one raw HTML block, blank lines kept only inside <pre>.
func TestHTMLContent(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":                    "title = 'T'\n",
		"content/news/2002/first.html": "+++\ntitle = \"First\"\ndate = \"2002-06-23T05:00:00.000Z\"\n+++\n\n<h4>Intro</h4>\n\n<p>Some *text*</p>\n\n    <p>indented</p>\n<pre>a\n\n    b\n</pre>\n\n<p>end</p>\n<ul><li>\n  {{< note \"\"\n\n`text` >}}\n</li></ul>\n",
		"content/news/2002/other.rst":  "x",
	})
	dest, rep := migrateTo(t, src)
	b, err := os.ReadFile(filepath.Join(dest, "content/articles/2002/06/first.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: First\ndate: \"2002-06-23T05:00:00.000Z\"\n---\n<div>\n<h4>Intro</h4>\n<p>Some *text*</p>\n    <p>indented</p>\n<pre>a\n&#32;\n    b\n</pre>\n<p>end</p>\n<ul><li>\n\n{{< note \"\"\n`text` >}}\n\n</li></ul>\n</div>\n"
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	if got := rep.Items()["Content files not migrated"]; len(got) != 1 || got[0].String() != "content/news/2002/other.rst: not Markdown nor HTML: folio reads Markdown, and HTML as Markdown's raw HTML" {
		t.Errorf("got %v", got)
	}
}

// TestSeparateCalls: a call starting a line inside an HTML block is set
// apart by blank lines; elsewhere, and in code, nothing changes.
func TestSeparateCalls(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<br>\n{{< img src=a >}}\ntext\n", "<br>\n\n{{< img src=a >}}\n\ntext\n"},
		{"<ul><li>\n  {{< note \"\"\n  \"x\" >}}\n</li></ul>", "<ul><li>\n\n  {{< note \"\"\n  \"x\" >}}\n\n</li></ul>"},
		{"Text\n{{< img src=a >}}\n", "Text\n{{< img src=a >}}\n"},
		{"## Slides\n<br>\n{{< img src=a >}}\n", "## Slides\n<br>\n\n{{< img src=a >}}\n"},
		{"<p>a</p>\n\n{{< img src=a >}}\n<br>\n", "<p>a</p>\n\n{{< img src=a >}}\n<br>\n"},
		{"```\n<br>\n{{< img >}}\n```\n", "```\n<br>\n{{< img >}}\n```\n"},
		{"<br>\n{{</* img */>}}\n", "<br>\n{{</* img */>}}\n"},
	} {
		if got := string(separateCalls([]byte(c.in))); got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.in, got, c.want)
		}
	}
}
