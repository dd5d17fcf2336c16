package render

import (
	"html/template"
	"time"

	"folio/generator/content"
	"folio/generator/sanitize"
)

// Comment is one of an article's archived comments as a layout shows it
// (see content.Comment), its text's links into the site made relative
// to the page.
type Comment struct {
	ID, Author, URL string
	Date            time.Time
	Text            template.HTML
	// Depth is 1 for a comment on the article, 2 for a reply to one, and
	// so on up to content.MaxCommentDepth.
	Depth   int
	Replies []*Comment
}

// Comments are the article's archived comments (comments: in its front
// matter), threaded; nil on other pages and articles without: {{ with
// .Comments }}. They are made for each page rendered, not kept.
func (d *Data) Comments() []*Comment {
	if d.Article == nil || d.Article.Parsed == nil {
		return nil
	}
	return d.comments(d.Article.Parsed.Comments)
}

func (d *Data) comments(list []*content.Comment) []*Comment {
	if len(list) == 0 {
		return nil
	}
	out := make([]*Comment, len(list))
	for i, c := range list {
		out[i] = &Comment{ID: c.ID, Author: c.Author, URL: c.URL, Date: c.Date, Depth: c.Depth,
			Text: template.HTML(rebase(string(c.Text), d.rootOf())), Replies: d.comments(c.Replies)}
	}
	return out
}

// CommentCount is the number of the article's comments, replies
// included.
func (d *Data) CommentCount() int {
	if d.Article == nil || d.Article.Parsed == nil {
		return 0
	}
	var count func([]*content.Comment) int
	count = func(list []*content.Comment) int {
		n := len(list)
		for _, c := range list {
			n += count(c.Replies)
		}
		return n
	}
	return count(d.Article.Parsed.Comments)
}

// ldComment is a schema.org Comment in JSON-LD; a reply is a comment of
// its parent, as the page shows it.
type ldComment struct {
	Type          string      `json:"@type"`
	URL           string      `json:"url"`
	Author        ldCommenter `json:"author"`
	DatePublished string      `json:"datePublished"`
	Text          string      `json:"text"`
	Comment       []ldComment `json:"comment,omitempty"`
}

// ldCommenter is a commenter: a name, and the site they gave.
type ldCommenter struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

func ldComments(list []*content.Comment, permalink string) []ldComment {
	if len(list) == 0 {
		return nil
	}
	out := make([]ldComment, len(list))
	for i, c := range list {
		out[i] = ldComment{Type: "Comment", URL: permalink + "#comment-" + c.ID,
			Author:        ldCommenter{Type: "Person", Name: c.Author, URL: c.URL},
			DatePublished: c.Date.Format(time.RFC3339), Text: sanitize.Text(string(c.Text)),
			Comment: ldComments(c.Replies, permalink)}
	}
	return out
}
