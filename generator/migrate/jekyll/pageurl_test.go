package jekyll

import (
	"path/filepath"
	"testing"
)

// A page whose old URL folio would not make from its file name (an
// underscore, which folio's slugs turn into a hyphen) keeps it with url:.
func TestPageKeepsItsURL(t *testing.T) {
	dest, rep := migrateFiles(t, map[string]string{
		"_config.yml":              "title: T\ncollections:\n  docs:\n    output: true\n",
		"_docs/code_of_conduct.md": "---\ntitle: Code of Conduct\npermalink: /docs/code_of_conduct/\nredirect_from: /conduct/index.html\n---\nBe kind.\n",
		"_docs/usage.md":           "---\ntitle: Usage\npermalink: /docs/usage/\nredirect_from: /conduct/index.html\n---\nUse it.\n",
	}, false)
	for name, want := range map[string]string{
		"content/pages/docs/code_of_conduct.md": "---\ntitle: Code of Conduct\nurl: /docs/code_of_conduct/\naliases:\n  - /conduct/index.html\n---\nBe kind.\n",
		"content/pages/docs/usage.md":           "---\ntitle: Usage\n---\nUse it.\n",
	} {
		if got := read(t, filepath.Join(dest, filepath.FromSlash(name))); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
	}
	// Both give one old path: the first by path keeps it (Jekyll wrote
	// one of the two there).
	items := rep.Items()["Old URLs two files redirect (the first keeps it)"]
	if len(items) != 1 || items[0].String() != "_docs/usage.md:1: /conduct/index.html is also redirected by _docs/code_of_conduct.md: not a redirect here" {
		t.Errorf("report: %v", items)
	}
}
