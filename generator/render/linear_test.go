package render

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
)

// manyNames is an article by n authors that names n people, n places and
// n topics.
func manyNames(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: A list\ndate: 2024-08-01 10:00\n")
	for _, tax := range []string{"authors", "people", "places", "topics"} {
		b.WriteString(tax + ":\n")
		for i := range n {
			fmt.Fprintf(&b, "  - %s Name%06d\n", tax, i)
		}
	}
	b.WriteString("---\n\nA body.\n")
	return b.String()
}

// errTooBig stops rendering once the output passed its bound.
var errTooBig = errors.New("past the bound")

// budgetWriter counts bytes, failing past its budget so that a site that
// grows with the square of its names fails quickly instead of writing
// gigabytes.
type budgetWriter struct{ n, max int }

func (w *budgetWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n > w.max {
		return 0, errTooBig
	}
	return len(p), nil
}

// renderSize plans and renders the site of arts with the example site's
// layouts, returning its bytes in all and whether they stayed within max.
func renderSize(t *testing.T, arts []string, max int) (int, bool) {
	t.Helper()
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := content.NewParser(cfg)
	var parsed []*content.Article
	for i, src := range arts {
		a, probs := p.Parse(fmt.Sprintf("content/articles/a%d.md", i), []byte(src))
		if len(probs.Errors()) > 0 {
			t.Fatal(probs)
		}
		parsed = append(parsed, a)
	}
	s, probs := site.Assemble(cfg, parsed, nil, nil)
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	tmpl, err := LoadTemplates("../..", cfg)
	if err != nil {
		t.Fatal(err)
	}
	pages, probs := Plan(s, tmpl, nil, nil)
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	w := &budgetWriter{max: max}
	for _, pg := range pages {
		// Errors of layouts keep only the text of the writer's error.
		if err := pg.Render(w, tmpl); w.n > w.max {
			return w.n, false
		} else if err != nil {
			t.Fatal(err)
		}
	}
	return w.n, true
}

// TestOutputLinearInNames builds a site whose one article names 2,000
// authors, people, places and topics: every name has its pages (a term
// page and a feed), so the site grows with the names, but by a bounded
// amount per name. Feed entries that repeated every category and author
// of the article in every one of its terms' feeds, and summaries that
// named every author on every author's page, made it grow with their
// square (about 1 GB here).
func TestOutputLinearInNames(t *testing.T) {
	t.Parallel()
	const n = 500 // per taxonomy
	names := 4 * n
	// A term page of the example layouts is about 5 KB, its feed 2 KB.
	const perName = 16 << 10
	size, ok := renderSize(t, []string{manyNames(n)}, perName*names)
	if !ok {
		t.Fatalf("an article with %d names makes more than %d bytes of pages (%d KB a name): the output must grow linearly with the names", names, size, perName>>10)
	}
	t.Logf("%d names: %d bytes, %d a name", names, size, size/names)
}

// TestManyNamesShownInPart checks what keeps the output linear: a feed
// entry lists the article's first MaxFeedCategories terms and its first
// MaxFeedAuthors authors, and a summary in a list names three authors
// and counts the others.
func TestManyNamesShownInPart(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, probs := content.NewParser(cfg).Parse("content/articles/a.md", []byte(manyNames(30)))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	s, _ := site.Assemble(cfg, []*content.Article{a}, nil, nil)
	tmpl, err := LoadTemplates("../..", cfg)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := Plan(s, tmpl, nil, nil)
	rendered := map[string]string{}
	for _, pg := range pages {
		if pg.URL == "/topics/topics-name000029/index.xml" || pg.URL == "/authors/authors-name000029/" {
			var b strings.Builder
			if err := pg.Render(&b, tmpl); err != nil {
				t.Fatal(err)
			}
			rendered[pg.URL] = b.String()
		}
	}
	feed := rendered["/topics/topics-name000029/index.xml"]
	if got := strings.Count(feed, "<category "); got != MaxFeedCategories {
		t.Errorf("the feed entry has %d categories, want %d", got, MaxFeedCategories)
	}
	if !strings.Contains(feed, `<category term="people-name000019" label="people Name000019" scheme="https://example.org/people/"></category>`) ||
		strings.Contains(feed, `term="people-name000020"`) {
		t.Errorf("the feed entry's categories are not the article's first %d:\n%s", MaxFeedCategories, feed)
	}
	if got := strings.Count(feed, "<author>"); got != MaxFeedAuthors+1 { // and the feed's own
		t.Errorf("the feed has %d authors, want the site and the article's first %d", got, MaxFeedAuthors)
	}
	// On the page of one of its authors, the others are named "with".
	if want := "· with authors Name000000, authors Name000001, authors Name000002 and 26 others"; !strings.Contains(rendered["/authors/authors-name000029/"], want) {
		t.Errorf("the summary does not say %q:\n%s", want, rendered["/authors/authors-name000029/"])
	}
}

