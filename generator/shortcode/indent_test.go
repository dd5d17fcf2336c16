package shortcode

import (
	"strings"
	"testing"
)

// TestIndentedCalls: a call indented into a list item stays in it, its
// inner text read from the tag's indentation, whether the author indented
// the inner lines too or left them at the margin (grpc.io's quick starts,
// written for Hugo, which replaces calls before Markdown reads the text).
func TestIndentedCalls(t *testing.T) {
	files := map[string]string{"alert": `<div class="alert">{{ .Inner }}</div>`, "note": `<aside>{{ .Inner }}</aside>`}
	want := "<ol>\n<li>\n<p>Fetch:</p>\n<div class=\"alert\"><p>Getting <strong>this</strong>:</p>\n<pre><code class=\"language-nocode\">WARNING\n  kept\n</code></pre>\n</div>\n</li>\n<li>\n<p>Launch</p>\n</li>\n</ol>\n"
	for name, body := range map[string]string{
		"at the margin":         " 1. Fetch:\n\n    {{% alert title=\"Note\" %}}\nGetting **this**:\n\n```nocode\nWARNING\n  kept\n```\n    {{% /alert %}}\n\n 2. Launch\n",
		"indented":              " 1. Fetch:\n\n    {{% alert title=\"Note\" %}}\n    Getting **this**:\n\n    ```nocode\n    WARNING\n      kept\n    ```\n    {{% /alert %}}\n\n 2. Launch\n",
		"closing at the margin": " 1. Fetch:\n\n    {{% alert title=\"Note\" %}}\n    Getting **this**:\n\n    ```nocode\n    WARNING\n      kept\n    ```\n{{% /alert %}}\n\n 2. Launch\n",
		"a tab":                 " 1. Fetch:\n\n\t{{% alert title=\"Note\" %}}\nGetting **this**:\n\n```nocode\nWARNING\n  kept\n```\n\t{{% /alert %}}\n\n 2. Launch\n",
	} {
		out, d := convert(t, files, body)
		if len(d.Problems) > 0 || out != want {
			t.Errorf("%s: got\n%s\nproblems %v\nwant\n%s", name, out, d.Problems, want)
		}
	}
	// {{< >}}: the inner text reaches the template without the list's
	// indentation, and a nested {{% %}} call inside is aligned too.
	out, d := convert(t, files, "- Item\n\n  {{< note >}}\nplain\n  {{< /note >}}\n- Next\n")
	if len(d.Problems) > 0 || out != "<ul>\n<li>\n<p>Item</p>\n<aside>\nplain\n</aside>\n</li>\n<li>\n<p>Next</p>\n</li>\n</ul>\n" {
		t.Errorf("{{< >}}: got\n%s\nproblems %v", out, d.Problems)
	}
	out, d = convert(t, files, "- Item\n\n  {{% note %}}\n  Outer\n\n  - Sub\n\n    {{% alert %}}\ninner **bold**\n    {{% /alert %}}\n  {{% /note %}}\n- Next\n")
	if len(d.Problems) > 0 || !strings.Contains(out, "<p>Sub</p>\n<div class=\"alert\"><p>inner <strong>bold</strong></p>\n</div>\n</li>") || strings.Count(out, "<ul>") != 2 {
		t.Errorf("nested: got\n%s\nproblems %v", out, d.Problems)
	}
	out, d = convert(t, files, "1. Code:\n\n   {{< highlight go >}}\n   x := 1\n     y()\n   {{< /highlight >}}\n")
	if len(d.Problems) > 0 || !strings.Contains(out, "<pre><code class=\"language-go\">x := 1\n  y()\n</code></pre>") {
		t.Errorf("highlight: got\n%s\nproblems %v", out, d.Problems)
	}
}

