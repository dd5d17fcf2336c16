package content_test

import (
	"testing"

	"folio/generator/content"
)

func TestInline(t *testing.T) {
	for _, tc := range []struct{ in, plain, rich string }{
		{"Plain & simple <b>", "Plain & simple <b>", "Plain &amp; simple &lt;b&gt;"},
		{"Why **this** matters", "Why this matters", "Why <strong>this</strong> matters"},
		{"A *big* _deal_", "A big deal", "A <em>big</em> <em>deal</em>"},
		{"The `grep` tool", "The grep tool", "The <code>grep</code> tool"},
		{"Code `a *b* <i>` as written", "Code a *b* <i> as written", "Code <code>a *b* &lt;i&gt;</code> as written"},
		{"No [links](https://example.com) *here*", "No [links](https://example.com) here", "No [links](https://example.com) <em>here</em>"},
		{"Raw <em onclick=\"x()\">html</em> and *emphasis*", "Raw <em onclick=\"x()\">html</em> and emphasis",
			"Raw &lt;em onclick=&#34;x()&#34;&gt;html&lt;/em&gt; and <em>emphasis</em>"},
		{`Escaped \*stars\* and snake_case_names`, "Escaped *stars* and snake_case_names", "Escaped *stars* and snake_case_names"},
		{"2 * 3 * 4", "2 * 3 * 4", "2 * 3 * 4"},
		{"Tom &amp; *Jerry*", "Tom &amp; Jerry", "Tom &amp;amp; <em>Jerry</em>"},
		{"# Not a heading *really*", "# Not a heading really", "# Not a heading <em>really</em>"},
		{"- not a list *item*", "- not a list item", "- not a list <em>item</em>"},
		{"**unclosed", "**unclosed", "**unclosed"},
	} {
		plain, rich := content.Inline(tc.in)
		if plain != tc.plain || string(rich) != tc.rich {
			t.Errorf("Inline(%q) =\n %q, %q\nwant\n %q, %q", tc.in, plain, rich, tc.plain, tc.rich)
		}
	}
}
