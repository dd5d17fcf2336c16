package content

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Text reaches pages, feeds, the sitemap and the search index from front
// matter and bodies. Control characters (a YAML "\x1b", a JSON "\u0001",
// a stray byte in a body) have no place in any of them: HTML takes them
// for parse errors and XML refuses them outright. They are replaced with
// U+FFFD, as encoding/xml does, once as a file is read, so that every
// output gets the same clean text. Tab and line breaks stay.

// unwanted reports whether r is a control character other than tab and
// line breaks (C0, DEL, C1), or a noncharacter (U+FFFE, U+FDD0, ...).
func unwanted(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	}
	return r&0xfffe == 0xfffe
}

// mayHoldUnwanted marks the bytes that can start or be an unwanted
// character: C0 and DEL bytes, the lead byte of C1 (0xc2), of U+FDD0 to
// U+FFFF (0xef) and of the planes past the first (0xf0 to 0xf4). Text
// without them, nearly all text, is left as it is after one quick pass.
// It is never written to.
var mayHoldUnwanted = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c == 0xc2 || c == 0xef || c >= 0xf0
	}
	return t
}()

// cleanText replaces unwanted characters in s with U+FFFD.
func cleanText(s string) string {
	i := 0
	for i < len(s) && !mayHoldUnwanted[s[i]] {
		i++
	}
	if i == len(s) || strings.IndexFunc(s[i:], unwanted) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if unwanted(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanBytes is cleanText for a body; it returns b itself when it is
// clean.
func cleanBytes(b []byte) []byte {
	i := 0
	for i < len(b) && !mayHoldUnwanted[b[i]] {
		i++
	}
	if i == len(b) {
		return b
	}
	rest := string(b[i:])
	clean := cleanText(rest)
	if clean == rest {
		return b
	}
	return append(b[:i:i], clean...)
}

// cleanValue replaces unwanted characters in the strings of a decoded
// front matter value, in lists and tables too, in place.
func cleanValue(v any) any {
	switch v := v.(type) {
	case string:
		return cleanText(v)
	case []any:
		for i := range v {
			v[i] = cleanValue(v[i])
		}
	case []map[string]any:
		for i := range v {
			cleanValue(v[i])
		}
	case map[string]any:
		var renamed []string
		for k, item := range v {
			v[k] = cleanValue(item)
			if cleanText(k) != k {
				renamed = append(renamed, k)
			}
		}
		// In order, so that of two keys that clean the same ("a\x01",
		// "a\x02") the same one is kept on every build.
		slices.Sort(renamed)
		for _, k := range renamed {
			if ck := cleanText(k); !has(v, ck) {
				v[ck] = v[k]
			}
			delete(v, k)
		}
	}
	return v
}

func has(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}