// TestAlignKeepsLinesAndCode: aligning keeps every line where it was, so a
// problem after an aligned call names its line, and leaves calls written
// inside fenced code as code.
func TestAlignKeepsLinesAndCode(t *testing.T) {
	files := map[string]string{"alert": `<div class="alert">{{ .Inner }}</div>`}
	body := " 1. Step\n\n    {{% alert %}}\ntext\n    {{% /alert %}}\n\n{{% missing %}}\n"
	_, d := convert(t, files, body)
	// convert's document begins on line 5.
	if len(d.Problems) != 1 || d.Problems[0].Line != 5+6 || !strings.Contains(d.Problems[0].Message, `unknown shortcode "missing"`) {
		t.Errorf("problems %v, want the unknown call on line %d", d.Problems, 5+6)
	}
	code := "```\n    {{% alert %}}\ntext\n    {{% /alert %}}\n```\n"
	out, d := convert(t, files, code)
	if len(d.Problems) > 0 || out != "<pre><code>    {{% alert %}}\ntext\n    {{% /alert %}}\n</code></pre>\n" {
		t.Errorf("fenced: got\n%s\nproblems %v", out, d.Problems)
	}
	if got := (&Doc{Set: &Set{}}).Align([]byte(code)); string(got) != code {
		t.Errorf("Align changed fenced code:\n%s", got)
	}
}

