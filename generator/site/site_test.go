package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
)

func art(path string, date string, terms map[string][]string) *content.Article {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		panic(err)
	}
	slug := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	return &content.Article{Path: path, Title: slug, Date: d, Slug: slug, Terms: terms}
}

func TestAssembleOrderAndNeighbours(t *testing.T) {
	s, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/b.md", "2024-01-02", nil),
		nil, // a file that failed to parse
		art("content/articles/c.md", "2023-05-01", nil),
		art("content/articles/a.md", "2024-01-02", nil),
	}, nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var order []string
	for _, a := range s.Articles {
		order = append(order, a.Slug)
	}
	if got := strings.Join(order, " "); got != "a b c" {
		t.Errorf("order %q, want newest first, ties by path: %q", got, "a b c")
	}
	a, b, c := s.Articles[0], s.Articles[1], s.Articles[2]
	if a.Newer != nil || a.Older != b || b.Newer != a || b.Older != c || c.Older != nil {
		t.Error("Newer/Older links are wrong")
	}
	if a.URL != "/articles/a/" {
		t.Errorf("URL %q", a.URL)
	}
}

func TestTermsMergeBySlug(t *testing.T) {
	s, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"places": {"ZÜRICH"}, "people": {"Łukasz Żak"}}),
		art("content/articles/2.md", "2021-01-01", map[string][]string{"places": {"Zürich", "São Paulo"}, "people": {"łukasz żak"}}),
		art("content/articles/3.md", "2022-01-01", map[string][]string{"places": {"Zürich", "Zurich"}}),
		art("content/articles/4.md", "2023-01-01", map[string][]string{"topics": {"C#", "C", "AT&T"}}),
	}, nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	places := s.Taxonomy("places")
	if len(places.Terms) != 2 {
		t.Fatalf("places: %d terms, want 2 (zurich, sao-paulo)", len(places.Terms))
	}
	z := places.bySlug["zurich"]
	if z.Name != "Zürich" || z.URL != "/places/zurich/" || z.Count() != 3 {
		t.Errorf("zurich: name %q URL %q count %d; want the most used spelling Zürich, /places/zurich/, 3", z.Name, z.URL, z.Count())
	}
	if z.Articles[0].Slug != "3" || z.Articles[2].Slug != "1" {
		t.Error("term articles are not newest first")
	}
	// Article 3 lists Zürich twice (two spellings): it counts once.
	if got := len(s.Articles[1].Terms("places")); got != 1 {
		t.Errorf("article 3 has %d place terms, want 1", got)
	}
	// A tie between spellings goes to the first seen (the oldest article).
	if p := s.Taxonomy("people").bySlug["lukasz-zak"]; p.Name != "Łukasz Żak" {
		t.Errorf("tie: name %q, want the first seen, Łukasz Żak", p.Name)
	}
	var topics []string
	for _, term := range s.Taxonomy("topics").Terms {
		topics = append(topics, term.Slug)
	}
	if got := strings.Join(topics, " "); got != "at-and-t c c-sharp" {
		t.Errorf("topic slugs %q, want distinct and sorted: at-and-t c c-sharp", got)
	}
	if places.Terms[0].Slug != "sao-paulo" || places.ByCount[0].Slug != "zurich" {
		t.Error("A–Z or by-count order is wrong")
	}
}

func TestAssembleProblems(t *testing.T) {
	dup := art("content/articles/2024/x.md", "2024-01-01", nil)
	dup2 := art("content/articles/2023/x.md", "2023-01-01", nil)
	bad := art("content/articles/y.md", "2024-01-01", map[string][]string{"people": {"!!!"}, "topics": {"Page"}})
	_, probs := Assemble(config.Default(), []*content.Article{dup, dup2, bad}, nil, nil)
	want := []string{
		`content/articles/2024/x.md: slug: the URL /articles/x/ is also the URL of content/articles/2023/x.md: give one of them a different slug: in its front matter`,
		`content/articles/y.md: people: "!!!" has no letters or digits to make a URL from: spell it out or remove it`,
		`content/articles/y.md: topics: "Page" would have the URL /topics/page/, which the site uses for its own pages: spell it differently`,
	}
	probs.Sort()
	if len(probs) != len(want) {
		t.Fatalf("got %d problems:\n%v", len(probs), probs)
	}
	for i := range want {
		if probs[i].Error() != want[i] {
			t.Errorf("problem %d:\n got %s\nwant %s", i, probs[i], want[i])
		}
	}
}

