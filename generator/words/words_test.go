package words_test

import (
	"testing"

	"folio/generator/words"
)

func TestIndex(t *testing.T) {
	cases := []struct {
		text, word string
		want       int
	}{
		{"Kyiv", "Kyiv", 0},
		{"Kyivan bakers of Kyiv.", "Kyiv", 17},
		{"Putin's", "Putin", 0},
		{"Zürich and Zürichsee", "Zürich", 0},
		{"aZürich Zürich", "Zürich", 9},
		{"Kyiv2 Kyiv", "Kyiv", 6},
		{"nothing", "Kyiv", -1},
		{"x", "", -1},
	}
	for _, c := range cases {
		if got := words.Index(c.text, c.word); got != c.want {
			t.Errorf("Index(%q, %q) = %d, want %d", c.text, c.word, got, c.want)
		}
	}
}
