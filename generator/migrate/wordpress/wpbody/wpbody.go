// Package wpbody turns the body of a WordPress post, as the export stores
// it, into the body of a folio article.
package wpbody

import (
	"regexp"
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
}

// Note is something a person must look at, at a line of the post's content.
type Note struct {
	Line int
	What string
}

var blockComment = regexp.MustCompile(`<!--\s+/?wp:[^>]*?-->`)

// Convert turns post_content, as WordPress stores it, into the body of a
// folio article (Markdown, with raw HTML where Markdown cannot say the
// same, and folio shortcodes).
func Convert(content string, opts Options) (body string, notes []Note) {
	body = blockComment.ReplaceAllString(content, "")
	return strings.TrimSpace(body) + "\n", nil
}
