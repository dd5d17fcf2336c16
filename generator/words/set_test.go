package words_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"folio/generator/words"
)

// first is Set.First the slow way: every name looked for in turn.
func first(names []string, text string, skip func(int) bool) (at, end, index int) {
	at, end, index = -1, -1, -1
	for i, name := range names {
		if skip(i) {
			continue
		}
		if p := words.Index(text, name); p >= 0 && (at < 0 || p < at || p == at && p+len(name) > end) {
			at, end, index = p, p+len(name), i
		}
	}
	return at, end, index
}

func TestSetFindsWhatIndexFinds(t *testing.T) {
	names := []string{"Vladimir Putin", "Putin", "Kyiv", "Kiev", "C#", "AT&T", "U.S.", "O’Brien", "Siobhán O’Brien",
		"-X", "(Kyiv)", "Oil & Gas Co", "Oil", "Zürich", "", "Putin"}
	set := words.NewSet(names)
	cases := []string{
		"Vladimir Putin met Putin.", "Kyivan bakers of Kyiv.", "C# and C#x and AT&T's U.S. office",
		"Siobhán O’Brien of Oil & Gas Co", "a-X -X (Kyiv) Zürichsee Zürich", "Vladimir  Putin", "", "Putin",
		"\xffKyiv\xff", "Oil & Gas", "Vladimir Putinism Putin",
	}
	none := func(int) bool { return false }
	for _, text := range cases {
		wa, we, wi := first(names, text, none)
		if a, e, i := set.First(text, none); a != wa || e != we || i != wi {
			t.Errorf("First(%q) = %d, %d, %d (%q); want %d, %d, %d", text, a, e, i, names[max(i, 0)], wa, we, wi)
		}
	}
	// Names ruled out are passed over.
	skip := func(i int) bool { return names[i] == "Vladimir Putin" }
	if a, e, i := set.First("Vladimir Putin", skip); a != 9 || e != 14 || i != 1 {
		t.Errorf("First with Vladimir Putin skipped = %d, %d, %d; want 9, 14, 1", a, e, i)
	}
}

// TestSetRandom compares Set.First with the slow way on random texts
// made of a few words and separators, where names overlap and nest.
func TestSetRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "ab", "é", "1", " ", " ", "-", "&", "’", ".", "\xff"}
	gen := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	for range 2000 {
		names := make([]string, 1+r.IntN(8))
		for i := range names {
			names[i] = strings.TrimSpace(gen(1 + r.IntN(4)))
		}
		set := words.NewSet(names)
		skipped := r.IntN(len(names) + 1)
		skip := func(i int) bool { return i == skipped }
		for range 5 {
			text := gen(r.IntN(20))
			wa, we, wi := first(names, text, skip)
			if a, e, i := set.First(text, skip); a != wa || e != we || i != wi {
				t.Fatalf("names %q, text %q: First = %d, %d, %d; want %d, %d, %d", names, text, a, e, i, wa, we, wi)
			}
		}
	}
}
