package content_test

import (
	"strings"
	"sync"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

const frontMatter = "---\ntitle: A\ndate: 2024-07-22\n---\n\n"

// body renders markdown with a parser for the config given in YAML.
func body(t *testing.T, cfgYAML, markdown string) string {
	t.Helper()
	p := content.NewParser(parseConfig(t, cfgYAML))
	return mustParse(t, p, "content/articles/a.md", frontMatter+markdown).Body
}

func TestMarkdown(t *testing.T) {
	cases := []struct {
		name, cfg, md, want string
	}{
		{"paragraph", "", "Hello *world*.\n", "<p>Hello <em>world</em>.</p>\n"},
		{"raw HTML sanitized, not dropped, by default", "", "<div class=\"note\">Note</div>\n\nText <b>bold</b>.\n",
			"<div class=\"note\">Note</div>\n<p>Text <b>bold</b>.</p>\n"},
		{"inline tags around Markdown", "", "The <abbr title=\"World Health Organization\">WHO</abbr> said <span lang=\"fr\">*oui*</span> H<sub>2</sub>O.\n",
			"<p>The <abbr title=\"World Health Organization\">WHO</abbr> said <span lang=\"fr\"><em>oui</em></span> H<sub>2</sub>O.</p>\n"},
		{"raw HTML beside Markdown's own", "", "<figure><img src=\"/a.jpg\" alt=\"A\"><figcaption>Rome</figcaption></figure>\n\n| A |\n|--:|\n| 1 |\n\nSee[^1].\n\n[^1]: Note.\n",
			"<figure><img src=\"/a.jpg\" alt=\"A\"><figcaption>Rome</figcaption></figure>\n" +
				"<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>\n<thead>\n<tr>\n<th style=\"text-align: right\">A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align: right\">1</td>\n</tr>\n</tbody>\n</table></div>\n" +
				"<p>See<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
				"<p>Note.\u00a0<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">\u21a9\ufe0e</a></p>\n</li>\n</ol>\n</div>\n"},
		{"raw HTML kept when unsafe", "markdown: {unsafe: true}", "<div class=\"note\">Note</div>\n\nText <b>bold</b>.\n",
			"<div class=\"note\">Note</div>\n<p>Text <b>bold</b>.</p>\n"},
		{"javascript link dropped by default", "", "[x](javascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"typographer quotes", "", "\"Rome\" and 'Paris' -- it's 1957...\n",
			"<p>&ldquo;Rome&rdquo; and &lsquo;Paris&rsquo; &ndash; it&rsquo;s 1957&hellip;</p>\n"},
		{"typographer em dash", "", "Yes --- no\n", "<p>Yes &mdash; no</p>\n"},
		{"typographer off", "markdown: {typographer: false}", "\"Rome\" -- it's 1957...\n",
			"<p>&quot;Rome&quot; -- it's 1957...</p>\n"},
		{"no typography in code", "", "`\"x\" -- y`\n", "<p><code>&quot;x&quot; -- y</code></p>\n"},
		{"strikethrough", "", "~~old~~ new\n", "<p><del>old</del> new</p>\n"},
		{"heading attributes, as Hugo reads them", "", "## The vote {#vote .wide}\n",
			"<h2 id=\"vote\" class=\"wide\">The vote</h2>\n"},
		{"heading attributes: only id and class", "", "## Styled {style=\"color:red\" onclick=\"alert(1)\" autofocus=1 contenteditable=true}\n",
			"<h2 id=\"styled\">Styled</h2>\n"},
		{"heading attribute values escaped", "", "## Q {id=\"a<b>&\"}\n",
			"<h2 id=\"a&lt;b&gt;&amp;\">Q</h2>\n"},
		{"definition list", "", "Term\n: Its meaning.\n",
			"<dl>\n<dt>Term</dt>\n<dd>Its meaning.</dd>\n</dl>\n"},
		{"task list", "", "- [x] done\n- [ ] todo\n",
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>\n<li><input disabled=\"\" type=\"checkbox\"> todo</li>\n</ul>\n"},
		{"table", "", "| City | Year |\n|:-----|-----:|\n| Rome | 1957 |\n",
			"<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>\n<thead>\n<tr>\n<th style=\"text-align:left\">City</th>\n<th style=\"text-align:right\">Year</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td style=\"text-align:left\">Rome</td>\n<td style=\"text-align:right\">1957</td>\n</tr>\n</tbody>\n</table></div>\n"},
		{"autolink", "", "See https://example.org now.\n", "<p>See <a href=\"https://example.org\">https://example.org</a> now.</p>\n"},
		{"footnote", "", "Signed[^1] in Rome.\n\n[^1]: On 25 March.\n",
			"<p>Signed<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup> in Rome.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
				"<p>On 25 March.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n" +
				"</li>\n</ol>\n</div>\n"},
		{"headings kept when there is no h1", "", "## Who\n\n### When\n",
			"<h2 id=\"who\">Who</h2>\n<h3 id=\"when\">When</h3>\n"},
		{"headings demoted under an h1, none skipping a level", "", "# Who\n\n## When\n\n###### Deep\n",
			"<h2 id=\"who\">Who</h2>\n<h3 id=\"when\">When</h3>\n<h4 id=\"deep\">Deep</h4>\n"},
		{"a heading chosen for its size skips no level", "", "### Default\n\nText.\n\n### Left\n\n##### Small\n\n## Back up\n",
			"<h2 id=\"default\">Default</h2>\n<p>Text.</p>\n<h2 id=\"left\">Left</h2>\n<h3 id=\"small\">Small</h3>\n<h2 id=\"back-up\">Back up</h2>\n"},
		{"six levels under the title", "", "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n",
			"<h2 id=\"1\">1</h2>\n<h3 id=\"2\">2</h3>\n<h4 id=\"3\">3</h4>\n<h5 id=\"4\">4</h5>\n<h6 id=\"5\">5</h6>\n<h6 id=\"6\">6</h6>\n"},
		{"a lone h6", "", "###### a heading\n", "<h2 id=\"a-heading\">a heading</h2>\n"},
		{"setext h1 demoted", "", "Who\n===\n\nWhen\n---\n",
			"<h2 id=\"who\">Who</h2>\n<h3 id=\"when\">When</h3>\n"},
		{"heading IDs are ASCII slugs", "", "## Zażółć gęślą jaźń\n\n## Дмитрий & C#\n",
			"<h2 id=\"zazolc-gesla-jazn\">Zażółć gęślą jaźń</h2>\n<h2 id=\"dmitrii-and-c-sharp\">Дмитрий &amp; C#</h2>\n"},
		{"repeated headings numbered", "", "## Notes\n\n## Notes\n\n## Notes\n",
			"<h2 id=\"notes\">Notes</h2>\n<h2 id=\"notes-2\">Notes</h2>\n<h2 id=\"notes-3\">Notes</h2>\n"},
		{"heading without letters", "", "## !!!\n\n## ???\n",
			"<h2 id=\"section\">!!!</h2>\n<h2 id=\"section-2\">???</h2>\n"},
		{"heading with markup", "", "## The *Treaty* of `Rome`\n",
			"<h2 id=\"the-treaty-of-rome\">The <em>Treaty</em> of <code>Rome</code></h2>\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := body(t, tc.cfg, tc.md); got != tc.want {
				t.Errorf("Body =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// Heading IDs are numbered per article, not across the articles a parser
// has read.
func TestHeadingIDsPerArticle(t *testing.T) {
	p := content.NewParser(config.Default())
	for range 3 {
		a := mustParse(t, p, "content/articles/a.md", frontMatter+"## Notes\n")
		if want := "<h2 id=\"notes\">Notes</h2>\n"; a.Body != want {
			t.Fatalf("Body = %q, want %q", a.Body, want)
		}
	}
}

func TestSummaryPlainText(t *testing.T) {
	p := content.NewParser(config.Default())
	cases := []struct{ md, want string }{
		{"Tom &amp; Jerry &copy; 2024 &#8212; &#x41;.\n", "Tom & Jerry © 2024 — A."},
		{"Not \\*emphasis\\* and \\[brackets\\].\n", "Not *emphasis* and [brackets]."},
		{"Code `a &amp; \\*b` stays as written.\n", "Code a &amp; \\*b stays as written."},
		{"AT&T and 5 < 6 > 4.\n", "AT&T and 5 < 6 > 4."},
		{"A line\nbroken softly,  \nand hard.\n", "A line broken softly, and hard."},
		{"<https://example.org> links.\n", "https://example.org links."},
		{"**Bold**, _italic_, ~~gone~~.\n", "Bold, italic, gone."},
	}
	for _, tc := range cases {
		a := mustParse(t, p, "content/articles/a.md", frontMatter+tc.md)
		if a.Summary != tc.want {
			t.Errorf("Summary of %q = %q, want %q", tc.md, a.Summary, tc.want)
		}
	}
}

func TestWordCount(t *testing.T) {
	p := content.NewParser(config.Default())
	cases := []struct {
		md   string
		want int
	}{
		{"", 0},
		{"One.\n", 1},
		{"One two\nthree\n\nfour   five\n", 5},
	}
	for _, tc := range cases {
		a := mustParse(t, p, "content/articles/a.md", frontMatter+tc.md)
		if a.WordCount != tc.want {
			t.Errorf("WordCount of %q = %d, want %d", tc.md, a.WordCount, tc.want)
		}
	}
}

// A Parser is shared by every goroutine of a build; run with -race.
func TestParserConcurrent(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	want := mustParse(t, p, articlePath, sameArticle["YAML"])
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				src := sameArticle["YAML"]
				if i%2 == 1 {
					src = strings.ReplaceAll(src, "\n", "\r\n")
				}
				a, probs := p.Parse(articlePath, []byte(src))
				if len(probs) > 0 || a == nil || a.Body != want.Body || a.Summary != want.Summary || !a.Date.Equal(want.Date) {
					errs <- "a concurrent parse differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
