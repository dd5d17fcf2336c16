package sanitize

import (
	"strings"
	"testing"
)

func TestRemovedCounts(t *testing.T) {
	s := New()
	for _, tc := range []struct {
		name, in, out, removed string
	}{
		{"kept as written", `<p>a <abbr title="World Health Organization">WHO</abbr> <sup>2</sup> <mark>m</mark> <kbd>k</kbd></p>`,
			`<p>a <abbr title="World Health Organization">WHO</abbr> <sup>2</sup> <mark>m</mark> <kbd>k</kbd></p>`, "removed nothing"},
		{"script", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`,
			"removed 1 element (script)"},
		{"mixed case script and style", `<SCRIPT>x</SCRIPT><Style>p{}</Style><sCrIpT src=//e.example/x.js></ScRiPt>`, ``,
			"removed 3 elements (script ×2, style)"},
		{"event handler", `<p onclick="steal()" class="lead">a</p>`, `<p class="lead">a</p>`,
			"removed 1 attribute (onclick)"},
		{"style attribute", `<span style="color:red" onmouseover="x()">a</span>`, `<span>a</span>`,
			"removed 2 attributes (style, onmouseover)"},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg>`, ``,
			"removed 2 elements (svg, circle)"},
		{"javascript link with a tab", `<a href="jav&#x09;ascript:alert(1)">x</a>`, `x`,
			"removed 1 attribute (href (javascript: URL))"},
		{"data and vbscript", `<a href="data:text/html;base64,PHNjcmlwdD4=">d</a><a href="VBScript:x">v</a><img src="data:image/png;base64,AAAA" alt="i">`,
			`dv<img alt="i">`, "removed 3 attributes (href (data: URL), href (vbscript: URL), src (data: URL))"},
		{"iframe from elsewhere", `<iframe src="https://evil.example/x" width="500"></iframe><p>a</p>`, `<p>a</p>`,
			"removed 1 element (iframe from evil.example)"},
		{"iframe from youtube", `<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" allowfullscreen></iframe>`,
			`<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" allowfullscreen="" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>`,
			"removed nothing"},
		{"iframe over http", `<iframe src="http://player.vimeo.com/video/1"></iframe>`, ``,
			"removed 1 element (iframe from player.vimeo.com)"},
		{"form", `<form action="https://evil.example"><input name="pw" type="password"><button>Go</button></form>`, `Go`,
			"removed 3 elements (form, input, button)"},
		{"base, meta and link", `<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="x.css">`, ``,
			"removed 3 elements (base, meta, link)"},
		{"img onerror", `<img src=x onerror="alert(1)">`, `<img src="x">`, "removed 1 attribute (onerror)"},
		{"object and embed", `<object data="x.swf"><embed src="x.swf"></object>`, ``, "removed 2 elements (object, embed)"},
		{"breaking out of the body", `<p>a</p></div></article><script>x</script><div><p>b`,
			`<p>a</p><div><p>b</p></div>`, "removed 1 element (script) and 2 end tags that close nothing (</article>, </div>)"},
		{"unclosed inline", `<p><span class="x">a</p><p>b</p>`, `<p><span class="x">a</span></p><p>b</p>`, "removed nothing"},
		{"a self-closed div", `<div/><p>a</p>`, `<div></div><p>a</p>`, "removed nothing"},
		{"link to elsewhere opens safely", `<a href="https://example.com/" target="_blank">x</a>`,
			`<a href="https://example.com/" target="_blank" rel="noopener">x</a>`, "removed nothing"},
		{"table", `<table><tr><th scope="col" colspan="2" style="text-align:center">h</th></tr><tr><td rowspan="2" style="color:red">1</td></tr></table>`,
			`<table><tr><th scope="col" colspan="2" style="text-align: center">h</th></tr><tr><td rowspan="2">1</td></tr></table>`, "removed 1 attribute (style)"},
		{"media", `<figure><picture><source srcset="/a.webp 1x, /a@2x.webp 2x" type="image/webp"><img src="/a.jpg" alt="A" loading="lazy" width="600"></picture><figcaption>c</figcaption></figure><video controls src="/v.mp4" poster="javascript:x"><track kind="captions" src="/v.vtt" srclang="en"></video>`,
			`<figure><picture><source srcset="/a.webp 1x, /a@2x.webp 2x" type="image/webp"><img src="/a.jpg" alt="A" loading="lazy" width="600"></picture><figcaption>c</figcaption></figure><video controls="" src="/v.mp4"><track kind="captions" src="/v.vtt" srclang="en"></video>`,
			"removed 1 attribute (poster (javascript: URL))"},
		{"links to the top of the page", `<p>x</p><div><a href="#">Back to top</a> <a href=" # " class="up" target="_blank">Up</a><ul><li><a href='#'>Introduction</a></li></ul></div><p>href="#" is how</p><script>a</script><a href="#">end</a>`,
			`<p>x</p><div><a href="#">Back to top</a> <a href="#" class="up" target="_blank" rel="noopener">Up</a><ul><li><a href="#">Introduction</a></li></ul></div><p>href=&#34;#&#34; is how</p><a href="#">end</a>`,
			"removed 1 element (script)"},
		{"many kinds", `<blink>a</blink><marquee>b</marquee><font>c</font><center>d</center><nobr>e</nobr><tt>f</tt><big>g</big><blink>h</blink>`, `abcdefgh`,
			"removed 8 elements (blink ×2, marquee, font, center, nobr, tt, …)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, rm := s.HTML(tc.in)
			if out != tc.out {
				t.Errorf("HTML:\n got %s\nwant %s", out, tc.out)
			}
			if got := rm.String(); got != tc.removed {
				t.Errorf("removed:\n got %s\nwant %s", got, tc.removed)
			}
		})
	}
}

