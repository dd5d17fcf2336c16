package content_test

import (
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// 180 titles and 563 summaries of a real Hugo archive showed &#8217; or
// &mdash; as text: entities are decoded, once, and every output escapes
// the text again.
func TestEntitiesInTitlesAndSummaries(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("markdown: {typographer: false}\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := content.NewParser(cfg)
	cases := []struct{ title, summary, wantTitle, wantSummary string }{
		{`"It&#8217;s here &mdash; at last"`, `"R&amp;D &lt;b&gt;costs&lt;/b&gt;"`, "It’s here — at last", "R&D <b>costs</b>"},
		{`"AT&T and Q&A"`, `"Fish & chips"`, "AT&T and Q&A", "Fish & chips"},
		{`"A &#1; control"`, `"&#x1b;[2J"`, "A \uFFFD control", "\uFFFD[2J"},
	}
	for _, c := range cases {
		src := "---\ntitle: " + c.title + "\ndate: 2024-07-01\nsummary: " + c.summary + "\n---\n"
		a, probs := p.Parse("content/articles/t.md", []byte(src))
		if a == nil {
			t.Fatalf("%s: %v", c.title, probs)
		}
		if a.Title != c.wantTitle || a.Summary != c.wantSummary {
			t.Errorf("%s: title %q, summary %q; want %q, %q", c.title, a.Title, a.Summary, c.wantTitle, c.wantSummary)
		}
	}
}
