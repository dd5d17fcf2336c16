package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Smarten gives plain text the typography that goldmark's typographer
// gives Markdown bodies: curly quotes and apostrophes, en and em dashes
// for -- and ---, and an ellipsis for three dots.
func Smarten(s string) string {
	if !strings.ContainsAny(s, `"'-.`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' ' // the rune before the current one; start of text acts as a space
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "---"):
			b.WriteString("—")
			i, prev = i+3, '—'
			continue
		case strings.HasPrefix(rest, "--"):
			b.WriteString("–")
			i, prev = i+2, '–'
			continue
		case strings.HasPrefix(rest, "..."):
			b.WriteString("…")
			i, prev = i+3, '…'
			continue
		case r == '"':
			if opens(prev) {
				b.WriteString("“")
			} else {
				b.WriteString("”")
			}
		case r == '\'':
			if opens(prev) {
				b.WriteString("‘")
			} else {
				b.WriteString("’") // a closing quote or an apostrophe
			}
		default:
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
	return b.String()
}

// opens reports whether a quote after r opens a quotation.
func opens(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/“‘", r)
}