// A permalink's date is the date as written in the article, in its own
// offset, as Hugo 0.165 makes it (checked with the same dates under
// timeZone = "America/New_York"); a date written without an offset is
// read in the site's time zone by content.Parser.
func TestPermalinkPattern(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("timezone: America/New_York\npermalinks:\n  articles: /:year/:month/:day/:slug/\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		date time.Time
		want string
	}{
		{time.Date(2024, 7, 2, 2, 0, 0, 0, time.UTC), "/2024/07/02/x/"},                      // 1 July, 22:00 in New York
		{time.Date(2015, 6, 29, 22, 0, 0, 0, time.FixedZone("", -4*3600)), "/2015/06/29/x/"}, // 30 June in UTC
		{time.Date(2024, 7, 2, 23, 30, 0, 0, time.FixedZone("", 9*3600)), "/2024/07/02/x/"},  // 2 July, 10:30 in New York
		{time.Date(2024, 7, 2, 2, 0, 0, 0, cfg.Location), "/2024/07/02/x/"},                  // no offset written
	} {
		a := art("content/articles/x.md", "2024-07-02", nil)
		a.Date = tc.date
		s, _ := Assemble(cfg, []*content.Article{a}, nil, nil)
		if got := s.Articles[0].URL; got != tc.want {
			t.Errorf("date %s: URL %q, want the date as written: %s", tc.date, got, tc.want)
		}
	}
}

func TestRelatedPrefersRareTermsThenCloseDates(t *testing.T) {
	var arts []*content.Article
	// 40 articles on a common topic, spread over 40 days.
	for i := range 40 {
		d := time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		arts = append(arts, art("content/articles/common"+strconv.Itoa(i)+".md", d, map[string][]string{"topics": {"Economy"}}))
	}
	// The subject shares the common topic with all of them, and a rare
	// person with two articles far away in time.
	subject := art("content/articles/subject.md", "2024-01-20", map[string][]string{"topics": {"Economy"}, "people": {"Rare Person"}})
	far1 := art("content/articles/far1.md", "2020-01-01", map[string][]string{"people": {"Rare Person"}})
	far2 := art("content/articles/far2.md", "2028-01-01", map[string][]string{"people": {"Rare Person"}})
	s, probs := Assemble(config.Default(), append(arts, subject, far1, far2), nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var got []string
	for _, a := range s.byPath["content/articles/subject.md"].Related {
		got = append(got, a.Slug)
	}
	// The rare person outweighs the common topic, and the closer of the
	// two far articles comes first (2028 is 1,442 days away, 2020 1,480).
	// Among the common ones the same day wins, then 19 and 21 January,
	// tied, in path order.
	want := "far2 far1 common19 common18 common20"
	if strings.Join(got, " ") != want {
		t.Errorf("related %q, want %q", strings.Join(got, " "), want)
	}
}

func TestArchivePeriods(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("timezone: Europe/Warsaw\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := art("content/articles/a.md", "2024-07-01", nil)
	a.Date = time.Date(2024, 6, 30, 22, 30, 0, 0, time.UTC) // 1 July, 00:30 in Warsaw
	b := art("content/articles/b.md", "2024-06-15", nil)
	c := art("content/articles/c.md", "2022-12-31", nil)
	s, _ := Assemble(cfg, []*content.Article{a, b, c}, nil, nil)
	var got []string
	for _, y := range s.Years {
		got = append(got, fmt.Sprintf("%s=%d", y.URL, y.Count()))
		for _, m := range y.Months {
			got = append(got, fmt.Sprintf("%s=%d", m.URL, m.Count()))
		}
	}
	if want := "/2024/=2 /2024/07/=1 /2024/06/=1 /2022/=1 /2022/12/=1"; strings.Join(got, " ") != want {
		t.Errorf("archive %q, want %q", strings.Join(got, " "), want)
	}
	if s.byPath["content/articles/a.md"].Month.URL != "/2024/07/" {
		t.Error("a month is not in the site's time zone")
	}
}

func TestOftenWith(t *testing.T) {
	s, _ := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"people": {"A", "B"}, "places": {"X"}, "authors": {"W"}}),
		art("content/articles/2.md", "2020-01-02", map[string][]string{"people": {"A", "B"}}),
		art("content/articles/3.md", "2020-01-03", map[string][]string{"people": {"A", "C"}}),
	}, nil, nil)
	var got []string
	for _, c := range s.Taxonomy("people").bySlug["a"].OftenWith {
		got = append(got, fmt.Sprintf("%s:%d", c.Term.Name, c.Count))
	}
	if want := "B:2 C:1 X:1"; strings.Join(got, " ") != want {
		t.Errorf("often with A: %q, want %q (authors are not counted)", strings.Join(got, " "), want)
	}
}

