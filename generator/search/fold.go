// Package search builds the static search index of a site: the words of
// every article's title, terms, summary and body, folded so that case and
// diacritics do not matter, and split into small files that the search
// page's script (static/js/search.js) fetches only as a query needs them.
//
// The script folds and splits queries exactly as Fold and Tokens do here;
// the two must change together.
package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// MaxWordLen bounds the words indexed, in runes: longer runs of letters
// are addresses, hashes and the like, which no one types.
const MaxWordLen = 40

// special folds letters that have no decomposition into a base letter and
// a mark, and the final sigma, which JavaScript's toLowerCase produces at
// the ends of words and Go's does not.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ς': "σ",
}

// Fold returns s in the form the index stores: diacritics dropped
// ("Zürich" → "zurich"), lower case, and the letters in special spelled
// with plain ones ("Łódź" → "lodz", "Straße" → "strasse").
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	// Decompose first, so that the marks can be dropped, then lower the
	// case (İ decomposes to I and a dot, which goes), then compose what
	// is left: Hangul syllables decompose into letters, not marks.
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if sp, ok := special[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// inWord reports whether r belongs to a word: letters, numbers and marks,
// as \p{L}, \p{N} and \p{M} in the script's pattern.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isApostrophe reports whether r joins the parts of a word like O'Brien.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// ASCII bytes by what they are in a word; bytes past ASCII need decoding.
const (
	asciiSep byte = iota
	asciiLower
	asciiUpper
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = asciiLower
		case c >= 'A' && c <= 'Z':
			t[c] = asciiUpper
		}
	}
	return t
}()

// wordAt reports whether a word character starts text[i:]. An
// apostrophe is none, though ʼ is a letter: it only joins.
func wordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c] != asciiSep
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return inWord(r) && !isApostrophe(r)
}

// Tokens calls fn with every word of text, folded. A word is a run of
// letters, digits and marks. A word with apostrophes inside also yields
// its parts: "O'Brien" gives "o", "brien" and "obrien", so that a search
// for any of them finds it.
//
// The word fn gets may share memory with a buffer that the next word
// overwrites: fn must copy it to keep it. Most words of English text are
// lower-case ASCII, and pass without being copied at all.
func Tokens(text string, fn func(word string)) { tokens(text, nil, fn) }

// tokens is Tokens, with folds caching the folded forms of words that are
// not plain ASCII: names recur, and decomposing them costs.
func tokens(text string, folds map[string]string, fn func(word string)) {
	var scratch []byte
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && asciiClass[c] == asciiSep {
			i++ // spaces and punctuation, most of what is not words
			continue
		}
		if !wordAt(text, i) {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		start, end := i, i
		lower, ascii, joined := true, true, false
	scan:
		for end < len(text) {
			c := text[end]
			if c < utf8.RuneSelf {
				switch asciiClass[c] {
				case asciiLower:
					end++
					continue
				case asciiUpper:
					lower = false
					end++
					continue
				}
				if c == '\'' && wordAt(text, end+1) {
					joined = true
					end++
					continue
				}
				break scan
			}
			r, size := utf8.DecodeRuneInString(text[end:])
			switch {
			case isApostrophe(r): // ʼ is a letter too, but splits as the others do
				if !wordAt(text, end+size) {
					break scan
				}
				joined = true
			case inWord(r):
				ascii = false
			default:
				break scan
			}
			end += size
		}
		i = end
		word := text[start:end]
		if joined {
			var whole strings.Builder
			for part := range strings.FieldsFuncSeq(word, isApostrophe) {
				emit(part, folds, fn)
				whole.WriteString(part)
			}
			emit(whole.String(), folds, fn)
			continue
		}
		switch {
		case !ascii:
			emit(word, folds, fn)
		case len(word) > MaxWordLen:
		case lower:
			fn(word)
		default:
			scratch = append(scratch[:0], word...)
			for k, c := range scratch {
				if asciiClass[c] == asciiUpper {
					scratch[k] = c + 'a' - 'A'
				}
			}
			fn(unsafe.String(unsafe.SliceData(scratch), len(scratch)))
		}
	}
}

// maxFolds bounds the cache of folded words.
const maxFolds = 1 << 16

// emit passes fn the folded word, unless it is too long or, being all
// marks, folds to nothing.
func emit(word string, folds map[string]string, fn func(string)) {
	if folds == nil {
		if utf8.RuneCountInString(word) <= MaxWordLen {
			if folded := Fold(word); folded != "" {
				fn(folded)
			}
		}
		return
	}
	folded, ok := folds[word]
	if !ok {
		if utf8.RuneCountInString(word) > MaxWordLen {
			return
		}
		if len(folds) >= maxFolds {
			clear(folds)
		}
		// Both are copies: either may be a slice of a whole article.
		folded = strings.Clone(Fold(word))
		folds[strings.Clone(word)] = folded
	}
	if folded != "" {
		fn(folded)
	}
}

// PlainText returns the text of an HTML fragment: tags dropped, character
// references decoded. Tags separate words, so "a<br>b" is two words.
func PlainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for i := 0; i < len(h); {
		switch h[i] {
		case '<':
			end := strings.IndexByte(h[i:], '>')
			if end < 0 {
				return b.String()
			}
			b.WriteByte(' ')
			i += end + 1
		case '&':
			end := strings.IndexByte(h[i:min(len(h), i+12)], ';')
			if end < 0 {
				b.WriteByte('&')
				i++
				continue
			}
			b.WriteString(html.UnescapeString(h[i : i+end+1]))
			i += end + 1
		default:
			// Two scans for single bytes beat one for either of two.
			next := strings.IndexByte(h[i:], '<')
			if next < 0 {
				next = len(h) - i
			}
			if amp := strings.IndexByte(h[i:i+next], '&'); amp >= 0 {
				next = amp
			}
			b.WriteString(h[i : i+next])
			i += next
		}
	}
	return b.String()
}
