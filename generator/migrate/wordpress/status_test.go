package wordpress

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// export writes an export of the given items (type, status, slug) and
// returns its path.
func export(t *testing.T, items [][3]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>T</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://ex.org</wp:base_blog_url>
`)
	for i, it := range items {
		meta := ""
		if i == 0 {
			// A repeated custom field, and one with a name folio keeps.
			meta = "<wp:postmeta><wp:meta_key>mirror</wp:meta_key><wp:meta_value>a</wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>mirror</wp:meta_key><wp:meta_value>b</wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>Title</wp:meta_key><wp:meta_value>x</wp:meta_value></wp:postmeta>"
		}
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://ex.org/%s/</link><content:encoded>Text.</content:encoded><wp:post_id>%d</wp:post_id><wp:post_date>2030-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2030-01-02 10:00:00</wp:post_date_gmt><wp:post_name>%s</wp:post_name><wp:status>%s</wp:status><wp:post_type>%s</wp:post_type>%s</item>\n",
			it[2], it[2], i+1, it[2], it[1], it[0], meta)
	}
	b.WriteString("</channel></rss>\n")
	p := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMigrateStatuses(t *testing.T) {
	src := export(t, [][3]string{
		{"post", "publish", "published"},
		{"post", "future", "scheduled"},
		{"post", "pending", "in-review"},
		{"post", "trash", "binned"},
		{"post", "auto-draft", "auto"},
		{"event", "publish", "gala"},
		{"product", "publish", "widget"},
		{"product", "publish", "gadget"},
	})
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := migrate.Run(src, dest, Reader(), migrate.Options{Sections: []string{"event"}}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"published.md": "---\ntitle: published\ndate: \"2030-01-02T10:00:00Z\"\nslug: published\naliases:\n  - /?p=1\nmirror:\n  - a\n  - b\n---\nText.\n",
		// A scheduled post keeps its date ahead: folio publishes it then.
		"scheduled.md": "---\ntitle: scheduled\ndate: \"2030-01-02T10:00:00Z\"\nslug: scheduled\n---\nText.\n",
		"in-review.md": "---\ntitle: in-review\ndate: \"2030-01-02T10:00:00Z\"\ndraft: true\nslug: in-review\n---\nText.\n",
		// -sections event takes the event type as articles.
		"gala.md": "---\ntitle: gala\ndate: \"2030-01-02T10:00:00Z\"\nslug: gala\naliases:\n  - /?p=6\n---\nText.\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, "content/articles/2030/01", name))
		if err != nil || string(b) != want {
			t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, b, want)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- articles: 4\n",
		"- export.xml:7: post 4 \"binned\": trash\n",
		"- export.xml:8: post 5 \"auto\": auto-draft\n",
		"- export.xml: 2 items of type product\n",
		"- export.xml:4: post 1: custom field \"Title\" is a name folio keeps for itself: left out\n",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", line, md)
		}
	}
}

// -taxonomy category=topics,post_tag=topics puts tags among the topics.
func TestMigrateTaxonomyMapping(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "new")
	opts := migrate.Options{Taxonomies: map[string]string{"category": "topics", "post_tag": "topics"}}
	if _, err := migrate.Run(filepath.Join("testdata", "site", "export.xml"), dest, Reader(), opts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "content/articles/2015/06/its-the-first.md"))
	if !strings.Contains(string(b), "\ntopics:\n  - City Hall\n  - Budget\n") || strings.Contains(string(b), "\ntags:") {
		t.Errorf("its-the-first.md:\n%s", b)
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	if !strings.Contains(string(cfg), "taxonomies:\n  - name: topics\n    title: Topics\n    singular: Topic\n  - name: authors\n    title: Authors\n    singular: Author\nmenu:\n  - title: Topics\n    url: /topics/\n  - title: Authors\n") ||
		!strings.Contains(string(cfg), "  - from: /tag/budget/\n    to: /topics/budget/\n") {
		t.Errorf("config.yaml:\n%s", cfg)
	}
	_, err := migrate.Run(filepath.Join("testdata", "site", "export.xml"), filepath.Join(t.TempDir(), "new"), Reader(),
		migrate.Options{Taxonomies: map[string]string{"category": "Topics"}})
	if want := `-taxonomy category=Topics: "Topics" must be lower-case letters, digits and hyphens, and not articles, pages or authors`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"The first &mdash; story":                              "The first — story",
		"<p>A <b>bold</b>\nmove, <a href=\"/x\">here</a>.</p>": "A bold move, here.",
		"<p>One</p><p>Two &amp; three</p>":                     "One Two & three",
	} {
		if got := plainText(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestPHPSerialized(t *testing.T) {
	for v, want := range map[string]bool{
		"a:1:{i:0;N;}":                    true,
		`O:8:"stdClass":1:{s:1:"a";i:1;}`: true,
		"a:0:{}":                          true,
		"Reuters":                         false,
		"a:b:{c}":                         false,
		"a:1:{i:0;N;} and more":           false,
		"":                                false,
	} {
		if got := phpSerialized(v); got != want {
			t.Errorf("phpSerialized(%q) = %v", v, got)
		}
	}
}

// TestMigratePolylangLanguage: a post or page Polylang put in another
// language than the site's says so in its language field.
func TestMigratePolylangLanguage(t *testing.T) {
	src := filepath.Join(t.TempDir(), "export.xml")
	item := func(id int, typ, slug, lang string) string {
		return fmt.Sprintf(`<item><title>%s</title><link>https://ex.org/%s/</link><content:encoded>Text.</content:encoded><wp:post_id>%d</wp:post_id><wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>%s</wp:post_name><wp:status>publish</wp:status><wp:post_type>%s</wp:post_type><category domain="language" nicename="%s"><![CDATA[L]]></category></item>`, slug, slug, id, slug, typ, lang)
	}
	os.WriteFile(src, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>T</title><link>https://ex.org</link><language>en-GB</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://ex.org</wp:base_blog_url>
`+item(1, "post", "greek", "el")+item(2, "post", "english", "en")+item(3, "page", "seite", "de")+item(4, "post", "odd", "Greek!")+`
</channel></rss>
`), 0o644)
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := migrate.Run(src, dest, Reader(), migrate.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"content/articles/2020/01/greek.md": true, "content/articles/2020/01/english.md": false, "content/pages/seite.md": true, "content/articles/2020/01/odd.md": false} {
		b, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil || strings.Contains(string(b), "\nlanguage: ") != want {
			t.Errorf("%s (language wanted: %v): %v\n%s", name, want, err, b)
		}
	}
}

// TestMigrateHandMadeExport migrates an export written by hand, as
// WordPress's theme-preview.xml is: no post ids (the plain permalink
// /?p=19 is the only address the post had, and stays one), categories
// without nicenames (kept), and WXR 1.0's pair of each term, one with
// and one without its nicename (kept once).
func TestMigrateHandMadeExport(t *testing.T) {
	p := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(p, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>T</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://ex.org</wp:base_site_url>
<item><title>Worth A Thousand Words</title><link>https://ex.org/?p=19</link><wp:post_date>2008-10-17 04:33:51</wp:post_date>
<category><![CDATA[Uncategorized]]></category><category><![CDATA[boat]]></category>
<category><![CDATA[News]]></category><category domain="category" nicename="news"><![CDATA[News]]></category>
<content:encoded><![CDATA[<p>Boat.</p>]]></content:encoded><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
`), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := migrate.Run(p, dest, Reader(), migrate.Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dest, "content/articles/2008/10/worth-a-thousand-words.md"))
	want := "---\ntitle: Worth A Thousand Words\ndate: \"2008-10-17T04:33:51Z\"\nslug: worth-a-thousand-words\naliases:\n  - /?p=19\ntopics:\n  - Uncategorized\n  - boat\n  - News\n---\nBoat.\n"
	if err != nil || string(got) != want {
		t.Errorf("%v\n%s\nwant\n%s", err, got, want)
	}
}

