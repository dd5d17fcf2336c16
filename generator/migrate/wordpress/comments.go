package wordpress

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"folio/generator/migrate"
	"folio/generator/migrate/wordpress/wpbody"
)

// A comment is kept when WordPress showed it: approved (not held,
// spam or trash), and a reader's comment. Pingbacks and trackbacks are
// left out: they are notices another site sent, an excerpt of its text
// under its title, mostly spam in old archives, and a link to a page
// that has often gone; order notes, reviews and other plugins' types are
// not readers' comments on a post (WooCommerce's order notes are
// private).
func shown(c *Comment) bool {
	t := strings.TrimSpace(c.Type)
	return strings.TrimSpace(c.Approved) == "1" && (t == "" || t == "comment")
}

// approved counts the comments of an item WordPress showed.
func approved(list []Comment) int {
	n := 0
	for i := range list {
		if shown(&list[i]) {
			n++
		}
	}
	return n
}

// emailRe finds e-mail addresses in a commenter's name or text: the
// migration never writes one (the export's comment_author_email and
// comment_author_IP are not even read).
var emailRe = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`)

// mailtoLink is a Markdown link to an address: its text is kept.
var mailtoLink = regexp.MustCompile(`(?i)\[([^\]]*)\]\(<?mailto:[^)]*\)|<mailto:[^>]*>`)

// withoutEmail is s with its e-mail addresses, and links to them, gone.
func withoutEmail(s string) string {
	if !strings.Contains(s, "@") && !strings.Contains(strings.ToLower(s), "mailto:") {
		return s
	}
	s = mailtoLink.ReplaceAllString(s, "$1")
	return emailRe.ReplaceAllString(s, "(e-mail address removed)")
}

var safeCommentID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// comments are the comments of a post WordPress showed, as folio's
// comments: field, in thread order: each comment before its replies,
// comments on the post and replies to one comment by date. A reply
// whose parent is not kept (held, spam, a pingback) is a comment on the
// post. off is the post's offset from UTC, for comments without a UTC
// date. kind and id name the post in notes.
func (s *source) comments(sink migrate.Sink, file string, it *Item, kind string, off int) []migrate.Comment {
	type entry struct {
		c      migrate.Comment
		date   time.Time
		parent string
	}
	var list []*entry
	byID := map[string]*entry{}
	for i := range it.Comments {
		c := &it.Comments[i]
		if !shown(c) {
			continue
		}
		id := strings.TrimSpace(c.ID)
		if !safeCommentID.MatchString(id) || byID[id] != nil {
			id = "wp-" + strconv.Itoa(i+1)
		}
		local, err := parseWP(c.Date)
		if err != nil {
			sink.Note(migrate.Item{Group: "Posts and pages to check", File: file, Line: it.Line,
				What: fmt.Sprintf("%s %s: comment %s left out: wp:comment_date %q is not a date", kind, it.ID, c.ID, c.Date)})
			continue
		}
		o := off
		if gmt, err := parseWP(c.DateGMT); err == nil && gmt.Year() > 1 {
			if d := local.Sub(gmt).Round(time.Minute); d >= -14*time.Hour && d <= 14*time.Hour {
				o = int(d / time.Second)
			}
		}
		date := local.Add(-time.Duration(o) * time.Second).In(time.FixedZone("", o))
		text := strings.TrimSpace(withoutEmail(wpbody.Comment(c.Content)))
		if text == "" {
			continue // nothing to show; its replies are comments on the post
		}
		author := strings.Join(strings.Fields(withoutEmail(decodeTitle(c.Author))), " ")
		author = strings.TrimSpace(strings.ReplaceAll(author, "(e-mail address removed)", ""))
		if author == "" {
			author = "Anonymous"
		}
		e := &entry{c: migrate.Comment{ID: id, Author: author, URL: commenterURL(c.AuthorURL), Date: date.Format(time.RFC3339), Text: text},
			date: date, parent: strings.TrimSpace(c.Parent)}
		list = append(list, e)
		byID[id] = e
	}
	if len(list) == 0 {
		return nil
	}
	slices.SortStableFunc(list, func(a, b *entry) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		ai, _ := strconv.Atoi(a.c.ID)
		bi, _ := strconv.Atoi(b.c.ID)
		return cmp.Compare(ai, bi)
	})
	replies := map[string][]*entry{}
	var roots []*entry
	for _, e := range list {
		if p := byID[e.parent]; p != nil && p != e {
			replies[p.c.ID] = append(replies[p.c.ID], e)
		} else {
			roots = append(roots, e)
		}
	}
	out := make([]migrate.Comment, 0, len(list))
	done := make(map[*entry]bool, len(list))
	var walk func(e *entry, parent string)
	walk = func(e *entry, parent string) {
		if done[e] {
			return
		}
		done[e] = true
		e.c.Parent = parent
		out = append(out, e.c)
		for _, r := range replies[e.c.ID] {
			walk(r, e.c.ID)
		}
	}
	for _, e := range roots {
		walk(e, "")
	}
	// Replies that lead back to themselves (a loop of parents, which
	// only a damaged export has) are comments on the post.
	for _, e := range list {
		walk(e, "")
	}
	return out
}

// commenterURL is the commenter's site when it is an http(s) address
// with a host and no user name or e-mail address in it, else "".
func commenterURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil || emailRe.MatchString(s) || strings.ContainsRune(s, utf8.RuneError) {
		return ""
	}
	return s
}
