package wordpress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parsed is everything Parse handed over.
type parsed struct {
	ch      Channel
	authors []Author
	terms   []Term
	items   []Item
}

func parseFile(t *testing.T, name string) (*parsed, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return parseReader(f, name)
}

func parseString(s string) (*parsed, error) {
	return parseReader(strings.NewReader(s), "export.xml")
}

func parseReader(r interface{ Read([]byte) (int, error) }, name string) (*parsed, error) {
	p := &parsed{}
	err := Parse(r, name, Handler{
		Channel: func(c *Channel) error { p.ch = *c; return nil },
		Author:  func(a *Author) error { p.authors = append(p.authors, *a); return nil },
		Term:    func(t *Term) error { p.terms = append(p.terms, *t); return nil },
		Item:    func(it *Item) error { p.items = append(p.items, *it); return nil },
	})
	return p, err
}

func TestParseSmallExport(t *testing.T) {
	p, err := parseFile(t, "wpi/small-export.xml")
	if err != nil {
		t.Fatal(err)
	}
	if p.ch.Title != "trunk" || p.ch.Version != "1.1" || p.ch.BaseBlogURL != "http://localhost/" || p.ch.Language != "en" {
		t.Errorf("channel %+v", p.ch)
	}
	if len(p.authors) != 3 || p.authors[1] != (Author{ID: "2", Login: "editor", Email: "editor@example.org", DisplayName: "editor", FirstName: "FirstName", LastName: "LastName"}) {
		t.Errorf("authors %+v", p.authors)
	}
	var child Term
	for _, term := range p.terms {
		if term.Slug == "foo-bar" {
			child = term
		}
	}
	if child != (Term{ID: "5", Taxonomy: "category", Slug: "foo-bar", Parent: "bar", Name: "Foo", Description: "The child foo category"}) {
		t.Errorf("child category %+v", child)
	}
	types := map[string]int{}
	for _, it := range p.items {
		types[it.Type]++
	}
	if types["post"] == 0 || types["page"] == 0 {
		t.Errorf("item types %v", types)
	}
}

func TestParseCDATA(t *testing.T) {
	p, err := parseFile(t, "wpi/crazy-cdata-escaped.xml")
	if err != nil {
		t.Fatal(err)
	}
	it := p.items[0]
	if it.Content != "Content with nested <![CDATA[ tags ]]> :)" {
		t.Errorf("content %q", it.Content)
	}
	if got := it.MetaValue("Closing CDATA"); got != "]]>" {
		t.Errorf("meta %q", got)
	}
	var skipped Item
	f, _ := os.Open(filepath.Join("testdata", "wpi", "crazy-cdata-escaped.xml"))
	defer f.Close()
	if err := Parse(f, "x.xml", Handler{SkipContent: true, Item: func(it *Item) error { skipped = *it; return nil }}); err != nil {
		t.Fatal(err)
	}
	if skipped.Content != "" || skipped.ID != "1" || len(skipped.Meta) != 3 {
		t.Errorf("SkipContent: %+v", skipped)
	}
	p, err = parseFile(t, "wpi/multiple-cdata.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.items[0].Content; got != "\nline oneline twoline three\n" {
		t.Errorf("multiple CDATA sections: %q", got)
	}
}

// crazy-cdata.xml has "]]>" outside a CDATA section, which XML forbids
// and WordPress never writes (it splits the section); the error names
// the line.
func TestParseMalformed(t *testing.T) {
	for name, want := range map[string]string{
		"wpi/crazy-cdata.xml":      "wpi/crazy-cdata.xml:18: not a well-formed WordPress export: unescaped ]]> not in CDATA section",
		"wpi/malformed-simple.xml": "wpi/malformed-simple.xml:14: not a well-formed WordPress export: unexpected EOF",
	} {
		if _, err := parseFile(t, name); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
	for src, want := range map[string]string{
		`<html></html>`: "export.xml:1: not a WordPress export: the document is <html>, not <rss>",
		`<rss><channel><title>x</title><item></item></channel></rss>`:                                    "export.xml: not a WordPress export: no wp:wxr_version in the channel before its first author, term or item",
		`<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>2.0</wp:wxr_version>`: `export.xml:1: wp:wxr_version "2.0": folio reads WordPress exports of versions 1.0 to 1.2`,
		`<rss></rss>`: "export.xml: not a WordPress export: no <rss><channel>",
	} {
		if _, err := parseString(src); err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %q", src, err, want)
		}
	}
}

