package render

import "testing"

func TestLinkMentions(t *testing.T) {
	putin := mention{spellings: []string{"Vladimir Putin", "Putin"}, url: "/people/vladimir-putin/"}
	kyiv := mention{spellings: []string{"Kyiv", "Kiev"}, url: "/places/kyiv/"}
	obrien := mention{spellings: []string{"Siobhán O’Brien", "Siobhán O'Brien"}, url: "/people/siobhan-obrien/"}
	oil := mention{spellings: []string{"Oil & Gas Co"}, url: "/people/oil/"}
	rel := func(u string) string { return "../.." + u }
	cases := []struct {
		name, in, want string
		terms          []mention
	}{
		{"first mention only, longest spelling",
			"<p>Vladimir Putin met Putin.</p>\n<p>Putin left.</p>",
			`<p><a class="mention" href="../../people/vladimir-putin/">Vladimir Putin</a> met Putin.</p>` + "\n<p>Putin left.</p>",
			[]mention{putin}},
		{"an alias when it comes first",
			"<p>Putin, or Vladimir Putin.</p>",
			`<p><a class="mention" href="../../people/vladimir-putin/">Putin</a>, or Vladimir Putin.</p>`,
			[]mention{putin}},
		{"whole words only",
			"<p>Kyivan bakers of Kyiv.</p>",
			`<p>Kyivan bakers of <a class="mention" href="../../places/kyiv/">Kyiv</a>.</p>`,
			[]mention{kyiv}},
		{"never in links, headings or code",
			"<h2>Kyiv</h2>\n<p><a href=\"x\">Kyiv</a> <code>Kyiv</code></p>\n<pre><code>Kyiv\n</code></pre>\n<p>In Kyiv.</p>",
			"<h2>Kyiv</h2>\n<p><a href=\"x\">Kyiv</a> <code>Kyiv</code></p>\n<pre><code>Kyiv\n</code></pre>\n" + `<p>In <a class="mention" href="../../places/kyiv/">Kyiv</a>.</p>`,
			[]mention{kyiv}},
		{"two terms in one text, in order",
			"<p>Putin in Kiev; Kyiv later.</p>",
			`<p><a class="mention" href="../../people/vladimir-putin/">Putin</a> in <a class="mention" href="../../places/kyiv/">Kiev</a>; Kyiv later.</p>`,
			[]mention{kyiv, putin}},
		{"curly apostrophes and entities",
			"<p>Siobhán O’Brien of Oil &amp; Gas Co.</p>",
			`<p><a class="mention" href="../../people/siobhan-obrien/">Siobhán O’Brien</a> of <a class="mention" href="../../people/oil/">Oil &amp; Gas Co</a>.</p>`,
			[]mention{obrien, oil}},
		{"no terms", "<p>Kyiv</p>", "<p>Kyiv</p>", nil},
	}
	for _, c := range cases {
		for _, set := range []bool{false, true} {
			if got := linkMentionsWith(c.in, c.terms, rel, set); got != c.want {
				t.Errorf("%s (with a set: %v):\n got %s\nwant %s", c.name, set, got, c.want)
			}
		}
	}
}
