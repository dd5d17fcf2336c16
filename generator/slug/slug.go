// Package slug turns names and titles into URL path segments: lower-case
// ASCII letters and digits joined by hyphens. Letters with diacritics and
// letters of other scripts are transliterated ("Łukasz Żak" → lukasz-zak,
// "Дмитрий" → dmitrii), and the punctuation that carries meaning in names
// is spelled out, so "C" and "C#", or "AT&T" and "AT-T", stay distinct.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-unidecode"
)

// MaxLen bounds a slug's length in bytes, well under the 255-byte limit of
// a file name on common file systems.
const MaxLen = 80

// words spells out symbols that would otherwise vanish and merge distinct
// names: C# and C, AT&T and ATT.
var words = map[rune]string{
	'&': "and",
	'#': "sharp",
	'+': "plus",
	'@': "at",
	'%': "percent",
}

// Make returns the slug of s, or "" when s has no letters or digits.
func Make(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingHyphen := false
	emit := func(word string) {
		if pendingHyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		pendingHyphen = false
		b.WriteString(word)
	}
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && (isLower(r) || isDigit(r)):
			emit(string(r))
		case r >= 'A' && r <= 'Z':
			emit(string(r + 'a' - 'A'))
		case r == '\'' || r == '’' || r == 'ʼ':
			// O'Brien → obrien: an apostrophe joins, it does not separate.
		case r == '.' && between(s, i, isDigitByte):
			// 3.5 → 3-5 rather than 35.
			pendingHyphen = true
		case r == '.':
			// U.S. → us, St. John's → st-johns (the space separates).
		case words[r] != "":
			pendingHyphen = true
			emit(words[r])
			pendingHyphen = true
		case r < utf8.RuneSelf:
			pendingHyphen = true
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			for _, c := range unidecode.Unidecode(string(r)) {
				switch {
				case isLower(c) || isDigit(c):
					emit(string(c))
				case c >= 'A' && c <= 'Z':
					emit(string(c + 'a' - 'A'))
				case c == ' ':
					pendingHyphen = true
				}
			}
			if isIdeograph(r) {
				// Unidecode gives one syllable per ideograph: 京都 → jing-du.
				pendingHyphen = true
			}
		default:
			pendingHyphen = true
		}
	}
	return trim(b.String())
}

// trim cuts an over-long slug at a hyphen and drops a trailing hyphen.
func trim(s string) string {
	if len(s) > MaxLen {
		// Look one byte past the limit: a hyphen there means the first
		// MaxLen bytes end with a whole word.
		if i := strings.LastIndexByte(s[:MaxLen+1], '-'); i > MaxLen/2 {
			s = s[:i]
		} else {
			s = s[:MaxLen]
		}
	}
	return strings.Trim(s, "-")
}

func isLower(r rune) bool     { return r >= 'a' && r <= 'z' }
func isDigit(r rune) bool     { return r >= '0' && r <= '9' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}
func between(s string, i int, ok func(byte) bool) bool {
	return i > 0 && i+1 < len(s) && ok(s[i-1]) && ok(s[i+1])
}
