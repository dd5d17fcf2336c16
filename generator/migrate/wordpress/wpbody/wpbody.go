// Package wpbody turns the body of a WordPress post, as the export stores
// it, into the body of a folio article.
//
// The steps follow what WordPress does when it shows a post: block
// comments go (their HTML stays), WordPress shortcodes are read with
// WordPress's syntax, classic-editor text gets wpautop's paragraphs, and
// the HTML is then written as Markdown. What Markdown cannot say (merged
// table cells, embeds, audio and video) stays HTML, and what a shortcode
// becomes is put back after the conversion through placeholders, so that
// the Markdown converter never sees (or escapes) a folio shortcode.
package wpbody

import (
	"fmt"
	"sort"
	"strings"
)

// Options tell Convert about the rest of the export.
type Options struct {
	// Attachment finds an attachment by its WordPress id (gallery ids,
	// caption's attachment_ID): its URL, alt text and caption.
	Attachment func(id string) (url, alt, caption string, ok bool)
	// URL rewrites an address in the body (links between posts, uploads);
	// nil keeps it.
	URL func(u string) string
	// Attached lists the ids of the post's own attachments (post_parent),
	// in menu order: a [gallery] without ids shows them. nil: such a
	// gallery is noted.
	Attached func() []string
}

// Note is something a person must look at, at a line of the post's content.
type Note struct {
	Line int
	What string
}

// Convert turns post_content, as WordPress stores it, into the body of a
// folio article (Markdown, with raw HTML where Markdown cannot say the
// same, and folio shortcodes).
func Convert(content string, opts Options) (body string, notes []Note) {
	c := &conv{opts: opts}
	content = strings.ReplaceAll(content, "\r\n", "\n")
	content = strings.ReplaceAll(content, "\r", "\n")
	text, hasBlocks := c.stripBlocks(content)
	text = c.shortcodes(text, newLines(text))
	if !hasBlocks {
		text = autop(text)
	}
	md := c.toMarkdown(text)
	sort.SliceStable(c.notes, func(i, j int) bool { return c.notes[i].Line < c.notes[j].Line })
	if strings.TrimSpace(md) == "" {
		return "", c.notes
	}
	return md, c.notes
}

// conv holds one conversion's state: the placeholders and the notes.
type conv struct {
	opts  Options
	notes []Note
	// held are the texts that replace the placeholders after the
	// Markdown conversion, by index.
	held []string
	// braces and bracket are the placeholders of escaped "{{" and "[".
	braces, bracket string
}

func (c *conv) note(line int, format string, args ...any) {
	c.notes = append(c.notes, Note{Line: line, What: fmt.Sprintf(format, args...)})
}

func (c *conv) url(u string) string {
	if c.opts.URL == nil || u == "" {
		return u
	}
	return c.opts.URL(u)
}

// placeholder keeps out text for after the conversion. The token is
// letters and digits, which no Markdown writer escapes.
func (c *conv) placeholder(out string) string {
	c.held = append(c.held, out)
	return fmt.Sprintf("wpbodyph%dx", len(c.held)-1)
}

// lines finds the line of an offset in a text without rescanning it.
type lines []int

func newLines(s string) lines {
	l := lines{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			l = append(l, i+1)
		}
	}
	return l
}

func (l lines) at(off int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > off })
}

// Comment turns a reader's comment, as WordPress stores it, into
// Markdown. WordPress shows a comment through wpautop (a blank line
// parts paragraphs, a line break stays one) and never runs shortcodes
// in it, so neither does this: "[gallery]" in a comment is text. The
// HTML a commenter could write (links, emphasis, quotes, code) becomes
// Markdown; what folio's comment policy does not show is left for it to
// remove.
func Comment(content string) string {
	c := &conv{}
	content = strings.ReplaceAll(content, "\r\n", "\n")
	content = strings.ReplaceAll(content, "\r", "\n")
	return c.toMarkdown(autop(content))
}
