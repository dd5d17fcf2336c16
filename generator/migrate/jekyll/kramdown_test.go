package jekyll

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKramdownAttributes: kramdown's attribute lists, which folio's
// Markdown printed as text ("{: .note .info}" 418 times in Jekyll's own
// documentation), keep a heading's id and classes and are otherwise
// removed; code keeps them as written.
func TestKramdownAttributes(t *testing.T) {
	for _, c := range []struct{ name, in, out, note string }{
		{"after a heading", "## 4.4.1 / 2025-01-29\n{: #v4-4-1}\n\nText.\n", "## 4.4.1 / 2025-01-29 {#v4-4-1}\n\n\nText.\n", ""},
		{"before a heading", "Intro.\n\n{: #usage .lead}\n### Usage\n", "Intro.\n\n\n### Usage {#usage .lead}\n", ""},
		{"a setext heading", "Usage\n=====\n{:#usage}\n", "Usage {#usage}\n=====\n\n", ""},
		{"a heading with attributes, and one ending in a tag", "## A {#a}\n{: .x}\n## B {% include badge.html %}\n{: #b }\n",
			"## A {#a .x}\n\n## B {% include badge.html %} {#b}\n\n", ""},
		{"a paragraph's, before and after", "{: .note .info}\nA note.\n\nText\n{: .note}\n## Next\n", "\nA note.\n\nText\n\n## Next\n",
			"{: .note .info} and {: .note}: kramdown's attribute lists, which folio's Markdown gives only headings, removed (classes the old theme's styles read)"},
		{"spans, and the table of contents", "* TOC\n{:toc}\n\n![A chart](c.png){: .center} and [a link](x){:target=\"_blank\"} *so*{: .em}\n",
			"\n\n\n![A chart](c.png) and [a link](x) *so*\n",
			"{:toc}, {: .center}, {:target=\"_blank\"} and 1 more: kramdown's attribute lists, which folio's Markdown gives only headings, removed (classes the old theme's styles read)"},
		{"code", "```\n{: .note}\n![x](y){: .c}\n```\n\n    {: .indented}\n", "```\n{: .note}\n![x](y){: .c}\n```\n\n    {: .indented}\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, notes := kramdownAttributes(c.in, 5)
			if out != c.out {
				t.Errorf("got  %q\nwant %q", out, c.out)
			}
			got := ""
			if len(notes) > 0 {
				got = notes[0].what
			}
			if got != c.note {
				t.Errorf("note %q\nwant %q", got, c.note)
			}
		})
	}
}

// TestKramdownOnlyForKramdown: a Jekyll site on kramdown gets its
// attribute lists rewritten and the report says where; one on another
// Markdown keeps them.
func TestKramdownOnlyForKramdown(t *testing.T) {
	for engine, want := range map[string]string{"": "## Install {#install}\n\n\n\nRun it.\n", "CommonMarkGhPages": "## Install\n{: #install}\n\n{: .note}\nRun it.\n"} {
		config := "title: T\n"
		if engine != "" {
			config += "markdown: " + engine + "\n"
		}
		dest, rep := migrateFiles(t, map[string]string{
			"_config.yml": config,
			"docs.md":     "---\ntitle: Docs\n---\n## Install\n{: #install}\n\n{: .note}\nRun it.\n",
		}, false)
		b, err := os.ReadFile(filepath.Join(dest, "content/pages/docs.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(string(b), "---\n"+want) {
			t.Errorf("markdown %q:\n%s\nwant the body\n%s", engine, b, want)
		}
		items := rep.Items()["kramdown attributes removed"]
		if n := map[string]int{"": 1, "CommonMarkGhPages": 0}[engine]; len(items) != n || n == 1 && !strings.HasPrefix(items[0].String(), "docs.md:7: {: .note}: ") {
			t.Errorf("markdown %q: report %v", engine, items)
		}
	}
}

// TestKramdownMarkdownAttribute: an element whose content kramdown reads
// as Markdown (markdown="1", as Jekyll's upgrading guide has ten) kept
// its backticks and asterisks as text, and folio's sanitizer warned of
// the attribute; its content is now Markdown as kramdown read it. Code
// keeps it as written.
func TestKramdownMarkdownAttribute(t *testing.T) {
	for _, c := range []struct{ name, in, out string }{
		{"text elements", "<div class=\"note\">\n  <h5 markdown=\"1\">Diving *in*</h5>\n  <p markdown='1'>Run `jekyll new`, see [the docs](/docs/).</p>\n</div>\n",
			"<div class=\"note\">\n  <h5>Diving <em>in</em></h5>\n  <p>Run <code>jekyll new</code>, see <a href=\"/docs/\">the docs</a>.</p>\n</div>\n"},
		{"a block, nested", "<div markdown=\"1\" class=\"tip\">\n    * one\n    * two\n\n    <div>x</div>\n</div>\nAfter.\n",
			"<div class=\"tip\">\n\n* one\n* two\n\n<div>x</div>\n\n</div>\nAfter.\n"},
		{"span on a block", "<div markdown=\"span\" class=\"alert\">**Note:** read</div>\n",
			"<div class=\"alert\"><strong>Note:</strong> read</div>\n"},
		{"code, markdown=0, and no end", "```html\n<p markdown=\"1\">`x`</p>\n```\n<p markdown=\"0\">`y`</p>\n<p markdown=\"1\">`z`\n",
			"```html\n<p markdown=\"1\">`x`</p>\n```\n<p markdown=\"0\">`y`</p>\n<p markdown=\"1\">`z`\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if out := kramdownMarkdown(c.in); out != c.out {
				t.Errorf("got\n%s\nwant\n%s", out, c.out)
			}
		})
	}
}