func TestAliasesMergeIntoProfile(t *testing.T) {
	profile := &content.Profile{Path: "content/people/volodymyr-zelensky.md", Taxonomy: "people", Slug: "volodymyr-zelensky",
		Name: "Volodymyr Zelensky", Aliases: []string{"Zelenskyy", "Volodymyr Zelenskyy"}}
	s, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"people": {"Volodymyr Zelenskyy"}}),
		art("content/articles/2.md", "2020-01-02", map[string][]string{"people": {"Zelenskyy"}}),
		art("content/articles/3.md", "2020-01-03", map[string][]string{"people": {"Zelenskyy", "Volodymyr Zelensky"}}),
	}, []*content.Profile{profile}, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	people := s.Taxonomy("people")
	if len(people.Terms) != 1 {
		t.Fatalf("%d people, want the aliases merged into 1", len(people.Terms))
	}
	z := people.Terms[0]
	if z.Name != "Volodymyr Zelensky" || z.Count() != 3 || z.Profile != profile || len(s.Articles[0].Terms("people")) != 1 {
		t.Errorf("term %q with %d articles, profile %v", z.Name, z.Count(), z.Profile != nil)
	}
}

// TestOftenWithPairsAnArticlesFirstTerms checks that an article pairs
// only its first terms of each taxonomy: one of thousands of names paired
// each with every other, which is work with the square of the names.
func TestOftenWithPairsAnArticlesFirstTerms(t *testing.T) {
	var people []string
	for i := range pairedTerms + 10 {
		people = append(people, fmt.Sprintf("P%03d", i))
	}
	last := people[len(people)-1]
	s, _ := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"people": people, "places": {"X"}}),
		art("content/articles/2.md", "2020-01-02", map[string][]string{"people": {last}, "places": {"Y"}}),
	}, nil, nil)
	often := func(tax, sl string) string {
		var got []string
		for _, c := range s.Taxonomy(tax).bySlug[sl].OftenWith {
			got = append(got, fmt.Sprintf("%s:%d", c.Term.Name, c.Count))
		}
		return strings.Join(got, " ")
	}
	if got, want := often("people", strings.ToLower(last)), "Y:1"; got != want {
		t.Errorf("often with %s, past the first %d people of its article: %q, want %q", last, pairedTerms, got, want)
	}
	if got, want := often("places", "x"), "P000:1 P001:1 P002:1 P003:1 P004:1 P005:1 P006:1 P007:1 P008:1 P009:1 P010:1 P011:1"; got != want {
		t.Errorf("often with X: %q, want %q", got, want)
	}
	if got := often("people", "p000"); strings.Contains(got, last) || !strings.HasPrefix(got, "P001:1 P002:1") {
		t.Errorf("often with P000: %q", got)
	}
}

