// Package words finds names in running text as whole words.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Index returns where word first stands in text as a whole word (not inside
// a longer one: "Kyiv" is not in "Kyivan"), or -1.
func Index(text, word string) int {
	if word == "" {
		return -1
	}
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(word):])
		if !inWord(before) && !inWord(after) {
			return i
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	return -1
}

// inWord reports whether r is part of a word; utf8.RuneError stands for the
// ends of the text.
func inWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
