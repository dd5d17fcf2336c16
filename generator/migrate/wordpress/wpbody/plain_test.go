package wpbody

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plainAgrees converts HTML both ways and fails when plainMarkdown takes
// it and writes other Markdown than the converter. It reports whether
// plainMarkdown took it.
func plainAgrees(t *testing.T, name, s string) bool {
	t.Helper()
	c := &conv{}
	body, err := c.prepared(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	plain, ok := plainMarkdown(body)
	if !ok {
		return false
	}
	lib, err := convertNode(body)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	fold := func(md string) string { return strings.TrimSpace(blankRuns.ReplaceAllString(md, "\n\n")) }
	if fold(plain) != fold(lib) {
		t.Errorf("%s: the plain path writes\n%q\nthe converter\n%q\nfor %q", name, fold(plain), fold(lib), s)
	}
	return true
}

// TestPlainMatches holds the plain path to the converter's output on
// every post of the real exports in testdata (after the steps Convert
// takes before it) and on generated prose that mixes plain text with
// every character Markdown gives a meaning to.
func TestPlainMatches(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.xml")
	files = append(files, "testdata/importer-excerpts.xml")
	taken, posts := 0, 0
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Fatal(err)
		}
		items, err := decodeItems(f)
		if err != nil {
			continue // the importer's deliberately broken exports
		}
		for _, it := range items {
			c := &conv{}
			text, hasBlocks := c.stripBlocks(strings.ReplaceAll(it.Content, "\r\n", "\n"))
			text = c.shortcodes(text, newLines(text))
			if !hasBlocks {
				text = autop(text)
			}
			posts++
			if plainAgrees(t, f+" post "+it.ID, text) {
				taken++
			}
		}
	}
	t.Logf("%d of %d real posts took the plain path", taken, posts)
	if posts < 100 || taken < 10 {
		t.Fatalf("%d of %d real posts took the plain path; the test needs both kinds", taken, posts)
	}

	rng := rand.New(rand.NewSource(1))
	taken = 0
	const n = 40000
	for i := 0; i < n; i++ {
		if plainAgrees(t, "generated", randomProse(rng)) {
			taken++
		}
	}
	t.Logf("%d of %d generated bodies took the plain path", taken, n)
	if taken < n/10 || taken > n*9/10 {
		t.Fatalf("%d of %d generated bodies took the plain path; the generator must make both kinds", taken, n)
	}
}

// randomProse makes paragraphs of words, links and emphasis, sometimes
// with a character that means something in Markdown or HTML, at the
// start of a paragraph or anywhere.
func randomProse(rng *rand.Rand) string {
	words := []string{"the", "council", "met", "2005", "1.", "it's", "\"quoted\"", "(aside)", "well-known", "état", "Zürich", "–", "…", "’s", "n", "A"}
	specials := []string{"*", "_", "-", "+", ".", ">", "|", "$", "#", "=", "[", "]", "(", ")", "!", "~", "`", "\"", "'", "\\", "&amp;", "&lt;", "&copy;", "&amp;copy;", "&nbsp;", "<br>", "{{", "1)", "- ", "**", "__", "\t", "\n", "\n\n", ":", "?", "/", "%", ";", ",", "http://x.org/a_b", " "}
	word := func() string {
		if rng.Intn(40) == 0 {
			return specials[rng.Intn(len(specials))]
		}
		return words[rng.Intn(len(words))]
	}
	text := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 && rng.Intn(6) != 0 {
				b.WriteString(" ")
			}
			b.WriteString(word())
		}
		return b.String()
	}
	inline := func() string {
		var b strings.Builder
		for i, n := 0, 1+rng.Intn(4); i < n; i++ {
			switch rng.Intn(6) {
			case 0:
				b.WriteString("<em>" + text(1+rng.Intn(3)) + "</em>")
			case 1:
				tag := []string{"strong", "b", "i"}[rng.Intn(3)]
				b.WriteString("<" + tag + ">" + text(1+rng.Intn(2)) + "</" + tag + ">")
			case 2:
				href := []string{"https://example.org/a/", "/2005/01/x/", "https://e.org/a b", "https://e.org/(x)", "#top", "mailto:a@b.org"}[rng.Intn(6)]
				attrs := []string{"", ` rel="nofollow"`, ` title="t"`, ` target="_blank"`, ` id="x"`}[rng.Intn(5)]
				b.WriteString(`<a href="` + href + `"` + attrs + ">" + text(1+rng.Intn(3)) + "</a>")
			default:
				b.WriteString(text(1 + rng.Intn(8)))
			}
			if rng.Intn(2) == 0 {
				b.WriteString(" ")
			}
		}
		return b.String()
	}
	var b strings.Builder
	for i, n := 0, 1+rng.Intn(4); i < n; i++ {
		switch rng.Intn(12) {
		case 0:
			b.WriteString(text(1+rng.Intn(5)) + "\n\n")
		case 1:
			b.WriteString(`<p class="x">` + inline() + "</p>\n")
		case 2:
			b.WriteString("<h2>" + text(2) + "</h2>\n")
		default:
			b.WriteString("<p>" + inline() + "</p>\n\n")
		}
	}
	return b.String()
}