// Elements are known by their namespace URI: a wp: prefix bound to
// another URI is not WordPress's, and another prefix bound to WordPress's
// URI is.
func TestParseNamespaces(t *testing.T) {
	p, err := parseFile(t, "wpi/namespace-edge-cases.xml")
	if err != nil {
		t.Fatal(err)
	}
	var logins []string
	for _, a := range p.authors {
		logins = append(logins, a.Login)
	}
	if strings.Join(logins, ",") != "real_user,version_conflict" {
		t.Errorf("authors %q", logins)
	}
	byTitle := map[string]Item{}
	for _, it := range p.items {
		byTitle[it.Title] = it
	}
	if it := byTitle["No Prefix"]; it.ID != "2" {
		t.Errorf("default namespace: id %q", it.ID)
	}
	if it := byTitle["Hijacked Namespace"]; it.ID != "" || it.Type != "" {
		t.Errorf("hijacked namespace read as WordPress's: %+v", it)
	}
	if m := byTitle["Mixed Namespaces"].Meta; len(m) != 1 || m[0] != (Meta{"normal_key", "normal_value"}) {
		t.Errorf("postmeta of another namespace read: %q", m)
	}
}

func TestParseUTF8AndEncodings(t *testing.T) {
	p, err := parseFile(t, "wpi/wxr-utf-8-challenges.xml")
	if err != nil {
		t.Fatal(err)
	}
	if p.ch.Title != "My WordPress Website 🚀 \u202e\u202dمرحبا" {
		t.Errorf("title %q", p.ch.Title)
	}
	if p.items[0].Name != "hello-w\u202eorld\u202c-utf8-💫-test" {
		t.Errorf("post_name %q", p.items[0].Name)
	}
	// An export in ISO-8859-1, declared, reads as UTF-8 text.
	latin := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss xmlns:wp=\"http://wordpress.org/export/1.0/\"><channel><wp:wxr_version>1.0</wp:wxr_version><item><title>Caf\xe9</title></item></channel></rss>"
	p, err = parseString(latin)
	if err != nil {
		t.Fatal(err)
	}
	if p.items[0].Title != "Café" {
		t.Errorf("latin-1 title %q", p.items[0].Title)
	}
	// HTML entities outside CDATA, as some plugins write them.
	p, err = parseString(`<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>A&nbsp;B &amp; C</title></item></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	if p.items[0].Title != "A\u00a0B & C" {
		t.Errorf("entities %q", p.items[0].Title)
	}
}

func TestParseItemFields(t *testing.T) {
	p, err := parseFile(t, "wpi/valid-wxr-1.0.xml")
	if err != nil {
		t.Fatal(err)
	}
	if p.ch.Version != "1.0" || len(p.items) == 0 {
		t.Fatalf("channel %+v, %d items", p.ch, len(p.items))
	}
	if c := p.items[0].Comments; len(c) != 1 || c[0].Author != "Mr WordPress" || c[0].Approved != "1" {
		t.Errorf("comments %+v", c)
	}
	if c := p.items[2].Categories; len(c) != 6 || c[1] != (Cat{"category", "alpha", "alpha"}) || c[3] != (Cat{"tag", "news", "news"}) {
		t.Errorf("categories %q", c)
	}
	for _, it := range p.items {
		if it.ID == "" || it.Type == "" || it.Status == "" || it.PostDate == "" {
			t.Errorf("line %d: item fields missing: %+v", it.Line, it)
		}
	}
}

// WordPress's theme unit test data binds wp: to https://wordpress.org/…,
// which WordPress's importer reads as its own.
func TestParseHTTPSNamespace(t *testing.T) {
	p, err := parseString(`<rss xmlns:wp="https://wordpress.org/export/1.2/" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>7</wp:post_id><excerpt:encoded>E</excerpt:encoded></item></channel></rss>`)
	if err != nil {
		t.Fatal(err)
	}
	if p.items[0].ID != "7" || p.items[0].Excerpt != "E" {
		t.Errorf("item %+v", p.items[0])
	}
}
