package sanitize

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// Sanitizer cleans HTML by the article policy, or by the stricter
// policy for comments. It is safe for concurrent use.
type Sanitizer struct {
	p *bluemonday.Policy
	// ugc marks every link as the commenter's, not the site's: search
	// engines are told not to vouch for it, which makes old comment spam
	// worth nothing to its senders.
	ugc bool
}

// New prepares a sanitizer for article bodies.
func New() *Sanitizer { return &Sanitizer{p: newPolicy()} }

// NewComments prepares a sanitizer for the text of readers' comments,
// which nobody on the site wrote: text, quotes, lists, code, tables and
// links, each link given rel="nofollow ugc"; no images, media, frames,
// headings, ids or classes (which could pass for the page's own).
func NewComments() *Sanitizer { return &Sanitizer{p: newCommentPolicy(), ugc: true} }

// Removed tells what a clean removed, each thing described once, with how
// many times, in the order first met.
type Removed struct {
	Elements, Attributes, EndTags []Item
}

// Item is one kind of thing removed.
type Item struct {
	What string
	N    int
}

// Empty reports whether nothing was removed.
func (r Removed) Empty() bool {
	return len(r.Elements) == 0 && len(r.Attributes) == 0 && len(r.EndTags) == 0
}

// String says what was removed, in one line: "removed 3 elements (script
// ×2, iframe from evil.example) and 1 attribute (onclick)".
func (r Removed) String() string {
	var parts []string
	for _, g := range []struct {
		items      []Item
		one, other string
	}{{r.Elements, "element", "elements"}, {r.Attributes, "attribute", "attributes"}, {r.EndTags, "end tag that closes nothing", "end tags that close nothing"}} {
		if len(g.items) == 0 {
			continue
		}
		n := 0
		names := make([]string, 0, len(g.items))
		for i, it := range g.items {
			n += it.N
			if i == maxListed {
				names = append(names, "…")
				continue
			}
			if i > maxListed {
				continue
			}
			if it.N > 1 {
				names = append(names, it.What+" ×"+strconv.Itoa(it.N))
			} else {
				names = append(names, it.What)
			}
		}
		word := g.other
		if n == 1 {
			word = g.one
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s)", n, word, strings.Join(names, ", ")))
	}
	switch len(parts) {
	case 0:
		return "removed nothing"
	case 1:
		return "removed " + parts[0]
	}
	return "removed " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// maxListed bounds the descriptions one line lists.
const maxListed = 6

func (r *Removed) add(list *[]Item, what string) {
	for i := range *list {
		if (*list)[i].What == what {
			(*list)[i].N++
			return
		}
	}
	*list = append(*list, Item{What: what, N: 1})
}

// tag is a start tag: its element and attributes' names.
type tag struct {
	name  string
	attrs []html.Attribute
}

// HTML cleans in, a body rendered from Markdown with its raw HTML kept,
// and returns it with what the policy does not allow removed, the
// elements it left open closed and the end tags that close nothing
// dropped (so that a body cannot close or swallow the page around it),
// and what was removed.
//
// bluemonday does not say what it removes: the start tags of the input
// and of the output are compared in order (the output's are the input's
// less those removed, in the same order), which takes one more reading
// of each.
func (s *Sanitizer) HTML(in string) (string, Removed) {
	var rm Removed
	before, marked := startTags(in, &rm)
	out, after := balance(s.p.Sanitize(marked), &rm, s.ugc)
	j := 0
	for _, t := range before {
		if j < len(after) && after[j].name == t.name && subset(after[j].attrs, t.attrs) {
			for _, a := range t.attrs {
				if !has(after[j].attrs, a.Key) {
					rm.add(&rm.Attributes, describeAttr(a))
				}
			}
			j++
			continue
		}
		switch {
		case t.name == "iframe":
			rm.add(&rm.Elements, "iframe"+from(attr(t.attrs, "src")))
		case Allowed(t.name) && hasURL(t.attrs):
			// Dropped for want of the address that made it worth
			// keeping (an a whose href was javascript:): the address
			// is what went.
			for _, a := range t.attrs {
				rm.add(&rm.Attributes, describeAttr(a))
			}
		default:
			rm.add(&rm.Elements, t.name)
		}
	}
	return out, rm
}

// topLink stands for href="#" while the sanitizer reads the HTML:
// bluemonday takes "#" for no URL and drops the link, and "Back to top"
// is a link archives have.
const topLink = "#folio-top-of-the-page-9f3a"

// startTags lists the start tags of in, and returns in with the links to
// the top of the page marked (see topLink); end tags of elements the
// policy does not allow, and that close nothing, are counted in rm (the
// sanitizer drops them silently: "</article></main>").
func startTags(in string, rm *Removed) ([]tag, string) {
	var out []tag
	open := map[string]int{}
	var marked strings.Builder // in, from the first link to the top on
	marking := false
	pos := 0 // where the token begins in in
	z := html.NewTokenizer(strings.NewReader(in))
	for {
		tt := z.Next()
		begin := pos
		pos += len(z.Raw()) // the tokens' raw texts are in, end to end
		rewritten := ""
		switch tt {
		case html.ErrorToken:
			if marking {
				return out, marked.String()
			}
			return out, in
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			out = append(out, tag{t.Data, t.Attr})
			open[t.Data]++
			if t.Data == "a" && strings.TrimSpace(attr(t.Attr, "href")) == "#" {
				if !marking {
					marked.WriteString(in[:begin])
					marking = true
				}
				t.Attr = withValue(t.Attr, "href", topLink) // a copy: out keeps "#"
				rewritten = t.String()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if open[n] > 0 {
				open[n]--
			} else if !Allowed(n) {
				rm.add(&rm.EndTags, "</"+n+">")
			}
		}
		switch {
		case rewritten != "":
			marked.WriteString(rewritten)
		case marking:
			marked.WriteString(in[begin:pos])
		}
	}
}

// balance writes the sanitizer's output with every element closed and
// every end tag matching an open element, drops iframes whose source the
// policy removed (a frame of nothing), and sandboxes the others; with
// ugc, every link gets rel="nofollow ugc" in place of its own. It
// returns the start tags written.
func balance(in string, rm *Removed, ugc bool) (string, []tag) {
	var b strings.Builder
	b.Grow(len(in) + 64)
	var stack []string
	var tags []tag
	skipping := false // inside an iframe left without a source
	z := html.NewTokenizer(strings.NewReader(in))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			for i := len(stack) - 1; i >= 0; i-- {
				b.WriteString("</" + stack[i] + ">")
			}
			return b.String(), tags
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data == "iframe" {
				if attr(t.Attr, "src") == "" {
					skipping = tt == html.StartTagToken
					continue
				}
				tags = append(tags, tag{t.Data, t.Attr})
				t.Attr = append(without(t.Attr, "sandbox"), html.Attribute{Key: "sandbox", Val: iframeSandbox})
				t.Type = html.StartTagToken
				b.WriteString(t.String())
				b.WriteString("</iframe>")
				if tt == html.StartTagToken {
					skipping = true // its content is not shown; its end is written
				}
				continue
			}
			if t.Data == "a" && attr(t.Attr, "href") == topLink {
				t.Attr = withValue(t.Attr, "href", "#")
			}
			tags = append(tags, tag{t.Data, t.Attr})
			if t.Data == "a" && ugc {
				t.Attr = append(without(t.Attr, "rel"), html.Attribute{Key: "rel", Val: "nofollow ugc"})
				t.Type = html.StartTagToken
				b.WriteString(t.String())
				stack = append(stack, t.Data)
				continue
			}
			if t.Data == "a" && attr(t.Attr, "target") == "_blank" && !strings.Contains(attr(t.Attr, "rel"), "noopener") {
				// The page it opens must not reach back into this one.
				rel := strings.TrimSpace(attr(t.Attr, "rel") + " noopener")
				t.Attr = append(without(t.Attr, "rel"), html.Attribute{Key: "rel", Val: rel})
				t.Type = html.StartTagToken
				b.WriteString(t.String())
				stack = append(stack, t.Data)
				continue
			}
			if voids[t.Data] {
				b.Write(z.Raw())
				continue
			}
			// <div/> opens a div in HTML: write it so, and close it.
			t.Type = html.StartTagToken
			b.WriteString(t.String())
			if tt == html.SelfClosingTagToken {
				b.WriteString("</" + t.Data + ">")
			} else {
				stack = append(stack, t.Data)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if n == "iframe" {
				skipping = false
				continue
			}
			if voids[n] {
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i] != n {
				i--
			}
			if i < 0 {
				rm.add(&rm.EndTags, "</"+n+">")
				continue
			}
			for k := len(stack) - 1; k >= i; k-- {
				b.WriteString("</" + stack[k] + ">")
			}
			stack = stack[:i]
		default:
			if !skipping {
				b.Write(z.Raw())
			}
		}
	}
}

func subset(small, big []html.Attribute) bool {
	for _, a := range small {
		if a.Key != "rel" && a.Key != "sandbox" && !has(big, a.Key) {
			return false
		}
	}
	return true
}

func hasURL(attrs []html.Attribute) bool {
	for _, a := range attrs {
		if urlAttrs[a.Key] {
			return true
		}
	}
	return false
}

func has(attrs []html.Attribute, key string) bool {
	for _, a := range attrs {
		if a.Key == key {
			return true
		}
	}
	return false
}

func attr(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// withValue is a copy of attrs with key's value val, in its place.
func withValue(attrs []html.Attribute, key, val string) []html.Attribute {
	out := slices.Clone(attrs)
	for i := range out {
		if out[i].Key == key {
			out[i].Val = val
		}
	}
	return out
}

func without(attrs []html.Attribute, key string) []html.Attribute {
	out := attrs[:0:0]
	for _, a := range attrs {
		if a.Key != key {
			out = append(out, a)
		}
	}
	return out
}

// from names the host an embed came from: " from evil.example".
func from(src string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Host == "" {
		return ""
	}
	return " from " + u.Host
}

// urlAttrs are the attributes whose value is a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true, "poster": true,
	"srcset": true, "action": true, "formaction": true, "data": true, "background": true, "xlink:href": true}

// describeAttr names a removed attribute, with the scheme of a URL that
// made it go: "href (javascript: URL)".
func describeAttr(a html.Attribute) string {
	if !urlAttrs[a.Key] {
		return a.Key
	}
	// Browsers ignore whitespace and control characters in a scheme.
	v := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, a.Val)
	if i := strings.IndexAny(v, ":/?#"); i > 0 && v[i] == ':' {
		return a.Key + " (" + strings.ToLower(v[:i]) + ": URL)"
	}
	return a.Key
}
