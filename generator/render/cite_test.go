package render

import (
	"testing"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

// citedPage is the article page of an article by two authors whose title
// and site name carry what TeX and HTML read as their own.
func citedPage(t testing.TB) *Data {
	t.Helper()
	cfg, err := config.Parse("config.yaml", []byte("title: Tom & Jerry's {Archive}\nbaseURL: https://example.org/x/\ntimezone: Europe/Warsaw\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, probs := content.NewParser(cfg).Parse("content/articles/2010/02/talks.md", []byte("---\ntitle: Talks stall & restart_50% {now}.\ndate: 2010-02-05 23:30\nslug: talks-stall\nauthors: [Ann Lee, Bo Chen, Zoë Ångström]\n---\n\nA body.\n"))
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	s, probs := site.Assemble(cfg, []*content.Article{a}, nil, nil)
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	pages, probs := Plan(s, nil, nil, nil)
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	for _, p := range pages {
		if p.Kind == "article" {
			return p.Data
		}
	}
	t.Fatal("no article page")
	return nil
}

// TestCitation pins the plain and BibTeX citations: names joined, the
// date in the site's zone and format, TeX's specials escaped.
func TestCitation(t *testing.T) {
	c := citedPage(t).Citation()
	if want := "Ann Lee, Bo Chen and Zoë Ångström. “Talks stall & restart_50% {now}.” Tom & Jerry's {Archive}, 5 February 2010. https://example.org/x/articles/talks-stall/"; c.Plain != want {
		t.Errorf("plain:\n got %q\nwant %q", c.Plain, want)
	}
	want := "@article{lee2010talks,\n" +
		"  author  = {Ann Lee and Bo Chen and Zoë Ångström},\n" +
		"  title   = {{Talks stall \\& restart\\_50\\% \\{now\\}.}},\n" +
		"  journal = {Tom \\& Jerry's \\{Archive\\}},\n" +
		"  year    = {2010},\n" +
		"  month   = feb,\n" +
		"  date    = {2010-02-05},\n" +
		"  url     = {https://example.org/x/articles/talks-stall/}\n}"
	if c.BibTeX != want {
		t.Errorf("BibTeX:\n got %q\nwant %q", c.BibTeX, want)
	}
	if got := c.PublicationDate(); got != "2010/02/05" {
		t.Errorf("publication date %q", got)
	}
}

func BenchmarkCitation(b *testing.B) {
	d := citedPage(b)
	for range b.N {
		d.Citation()
	}
}