// TestUnchangedLinearInNames compares the plans of two builds of a site
// whose one article names 45,000 terms, as a rebuild does to find the
// pages to render again. Every term's page and feed show the article, and
// comparing its names on each of them was work with the square of the
// names.
func TestUnchangedLinearInNames(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\n"))
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string][]string{}
	for _, tax := range []string{"people", "places", "topics"} {
		for i := range 15_000 {
			terms[tax] = append(terms[tax], fmt.Sprintf("%s %06d", tax, i))
		}
	}
	a := &content.Article{Path: "content/articles/list.md", Title: "A list", Slug: "list", Terms: terms}
	plan := func() []*Page {
		s, _ := site.Assemble(cfg, []*content.Article{a}, nil, nil)
		pages, _ := Plan(s, nil, nil, nil)
		return pages
	}
	old, pages := plan(), plan()
	byURL := make(map[string]*Page, len(old))
	for _, p := range old {
		byURL[p.URL] = p
	}
	// Well under a second when linear; minutes when not, which go test's
	// -timeout ends. The time itself is not asserted.
	changed := 0
	for _, p := range pages {
		if !p.Unchanged(byURL[p.URL]) {
			changed++
		}
	}
	if changed != 0 {
		t.Errorf("%d of %d pages changed between two plans of the same site", changed, len(pages))
	}
}

// TestMentionsLinearInNames plans and renders, with mentions on, the
// page of an article of 20,000 people and places whose text names 10,000
// of them. Looking for every spelling in every paragraph in turn, and
// adding to the page's key a name at a time, was work with the square of
// the names.
func TestMentionsLinearInNames(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\nmentions: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 10_000
	terms := map[string][]string{}
	var body strings.Builder
	for i := range n {
		terms["people"] = append(terms["people"], fmt.Sprintf("Person %06d", i))
		terms["places"] = append(terms["places"], fmt.Sprintf("Place %06d", i))
		if i%2 == 0 {
			fmt.Fprintf(&body, "<p>Person %06d met Person %06d in a room.</p>\n", i, i+1)
		}
	}
	a := &content.Article{Path: "content/articles/list.md", Title: "A list", Slug: "list", Terms: terms, Body: body.String()}
	s, _ := site.Assemble(cfg, []*content.Article{a}, nil, nil)
	// Well under a second when linear; minutes when not, which go test's
	// -timeout ends. The time itself is not asserted.
	pages, _ := Plan(s, nil, nil, nil)
	var html string
	for _, p := range pages {
		if p.Kind == KindArticle {
			body, err := p.Data.Content()
			if err != nil {
				t.Fatal(err)
			}
			html = string(body)
		}
	}
	if got := strings.Count(html, `<a class="mention"`); got != n {
		t.Errorf("%d mentions linked, want %d", got, n)
	}
	if want := `<p><a class="mention" href="../../people/person-009998/">Person 009998</a> met <a class="mention" href="../../people/person-009999/">Person 009999</a> in a room.</p>`; !strings.Contains(html, want) {
		t.Errorf("the page does not have %s", want)
	}
}

// TestHugeTermPlanLinear plans a site whose articles all name one person
// and one topic, at two sizes four times apart: that term's pages (one
// for every page size of its articles), its feed and the indexes must cost
// memory in proportion, not a copy of the term's list for each of its
// pages, which grows with the square. Bytes allocated are counted, not
// time, so a busy machine cannot sway it.
func TestHugeTermPlanLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 50,000 articles")
	}
	cfg, err := config.Parse("config.yaml", []byte("baseURL: https://example.org/\n"))
	if err != nil {
		t.Fatal(err)
	}
	planned := func(n int) (uint64, []*Page) {
		articles := make([]*content.Article, n)
		start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range articles {
			articles[i] = &content.Article{Path: fmt.Sprintf("content/articles/a%d.md", i), Title: fmt.Sprintf("Article %d", i),
				Slug: fmt.Sprintf("a%d", i), Date: start.Add(time.Duration(i) * time.Hour),
				Terms: map[string][]string{"people": {"Jane Roe"}, "topics": {"Politics"}}}
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		s, _ := site.Assemble(cfg, articles, nil, nil)
		pages, _ := Plan(s, nil, nil, nil)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, pages
	}
	const n = 10_000
	small, _ := planned(n)
	large, pages := planned(4 * n)
	ratio := float64(large) / float64(small)
	t.Logf("%d articles: %d bytes planned; %d: %d bytes (%.1f times)", n, small, 4*n, large, ratio)
	if ratio > 6 {
		t.Errorf("four times the articles in one term took %.1f times the memory to plan: the work grows faster than the term", ratio)
	}
	// Every article is on one page of the term.
	last := 0
	for _, p := range pages {
		var k int
		if _, err := fmt.Sscanf(p.URL, "/people/jane-roe/page/%d/", &k); err == nil {
			last = max(last, k)
		}
	}
	if want := (4*n + cfg.Paginate - 1) / cfg.Paginate; last != want {
		t.Errorf("the term's last page is page %d, want %d for %d articles, %d a page", last, want, 4*n, cfg.Paginate)
	}
}