// TestAssembleLinearInNames assembles an article of 99,000 names, under
// the front matter's bound on values. Pairing every name with every
// other for "often with", and looking for repeats by comparing each name
// with every one before it, took many minutes.
func TestAssembleLinearInNames(t *testing.T) {
	terms := map[string][]string{}
	for _, tax := range []string{"people", "places", "topics"} {
		for i := range 33_000 {
			terms[tax] = append(terms[tax], fmt.Sprintf("%s %06d", tax, i))
		}
	}
	arts := []*content.Article{
		art("content/articles/list.md", "2020-01-01", terms),
		art("content/articles/2.md", "2020-01-02", map[string][]string{"people": {"people 000001", "Jane Roe"}}),
	}
	// A few seconds under -race when linear; many minutes when not, which
	// go test's -timeout ends. The time itself is not asserted.
	s, _ := Assemble(config.Default(), arts, nil, nil)
	if n := len(s.Taxonomy("people").Terms); n != 33_001 {
		t.Errorf("%d people, want 33,001", n)
	}
}

// TestProfileByFileName checks that a profile's file names its term: the
// articles that list "jdoe" show the profile's name, and those that give
// the name reach the same term, at the file's URL.
func TestProfileByFileName(t *testing.T) {
	jdoe := &content.Profile{Path: "content/authors/jdoe.md", Taxonomy: "authors", Slug: "jdoe", Name: "Jane Doe",
		Aliases: []string{"J. Doe"}, Params: map[string]any{"twitter": "jdoe"}}
	rroe := &content.Profile{Path: "content/authors/rroe/_index.md", Taxonomy: "authors", Slug: "rroe", Name: "Richard Roe"}
	s, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"authors": {"jdoe", "rroe"}}),
		art("content/articles/2.md", "2020-01-02", map[string][]string{"authors": {"jdoe"}}),
		art("content/articles/3.md", "2020-01-03", map[string][]string{"authors": {"Jane Doe"}}),
		art("content/articles/4.md", "2020-01-04", map[string][]string{"authors": {"J. Doe", "Richard Roe"}}),
	}, []*content.Profile{jdoe, rroe}, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var got []string
	for _, term := range s.Taxonomy("authors").Terms {
		got = append(got, fmt.Sprintf("%s %s %d %v", term.Name, term.URL, term.Count(), term.Params()))
	}
	if want := []string{"Jane Doe /authors/jdoe/ 4 map[twitter:jdoe]", "Richard Roe /authors/rroe/ 2 map[]"}; !slices.Equal(got, want) {
		t.Errorf("authors:\n%q\nwant\n%q", got, want)
	}
	if byline := s.Article("content/articles/2.md").Authors(); len(byline) != 1 || byline[0].Name != "Jane Doe" {
		t.Errorf("byline %v", byline)
	}
}

func TestTwoProfilesOfOneTerm(t *testing.T) {
	a := &content.Profile{Path: "content/authors/jdoe.md", Taxonomy: "authors", Slug: "jdoe", Name: "Jane Doe"}
	b := &content.Profile{Path: "content/authors/jdoe/_index.md", Taxonomy: "authors", Slug: "jdoe", Name: "Jane"}
	_, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/1.md", "2020-01-01", map[string][]string{"authors": {"jdoe"}}),
	}, []*content.Profile{a, b}, nil)
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	if want := []string{"content/authors/jdoe/_index.md: a second profile of the term /authors/jdoe/, after content/authors/jdoe.md: keep one of the two files"}; !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// TestPeriodNeighbours: each year and month links the periods of its
// length just before and after it that have articles, months across
// years, skipping the empty ones.
func TestPeriodNeighbours(t *testing.T) {
	s, probs := Assemble(config.Default(), []*content.Article{
		art("content/articles/a.md", "2024-03-02", nil),
		art("content/articles/b.md", "2024-01-02", nil),
		art("content/articles/c.md", "2021-11-01", nil),
		art("content/articles/d.md", "2021-11-20", nil),
	}, nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	name := func(p *Period) string {
		if p == nil {
			return "-"
		}
		return p.Title()
	}
	var got []string
	for _, y := range s.Years {
		got = append(got, name(y.Prev)+"<"+y.Title()+">"+name(y.Next))
		for _, m := range y.Months {
			got = append(got, name(m.Prev)+"<"+m.Title()+">"+name(m.Next))
		}
	}
	want := []string{"2021<2024>-", "January 2024<March 2024>-", "November 2021<January 2024>March 2024", "-<2021>2024", "-<November 2021>January 2024"}
	if !slices.Equal(got, want) {
		t.Errorf("neighbours\n%q\nwant\n%q", got, want)
	}
}
