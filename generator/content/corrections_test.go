package content_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
)

// TestCorrections: corrections are read oldest first (as written for one
// day), with their kinds, their inline Markdown rendered and escaped.
func TestCorrections(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	a := mustParse(t, p, articlePath, "---\ntitle: A\ndate: 2024-07-22\ncorrections:\n"+
		"  - date: 2024-07-25\n    text: An earlier version gave the wrong *year* <b>1957</b>.\n"+
		"  - date: 2024-07-23\n    kind: Update\n    text: The minister   replied.\n---\n\nText.\n")
	if len(a.Corrections) != 2 {
		t.Fatalf("corrections %+v", a.Corrections)
	}
	first, second := a.Corrections[0], a.Corrections[1]
	if first.Kind != content.KindUpdate || first.Text != "The minister replied." || first.Date.Day() != 23 {
		t.Errorf("first: %+v", first)
	}
	if second.Kind != content.KindCorrection || second.Text != "An earlier version gave the wrong year <b>1957</b>." ||
		string(second.TextHTML) != "An earlier version gave the wrong <em>year</em> &lt;b&gt;1957&lt;/b&gt;." {
		t.Errorf("second: %+v", second)
	}
	if got := a.LatestChange(); !got.Equal(second.Date) {
		t.Errorf("latest change %v, want the newest correction's %v", got, second.Date)
	}
	a.Updated = second.Date.Add(24 * time.Hour)
	if got := a.LatestChange(); !got.Equal(a.Updated) {
		t.Errorf("latest change %v, want the later updated date %v", got, a.Updated)
	}
}

// TestCorrectionProblems: each wrong correction is an error naming its
// item and field, at its line.
func TestCorrectionProblems(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	const head = "---\ntitle: A\ndate: 2024-07-22\n"
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"not a list", head + "corrections: fixed\n---\n", []string{
			articlePath + `:4: corrections: must be a list of corrections, each with a date and a text, such as [{date: 2024-07-23, text: "…"}], not "fixed"`}},
		{"not a correction", head + "corrections:\n  - fixed\n---\n", []string{
			articlePath + `:4: corrections[0]: must be a correction with a date and a text, not "fixed"`}},
		{"bad fields", head + "corrections:\n  - date: 2024-07-23\n    text: ok\n  - date: 2024-07-21\n    kind: erratum\n    text: [a]\n    by: Ann\n---\n", []string{
			articlePath + `:7: corrections[1].by: is not a field of a correction (date, kind, text): remove it`,
			articlePath + `:7: corrections[1].date: 2024-07-21 is before the article's date 2024-07-22`,
			articlePath + `:7: corrections[1].kind: "erratum" must be correction (a fact the article got wrong) or update (news since)`,
			articlePath + `:7: corrections[1].text: must be text, not a list`,
		}},
		{"missing", head + "corrections:\n  - kind: update\n---\n", []string{
			articlePath + `:5: corrections[0].date: missing: add the day it was made, such as date: 2024-07-23`}},
		{"no text", head + "corrections:\n  - date: 2024-07-23\n---\n", []string{
			articlePath + `:5: corrections[0].text: missing: say what was corrected, such as text: An earlier version misspelled the minister's name.`}},
		{"TOML", "+++\ntitle = \"A\"\ndate = 2024-07-22\n[[corrections]]\ndate = 2024-07-22T10:00:00\nkind = 3\ntext = \"t\"\n+++\n", []string{
			articlePath + `:4: corrections[0].kind: must be correction or update, not the number 3`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := p.Parse(articlePath, []byte(tc.src))
			if got := problemTexts(probs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestSeries: series: names the series (as text, or a list of one name
// as Hugo sites write it) and part: the article's number in it; wrong
// ones are errors. A site whose taxonomies include series keeps it a
// taxonomy, and part: its layouts'.
func TestSeries(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	const head = "---\ntitle: A\ndate: 2024-07-22\n"
	a := mustParse(t, p, articlePath, head+"series: \" The  long road \"\npart: 2\n---\n")
	if a.Series != "The long road" || a.Part != 2 {
		t.Errorf("series %q part %d", a.Series, a.Part)
	}
	a = mustParse(t, p, articlePath, head+"series: [The long road]\n---\n")
	if a.Series != "The long road" || a.Part != 0 {
		t.Errorf("series %q part %d", a.Series, a.Part)
	}
	for _, tc := range []struct{ src, want string }{
		{"series: [A, B]\n", articlePath + `:4: series: names 2 series: an article is part of one series at most`},
		{"series: A\npart: 0\n", articlePath + `:5: part: 0 must be a whole number from 1, such as part: 2`},
		{"series: A\npart: 1.5\n", articlePath + `:5: part: 1.5 must be a whole number from 1, such as part: 2`},
		{"series: A\npart: two\n", articlePath + `:5: part: must be a whole number from 1, such as part: 2, not "two"`},
		{"part: 2\n", articlePath + `:4: part: gives a part, but the article names no series: add series: with its name`},
		{"series: \" \"\n", articlePath + `:4: series: is empty: name the series, or remove the field`},
	} {
		_, probs := p.Parse(articlePath, []byte(head+tc.src+"---\n"))
		if got := problemTexts(probs); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: problems %q, want %q", tc.src, got, tc.want)
		}
	}
	cfg := config.Default()
	cfg.Taxonomies = append(cfg.Taxonomies, config.Taxonomy{Name: "series", Title: "Series", Singular: "Series", Path: "series"})
	tp := content.NewParser(cfg)
	a = mustParse(t, tp, articlePath, head+"series: [A, B]\npart: 3\n---\n")
	if a.Series != "" || !reflect.DeepEqual(a.Terms["series"], []string{"A", "B"}) || a.Params["part"] != int64(3) {
		t.Errorf("with a series taxonomy: series %q, terms %v, params %v", a.Series, a.Terms, a.Params)
	}
}

// TestImagesWithoutAlt: images of the Markdown without a text
// alternative are one warning for the article, at the first, naming
// each line; images with one, and raw HTML, are left alone.
func TestImagesWithoutAlt(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	_, probs := p.Parse(articlePath, []byte("---\ntitle: A\ndate: 2024-07-22\n---\nText.\n\n![](/img/a.jpg)\n\nMore ![Boats](/img/b.jpg) and ![ ](/img/c.jpg).\n\n<img src=\"/img/e.jpg\">\n"))
	want := []string{articlePath + ":7: warning: 2 images have no text alternative (lines 7, 9): write what each shows between its brackets, ![what it shows](photo.jpg), for readers who cannot see it"}
	if got := problemTexts(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, probs = p.Parse(articlePath, []byte("---\ntitle: A\ndate: 2024-07-22\n---\n![A harbour](/img/a.jpg)\n"))
	if len(probs) > 0 {
		t.Errorf("an image with a text alternative: %v", probs)
	}
}