// TestGoldmarkOutputKept: what goldmark itself writes passes as it is.
func TestGoldmarkOutputKept(t *testing.T) {
	in := `<h2 id="x" class="y">T</h2>
<table>
<thead>
<tr>
<th style="text-align:left">a</th>
</tr>
</thead>
</table>
<ul>
<li><input checked="" disabled="" type="checkbox"> done</li>
</ul>
<p>Text<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> <del>del</del></p>
<dl>
<dt>Term</dt>
<dd>def</dd>
</dl>
<pre><code class="language-go">x
</code></pre>
<p><img src="/a.png" alt="i" title="t"></p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>note <a href="#fnref:1" class="footnote-backref" role="doc-backlink">↩︎</a></p>
</li>
</ol>
</div>
`
	out, rm := New().HTML(in)
	if !rm.Empty() {
		t.Errorf("removed from goldmark's output: %s", rm)
	}
	if want := strings.Replace(in, "text-align:left", "text-align: left", 1); out != want {
		t.Errorf("changed:\n%s", out)
	}
}

// TestComments: a comment keeps its text, quotes and links, every link
// marked as the commenter's; images, frames, headings, mailto: links,
// ids and classes go.
func TestComments(t *testing.T) {
	s := NewComments()
	for _, tc := range []struct{ name, in, out string }{
		{"link", `<p>See <a href="https://example.com/x" rel="me" title="t">this</a>.</p>`,
			`<p>See <a href="https://example.com/x" rel="nofollow ugc">this</a>.</p>`},
		{"site link", `<a href="/2015/06/x/">x</a>`, `<a href="/2015/06/x/" rel="nofollow ugc">x</a>`},
		{"target", `<a href="https://example.com/" target="_blank">x</a>`, `<a href="https://example.com/" rel="nofollow ugc">x</a>`},
		{"mailto", `<a href="mailto:jo@example.com">mail me</a>`, `mail me`},
		{"javascript", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"image and frame", `<p><img src="https://example.com/a.jpg" alt="a"><iframe src="https://www.youtube.com/embed/x"></iframe>b</p>`, `<p>b</p>`},
		{"heading", `<h1 id="main">Big</h1>`, `Big`},
		{"class, id and style", `<p class="meta" id="comments" style="color:red"><em>x</em></p>`, `<p><em>x</em></p>`},
		{"quote", `<blockquote cite="https://example.com/"><p>q</p></blockquote>`, `<blockquote cite="https://example.com/"><p>q</p></blockquote>`},
		{"breaking out", `<p>a</p></li></ol></section><script>x</script>`, `<p>a</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if out, _ := s.HTML(tc.in); out != tc.out {
				t.Errorf("HTML(%s):\n got %s\nwant %s", tc.in, out, tc.out)
			}
		})
	}
}
