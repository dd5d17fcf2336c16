package content_test

import (
	"html/template"
	"reflect"
	"strings"
	"testing"
	"time"

	"folio/generator/content"
)

// TestComments reads a thread: replies under their parents in the order
// listed, dates in the site's zone unless they give theirs, text rendered
// by the comment policy, the commenter's site kept.
func TestComments(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	a := mustParse(t, p, articlePath, `---
title: Treaty
date: 2024-07-22
comments:
  - id: 1
    author: "  Jane   Roe "
    url: https://jane.example/
    date: 2024-07-22 10:15
    text: |
      First! See **this** and <a href="https://x.example/" onclick="x()">that</a>.

      # 1 fan
  - id: "2"
    parent: 1
    author: Bob
    date: 2024-07-22T12:00:00Z
    text: "![a cat](https://x.example/cat.jpg) <script>alert(1)</script>bob@example.com"
  - id: c-3
    author: Ann
    date: 2024-07-23
    text: Later.
---
Body.
`)
	warsaw, _ := time.LoadLocation("Europe/Warsaw")
	bob := &content.Comment{ID: "2", Author: "Bob", Date: time.Date(2024, 7, 22, 12, 0, 0, 0, time.UTC), Depth: 2,
		Text: `<p><a href="https://x.example/cat.jpg" rel="nofollow ugc">a cat</a> bob@example.com</p>`}
	want := []*content.Comment{
		{ID: "1", Author: "Jane Roe", URL: "https://jane.example/", Date: time.Date(2024, 7, 22, 10, 15, 0, 0, warsaw), Depth: 1,
			Text:    "<p>First! See <strong>this</strong> and <a href=\"https://x.example/\" rel=\"nofollow ugc\">that</a>.</p>\n<p><strong>1 fan</strong></p>",
			Replies: []*content.Comment{bob}},
		{ID: "c-3", Author: "Ann", Date: time.Date(2024, 7, 23, 0, 0, 0, 0, warsaw), Depth: 1, Text: "<p>Later.</p>"},
	}
	if !reflect.DeepEqual(a.Comments, want) {
		for i, c := range a.Comments {
			t.Logf("comment %d: %+v", i, *c)
		}
		t.Errorf("comments differ from %+v", want)
	}
	if _, ok := a.Params["comments"]; ok {
		t.Error("the comments are kept in Params too")
	}
}

// TestCommentsSwitch: comments: true or false, which Hugo's and
// Jekyll's themes read, is no list of comments but a param.
func TestCommentsSwitch(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	a := mustParse(t, p, articlePath, "---\ntitle: A\ndate: 2024-07-22\ncomments: false\n---\n")
	if a.Comments != nil || a.Params["comments"] != false {
		t.Errorf("comments %v, params %v", a.Comments, a.Params)
	}
}

// TestCommentDepth: past MaxCommentDepth, a reply is shown after its
// parent at the deepest depth.
func TestCommentDepth(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	var b strings.Builder
	b.WriteString("---\ntitle: A\ndate: 2024-07-22\ncomments:\n")
	for i := 1; i <= 6; i++ {
		b.WriteString("  - {id: " + string(rune('0'+i)) + ", author: A, date: 2024-07-22, text: t")
		if i > 1 {
			b.WriteString(", parent: " + string(rune('0'+i-1)))
		}
		b.WriteString("}\n")
	}
	b.WriteString("---\n")
	a := mustParse(t, p, articlePath, b.String())
	var ids []string
	var depths []int
	var walk func([]*content.Comment)
	walk = func(list []*content.Comment) {
		for _, c := range list {
			ids, depths = append(ids, c.ID), append(depths, c.Depth)
			walk(c.Replies)
		}
	}
	walk(a.Comments)
	if !reflect.DeepEqual(ids, []string{"1", "2", "3", "4", "5", "6"}) || !reflect.DeepEqual(depths, []int{1, 2, 3, 4, 4, 4}) {
		t.Errorf("ids %v, depths %v", ids, depths)
	}
	if third := a.Comments[0].Replies[0].Replies[0]; len(third.Replies) != 3 {
		t.Errorf("the third comment has %d replies, want 3 (4, and 5 and 6 beside it)", len(third.Replies))
	}
}

