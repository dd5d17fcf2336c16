// Package sanitize cleans the HTML of an article body that holds raw HTML
// written in its Markdown: what the policy allows for articles is kept,
// the rest removed and counted, so that the build can say what went.
package sanitize

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// elements are the elements a body may hold: what articles use (text,
// tables, figures, media, embeds) and everything goldmark itself writes
// (headings, code, footnotes, tables, definition lists, task lists).
var elements = []string{
	"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
	"em", "strong", "b", "i", "u", "s", "del", "ins", "sup", "sub", "mark", "small",
	"kbd", "samp", "var", "abbr", "cite", "q", "dfn", "time", "span", "div", "wbr",
	"bdi", "bdo", "ruby", "rt", "rp", "ul", "ol", "li", "dl", "dt", "dd",
	"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
	"figure", "figcaption", "picture", "source", "img", "audio", "video", "track",
	"iframe", "details", "summary", "a", "input",
}

// Allowed reports whether the policy keeps elements of this name (some
// only with the attributes that make them safe: an iframe with an
// allowed source, an input that is a task list's check box).
func Allowed(name string) bool { return allowed[name] }

var allowed = func() map[string]bool {
	m := make(map[string]bool, len(elements))
	for _, e := range elements {
		m[e] = true
	}
	return m
}()

// voids are the elements that have no end tag.
var voids = map[string]bool{"br": true, "hr": true, "img": true, "input": true, "source": true,
	"track": true, "wbr": true, "col": true}

// embedHosts are the hosts an iframe may show, with the path their
// players live under: video and audio players, over https only.
var embedHosts = []string{
	"www.youtube.com/embed/", "youtube.com/embed/", "www.youtube-nocookie.com/embed/",
	"player.vimeo.com/video/", "www.dailymotion.com/embed/", "geo.dailymotion.com/player",
	"w.soundcloud.com/player/", "open.spotify.com/embed", "embed.ted.com/talks/",
	"bandcamp.com/EmbeddedPlayer/", "archive.org/embed/", "player.twitch.tv/",
	"www.podbean.com/player", "embed.podcasts.apple.com/",
}

// iframeSandbox is given to every iframe: the players need their
// scripts and their own origin, and nothing more of the page.
const iframeSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups"

var (
	// safeURL is a URL with no scheme (relative, root-relative, a
	// fragment) or an http(s) one, for attributes bluemonday does not
	// check itself. Whitespace and control characters, which browsers
	// strip out of a scheme ("jav\tascript:"), fail it.
	safeURL = `(?:https?://[^\s\x00-\x1f,]+|[^\s\x00-\x1f,:/?#]+(?:[/?#][^\s\x00-\x1f,]*)?|[/?#][^\s\x00-\x1f,]*)`
	urlRe   = regexp.MustCompile(`^` + safeURL + `$`)
	srcset  = regexp.MustCompile(`^\s*` + safeURL + `(?:\s+\d+(?:\.\d+)?[wx])?\s*(?:,\s*` + safeURL + `(?:\s+\d+(?:\.\d+)?[wx])?\s*)*$`)
	iframe  = func() *regexp.Regexp {
		alts := make([]string, len(embedHosts))
		for i, h := range embedHosts {
			alts[i] = regexp.QuoteMeta(h)
		}
		return regexp.MustCompile(`^https://(?:` + strings.Join(alts, "|") + `)[^\s\x00-\x1f"'<>]*$`)
	}()
	number = regexp.MustCompile(`^[0-9]{1,5}$`)
	size   = regexp.MustCompile(`^[0-9]{1,5}(?:px|%)?$`)
	token  = regexp.MustCompile(`^[\p{L}\p{N}_:.\-]+$`)
	tokens = regexp.MustCompile(`^[\p{L}\p{N}_:.\- ]*$`)
	lang   = regexp.MustCompile(`^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$`)
	text   = regexp.MustCompile(`^[^<>]*$`)
)

