package shortcode

import (
	"strings"
	"testing"
)

func TestPartial(t *testing.T) {
	files := map[string]string{
		"button": `{{ partial "core/usa-button.html" (dict "href" (.Get "href") "text" (.Get "text")) }}`,
		// No extension, Hugo's "partials/" prefix, no context, partialCached.
		"bare":   `{{ partial "core/quote-block" . }}|{{ partial "partials/plain.html" }}|{{ partialCached "plain.html" . "v" }}`,
		"value":  `{{ $n := partial "double.html" 21 }}{{ add $n 1 }}`,
		"nested": `{{ partial "outer.html" "x" }}`,
		"gone":   "line one\n{{ partial \"missing.html\" . }}",
	}
	partials := map[string]string{
		"core/usa-button.html":  `<a class="usa-button" href="{{ .href }}">{{ .text }}</a>`,
		"core/quote-block.html": `<q>{{ .Get "q" }}</q>`,
		"plain.html":            `plain`,
		"double.html":           `ignored output{{ return (mul . 2) }}`,
		"outer.html":            `<b>{{ partial "inner.html" . }}</b>`,
		"inner.html":            `<i>{{ . }}</i>`,
		"unused.html":           `{{ if }}`,
	}
	set, probs := withPartials(files, partials)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	tests := []struct{ body, want string }{
		{`{{< button href="/x?a=1&b=2" text="<Go>" >}}`, `<a class="usa-button" href="/x?a=1&amp;b=2">&lt;Go&gt;</a>` + "\n"},
		{`{{< bare q="hi" >}}`, "<q>hi</q>|plain|plain\n"},
		{`{{< value >}}`, "<p>43</p>\n"},
		{`{{< nested >}}`, "<b><i>x</i></b>\n"},
	}
	for _, tt := range tests {
		got, d := convertSet(t, set, tt.body)
		if got != tt.want || len(d.Problems) > 0 {
			t.Errorf("%s\ngot  %q\nwant %q\n%v", tt.body, got, tt.want, d.Problems)
		}
	}
	_, d := convertSet(t, set, "a\n\n{{< gone >}}")
	want := `content/articles/a.md:7: shortcode "gone": layouts/shortcodes/gone.html:2:3: executing "layouts/shortcodes/gone.html" at <partial "missing.html" .>: error calling partial: partial "missing.html" not found: there is no layouts/partials/missing.html`
	if len(d.Problems) != 1 || d.Problems[0].Error() != want {
		t.Errorf("missing partial:\ngot  %v\nwant %s", d.Problems, want)
	}
}

func TestPartialProblems(t *testing.T) {
	tests := []struct {
		files, partials map[string]string
		want            string
	}{
		{map[string]string{"a": `{{ partial "p.html" . }}`}, map[string]string{"p.html": "one\n{{ if }}"},
			"layouts/partials/p.html:2: missing value for if"},
		{map[string]string{"a": "x\n{{ partial (printf \"%s.html\" .Name) . }}"}, nil,
			`layouts/shortcodes/a.html:2: write the partial's name as text, such as partial "card.html" .: folio loads the partials that shortcodes call with them`},
		{map[string]string{"a": `{{ partial "p.html" . }}`}, map[string]string{"p.html": `{{ partial "q" . }}`, "q.html": "\n{{ partial \"p.html\" . }}"},
			`layouts/partials/q.html:2: partial "p.html" calls itself (p.html → q.html → p.html): its calls would never end`},
		{map[string]string{"a": `{{ partial "p.html" . }}`}, map[string]string{"p.html": `<a href="{{ . }}`},
			`layouts/partials/p.html: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp [] attrURL elementNone <nil>}`},
	}
	for _, tt := range tests {
		_, probs := withPartials(tt.files, tt.partials)
		var got []string
		for _, p := range probs {
			got = append(got, p.Error())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%v %v:\ngot  %q\nwant %q", tt.files, tt.partials, got, tt.want)
		}
	}
}