// TestMigrateOwnPaths: a post and a page whose addresses are pages of
// folio's own on the new site (a post "search" at /search/ under
// /%postname%/ permalinks, a page at /tags/) move to their path with
// their id, links to them follow, the report says so, and the new site
// builds.
func TestMigrateOwnPaths(t *testing.T) {
	src := export(t, [][3]string{
		{"post", "publish", "search"},
		{"post", "publish", "ordinary"},
		{"post", "publish", "another"},
		{"page", "publish", "tags"},
	})
	b, _ := os.ReadFile(src)
	os.WriteFile(src, []byte(strings.Replace(string(b), "<content:encoded>Text.</content:encoded>", `<content:encoded><![CDATA[See <a href="https://ex.org/search/">search</a>.]]></content:encoded>`, 2)), 0o644)
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"content/articles/2030/01/search.md":   "url: /search-1/\n",
		"content/pages/tags.md":                "url: /tags-4/\n",
		"content/articles/2030/01/ordinary.md": "See [search](/search-1/).",
	} {
		if got, _ := os.ReadFile(filepath.Join(dest, name)); !strings.Contains(string(got), want) {
			t.Errorf("%s lacks %q:\n%s", name, want, got)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, want := range []string{
		"post 1 \"search\" was at /search/, which is the search page on the new site: it is now at /search-1/",
		"page 4 \"tags\" was at /tags/, which is the tags pages on the new site: it is now at /tags-4/",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("MIGRATION.md lacks %q:\n%s", want, md)
		}
	}
	if _, err := build.Run(build.Options{Source: dest, Dest: filepath.Join(t.TempDir(), "public")}); err != nil {
		t.Errorf("the new site does not build: %v", err)
	}
}
