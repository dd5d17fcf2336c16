package render

import (
	"cmp"
	"html"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"

	"folio/generator/site"
	"folio/generator/words"
)

// mentionTaxonomies are the taxonomies whose terms link their first
// mention in an article's text (config mentions: true). Topics are left
// out: their names are common words.
var mentionTaxonomies = []string{"people", "places"}

// mention is a term an article names, with the spellings that stand for
// it and the URL of its page.
type mention struct {
	spellings []string // longest first
	url       string
}

// mentions returns the people and places of article a, each with its name
// and its profile's name and aliases, in both straight and curly
// apostrophes, as the typographer may have changed them.
func mentions(a *site.Article) []mention {
	var out []mention
	for _, tax := range mentionTaxonomies {
		for _, t := range a.Terms(tax) {
			names := []string{t.Name}
			if p := t.Profile; p != nil {
				names = append(append(names, p.Name), p.Aliases...)
			}
			var spellings []string
			for _, n := range names {
				n = strings.TrimSpace(n)
				if n == "" {
					continue
				}
				spellings = append(spellings, n, strings.ReplaceAll(n, "'", "’"), strings.ReplaceAll(n, "’", "'"))
			}
			slices.SortFunc(spellings, func(x, y string) int { return cmp.Compare(len(y), len(x)) })
			out = append(out, mention{spellings: slices.Compact(spellings), url: t.URL})
		}
	}
	return out
}

// linkMentions links the first mention of each term in the HTML body to
// the term's page, rel(url) giving the href: whole words only, the
// longest spelling where several match at one place, and never inside a
// link, a heading or code.
func linkMentions(body string, terms []mention, rel func(string) string) string {
	spellings := 0
	for _, t := range terms {
		spellings += len(t.spellings)
	}
	return linkMentionsWith(body, terms, rel, spellings > manySpellings)
}

// manySpellings is the number of spellings past which one pass over each
// run of text finds them all (a words.Set), rather than a pass for each:
// an article of thousands of names would take their number times its
// length. For a few, a pass each is quicker.
const manySpellings = 32

// linkMentionsWith is linkMentions, finding mentions with a words.Set
// when set is true.
func linkMentionsWith(body string, terms []mention, rel func(string) string, set bool) string {
	if len(terms) == 0 {
		return body
	}
	linked := make([]bool, len(terms))
	find := func(text string) (at, end, which int) { return firstEach(text, terms, linked) }
	if set {
		find = firstInSet(terms, linked)
	}
	left := len(terms)
	var out strings.Builder
	out.Grow(len(body) + 64*len(terms))
	z := xhtml.NewTokenizer(strings.NewReader(body))
	skip := 0 // depth inside a, h1–h6, code, pre
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			if noLinks(string(name)) {
				if tt == xhtml.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
		case xhtml.TextToken:
			if skip == 0 && left > 0 {
				text := html.UnescapeString(string(raw))
				if linkedText, n := linkText(text, terms, linked, find, rel); n > 0 {
					out.WriteString(linkedText)
					left -= n
					continue
				}
			}
		}
		out.Write(raw)
	}
	return out.String()
}

// noLinks reports whether text inside the element tag must not be linked.
func noLinks(tag string) bool {
	switch tag {
	case "a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style":
		return true
	}
	return false
}

// firstEach finds the first mention in text of a term not yet linked,
// the longest spelling where several start at one place: its start, end
// and term, or -1s. It looks for each spelling in turn.
func firstEach(text string, terms []mention, linked []bool) (at, end, which int) {
	at, end, which = -1, -1, -1
	for i, t := range terms {
		if linked[i] {
			continue
		}
		for _, s := range t.spellings {
			p := words.Index(text, s)
			if p >= 0 && (at < 0 || p < at || (p == at && p+len(s) > end)) {
				at, end, which = p, p+len(s), i
			}
		}
	}
	return at, end, which
}

// firstInSet returns a function that does what firstEach does, in one
// pass over the text.
func firstInSet(terms []mention, linked []bool) func(string) (int, int, int) {
	var spellings []string
	var term []int // of each spelling
	for i, t := range terms {
		for _, s := range t.spellings {
			spellings = append(spellings, s)
			term = append(term, i)
		}
	}
	set := words.NewSet(spellings)
	skip := func(i int) bool { return linked[term[i]] }
	return func(text string) (int, int, int) {
		at, end, i := set.First(text, skip)
		if i < 0 {
			return -1, -1, -1
		}
		return at, end, term[i]
	}
}

// linkText links, in one run of text, the first mention of each term not
// yet linked, found by find, and returns the escaped HTML and how many
// it linked.
func linkText(text string, terms []mention, linked []bool, find func(string) (int, int, int), rel func(string) string) (string, int) {
	var b strings.Builder
	count := 0
	for {
		at, end, which := find(text)
		if which < 0 {
			break
		}
		linked[which] = true
		count++
		b.WriteString(html.EscapeString(text[:at]))
		b.WriteString(`<a class="mention" href="`)
		b.WriteString(html.EscapeString(rel(terms[which].url)))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(text[at:end]))
		b.WriteString("</a>")
		text = text[end:]
	}
	if count == 0 {
		return "", 0
	}
	b.WriteString(html.EscapeString(text))
	return b.String(), count
}