// newPolicy is the policy for article bodies. Scripts, styles, style
// attributes (but a table cell's alignment, which goldmark writes so),
// event handlers, forms, object and embed, and javascript:, data: and
// vbscript: URLs never pass: no attribute below allows them.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.AllowElements(elements...)

	p.AllowAttrs("id").Matching(token).Globally()
	p.AllowAttrs("class").Matching(tokens).Globally()
	p.AllowAttrs("lang").Matching(lang).Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("title").Matching(text).Globally()

	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("name").Matching(token).OnElements("a") // old anchors
	p.AllowAttrs("hreflang").Matching(lang).OnElements("a")
	p.AllowAttrs("target").Matching(regexp.MustCompile(`^_blank$`)).OnElements("a") // gets rel="noopener"
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^(?:(?:nofollow|noopener|noreferrer|ugc|sponsored|me|external|license|author|tag|bookmark)\s*)+$`)).OnElements("a")
	// goldmark's footnotes
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^doc-(?:noteref|backlink|endnotes)$`)).OnElements("a", "div", "section")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("datetime").Matching(text).OnElements("time", "del", "ins")

	p.AllowAttrs("src").OnElements("img", "audio", "video", "track")
	p.AllowAttrs("src").Matching(urlRe).OnElements("source")
	p.AllowAttrs("srcset").Matching(srcset).OnElements("img", "source")
	p.AllowAttrs("sizes", "alt").Matching(text).OnElements("img", "source")
	p.AllowAttrs("alt").Matching(text).OnElements("img")
	p.AllowAttrs("width", "height").Matching(size).OnElements("img", "source", "video", "iframe")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(?:lazy|eager)$`)).OnElements("img", "iframe")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^(?:async|sync|auto)$`)).OnElements("img")
	p.AllowAttrs("type", "media").Matching(text).OnElements("source")
	p.AllowAttrs("poster").Matching(urlRe).OnElements("video")
	p.AllowAttrs("controls", "loop", "muted", "playsinline").Matching(regexp.MustCompile(`^(?:|\w+)$`)).OnElements("audio", "video")
	p.AllowAttrs("preload").Matching(regexp.MustCompile(`^(?:none|metadata|auto|)$`)).OnElements("audio", "video")
	p.AllowAttrs("kind").Matching(regexp.MustCompile(`^(?:subtitles|captions|descriptions|chapters|metadata)$`)).OnElements("track")
	p.AllowAttrs("srclang").Matching(lang).OnElements("track")
	p.AllowAttrs("label").Matching(text).OnElements("track")
	p.AllowAttrs("default").OnElements("track")

	p.AllowAttrs("src").Matching(iframe).OnElements("iframe")
	p.AllowAttrs("allowfullscreen").OnElements("iframe")
	p.AllowAttrs("allow").Matching(regexp.MustCompile(`^[a-z\-; ]*$`)).OnElements("iframe")

	p.AllowAttrs("colspan", "rowspan").Matching(number).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(?:row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("headers").Matching(tokens).OnElements("td", "th")
	p.AllowAttrs("span").Matching(number).OnElements("col", "colgroup")
	// goldmark aligns table columns with a style attribute.
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("td", "th")

	p.AllowAttrs("start").Matching(regexp.MustCompile(`^-?[0-9]{1,9}$`)).OnElements("ol")
	p.AllowAttrs("reversed").OnElements("ol")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[1aAiI]$`)).OnElements("ol")
	p.AllowAttrs("value").Matching(regexp.MustCompile(`^-?[0-9]{1,9}$`)).OnElements("li")
	p.AllowAttrs("open").OnElements("details")

	// A task list's check boxes, which goldmark writes disabled.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	return p
}

// commentElements are what a comment may hold: what WordPress let
// commenters write (its kses list for comments), what Markdown writes
// of the same, and tables.
var commentElements = []string{
	"p", "br", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins",
	"sup", "sub", "q", "cite", "abbr", "ul", "ol", "li", "a",
	"table", "thead", "tbody", "tr", "th", "td",
}

// newCommentPolicy is the policy for comments: their elements, links
// to http(s) addresses and to the site's own pages, and nothing else.
// Neither mailto: links (the migration never writes a commenter's
// address) nor target, which would open other windows.
func newCommentPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.AllowElements(commentElements...)
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").Matching(text).OnElements("abbr")
	p.AllowAttrs("cite").Matching(urlRe).OnElements("blockquote", "q")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^-?[0-9]{1,9}$`)).OnElements("ol")
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("td", "th")
	return p
}
