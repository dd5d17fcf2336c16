package wordpress

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/migrate"
)

// leaks finds what a migration must never write of a commenter: the
// export's e-mail addresses (every one ends in mail.example or
// spam.example) and IP addresses.
var leaks = regexp.MustCompile(`@(?:mail|spam)\.example|mail\.example|203\.0\.113\.|198\.51\.100\.|192\.0\.2\.|2001:db8`)

// noLeaks fails on any file under dir that holds an e-mail or IP
// address of the export's commenters.
func noLeaks(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := leaks.Find(b); m != nil {
			t.Errorf("%s holds %q", p, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrateComments migrates testdata/comments/export.xml with
// -comments: the approved readers' comments are written in thread order,
// a reply to a held comment on the post; held, spam and trashed
// comments, pingbacks and trackbacks are not; no e-mail or IP address is
// written anywhere; the site builds and shows the thread.
func TestMigrateComments(t *testing.T) {
	src := filepath.Join("testdata", "comments", "export.xml")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", ".."), Comments: true})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dest, "content/articles/2015/06/budget-passes.md"))
	want := "---\ntitle: Budget passes\ndate: \"2015-06-29T09:00:00+02:00\"\nslug: budget-passes\naliases:\n  - /?p=10\nauthors:\n  - jdoe\ncomments:\n" +
		// Thread order: Jane's comment, Bob's reply, the reply to it, then
		// Jane's second (later than hers, earlier than Bob's reply) and
		// the reply to a held comment, on the post. A name that is an
		// address is Anonymous; a javascript: or user@host site is no
		// site; a comment without a UTC date has the post's offset.
		"  - id: \"1\"\n    author: Jane Roe\n    url: https://jane.example/\n    date: \"2015-06-29T10:15:00+02:00\"\n    text: \"Great piece!  \\nThanks for it.\\n\\nMore on [the budget](https://city.example/budget), **please**.\"\n" +
		"  - id: \"2\"\n    parent: \"1\"\n    author: Bob\n    date: \"2015-06-29T12:00:00+02:00\"\n    text: Agreed. Write me at (e-mail address removed) or by mail.\n" +
		"  - id: \"10\"\n    parent: \"2\"\n    author: Anonymous\n    date: \"2015-06-29T12:30:00+02:00\"\n    text: Reply to Bob.\n" +
		"  - id: \"9\"\n    author: Jane Roe\n    url: https://jane.example/\n    date: \"2015-06-29T11:00:00+02:00\"\n    text: Earlier than Bob's reply, later than mine.\n" +
		"  - id: \"8\"\n    author: Anonymous\n    date: \"2015-06-30T09:00:00+02:00\"\n    text: 'A reply to a held comment: \\[gallery] \\*stars*'\n" +
		"---\nThe budget passed.\n"
	if string(got) != want {
		t.Errorf("budget-passes.md:\n%s\nwant:\n%s", got, want)
	}
	got, _ = os.ReadFile(filepath.Join(dest, "content/articles/2015/06/quiet-day.md"))
	if strings.Contains(string(got), "comments") {
		t.Errorf("quiet-day.md has comments, all of them spam:\n%s", got)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- comments (archived, read-only): 5\n",
		"### Comments left behind (folio shows comments under articles only) (1)\n\n- export.xml:",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", line, md)
		}
	}
	if rep.Counts[migrate.Comments] != 5 {
		t.Errorf("%d comments counted", rep.Counts[migrate.Comments])
	}
	pub := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: dest, Dest: pub}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(pub, "2015", "06", "budget-passes", "index.html"))
	for _, s := range []string{
		`<h3 class="comment-author"><a href="https://jane.example/" rel="nofollow ugc external">Jane Roe</a></h3>`,
		`<h4 class="comment-author">Bob</h4>`,
		`<h5 class="comment-author">Anonymous</h5>`,
		`<p class="comments-note">5 comments from`,
	} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	// Search engines read the thread in the JSON-LD: the count, each
	// comment's anchor, commenter, date and text, replies under their
	// parents.
	_, ld, _ := strings.Cut(string(page), `<script type="application/ld+json">`)
	ld, _, _ = strings.Cut(ld, "</script>")
	var article struct {
		CommentCount int `json:"commentCount"`
		Comment      []struct {
			URL    string `json:"url"`
			Author struct {
				Name, URL string
			} `json:"author"`
			DatePublished, Text string
			Comment             []struct {
				Author  struct{ Name string }   `json:"author"`
				Comment []struct{ Text string } `json:"comment"`
			} `json:"comment"`
		} `json:"comment"`
	}
	if err := json.Unmarshal([]byte(ld), &article); err != nil {
		t.Fatalf("JSON-LD %s: %v", ld, err)
	}
	if c := article.Comment; article.CommentCount != 5 || len(c) != 3 ||
		c[0].URL != "https://news.example.org/2015/06/budget-passes/#comment-1" || c[0].Author.Name != "Jane Roe" || c[0].Author.URL != "https://jane.example/" ||
		c[0].DatePublished != "2015-06-29T10:15:00+02:00" || c[0].Text != "Great piece! Thanks for it. More on the budget, please." ||
		len(c[0].Comment) != 1 || c[0].Comment[0].Author.Name != "Bob" || len(c[0].Comment[0].Comment) != 1 || c[0].Comment[0].Comment[0].Text != "Reply to Bob." {
		t.Errorf("JSON-LD comments: %s", ld)
	}
	for _, s := range []string{"Held Back", "Cheap Pills", "Trashed", "Other Blog", "Track Site", "<script>alert"} {
		if strings.Contains(string(page), s) {
			t.Errorf("the page shows %s", s)
		}
	}
	noLeaks(t, dest)
	noLeaks(t, pub)
}

// TestMigrateWithoutComments: without -comments no comment is written,
// and MIGRATION.md counts the approved ones left behind.
func TestMigrateWithoutComments(t *testing.T) {
	src := filepath.Join("testdata", "comments", "export.xml")
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := migrate.Run(src, dest, Reader(), migrate.Options{Look: filepath.Join("..", "..", "..")}); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(filepath.Join(dest, "content"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if b, _ := os.ReadFile(p); strings.Contains(string(b), "comments") || strings.Contains(string(b), "Jane Roe") {
			t.Errorf("%s holds comments:\n%s", p, b)
		}
		return nil
	})
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	if want := "### Comments left behind (migrate with -comments to keep them under their articles, archived and closed) (1)\n\n- export.xml: 6 approved comments on 2 posts and pages\n"; !strings.Contains(string(md), want) {
		t.Errorf("MIGRATION.md lacks\n%s\nin\n%s", want, md)
	}
	if strings.Contains(string(md), "- comments (archived") {
		t.Errorf("MIGRATION.md counts comments kept:\n%s", md)
	}
	noLeaks(t, dest)
}