// TestCommentProblems: each problem names the file, the comment's line
// and the field.
func TestCommentProblems(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	const head = "---\ntitle: A\ndate: 2024-07-22\n"
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"not a list", head + "comments: nice\n---\n", []string{
			articlePath + `:4: comments: must be a list of comments, each with id, author, date and text, not "nice"`}},
		{"not a comment", head + "comments:\n  - nice\n---\n", []string{
			articlePath + `:4: comments[0]: must be a comment with id, author, date and text, not "nice"`}},
		{"everything missing", head + "comments:\n  - {}\n---\n", nil}, // an empty map is a scalar-less item: see below
		{"bad fields", head + "comments:\n  - id: 1\n    author: A\n    date: 2024-07-22\n    text: t\n  - id: x y\n    parent: 9\n    author: \" \"\n    email: a@b.example\n    url: javascript:alert(1)\n    date: 22.07.2024\n    text: [a]\n    likes: 3\n---\n", []string{
			articlePath + `:9: comments[1].author: missing: the commenter's name (Anonymous, when they gave none)`,
			articlePath + `:9: comments[1].date: "22.07.2024" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
			articlePath + `:9: comments[1].email: folio never shows a commenter's e-mail or IP address: remove the field`,
			articlePath + `:9: comments[1].id: "x y" must be letters, digits, - and _ (it names the comment's anchor, #comment-x y)`,
			articlePath + `:9: comments[1].likes: is not a field of a comment (id, parent, author, url, date, text): remove it`,
			articlePath + `:9: comments[1].parent: "9" is not the id of a comment listed before this one: list a reply after the comment it answers`,
			articlePath + `:9: comments[1].text: must be text, not a list`,
			articlePath + `:9: comments[1].url: "javascript:alert(1)" is not an http(s) address: the commenter's site, such as https://example.com/`,
		}},
		{"duplicate id, reply first", head + "comments:\n  - {id: 2, parent: 1, author: A, date: 2024-07-22, text: t}\n  - {id: 1, author: A, date: 2024-07-22, text: t}\n  - {id: 1, author: A, date: 2024-07-22, text: t}\n---\n", []string{
			articlePath + `:5: comments[0].parent: "1" is not the id of a comment listed before this one: list a reply after the comment it answers`,
			articlePath + `:7: comments[2].id: "1" is also the id of comments[1]: give each comment its own`,
		}},
		{"TOML", "+++\ntitle = \"A\"\ndate = 2024-07-22\n[[comments]]\nid = 1\nauthor = \"A\"\ndate = 2024-07-22T10:00:00\n+++\n", []string{
			articlePath + `:4: comments[0].text: missing: the comment's text`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := p.Parse(articlePath, []byte(tc.src))
			got := problemTexts(probs)
			if tc.want == nil {
				tc.want = []string{
					articlePath + `:5: comments[0].author: missing: the commenter's name (Anonymous, when they gave none)`,
					articlePath + `:5: comments[0].date: missing: add the comment's date, such as date: 2024-07-22 09:30`,
					articlePath + `:5: comments[0].id: missing: give each comment an id, such as id: 12, which its replies name as their parent`,
					articlePath + `:5: comments[0].text: missing: the comment's text`,
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestCommentsTrustNothing: markdown.unsafe trusts the site's own HTML,
// never a comment's.
func TestCommentsTrustNothing(t *testing.T) {
	p := content.NewParser(parseConfig(t, "markdown:\n  unsafe: true\n"))
	a := mustParse(t, p, articlePath, "---\ntitle: A\ndate: 2024-07-22\ncomments:\n  - {id: 1, author: A, date: 2024-07-22, text: \"<iframe src=https://www.youtube.com/embed/x></iframe><b onclick=x()>hi</b> <a href='mailto:a@b.example'>me</a>\"}\n---\n<b onclick=\"x()\">body</b>\n")
	if got, want := a.Comments[0].Text, template.HTML("<b>hi</b> me"); got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if !strings.Contains(a.Body, `onclick`) {
		t.Errorf("the body's trusted HTML was cleaned: %s", a.Body)
	}
}
