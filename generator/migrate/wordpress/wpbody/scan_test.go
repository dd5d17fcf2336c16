package wpbody

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// The block delimiters and bare addresses are found by hand, for speed;
// these tests hold the scanners to the regular expressions they replace,
// on texts made of the pieces that matter to them.

var (
	blockCommentRe = regexp.MustCompile(`<!--\s+(/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s(?s:.*?)(/?)-->`)
	bareURLRe      = regexp.MustCompile(`(?m)^([ \t]*)(?:<p>)?(https?://[^\s<>"]+)(?:</p>)?[ \t]*$`)
)

// randomTexts makes n texts of pieces joined at random.
func randomTexts(seed uint64, n int, pieces []string) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

func TestBlockCommentScanner(t *testing.T) {
	texts := randomTexts(1, 30000, []string{"<!-- wp:a ", "<!-- /wp:core/b ", "<!-- wp:c/", "<!-- ", "<!--", "<!--\n\t", "wp:", "/wp:", "wp:core/", "para", "a1", "_-", "/", " ", "\n", "-->", "/-->", " /-->", " -->", "{\"a\":1}", "x", "Z", "é", "\xff", "\f", "\v", "-", "<", ">"})
	texts = append(texts, "<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->", "<!-- wp:latest-posts /-->", "<!--wp:x -->", "<!-- wp:core/embed {\"url\":\"-->\"} /-->")
	for _, s := range texts {
		type delim struct {
			start, end int
			name       string
			self       bool
		}
		var want, got []delim
		for _, m := range blockCommentRe.FindAllStringSubmatchIndex(s, -1) {
			want = append(want, delim{m[0], m[1], s[m[4]:m[5]], m[6] < m[7]})
		}
		for from := 0; ; {
			start, end, name, self, ok := blockComment(s, from)
			if !ok {
				break
			}
			got = append(got, delim{start, end, name, self})
			from = end
		}
		if len(got) != len(want) {
			t.Fatalf("%q: found %v, the expression %v", s, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: found %v, the expression %v", s, got, want)
			}
		}
	}
}

func TestBareURLScanner(t *testing.T) {
	texts := randomTexts(2, 30000, []string{"https://x.org/a", "http://", "https:/", "http", "s", "://", "<p>", "</p>", " ", "\t", "\n", "\n", "\r", "\f", "x", "<", ">", "\"", "é", "&amp;", "\xff"})
	texts = append(texts, "https://youtu.be/abc", "  <p>https://ex.org/a?b=1&amp;c</p>  \ntext", "http://x\nhttps://y")
	for _, s := range texts {
		var wantURLs []string
		want := bareURLRe.ReplaceAllStringFunc(s, func(m string) string {
			wantURLs = append(wantURLs, bareURLRe.FindStringSubmatch(m)[2])
			return "<p>URL</p>"
		})
		var gotURLs []string
		got := (&conv{}).bareURLs(s)
		for ls := 0; ls <= len(s); {
			le := strings.IndexByte(s[ls:], '\n')
			if le < 0 {
				le = len(s)
			} else {
				le += ls
			}
			if u, ok := bareURLLine(s[ls:le]); ok {
				gotURLs = append(gotURLs, u)
			}
			ls = le + 1
		}
		if strings.Join(gotURLs, "\x00") != strings.Join(wantURLs, "\x00") {
			t.Fatalf("%q: addresses %q, the expression's %q", s, gotURLs, wantURLs)
		}
		if placeholderRe.ReplaceAllString(got, "URL") != want {
			t.Fatalf("%q: %q, the expression's %q", s, got, want)
		}
	}
}
