package content_test

import (
	"regexp"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzParse feeds arbitrary files to the article parser. Whatever the
// input, it must not panic; it returns an article only when there is no
// error, and then a usable one; every problem names the file.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"---\ntitle: A\ndate: 2024-07-22\npeople: [Łukasz Żak, \"O'Brien\"]\n---\n\n# Head\n\nBody *text* [^1].\n\n[^1]: Note.\n",
		"+++\ntitle = \"T\"\ndate = 2024-07-22T09:30:00\ntopics = [\"C#\"]\n+++\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		";;;\n{\"title\": \"J\", \"date\": \"2024-07-22 09:30\", \"author\": \"X\"}\n;;;\n<script>alert(1)</script>\n",
		"{\n\"title\": \"J\", \"date\": \"2024-07-22\"\n}\n\nBody\n",
		"---\ntitle: [unclosed\n---\n",
		"---\ntitle: x\ndate: 2024-02-30\nimage: javascript:alert(1)\n---\n",
		"\xef\xbb\xbf---\r\ntitle: CRLF\r\ndate: 2024-01-01\r\n---\r\nText\r\n",
		"---\n---\n", "", "\xff\xfe", "---\ntitle: &a x\nb: *a\ndate: 2024-01-01\n---\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	p := content.NewParser(config.Default())
	f.Fuzz(func(t *testing.T, src string) {
		const name = "content/articles/fuzz.md"
		a, probs := p.Parse(name, []byte(src))
		for _, pr := range probs {
			if pr.Path != name || pr.Message == "" {
				t.Fatalf("problem without file or message: %#v", pr)
			}
		}
		if a == nil {
			if len(probs.Errors()) == 0 {
				t.Fatal("no article and no error")
			}
			return
		}
		if len(probs.Errors()) > 0 {
			t.Fatalf("an article despite errors: %v", probs)
		}
		if strings.TrimSpace(a.Title) == "" || a.Date.IsZero() || !slugRe.MatchString(a.Slug) {
			t.Fatalf("unusable article: title %q, date %v, slug %q", a.Title, a.Date, a.Slug)
		}
		for tax, names := range a.Terms {
			for _, n := range names {
				if strings.TrimSpace(n) == "" {
					t.Fatalf("%s: empty name", tax)
				}
			}
		}
	})
}