// TestAlignStaysLinear: a body of thousands of indented calls that are
// never closed, or of unknown names, each of which looks to the end of
// the body for its closing tag, is looked at only so many times.
func TestAlignStaysLinear(t *testing.T) {
	set, probs := Parse(map[string]string{"alert": `<div>{{ .Inner }}</div>`}, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, line := range []string{"  {{% alert %}}\n", "  {{< nosuch >}}\n"} {
		body := []byte(strings.Repeat(line, 20000))
		calls := 0
		got := align(&Doc{Set: set}, body, countingTaker{set, &calls}, 1)
		if string(got) != string(body) {
			t.Errorf("%q: the body changed", line)
		}
		// Each look asks once when parsing and once after.
		if calls > 4*maxProblems+4 {
			t.Errorf("%q: %d looks for closing tags, want at most %d", line, calls, 4*maxProblems+4)
		}
	}
}

type countingTaker struct {
	set   *Set
	calls *int
}

func (c countingTaker) takesInner(name string) (bool, bool) {
	*c.calls++
	return c.set.takesInner(name)
}

// TestCallsInDefinitions: a call in a link reference definition's
// address (etcd.io's [tagged-release]: …/tag/{{< param … >}}) gives the
// links that use it its output; a failing one
// names its line; one in fenced code is code.
func TestCallsInDefinitions(t *testing.T) {
	files := map[string]string{"alert": `<div class="alert">{{ .Inner }}</div>`}
	body := "Choose [the release][rel], or [this one][REL] and ![map][pic].\n\n[rel]: https://x.org/tag/{{< param city >}} \"Tagged\"\n[pic]: /img/{{< param city >}}-{{< param mood >}}.png\n"
	out, d := convert(t, files, body)
	want := "<p>Choose <a href=\"https://x.org/tag/Lyon\" title=\"Tagged\">the release</a>, or <a href=\"https://x.org/tag/Lyon\" title=\"Tagged\">this one</a> and <img src=\"/img/Lyon-calm.png\" alt=\"map\">.</p>\n"
	if out != want || len(d.Problems) > 0 {
		t.Errorf("got\n%s\nwant\n%s\nproblems %v", out, want, d.Problems)
	}
	// Inside a call's Markdown inner text too.
	out, d = convert(t, files, "{{% alert %}}\nSee [it][a].\n\n[a]: /x/{{< param city >}}/\n{{% /alert %}}\n")
	if out != "<div class=\"alert\"><p>See <a href=\"/x/Lyon/\">it</a>.</p>\n</div>\n" || len(d.Problems) > 0 {
		t.Errorf("inner text: got\n%s\nproblems %v", out, d.Problems)
	}
	_, d = convert(t, files, "Text [x][a].\n\n[a]: /x/{{< nosuch >}}/\n")
	if len(d.Problems) != 1 || d.Problems[0].Line != 5+2 || !strings.Contains(d.Problems[0].Message, `unknown shortcode "nosuch"`) {
		t.Errorf("problems %v, want the unknown call on line %d", d.Problems, 5+2)
	}
	// Not a definition: a paragraph's line, whose call is shown.
	out, d = convert(t, files, "A line\n[a]: /x/{{< param city >}}/\n")
	if out != "<p>A line\n[a]: /x/Lyon/</p>\n" || len(d.Problems) > 0 {
		t.Errorf("in a paragraph: got\n%s\nproblems %v", out, d.Problems)
	}
	// Nor is one whose title is left open, though it looked like one.
	out, d = convert(t, files, "Text.\n\n[a]: /x/{{< param city >}}/ \"open\nmore\n")
	if out != "<p>Text.</p>\n<p>[a]: /x/Lyon/ &ldquo;open\nmore</p>\n" || len(d.Problems) > 0 {
		t.Errorf("not a definition: got\n%s\nproblems %v", out, d.Problems)
	}
	out, d = convert(t, files, "```\n[a]: /x/{{< param city >}}/\n```\n")
	if out != "<pre><code>[a]: /x/{{&lt; param city &gt;}}/\n</code></pre>\n" || len(d.Problems) > 0 {
		t.Errorf("fenced: got\n%s\nproblems %v", out, d.Problems)
	}
}

// TestParamOfPage: param finds what Hugo's .Params holds: the fields of
// the front matter's params map (opentelemetry.io's announcements) and
// the page's own title, before the site's params.
func TestParamOfPage(t *testing.T) {
	p := &Page{Title: "KubeCon Asia", Summary: "Come", Params: map[string]any{
		"params": map[string]any{"blogPostURL": "/blog/2025/kubecon-japan/", "event": map[string]any{"city": "Tokyo"}},
	}, site: &Site{Params: map[string]any{"title": "not this one", "blogPostURL": "nor this one"}}}
	for key, want := range map[string]any{
		"blogPostURL": "/blog/2025/kubecon-japan/", "blogposturl": "/blog/2025/kubecon-japan/", "event.city": "Tokyo",
		"title": "KubeCon Asia", "Description": "Come",
	} {
		if got := p.Param(key); got != want {
			t.Errorf("Param(%q) = %v, want %v", key, got, want)
		}
	}
	if got := p.Param("slug"); got != nil {
		t.Errorf("Param(slug) = %v, want nothing", got)
	}
}

// TestCallsSideBySide: paired calls closed and opened on one line, as
// opentelemetry.io's tab panes write them ({{% /tab %}} {{% tab JS %}}),
// are blocks, each expanded, the blanks between kept; calls side by side
// within one line stay a paragraph's.
func TestCallsSideBySide(t *testing.T) {
	files := map[string]string{
		"tabpane": `<div class="tabs">{{ .Inner }}</div>`,
		"tab":     `<section title="{{ .Get 0 }}">{{ .Inner }}</section>`,
	}
	body := "{{% tabpane text=true %}} {{% tab TypeScript %}}\n\n```ts\nlet a = 1;\n```\n\n{{% /tab %}} {{% tab JavaScript %}}\n\n```js\nvar a = 1;\n```\n\n{{% /tab %}} {{% /tabpane %}}\n\nAfter.\n"
	out, d := convert(t, files, body)
	want := "<div class=\"tabs\"><section title=\"TypeScript\"><pre><code class=\"language-ts\">let a = 1;\n</code></pre>\n</section> <section title=\"JavaScript\"><pre><code class=\"language-js\">var a = 1;\n</code></pre>\n</section>\n</div>\n<p>After.</p>\n"
	if out != want || len(d.Problems) > 0 {
		t.Errorf("got\n%q\nwant\n%q\nproblems %v", out, want, d.Problems)
	}
}
