package words

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Set finds many names in text as whole words, as Index finds one, in one
// pass over the text: looking for each of thousands of names in turn
// costs their number times the length of the text.
type Set struct {
	names []string
	// byKey files each name that begins with a letter or digit under its
	// first two words, with what separates them ("Vladimir Putin",
	// "AT&T"), or its first word when it has one ("Kyiv", "C#"); byRune
	// files the others under their first character. Each list is
	// longest name first.
	byKey  map[string][]int
	byRune map[rune][]int
}

// NewSet prepares to find names; First reports them by their index in
// names. Empty names are never found.
func NewSet(names []string) *Set {
	s := &Set{names: names, byKey: map[string][]int{}, byRune: map[rune][]int{}}
	for i, name := range names {
		if name == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(name)
		if inWord(r) {
			k := keyAt(name, 0)
			s.byKey[k] = append(s.byKey[k], i)
		} else {
			s.byRune[r] = append(s.byRune[r], i)
		}
	}
	longest := func(a, b int) int { return cmp.Or(cmp.Compare(len(names[b]), len(names[a])), cmp.Compare(a, b)) }
	for _, l := range s.byKey {
		slices.SortFunc(l, longest)
	}
	for _, l := range s.byRune {
		slices.SortFunc(l, longest)
	}
	return s
}

// keyAt is the key of the text at i, the start of a word: its first two
// words with what separates them, or its only word.
func keyAt(text string, i int) string {
	end := wordEnd(text, i)
	next := gapEnd(text, end)
	if next == len(text) {
		return text[i:end]
	}
	return text[i:wordEnd(text, next)]
}

// First returns where the first of the names that skip does not rule out
// stands in text as a whole word: its start and end, and its index. At a
// place where several stand, it is the longest (the first given, among
// names of one length). It returns -1, -1, -1 when there is none.
func (s *Set) First(text string, skip func(int) bool) (at, end, index int) {
	prev := utf8.RuneError // the text's start is a word boundary
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		best := -1
		switch {
		case inWord(r) && !inWord(prev):
			wend := wordEnd(text, i)
			best = s.longest(text, i, s.byKey[text[i:wend]], best, skip)
			if next := gapEnd(text, wend); next < len(text) {
				best = s.longest(text, i, s.byKey[text[i:wordEnd(text, next)]], best, skip)
			}
		case !inWord(r) && !inWord(prev) && len(s.byRune) > 0:
			best = s.longest(text, i, s.byRune[r], best, skip)
		}
		if best >= 0 {
			return i, i + len(s.names[best]), best
		}
		prev = r
		i += size
	}
	return -1, -1, -1
}

// longest returns the longer of best and the longest of candidates that
// stands at i as a whole word and is not skipped (by index on a tie).
func (s *Set) longest(text string, i int, candidates []int, best int, skip func(int) bool) int {
	for _, c := range candidates {
		name := s.names[c]
		if best >= 0 && (len(name) < len(s.names[best]) || len(name) == len(s.names[best]) && c > best) {
			break // longest first: no later one wins
		}
		if !strings.HasPrefix(text[i:], name) || skip(c) {
			continue
		}
		if after, _ := utf8.DecodeRuneInString(text[i+len(name):]); inWord(after) {
			continue
		}
		return c
	}
	return best
}

// wordEnd is the end of the word that starts at i.
func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !inWord(r) {
			break
		}
		i += size
	}
	return i
}

// gapEnd is the start of the next word from i, or the text's end.
func gapEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if inWord(r) {
			break
		}
		i += size
	}
	return i
}
