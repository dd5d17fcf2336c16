package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// TestInlineShortcodesBuild: Linkerd's release page defines an inline
// shortcode ({{< recent-versions.inline >}}TEMPLATE{{< /...>}}) that
// reads Hugo's data; the stand-in written for it took no inner text, and
// the migrated site did not build. An inline shortcode folio can run
// comes across as a shortcode of its own; one it cannot shows nothing;
// a shortcode of no template called with inner text shows that text.
// The migrated site builds, and its pages show that.
func TestInlineShortcodesBuild(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml": "title = 'T'\nbaseURL = 'https://example.org/'\nenableInlineShortcodes = true\n",
		"content/news/2020-01-01-a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n" +
			"Hello {{< shout.inline >}}{{ upper \"loud\" }}{{< /shout.inline >}} and again {{< shout.inline />}}.\n\n" +
			"{{< versions.inline >}}\n{{ range hugo.Data.versions }}<li>{{ .version }}</li>{{ end }}\n{{< /versions.inline >}}\n\n" +
			"{{< callout >}}Read this first.{{< /callout >}}\n",
		"content/news/2020-01-02-b.md": "---\ntitle: B\ndate: 2020-01-02\n---\nB.\n",
	})
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")})
	if err != nil {
		t.Fatal(err)
	}
	notes := rep.Lines(standInGroup)
	want := []string{
		"content/news/2020-01-01-a.md:7: versions.inline is an inline shortcode, its template written in the page that calls it, and uses hugo.Data.versions, which folio's shortcodes do not offer; called 1 time (content/news/2020-01-01-a.md:7); layouts/shortcodes/versions.inline.html shows nothing until it is rewritten",
		"hugo.toml: callout has no template: neither the site, its themes nor folio has a shortcode of this name; called 1 time (content/news/2020-01-01-a.md:11); layouts/shortcodes/callout.html shows only their inner text until it is rewritten",
	}
	if strings.Join(notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatalf("the migrated site does not build: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(pub, "news", "2020-01-01-a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{"Hello LOUD and again LOUD.", "<p>Read this first.</p>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, not := range []string{"upper", "hugo.Data", "range"} {
		if strings.Contains(page, not) {
			t.Errorf("the page shows the template's %q", not)
		}
	}
}
