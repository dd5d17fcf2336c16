package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
)

// commentsArticle is an article with an archived thread: a comment with
// the commenter's site, a reply to it in Markdown with raw HTML, and
// another comment.
const commentsArticle = `---
title: Talks resume
date: 2024-07-10 09:00
comments:
  - id: 101
    author: Jane <Roe>
    url: https://jane.example/
    date: 2024-07-10 10:15
    text: Good piece, & a fair one. <script>alert(1)</script>
  - id: 102
    parent: 101
    author: Bob
    date: 2024-07-11 08:00
    text: "Agreed: see [the treaty](/articles/treaty/) or write to bob@example.com."
  - id: 103
    author: Ann
    date: 2024-07-12 18:30
    text: Later.
---
Talks resumed.

## Comments

A heading of the body's own.
`

// TestCommentsPage builds an article with comments and checks the
// thread its page shows: names, dates, text escaped and sanitised,
// replies nested, links the commenter's, headings one level apiece; and
// that the page is valid HTML.
func TestCommentsPage(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/2024/07/talks-resume.md", commentsArticle)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page := readOut(t, dest, "articles/talks-resume/index.html")
	want := `<section class="wrap comments" id="comments" aria-labelledby="comments-heading">
  <h2 id="comments-heading">Comments</h2>
  <p class="comments-note">3 comments from the site’s earlier version, kept as they were. Commenting is closed.</p>
<ol class="comment-list">
  <li id="comment-101">
    <article class="comment">
      <h3 class="comment-author"><a href="https://jane.example/" rel="nofollow ugc external">Jane &lt;Roe&gt;</a></h3>
      <footer class="comment-meta"><a href="#comment-101"><time datetime="2024-07-10T10:15:00&#43;02:00">10 July 2024, 10:15</time></a></footer>
      <div class="comment-text"><p>Good piece, &amp; a fair one. </p></div>
    </article>
<ol class="comment-list">
  <li id="comment-102">
    <article class="comment">
      <h4 class="comment-author">Bob</h4>
      <footer class="comment-meta"><a href="#comment-102"><time datetime="2024-07-11T08:00:00&#43;02:00">11 July 2024, 08:00</time></a></footer>
      <div class="comment-text"><p>Agreed: see <a href="../../articles/treaty/" rel="nofollow ugc">the treaty</a> or write to bob@example.com.</p></div>
    </article>
  </li>
</ol>
  </li>
  <li id="comment-103">
    <article class="comment">
      <h3 class="comment-author">Ann</h3>
      <footer class="comment-meta"><a href="#comment-103"><time datetime="2024-07-12T18:30:00&#43;02:00">12 July 2024, 18:30</time></a></footer>
      <div class="comment-text"><p>Later.</p></div>
    </article>
  </li>
</ol>
</section>`
	if !strings.Contains(page, want) {
		t.Errorf("the page lacks the thread\n%s\nin\n%s", want, page)
	}
	for _, bad := range []string{"<script>alert", "mailto:"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page shows %s", bad)
		}
	}
	// The body's heading "Comments" gives way to the thread's id.
	if !strings.Contains(page, `<h2 id="comments-2">Comments</h2>`) {
		t.Errorf("the body's heading keeps the id comments:\n%s", page)
	}
	if problems := checkHTML(t, dest, []string{filepath.Join(dest, "articles", "talks-resume", "index.html")}, false); len(problems) > 0 {
		t.Errorf("vnu:\n%s", strings.Join(problems, "\n"))
	}
}
