package slug

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// makeCases are the names the archive must slug exactly so.
var makeCases = []struct {
	in, want string
}{
	// Letters with diacritics and other scripts are transliterated.
	{"Łukasz Żak", "lukasz-zak"},
	{"São Paulo", "sao-paulo"},
	{"Zürich", "zurich"},
	{"ZÜRICH", "zurich"},
	{"Côte d'Ivoire", "cote-divoire"},
	{"İzmir", "izmir"},
	{"Straße", "strasse"},
	{"Œuvre", "oeuvre"},
	{"Ελλάδα", "ellada"},
	{"Дмитрий Волков", "dmitrii-volkov"},
	{"京都", "jing-du"},
	{"東京タワー", "dong-jing-ta-wa"},
	{"서울", "seo-ul"},
	{"ＡＢＣ", "abc"},   // full-width Latin
	{"x\u0301", "x"}, // a lone combining mark adds nothing

	// Symbols that carry meaning are spelled out, so names stay distinct.
	{"C", "c"},
	{"C#", "c-sharp"},
	{"C++", "c-plus-plus"},
	{"AT&T", "at-and-t"},
	{"AT-T", "at-t"},
	{"Oil & gas", "oil-and-gas"},
	{"Oil&gas", "oil-and-gas"},
	{"50%", "50-percent"},
	{"me@home", "me-at-home"},

	// Apostrophes join, dots join letters, other punctuation separates.
	{"O'Brien", "obrien"},
	{"O’Brien", "obrien"},
	{"Smith, John", "smith-john"},
	{"St. John's", "st-johns"},
	{"U.S.", "us"},
	{"3.5 billion", "3-5-billion"},
	{"v1.2.3", "v1-2-3"},
	{"1.", "1"},
	{"Rock 'n' Roll", "rock-n-roll"},
	{"a/b\\c", "a-b-c"},
	{"tab\tand\nnewline", "tab-and-newline"},
	{"a—b", "a-b"},
	{"a😀b", "a-b"},

	// Hyphens never double up, lead or trail.
	{"  --a--  ", "a"},
	{"a - - b", "a-b"},
	{"Already-a-slug", "already-a-slug"},
	{"2024", "2024"},

	// Nothing to make a URL from.
	{"", ""},
	{"!!!", ""},
	{"   ", ""},
	{"'", ""},
	{"...", ""},
	{"😀", ""},
	{"\u0301", ""},
}

