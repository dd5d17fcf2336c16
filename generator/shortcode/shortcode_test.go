package shortcode

import (
	"reflect"
	"strings"
	"testing"
)

func TestScanTag(t *testing.T) {
	tests := []struct {
		src        string
		name       string
		positional []any
		named      []Param
		self, cl   bool
		err        string
	}{
		{src: `{{< figure src="a b.jpg" alt=x >}}`, name: "figure", named: []Param{{"src", "a b.jpg"}, {"alt", "x"}}},
		{src: "{{% note `raw \"q\"` 3 true 1.5 %}}", name: "note", positional: []any{`raw "q"`, 3, true, 1.5}},
		{src: `{{< x "say \"hi\"" >}}`, name: "x", positional: []any{`say "hi"`}},
		{src: "{{<\n  ref\n  \"a.md\"\n>}}", name: "ref", positional: []any{"a.md"}},
		{src: `{{< br />}}`, name: "br", self: true},
		{src: `{{< /details >}}`, name: "details", cl: true},
		{src: `{{< blog/note >}}`, name: "blog/note"},
		{src: `{{< >}}`, err: `a shortcode name must follow {{<`},
		{src: `{{< x a=1 "b" >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x "open >}}`, err: `shortcode "x": a quoted argument is not closed with "`},
		{src: `{{< x a= >}}`, err: `shortcode "x": argument a= needs a value`},
		// Hugo's lexer: a quote ends a bare positional argument and starts
		// the next; a quoted one needs no space after it; a bare named
		// value runs to the next space, quotes and all.
		{src: `{{< button href=http://www.archives.gov/x.html"" text="View" >}}`, name: "button", named: []Param{{"href", `http://www.archives.gov/x.html""`}, {"text", "View"}}},
		{src: `{{< link "https://a/b.pdf " see our easy step by step flowchart"" >}}`, name: "link", positional: []any{"https://a/b.pdf ", "see", "our", "easy", "step", "by", "step", "flowchart", ""}},
		{src: `{{< x a"b" c >}}`, name: "x", positional: []any{"a", "b", "c"}},
		{src: `{{< x "a""b"` + "`c`" + `3 >}}`, name: "x", positional: []any{"a", "b", "c", 3}},
		{src: `{{< x k=a"b"c"d" j=` + "a`b`" + ` >}}`, name: "x", named: []Param{{"k", `a"b"c"d"`}, {"j", "a`b`"}}},
		{src: `{{< x a="1"b >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x k=a"b c" >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		// Spaces around "=", as Hugo 0.111 and 0.165 read them (the
		// rOpenSci site writes both forms).
		{src: `{{< figure src = "/img/a.png" width = "300" alt = "x" >}}`, name: "figure", named: []Param{{"src", "/img/a.png"}, {"width", "300"}, {"alt", "x"}}},
		{src: `{{< figure class="center" src= "/img/b.png" >}}`, name: "figure", named: []Param{{"class", "center"}, {"src", "/img/b.png"}}},
		{src: `{{< x src ="a" >}}`, name: "x", named: []Param{{"src", "a"}}},
		{src: "{{< x src\t=\t\"a\" >}}", name: "x", named: []Param{{"src", "a"}}},
		{src: "{{< x src=\n\"a\" k\n= \"b\" >}}", name: "x", named: []Param{{"src", "a"}, {"k", "b"}}},
		{src: `{{< x src =a >}}`, name: "x", named: []Param{{"src", "a"}}},
		{src: `{{< x src= a b = c >}}`, name: "x", named: []Param{{"src", "a"}, {"b", "c"}}},
		{src: "{{< x src = `raw` n = 5 ok = true >}}", name: "x", named: []Param{{"src", "raw"}, {"n", 5}, {"ok", true}}},
		{src: `{{< x a-b = "x y" >}}`, name: "x", named: []Param{{"a-b", "x y"}}},
		{src: `{{< x "k" = "v" >}}`, name: "x", named: []Param{{"k", "v"}}},
		{src: `{{% x a = "1" %}}`, name: "x", named: []Param{{"a", "1"}}},
		// A value after an "=" with no name is dropped, as Hugo does.
		{src: `{{< x = "2" >}}`, name: "x"},
		{src: `{{< x a = "1" = "2" >}}`, name: "x", named: []Param{{"a", "1"}}},
		// Hugo refuses a name spaced otherwise than the first one's
		// ("got positional parameter 'b'"); the meaning is plain.
		{src: `{{< x a="1" b ="2" >}}`, name: "x", named: []Param{{"a", "1"}, {"b", "2"}}},
		{src: `{{< x a = "1" "b" >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x a b = "1" >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x "a" b = "1" >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x a = "1" b >}}`, err: `shortcode "x" mixes named and positional arguments: use one kind`},
		{src: `{{< x a = >}}`, err: `shortcode "x": argument a= needs a value`},
		{src: `{{< x a= />}}`, err: `shortcode "x": argument a= needs a value`},
		{src: `{{< x a"b >}}`, err: `shortcode "x": a quoted argument is not closed with "`},
		{src: `{{< x %}}`, err: `shortcode "x": opened with {{< but closed with %}}`},
		{src: `{{< x `, err: `shortcode "x": the tag is not closed with >}}`},
		{src: `{{< /x y >}}`, err: `the closing tag of shortcode "x" takes no arguments`},
		{src: `{{</* x */`, err: `the commented-out shortcode {{</* is not closed with */>}}`},
	}
	for _, tt := range tests {
		tag, err := scanTag([]byte(tt.src), 0, len(tt.src))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if tag.name != tt.name || !reflect.DeepEqual(tag.positional, tt.positional) || !reflect.DeepEqual(tag.named, tt.named) ||
			tag.selfClosing != tt.self || tag.closing != tt.cl || tag.end != len(tt.src) {
			t.Errorf("%q: got %+v", tt.src, tag)
		}
	}
}

var testFiles = map[string]string{
	"note":   `<div class="note">{{ .Inner }}</div>`,
	"who":    `{{ (index .Site.Data.people (.Get 0)).name }}`,
	"box":    `<div data-ordinal="{{ .Ordinal }}" data-parent="{{ with .Parent }}{{ .Name }}{{ end }}">{{ .Inner }}</div>`,
	"show":   `[{{ .Get 0 }}|{{ .Get "k" }}|{{ .IsNamedParams }}]`,
	"md":     `**{{ .Get 0 }}** and {{ .Inner }}`,
	"broken": `{{ .Nope }}`,
	"echo":   `{{ .Inner }}`,
}

func TestExpand(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"inline in a paragraph, quotes not curled", `Say {{< show "it's" >}} "now".`, "<p>Say [it&#39;s||false] &ldquo;now&rdquo;.</p>\n"},
		{"named arguments", `{{< show k="v" >}}`, "<p>[|v|true]</p>\n"},
		{"block, alone on its line", "{{< who jdoe >}}\n\nNext.", "<p>Jane Doe</p>\n<p>Next.</p>\n"},
		{"code span left alone", "Write `{{< who jdoe >}}` to call it.", "<p>Write <code>{{&lt; who jdoe &gt;}}</code> to call it.</p>\n"},
		{"fenced code left alone", "```\n{{< nope >}}\n```", "<pre><code>{{&lt; nope &gt;}}\n</code></pre>\n"},
		{"indented code left alone", "Text.\n\n    {{< nope >}}\n", "<p>Text.</p>\n<pre><code>{{&lt; nope &gt;}}\n</code></pre>\n"},
		{"comment printed as written", "{{</* who \"x\" */>}}", "<p>{{&lt; who &#34;x&#34; &gt;}}</p>\n"},
		{"inline comment", "Use {{%/* note */%}} so.", "<p>Use {{% note %}} so.</p>\n"},
		{"markdown inner across blank lines", "{{% note %}}\n*one*\n\ntwo\n{{% /note %}}\nAfter.", "<div class=\"note\"><p><em>one</em></p>\n<p>two</p>\n</div>\n<p>After.</p>\n"},
		{"html inner as written", "{{< echo >}}<b>x</b> *y*{{< /echo >}}", "<b>x</b> *y*\n"},
		{"markdown output rendered", "{{% md \"big\" %}}*small*{{% /md %}}", "<p><strong>big</strong> and <p><em>small</em></p></p>\n"},
		{"inline paired", "A {{< echo >}}b{{< /echo >}} c.", "<p>A b c.</p>\n"},
		{"nesting: parent and ordinals", "{{< box >}}\n{{< box >}}x{{< /box >}}{{< box >}}y{{< /box >}}\n{{< /box >}}\n{{< box >}}z{{< /box >}}",
			`<div data-ordinal="0" data-parent="">` + "\n" + `<div data-ordinal="0" data-parent="box">x</div><div data-ordinal="1" data-parent="box">y</div>` + "\n</div>\n" +
				`<div data-ordinal="1" data-parent="">z</div>` + "\n"},
		{"link address", "See [the *story*]({{< ref \"b.md\" >}}).", "<p>See <a href=\"TOKEN0\">the <em>story</em></a>.</p>\n"},
		{"image address", "![alt]({{< ref \"b.md\" >}})", "<p><img src=\"TOKEN0\" alt=\"alt\"></p>\n"},
		// Hugo replaces calls before Markdown reads the text, so a call
		// may be part of an address (etcd.io's release links).
		{"call in a link address", "Get [the release](https://x.org/tag/{{< who jdoe >}}/) now.", "<p>Get <a href=\"https://x.org/tag/Jane%20Doe/\">the release</a> now.</p>\n"},
		{"call in an image address", "![map](/img/{{< show a >}}.png) (see)", "<p><img src=\"/img/%5Ba%7C%7Cfalse%5D.png\" alt=\"map\"> (see)</p>\n"},
		{"ref with an anchor", "[how]({{< ref \"b.md\" >}}#install)", "<p><a href=\"TOKEN0#install\">how</a></p>\n"},
		{"not an address: a space before the call", "[a](x {{< who jdoe >}})", "<p>[a](x Jane Doe)</p>\n"},
		{"argument escaped", `{{< show "<script>x</script>" >}}`, "<p>[&lt;script&gt;x&lt;/script&gt;||false]</p>\n"},
	}
	for _, tt := range tests {
		got, d := convert(t, testFiles, tt.body)
		for i, r := range d.Refs {
			got = strings.ReplaceAll(got, r.Token, "TOKEN"+string(rune('0'+i)))
		}
		if got != tt.want || len(d.Problems) > 0 {
			t.Errorf("%s: %q\ngot  %q\nwant %q\nproblems %v", tt.name, tt.body, got, tt.want, d.Problems)
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct{ body, want string }{
		{"Intro.\n\nText {{< nope >}} here.", `content/articles/a.md:7: unknown shortcode "nope": add layouts/shortcodes/nope.html, or remove the call`},
		{"{{< nope >}}", `content/articles/a.md:5: unknown shortcode "nope": add layouts/shortcodes/nope.html, or remove the call`},
		{"One.\n\n{{< note >}}\ntext", `content/articles/a.md:7: shortcode "note" is not closed: add {{< /note >}} after its inner text, or end the tag with />}} if it has none`},
		{"x {{< /note >}}", `content/articles/a.md:5: the closing tag {{< /note >}} has no opening tag before it`},
		{"{{< figure src=x >}}{{< /figure >}}", `content/articles/a.md:5: shortcode "figure" takes no inner text, so it has no closing tag: remove {{< /figure >}}`},
		{"a\n\n{{< broken >}}", `content/articles/a.md:7: shortcode "broken": layouts/shortcodes/broken.html:1:3: executing "layouts/shortcodes/broken.html" at <.Nope>: can't evaluate field Nope in type *shortcode.Context`},
		{"{{% note %}}\n\nin {{< nope >}}\n{{% /note %}}", `content/articles/a.md:7: unknown shortcode "nope": add layouts/shortcodes/nope.html, or remove the call`},
		{"{{< youtube >}}", `content/articles/a.md:5: shortcode "youtube": built-in youtube:1:55: executing "built-in youtube" at <errorf "needs the video's id: {{< youtube ID >}}">: error calling errorf: needs the video's id: {{< youtube ID >}}`},
		{"{{< param \"missing\" >}}", `content/articles/a.md:5: shortcode "param": the page has no field "missing", and config.yaml's params none either`},
	}
	for _, tt := range tests {
		html, d := convert(t, testFiles, tt.body)
		if len(d.Problems) != 1 || d.Problems[0].Error() != tt.want {
			t.Errorf("%q:\ngot  %v\nwant %s", tt.body, d.Problems, tt.want)
		}
		if strings.Contains(html, "{{") {
			t.Errorf("%q: the call shows as text: %s", tt.body, html)
		}
	}
}

func TestBuiltins(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{{< figure src="/a.jpg" alt="A cat" caption="On a *mat*" title="Cat" attr="Jo" attrlink="https://jo.example" link="/big.jpg" target="_blank" rel="noopener" width="640" height="480" class="wide" >}}`,
			`<figure class="wide"><a href="/big.jpg" target="_blank" rel="noopener"><img src="/a.jpg" alt="A cat" loading="lazy" width="640" height="480"></a><figcaption><strong>Cat</strong> On a <em>mat</em> <span class="credit"><a href="https://jo.example">Jo</a></span></figcaption></figure>` + "\n"},
		{`{{< figure src="/a.jpg" caption="On a *mat*" credit="Jo" >}}`,
			`<figure><img src="/a.jpg" alt="On a mat" loading="lazy"><figcaption>On a <em>mat</em> <span class="credit">Jo</span></figcaption></figure>` + "\n"},
		{`{{< figure src="javascript:alert(1)" >}}`, `<figure><img src="#ZgotmplZ" alt="" loading="lazy"></figure>` + "\n"},
		{`{{< youtube id="abc123" title="The talk" >}}`, `<figure class="embed embed-video"><a href="https://www.youtube.com/watch?v=abc123">The talk</a> <span class="embed-source">(YouTube)</span></figure>` + "\n"},
		{`{{< vimeo 42 >}}`, `<figure class="embed embed-video"><a href="https://vimeo.com/42">Video 42</a> <span class="embed-source">(Vimeo)</span></figure>` + "\n"},
		{`{{< x user="SanDiegoZoo" id="1453110110599868418" >}}`, `<figure class="embed embed-post"><a href="https://x.com/SanDiegoZoo/status/1453110110599868418">Post by @SanDiegoZoo</a> <span class="embed-source">(X)</span></figure>` + "\n"},
		{`{{< tweet 1453110110599868418 >}}`, `<figure class="embed embed-post"><a href="https://x.com/i/status/1453110110599868418">Post 1453110110599868418</a> <span class="embed-source">(X)</span></figure>` + "\n"},
		{`{{< twitter user="a" id="1" >}}`, `<figure class="embed embed-post"><a href="https://x.com/a/status/1">Post by @a</a> <span class="embed-source">(X)</span></figure>` + "\n"},
		{`{{< instagram BWNjjyYFxVx >}}`, `<figure class="embed embed-post"><a href="https://www.instagram.com/p/BWNjjyYFxVx/">Post BWNjjyYFxVx</a> <span class="embed-source">(Instagram)</span></figure>` + "\n"},
		{`{{< gist spf13 7896402 "img.html" >}}`, `<p class="embed embed-code"><a href="https://gist.github.com/spf13/7896402#file-img.html">Gist img.html by spf13</a> <span class="embed-source">(GitHub)</span></p>` + "\n"},
		{"{{< highlight go \"linenos=table\" >}}\nif a < b {}\n{{< /highlight >}}", "<pre><code class=\"language-go\">if a &lt; b {}\n</code></pre>\n"},
		{"{{< details summary=\"More *info*\" open=true >}}\nHidden **text**.\n{{< /details >}}", "<details open><summary>More <em>info</em></summary>\n<p>Hidden <strong>text</strong>.</p>\n</details>\n"},
		{`Mood: {{< param "mood" >}}, city: {{< param "city" >}}.`, "<p>Mood: calm, city: Lyon.</p>\n"},
		// Dotted and in another case, as Hugo reads them (gRPC's site).
		{`Core {{< param "grpc_vers.core" >}}, {{< param "City" >}}.`, "<p>Core v1.82.0, Lyon.</p>\n"},
	}
	for _, tt := range tests {
		got, d := convert(t, nil, tt.body)
		if got != tt.want || len(d.Problems) > 0 {
			t.Errorf("%s\ngot  %s\nwant %s\nproblems %v", tt.body, got, tt.want, d.Problems)
		}
	}
	// A site's own file replaces a built-in one.
	got, _ := convert(t, map[string]string{"youtube": `own {{ .Get 0 }}`}, `{{< youtube z >}}`)
	if got != "<p>own z</p>\n" {
		t.Errorf("override: %q", got)
	}
}

func TestRefs(t *testing.T) {
	_, d := convert(t, nil, "a\n\n{{< ref \"b.md#part\" >}} {{< relref path=\"c\" >}}")
	if len(d.Refs) != 2 || d.Refs[0].Target != "b.md#part" || d.Refs[0].Line != 7 || d.Refs[1].Target != "c" {
		t.Errorf("refs %+v", d.Refs)
	}
	if !d.Used {
		t.Error("Used is false")
	}
}

func TestParseProblem(t *testing.T) {
	_, probs := Parse(map[string]string{"bad": "line one\n{{ if }}"}, nil)
	if len(probs) != 1 || probs[0].Error() != "layouts/shortcodes/bad.html:2: missing value for if" {
		t.Errorf("got %v", probs)
	}
}

func TestFuncNames(t *testing.T) {
	names := strings.Join(FuncNames(), " ")
	for _, want := range []string{"default", "markdownify", "where", "dict", "strings", "dateFormat", "urlize", "relURL", "safeHTML", "partial", "partialCached", "path", "md5", "shuffle", "append", "relref", "ref", "resources"} {
		if !strings.Contains(" "+names+" ", " "+want+" ") {
			t.Errorf("FuncNames lacks %s", want)
		}
	}
}

func FuzzScanTag(f *testing.F) {
	for _, s := range []string{`{{< a b="c" >}}`, "{{% x `y` %}}", `{{</* z */>}}`, `{{< /q >}}`, `{{< a b= >}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		for i := range src {
			if isOpen(src, i) {
				tag, err := scanTag(src, i, len(src))
				if err == nil && (tag.end <= i || tag.end > len(src)) {
					t.Fatalf("end %d out of range", tag.end)
				}
				if c, err := parseCall(src, i, len(src), func(string) (bool, bool) { return true, true }); err == nil && c.end > len(src) {
					t.Fatalf("call end %d", c.end)
				}
			}
		}
	})
}
