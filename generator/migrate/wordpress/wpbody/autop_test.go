package wpbody

import (
	"strings"
	"testing"
)

// TestAutop checks wpautop's rules with the outputs WordPress's own tests
// expect (tests/phpunit/tests/formatting/autop.php).
func TestAutop(t *testing.T) {
	blocks := []string{"table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div", "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "address", "math", "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "fieldset", "legend", "section", "article", "aside", "hgroup", "header", "footer", "nav", "figure", "details", "menu", "summary"}
	var blockIn, blockWant []string
	for _, b := range blocks {
		blockIn = append(blockIn, "<"+b+">foo</"+b+">")
	}
	blockWant = blockIn
	inlines := []string{"a", "em", "strong", "small", "s", "cite", "q", "dfn", "abbr", "data", "time", "code", "var", "samp", "kbd", "sub", "sup", "i", "b", "u", "mark", "span", "del", "ins", "noscript", "select"}
	var inlineIn, inlineWant []string
	for _, b := range inlines {
		inlineIn = append(inlineIn, "<"+b+">foo</"+b+">")
		inlineWant = append(inlineWant, "<p><"+b+">foo</"+b+"></p>")
	}
	cases := []struct{ name, in, want string }{
		{"empty", " \n\n ", ""},
		{"paragraphs and line breaks", "One\ntwo\n\n\n\nThree", "<p>One<br />\ntwo</p>\n<p>Three</p>"},
		{"pre alone", "<pre>a\n\nb &lt;c&gt;</pre>", "<pre>a\n\nb &lt;c&gt;</pre>"},
		{"pre between paragraphs", "Look at this code\n\n<pre>x\n\ny</pre>\n\nIsn't that cool?", "<p>Look at this code</p>\n<pre>x\n\ny</pre>\n<p>Isn't that cool?</p>"},
		{"breaks in pre kept", "Look at this code\n\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n\nCool, huh?", "<p>Look at this code</p>\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n<p>Cool, huh?</p>"},
		{"inputs", `Username: <input type="text" id="username" name="username" /><br />Password: <input type="password" id="password1" name="password1" />`, `<p>Username: <input type="text" id="username" name="username" /><br />Password: <input type="password" id="password1" name="password1" /></p>`},
		{"block elements are blocks", strings.Join(blockIn, "\n\n"), strings.Join(blockWant, "\n")},
		{"blockquote contents", "<blockquote>foo</blockquote>", "<blockquote><p>foo</p></blockquote>"},
		{"inline elements are inline", strings.Join(inlineIn, "\n\n"), strings.Join(inlineWant, "\n")},
		{"hr ends a paragraph", "a<hr>b", "<p>a</p>\n<hr>\n<p>b</p>"},
		{"double br is a paragraph", "a<br><br />b", "<p>a</p>\n<p>b</p>"},
		{"list", "Intro\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nAfter", "<p>Intro</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>"},
		{"line break in a tag", "<a\nhref=\"x\">link</a> text", "<p><a href=\"x\">link</a> text</p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.TrimSpace(autop(tc.in)); got != tc.want {
				t.Errorf("autop(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestDropAfterBlock: a "</p>" right after a removed one has no tag of its
// own (the scan once sliced before its start and panicked).
func TestDropAfterBlock(t *testing.T) {
	for in, want := range map[string]string{
		"<div></p></p>":         "<div></p>",
		"<div>\n </p>x</p>":     "<div>x</p>",
		"<em>x</em></p>":        "<em>x</em></p>",
		"<div class=\"a\"></p>": "<div class=\"a\">",
		"</p>":                  "</p>",
	} {
		if got := dropAfterBlock(in, "</p>"); got != want {
			t.Errorf("dropAfterBlock(%q) = %q, want %q", in, got, want)
		}
	}
}