func TestMake(t *testing.T) {
	for _, tc := range makeCases {
		if got := Make(tc.in); got != tc.want {
			t.Errorf("Make(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Names that differ only in meaningful punctuation must not collide.
func TestMakeKeepsNamesDistinct(t *testing.T) {
	pairs := [][2]string{{"C", "C#"}, {"C", "C++"}, {"C#", "C++"}, {"AT&T", "AT-T"}, {"AT&T", "ATT"}, {"3.5", "35"}}
	for _, p := range pairs {
		if a, b := Make(p[0]), Make(p[1]); a == b {
			t.Errorf("Make(%q) and Make(%q) are both %q", p[0], p[1], a)
		}
	}
}

func TestMakeCutsLongNamesAtAHyphen(t *testing.T) {
	// 60 words of 4 letters: 300 bytes in, "word-word-…" out.
	long := strings.Repeat("Word ", 60)
	if len(long) != 300 {
		t.Fatalf("test input is %d bytes", len(long))
	}
	got := Make(long)
	want := strings.TrimSuffix(strings.Repeat("word-", 16), "-") // 79 bytes
	if got != want {
		t.Errorf("Make(300 bytes) = %q (%d bytes), want %q (%d bytes)", got, len(got), want, len(want))
	}

	// A cut that falls exactly at the end of a word keeps that word:
	// a 10-letter word, then 9-letter words, puts a hyphen at byte 80.
	words := []string{"abcdefghij"}
	for len(words) < 30 {
		words = append(words, "klmnopqrs")
	}
	full := strings.Join(words, "-")
	if full[MaxLen] != '-' {
		t.Fatalf("test input has %q at byte %d", full[MaxLen], MaxLen)
	}
	if got, want := Make(strings.Join(words, " ")), full[:MaxLen]; got != want {
		t.Errorf("Make(words ending at byte %d) = %q (%d bytes), want %q (%d bytes)", MaxLen, got, len(got), want, len(want))
	}

	// One endless word has no hyphen to cut at: it is cut at MaxLen.
	if got, want := Make(strings.Repeat("a", 300)), strings.Repeat("a", MaxLen); got != want {
		t.Errorf("Make(300×a) = %q, want %q", got, want)
	}

	// A hyphen in the first half is too early to cut at: the slug is cut
	// at MaxLen instead of losing most of its length.
	in := "ab " + strings.Repeat("c", 200)
	if got, want := Make(in), "ab-"+strings.Repeat("c", MaxLen-3); got != want {
		t.Errorf("Make(ab + 200×c) = %q, want %q", got, want)
	}

	// A multi-byte name is measured in bytes of the slug, not of the input.
	if got := Make(strings.Repeat("Żak ", 20)); got != strings.TrimSuffix(strings.Repeat("zak-", 20), "-") {
		t.Errorf("Make(20×Żak) = %q, want 20 zak joined by hyphens", got)
	}
}

// TestMakeCutIsLongestWordPrefix checks the cut against a reference over
// many word lengths: the longest whole-word prefix of at most MaxLen bytes.
func TestMakeCutIsLongestWordPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var words []string
		for n := 0; n < 200; {
			w := strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(12))
			words = append(words, w)
			n += len(w) + 1
		}
		full := strings.Join(words, "-")
		want := full
		if len(full) > MaxLen {
			want = full[:MaxLen]
			if i := strings.LastIndexByte(full[:MaxLen+1], '-'); i > MaxLen/2 {
				want = full[:i]
			}
		}
		if got := Make(strings.Join(words, " ")); got != want {
			t.Fatalf("Make(%q)\n got %q (%d bytes)\nwant %q (%d bytes)", strings.Join(words, " "), got, len(got), want, len(want))
		}
	}
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkProperties asserts what every slug must be, whatever the input.
func checkProperties(t *testing.T, s string) {
	t.Helper()
	got := Make(s)
	if got != "" && !slugRe.MatchString(got) {
		t.Errorf("Make(%q) = %q: not lower-case ASCII words joined by single hyphens", s, got)
	}
	if len(got) > MaxLen {
		t.Errorf("Make(%q) = %q: %d bytes, more than MaxLen %d", s, got, len(got), MaxLen)
	}
	if again := Make(got); again != got {
		t.Errorf("Make(Make(%q)) = %q, but Make(%q) = %q", s, again, s, got)
	}
}

// alphabet mixes the characters the properties are most likely to trip on.
var alphabet = []rune("aZ09 -_.,'’ʼ&#+@%!?/\\\t\nßÆøŁżÜİıçé\u0301\u0300ДжЩъЁΩλάΣ京都東ー서울ｶＡ½①Ⅻ℃™©€—–😀\ufffd\u200b\u00a0")

func TestMakeProperties(t *testing.T) {
	for _, tc := range makeCases {
		checkProperties(t, tc.in)
	}
	checkProperties(t, "3.\xff5")   // invalid UTF-8 next to a dot
	checkProperties(t, "\xff\xfe")  // invalid UTF-8 only
	checkProperties(t, "a\x00b")    // NUL
	checkProperties(t, "1.2.3.4.5") // dots between digits
	r := rand.New(rand.NewPCG(7, 11))
	for range 5000 {
		n := r.IntN(120)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		checkProperties(t, b.String())
	}
	for n := MaxLen - 3; n <= MaxLen+3; n++ {
		for _, sep := range []string{" ", "-", ".", "&", "'"} {
			checkProperties(t, strings.Repeat("x"+sep, n/2))
			checkProperties(t, strings.Repeat("1"+sep, n/2))
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, tc := range makeCases {
		f.Add(tc.in)
	}
	f.Add(strings.Repeat("Word ", 60))
	f.Add(strings.Repeat("abcdefghi ", 30))
	f.Add("3.\xff5")
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if got != "" && !slugRe.MatchString(got) {
			t.Fatalf("Make(%q) = %q: not lower-case ASCII words joined by single hyphens", s, got)
		}
		if len(got) > MaxLen {
			t.Fatalf("Make(%q) = %q: %d bytes, more than MaxLen", s, got, len(got))
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(Make(%q)) = %q, but Make(%q) = %q", s, again, s, got)
		}
		if utf8.ValidString(s) && strings.ToLower(s) == s && slugRe.MatchString(s) && len(s) <= MaxLen && got != s {
			t.Fatalf("Make(%q) = %q: a slug must be its own slug", s, got)
		}
	})
}
