package build_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/generator/build"
)

// seriesPart is an article of the series "Treaty talks", part n, with a
// correction or not.
func seriesPart(title, date, part, more string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\nauthor: [Ann Lee, Bo Chen]\nseries: Treaty talks\n" + part + more + "---\nText.\n"
}

// TestCorrectionsSeriesAndCitations builds a site with a series of three
// parts (one numbered after a part without a number) and corrections,
// and checks what an archive's readers and archivists see: the notice
// and the list on the article, the corrections page newest first with
// its feed, JSON-LD's CorrectionComment, dateModified and isPartOf, the
// feed entry's updated date, the sitemap's lastmod, "Part 2 of 3" with
// the first, previous and next parts, the series pages, the
// citation_* meta, and the plain and BibTeX citations; all valid HTML.
func TestCorrectionsSeriesAndCitations(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2010/01/talks-open.md", seriesPart("Talks open", "2010-01-05", "part: 1\n", ""))
	write(t, root, "content/articles/2010/02/talks-stall.md", seriesPart("Talks stall & restart", "2010-02-05", "part: 2\n",
		"corrections:\n  - date: 2010-02-07\n    text: An earlier version named the wrong *envoy*.\n  - date: 2010-03-01\n    kind: update\n    text: The envoy replied <at last>.\n"))
	write(t, root, "content/articles/2010/03/talks-end.md", seriesPart("Talks {end}", "2010-03-05", "", ""))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, dest, "articles/talks-stall/index.html")
	for _, want := range []string{
		`<p class="correction-notice" role="note"><strong>Updated</strong> <time datetime="2010-03-01">1 March 2010</time>: <a href="#corrections">see the 2 notes at the end</a>.</p>`,
		`<li id="correction-1"><strong>Correction</strong>, <time datetime="2010-02-07">7 February 2010</time>: An earlier version named the wrong <em>envoy</em>.</li>`,
		`<li id="correction-2"><strong>Update</strong>, <time datetime="2010-03-01">1 March 2010</time>: The envoy replied &lt;at last&gt;.</li>`,
		`<p class="corrections-all"><a href="../../corrections/">Every correction in the archive</a></p>`,
		`<p>Part 2 of 3 in the series <a href="../../series/treaty-talks/">Treaty talks</a></p>`,
		`<li><span>Previous part</span> <a href="../talks-open/" rel="prev">Talks open</a></li>`,
		`<li><span>Next part</span> <a href="../talks-end/" rel="next">Talks {end}</a></li>`,
		`<meta name="citation_title" content="Talks stall &amp; restart">`,
		`<meta name="citation_author" content="Ann Lee">`,
		`<meta name="citation_author" content="Bo Chen">`,
		`<meta name="citation_publication_date" content="2010/02/05">`,
		`<meta name="citation_journal_title" content="The Dispatch Archive">`,
		`<meta property="article:modified_time" content="2010-03-01">`,
		`<p class="cite-plain">Ann Lee and Bo Chen. “Talks stall &amp; restart.” The Dispatch Archive, 5 February 2010. https://archive.example.org/articles/talks-stall/</p>`,
		"<pre><code>@article{lee2010talks,\n  author  = {Ann Lee and Bo Chen},\n  title   = {{Talks stall \\&amp; restart}},\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the corrected part lacks\n%s", want)
		}
	}
	if strings.Contains(page, "First part") {
		t.Error("part 2 names the first part apart, though it is the previous one")
	}
	last := readOut(t, dest, "articles/talks-end/index.html")
	for _, want := range []string{
		`<p>Part 3 of 3 in the series`,
		`<li><span>First part</span> <a href="../talks-open/">Talks open</a></li>`,
		`<li><span>Previous part</span> <a href="../talks-stall/" rel="prev">Talks stall &amp; restart</a></li>`,
		"title   = {{Talks \\{end\\}}},",
	} {
		if !strings.Contains(last, want) {
			t.Errorf("the last part lacks\n%s", want)
		}
	}
	if strings.Contains(last, "correction-notice") || strings.Contains(last, "Next part") {
		t.Error("the last part shows a correction or a next part")
	}

	// JSON-LD.
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		DateModified string `json:"dateModified"`
		Correction   []struct {
			Type          string `json:"@type"`
			Text          string `json:"text"`
			DatePublished string `json:"datePublished"`
			URL           string `json:"url"`
		} `json:"correction"`
		IsPartOf struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"isPartOf"`
		Position int `json:"position"`
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	if !strings.HasPrefix(ld.DateModified, "2010-03-01") || len(ld.Correction) != 2 || ld.Correction[0].Type != "CorrectionComment" ||
		ld.Correction[1].Text != "The envoy replied <at last>." || ld.Correction[1].URL != "https://archive.example.org/articles/talks-stall/#correction-2" {
		t.Errorf("JSON-LD %+v", ld)
	}
	if ld.IsPartOf.Type != "CreativeWorkSeries" || ld.IsPartOf.Name != "Treaty talks" || ld.IsPartOf.URL != "https://archive.example.org/series/treaty-talks/" || ld.Position != 2 {
		t.Errorf("JSON-LD isPartOf %+v, position %d", ld.IsPartOf, ld.Position)
	}

	// The corrections page, newest first, and its feed.
	list := readOut(t, dest, "corrections/index.html")
	upd := strings.Index(list, `talks-stall/#correction-2`)
	cor := strings.Index(list, `talks-stall/#correction-1`)
	if upd < 0 || cor < 0 || upd > cor {
		t.Errorf("the corrections page does not list the update before the correction")
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readOut(t, dest, "corrections/index.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	// The example archive's own corrections are newer: ours come last.
	if n := len(feed.Entries); n < 2 || feed.Entries[n-2].Title != "Update: Talks stall & restart" || feed.Entries[n-2].Updated != "2010-02-28T23:00:00Z" ||
		feed.Entries[n-2].ID != "https://archive.example.org/articles/talks-stall/#correction-2" || feed.Entries[n-2].Content != "The envoy replied <at last>." ||
		feed.Entries[n-1].Title != "Correction: Talks stall & restart" {
		t.Errorf("corrections feed %+v", feed.Entries)
	}
	// Feeds and the sitemap date the article by its last change.
	authorFeed := readOut(t, dest, "authors/ann-lee/index.xml")
	if !regexp.MustCompile(`<id>https://archive.example.org/articles/talks-stall/</id>\s*<published>2010-02-04T23:00:00Z</published>\s*<updated>2010-02-28T23:00:00Z</updated>`).MatchString(authorFeed) {
		t.Errorf("the author's feed does not date the corrected article by its update:\n%s", authorFeed)
	}
	if !strings.Contains(readOut(t, dest, "series/treaty-talks/index.html"), `Talks open`) {
		t.Error("the series page lacks its first part")
	}
	sitemap := readOut(t, dest, "sitemap.xml")
	for _, want := range []string{"<loc>https://archive.example.org/articles/talks-stall/</loc>\n  <lastmod>2010-02-28T23:00:00Z</lastmod>", "<loc>https://archive.example.org/series/treaty-talks/</loc>", "<loc>https://archive.example.org/series/</loc>", "<loc>https://archive.example.org/corrections/</loc>"} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("the sitemap lacks %s", want)
		}
	}
	series := readOut(t, dest, "series/treaty-talks/index.html")
	open, stall, end := strings.Index(series, "Talks open"), strings.Index(series, "Talks stall"), strings.Index(series, "Talks {end}")
	if !(open < stall && stall < end) || !strings.Contains(series, `<span class="part">Part 3</span>`) {
		t.Errorf("the series page does not list the parts in order")
	}
	if !strings.Contains(readOut(t, dest, "series/index.html"), `<a href="treaty-talks/">Treaty talks</a> <span class="count">3 parts`) {
		t.Error("the list of series lacks Treaty talks")
	}
	if archive := readOut(t, dest, "archive/index.html"); !strings.Contains(archive, `href="../corrections/"`) || !strings.Contains(archive, `href="../series/"`) {
		t.Error("the archive page does not link the corrections and the series")
	}
	files := []string{}
	for _, f := range []string{"articles/talks-stall/index.html", "articles/talks-end/index.html", "corrections/index.html", "series/index.html", "series/treaty-talks/index.html"} {
		files = append(files, filepath.Join(dest, filepath.FromSlash(f)))
	}
	if problems := checkHTML(t, dest, files, false); len(problems) > 0 {
		t.Errorf("vnu:\n%s", strings.Join(problems, "\n"))
	}
}

// TestSeriesProblems: two parts of one series with the same number are
// an error naming both files; a site with corrections and no layout for
// their page is told which file to add.
func TestSeriesProblems(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2010/01/a.md", seriesPart("A", "2010-01-05", "part: 1\n", ""))
	write(t, root, "content/articles/2010/02/b.md", seriesPart("B", "2010-02-05", "part: 1\n", ""))
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
	want := `content/articles/2010/02/b.md:6: part: part 1 of the series "Treaty talks" is also content/articles/2010/01/a.md's: give each part its own number`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
	root = copySite(t)
	remove(t, root, "layouts/corrections.html")
	_, err = build.Run(build.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public")})
	want = `layouts/corrections.html: missing: the site has corrections (`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}
