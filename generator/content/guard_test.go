package content_test

import (
	"fmt"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// namesMatter is front matter in format ("YAML", "TOML" or "JSON") with a
// title, a date and a list of n people: 3 + n values.
func namesMatter(format string, n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Person %06d", i)
	}
	quoted := `"` + strings.Join(names, `", "`) + `"`
	switch format {
	case "TOML":
		return "+++\ntitle = \"A list\"\ndate = \"2024-08-01\"\npeople = [" + quoted + "]\n+++\n\nA body.\n"
	case "JSON":
		return ";;;\n{\"title\": \"A list\",\n\"date\": \"2024-08-01\",\n\"people\": [" + quoted + "]}\n;;;\n\nA body.\n"
	}
	return "---\ntitle: A list\ndate: 2024-08-01\npeople: [" + quoted + "]\n---\n\nA body.\n"
}

// TestValueGuardCountsValuesInEveryFormat checks that the bound on the
// values of one front matter holds for YAML, TOML and JSON alike (only
// YAML's was counted), and at the number it names: a list counts as one
// value, and so does each of its items.
func TestValueGuardCountsValuesInEveryFormat(t *testing.T) {
	t.Parallel()
	p := content.NewParser(config.Default())
	for _, format := range []string{"YAML", "TOML", "JSON"} {
		a, probs := p.Parse("content/articles/list.md", []byte(namesMatter(format, content.MaxValues-3)))
		if a == nil || len(a.Terms["people"]) != content.MaxValues-3 {
			t.Errorf("%s: %d values in all were refused: %v", format, content.MaxValues, probs)
		}
		_, probs = p.Parse("content/articles/list.md", []byte(namesMatter(format, content.MaxValues-2)))
		want := fmt.Sprintf("content/articles/list.md:4: %s front matter: people: has more than %d values: a far too long list", format, content.MaxValues)
		if format == "YAML" {
			want = fmt.Sprintf("content/articles/list.md:4:9: YAML front matter: people: expands to more than %d values: too many aliases (*name) or a far too long list", content.MaxValues)
		}
		if got := problemTexts(probs); len(got) != 1 || got[0] != want {
			t.Errorf("%s with %d values:\n got %q\nwant [%q]", format, content.MaxValues+1, got, want)
		}
	}
}

// TestValueGuardCountsAliasesAsTheirValues checks that an alias counts
// as the values it stands for, not one more.
func TestValueGuardCountsAliasesAsTheirValues(t *testing.T) {
	t.Parallel()
	p := content.NewParser(config.Default())
	// The title and the date are 2 values; x, a list of 9 names, 10;
	// y, a list of 9,998 aliases of x, 1 + 9,998×10 = 99,981; people, a
	// list of n names, 1 + n: 100,000 values in all for n = 6.
	src := func(n int) string {
		return "---\ntitle: A list\ndate: 2024-08-01\nx: &x [a, b, c, d, e, f, g, h, i]\ny: [" +
			strings.Repeat("*x, ", 9997) + "*x]\npeople: [" + strings.Repeat("Jane Roe, ", n-1) + "Jane Roe]\n---\n"
	}
	if a, probs := p.Parse("content/articles/list.md", []byte(src(6))); a == nil {
		t.Errorf("100,000 values in all, aliases expanded, were refused: %v", probs)
	}
	if a, _ := p.Parse("content/articles/list.md", []byte(src(7))); a != nil {
		t.Errorf("100,001 values in all, aliases expanded, were accepted")
	}
}

// TestManyNamesParseInLinearTime parses an article of 99,000 names, under
// the bound on values: repeats were looked for by comparing every name
// with every name before it, which took a minute.
func TestManyNamesParseInLinearTime(t *testing.T) {
	t.Parallel()
	p := content.NewParser(config.Default())
	src := []byte(namesMatter("JSON", 99_000))
	// Linear work takes well under a second; the old quadratic work took
	// minutes, which go test's -timeout ends. The time is not asserted:
	// BenchmarkParseManyNames measures it.
	a, probs := p.Parse("content/articles/list.md", src)
	if a == nil || len(a.Terms["people"]) != 99_000 {
		t.Fatalf("not parsed: %v", probs)
	}
}

func BenchmarkParseManyNames(b *testing.B) {
	p := content.NewParser(config.Default())
	src := []byte(namesMatter("JSON", 99_000))
	for b.Loop() {
		p.Parse("content/articles/list.md", src)
	}
}
