package content

import (
	"reflect"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/diag"
)

func errorTexts(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain, zürich, 東京", "plain, zürich, 東京"},
		{"tab\tand\nlines\r\n", "tab\tand\nlines\r\n"},
		{"a\x00b\x01c\x1b[2J\x7f", "a\uFFFDb\uFFFDc\uFFFD[2J\uFFFD"},
		{"c1 \u0085\u009f, nbsp\u00a0", "c1 \uFFFD\uFFFD, nbsp\u00a0"},
		{"non \ufffe\uffff\ufdd0\U0001fffe, kept \ufeff\U0001F600", "non \uFFFD\uFFFD\uFFFD\uFFFD, kept \ufeff\U0001F600"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(cleanBytes([]byte(tt.in))); got != tt.want {
			t.Errorf("cleanBytes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFrontMatterIsCleaned checks that every string of the front matter,
// in every format, reaches the article and the profile without control
// characters, and that a field name holding one is refused.
func TestFrontMatterIsCleaned(t *testing.T) {
	cfg, err := config.Parse("config.yaml", []byte("markdown:\n  typographer: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser(cfg)
	for _, src := range []string{
		"---\ntitle: \"T\\x01\"\ndate: 2024-07-22\nsummary: \"S\\x1b[2J\"\npeople: [\"P\\x7f\"]\nextra: {list: [\"L\\x02\"], \"k\\x03\": v}\n---\nBody \x01.\n",
		"+++\ntitle = \"T\\u0001\"\ndate = 2024-07-22\nsummary = \"S\\u001b[2J\"\npeople = [\"P\\u007f\"]\n[extra]\nlist = [\"L\\u0002\"]\n\"k\\u0003\" = \"v\"\n+++\nBody \x01.\n",
		";;;\n{\"title\": \"T\\u0001\", \"date\": \"2024-07-22\", \"summary\": \"S\\u001b[2J\", \"people\": [\"P\\u007f\"],\n\"extra\": {\"list\": [\"L\\u0002\"], \"k\\u0003\": \"v\"}}\n;;;\nBody \x01.\n",
	} {
		a, probs := p.Parse("content/articles/a.md", []byte(src))
		if len(probs) > 0 {
			t.Fatalf("%q: %v", src, probs)
		}
		got := []any{a.Title, a.Summary, a.Terms["people"], a.Params["extra"], a.Body}
		want := []any{"T\uFFFD", "S\uFFFD[2J", []string{"P\uFFFD"},
			map[string]any{"list": []any{"L\uFFFD"}, "k\uFFFD": "v"}, "<p>Body \uFFFD.</p>\n"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", src, got, want)
		}
	}

	pr, probs := p.ParseProfile("content/people/p.md", "people", []byte("---\nname: \"Jane\\x1b Doe\"\ndescription: \"D\\x01\"\nlinks: [{title: \"L\\x02\", url: \"https://example.org/\"}]\n---\nBio\x01\n"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got, want := []any{pr.Name, pr.Description, pr.Links[0].Title, pr.Body}, []any{"Jane\uFFFD Doe", "D\uFFFD", "L\uFFFD", "<p>Bio\uFFFD</p>\n"}; !reflect.DeepEqual(got, want) {
		t.Errorf("profile: got %q, want %q", got, want)
	}

	_, probs = p.Parse("content/articles/a.md", []byte("---\ntitle: T\ndate: 2024-07-22\n\"a\\x01b\": x\nimage: \"a\\x01.png\"\nimage_alt: x\n---\n"))
	if got, want := errorTexts(probs), []string{
		`content/articles/a.md:4: "a\x01b": the field name holds a control character: remove it`,
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	_, probs = p.Parse("content/articles/a.md", []byte("---\ntitle: T\ndate: 2024-07-22\nimage: \"a\\x01.png\"\nimage_alt: x\n---\n"))
	if got, want := errorTexts(probs), []string{
		"content/articles/a.md:4: image: \"a\uFFFD.png\" is not an http(s) address or a path to a file of the site",
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}

// BenchmarkCleanBytes measures the pass over a clean body, against
// Parse's 100 ns or so a byte:
//
//	go test -run X -bench CleanBytes ./generator/content
func BenchmarkCleanBytes(b *testing.B) {
	body := []byte(strings.Repeat("Zażółć gęślą jaźń, a paragraph of \"text\" with *emphasis*.\n\n", 1<<14))
	b.SetBytes(int64(len(body)))
	for range b.N {
		cleanBytes(body)
	}
}
