package content_test

import (
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// Quotes nested deep and thousands of footnotes made the Markdown parser
// work with the square of the text: 320 KB of nested quotes took a
// minute. They are refused where the limit is passed, at once.
func TestStructuresTheParserCannotAfford(t *testing.T) {
	p := content.NewParser(config.Default())
	const head = "---\ntitle: Deep\ndate: 2024-01-01\n---\n\nA line.\n"
	var notes strings.Builder
	for i := range 2001 {
		notes.WriteString("See[^n" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "].\n\n")
	}
	for i := range 2001 {
		notes.WriteString("[^n" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "]: A note.\n")
	}
	cases := []struct{ body, want string }{
		{strings.Repeat(">", 33) + " deep\n",
			"content/articles/deep.md:7: quotes are nested 33 deep here, and at most 32 levels are read: use fewer > marks"},
		{strings.Repeat("> ", 40) + "deep\n",
			"content/articles/deep.md:7: quotes are nested 40 deep here, and at most 32 levels are read: use fewer > marks"},
		{strings.Repeat(">", 320_000) + "\n",
			"content/articles/deep.md:7: quotes are nested 320000 deep here, and at most 32 levels are read: use fewer > marks"},
		{notes.String(),
			"content/articles/deep.md:6009: this is footnote 2001, and an article may have at most 2000"},
	}
	for _, c := range cases {
		a, probs := p.Parse("content/articles/deep.md", []byte(head+c.body))
		if a != nil || len(probs) != 1 || probs[0].Error() != c.want {
			t.Errorf("%.20q…: %v, want %s", c.body, probs, c.want)
		}
	}
	// At the limits, and in code, they are fine.
	for _, body := range []string{
		strings.Repeat(">", 32) + " deep enough\n",
		"    " + strings.Repeat(">", 100) + "\n",
		"`>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>` in code\n",
	} {
		if a, probs := p.Parse("content/articles/ok.md", []byte(head+body)); a == nil {
			t.Errorf("%.20q…: %v", body, probs)
		}
	}
}
