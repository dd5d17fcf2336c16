package content_test

import (
	"testing"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/shortcode"
)

// trustParser is a parser with raw HTML sanitized and site shortcodes
// whose output holds what the sanitizer would remove: a script, an
// iframe from a host off the embed list, style attributes.
func trustParser(t testing.TB) *content.Parser {
	t.Helper()
	set, probs := shortcode.Parse(map[string]string{
		"widget": `<div style="width:100%"><script src="https://trusted.example/w.js"></script><iframe src="https://evil.example/x"></iframe></div>`,
		"sig":    `<span style="color:red" onclick="track()">Sig</span>`,
		"box":    `<aside class="box">{{ .Inner }}</aside>`,
		"note":   `<div class="note">{{ .Inner }}</div>`,
		"code":   `<pre class="code">{{ .Inner | htmlEscape | safeHTML }}</pre>`,
	}, nil)
	if len(probs) > 0 {
		t.Fatalf("shortcodes: %v", probs)
	}
	cfg := config.Default()
	return content.NewParser(cfg).WithShortcodes(set, content.ShortcodeSite(cfg, nil))
}

// A site's shortcode output is the site's own HTML: an article with raw
// HTML keeps it exactly as one without does, and the warning counts only
// what the author wrote. The author's raw HTML, in the body or in a
// call's inner text, is still cleaned.
func TestShortcodeOutputNotSanitized(t *testing.T) {
	const name = "content/articles/x.md"
	const widget = `<div style="width:100%"><script src="https://trusted.example/w.js"></script><iframe src="https://evil.example/x"></iframe></div>`
	const sig = `<span style="color:red" onclick="track()">Sig</span>`
	cases := []struct {
		name, md, want, warning string
	}{
		{"without raw HTML", "{{< widget >}}\n\nBy {{< sig >}}.\n",
			widget + "\n<p>By " + sig + ".</p>\n", ""},
		{"with raw HTML", "Text <b onclick=\"x()\">b</b>.\n\n{{< widget >}}\n\n<script>author()</script>\n\nBy {{< sig >}}.\n",
			"<p>Text <b>b</b>.</p>\n" + widget + "\n\n<p>By " + sig + ".</p>\n",
			name + ": warning: raw HTML: removed 1 element (script) and 1 attribute (onclick), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"inner text of a {{< >}} call", "{{< box >}}<b>in</b><script>inner()</script>{{< /box >}}\n",
			`<aside class="box"><b>in</b></aside>` + "\n",
			name + ": warning: raw HTML: removed 1 element (script), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"inner text of a {{% %}} call", "{{% note %}}\n*in* <img src=x onerror=\"e()\">\n\n{{< sig >}}\n{{% /note %}}\n",
			`<div class="note"><p><em>in</em> <img src="x"></p>` + "\n" + sig + "\n</div>\n",
			name + ": warning: raw HTML: removed 1 attribute (onerror), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"inner text shown as code", "{{< code >}}<script>a()</script>{{< /code >}}\n",
			`<pre class="code">&lt;script&gt;a()&lt;/script&gt;</pre>` + "\n", ""},
		{"built-in details", "<b>x</b>\n\n{{< details \"More\" >}}\n<i onclick=\"y()\">i</i>\n{{< /details >}}\n",
			"<p><b>x</b></p>\n<details><summary>More</summary>\n<p><i>i</i></p>\n</details>\n",
			name + ": warning: raw HTML: removed 1 attribute (onclick), which the HTML sanitizer does not allow (see markdown.unsafe)"},
	}
	p := trustParser(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, probs := p.Parse(name, []byte(frontMatter+tc.md))
			if a == nil {
				t.Fatalf("no article: %v", probs)
			}
			got := problemTexts(probs)
			if tc.warning == "" && len(got) > 0 || tc.warning != "" && (len(got) != 1 || got[0] != tc.warning) {
				t.Errorf("problems = %q\nwant %q", got, tc.warning)
			}
			if a.Body != tc.want {
				t.Errorf("Body =\n%q\nwant\n%q", a.Body, tc.want)
			}
		})
	}
}

// A token written by the author, in the text or in an attribute, stays
// what it is: text, never a shortcode's output.
func TestForgedShortcodeToken(t *testing.T) {
	p := trustParser(t)
	const forged = "folio-sc-00000000000000000000000000000000-0-"
	a := mustParse(t, p, "content/articles/x.md", frontMatter+"<abbr title=\""+forged+"\">A</abbr> "+forged+" {{< sig >}}\n")
	want := "<p><abbr title=\"" + forged + "\">A</abbr> " + forged + ` <span style="color:red" onclick="track()">Sig</span></p>` + "\n"
	if a.Body != want {
		t.Errorf("Body =\n%q\nwant\n%q", a.Body, want)
	}
}
