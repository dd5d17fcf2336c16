package create_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/create"
	"folio/generator/sitetest"
)

// seed is the raw scraped article the project started from.
const seed = "../../../shared/seeds/000_5fc7bdcb2eddf6e0.txt"

func TestImportSeed(t *testing.T) {
	src, err := os.ReadFile(seed)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no seed at %s: CI has shared/ beside the checkout", seed)
		}
		t.Skip("no ../shared/seeds beside the checkout")
	}
	// The example archive knows Putin (with the alias Putin), Trump,
	// Peskov, Zelensky, Kyiv and Moscow, among others.
	root := sitetest.Copy(t, "../..")
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	known, err := create.KnownNames(root, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if known["people"]["Putin"] != "Vladimir Putin" {
		t.Fatalf("the alias Putin stands for %q", known["people"]["Putin"])
	}
	date := time.Date(2024, 7, 22, 9, 30, 0, 0, time.UTC)
	name, a, err := create.Import(root, cfg, src, known, date, "Anna Kowalczyk")
	if err == nil {
		t.Fatal("the seed's slug is an example article's: importing it again must be refused")
	}
	if !strings.Contains(err.Error(), "kremlin-keeps-cryptic-stance-on-putin-trump-contacts") {
		t.Errorf("refusal: %v", err)
	}
	// Into an archive without that article.
	if err := os.Remove(filepath.Join(root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md")); err != nil {
		t.Fatal(err)
	}
	name, a, err = create.Import(root, cfg, src, known, date, "Anna Kowalczyk")
	if err != nil {
		t.Fatal(err)
	}
	if name != "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md" {
		t.Errorf("wrote %s", name)
	}
	if a.Title != "Kremlin keeps cryptic stance on Putin-Trump contacts" {
		t.Errorf("title %q", a.Title)
	}
	if want := []string{"Vladimir Putin", "Donald Trump", "Dmitry Peskov", "Mykhailo Podolyak", "Volodymyr Zelensky", "Thomas Graham"}; !slices.Equal(a.Terms["people"], want) {
		t.Errorf("people %q, want %q", a.Terms["people"], want)
	}
	if want := []string{"Ukraine", "Russia", "Kyiv", "United States", "Moscow"}; !slices.Equal(a.Terms["places"], want) {
		t.Errorf("places %q, want %q", a.Terms["places"], want)
	}
	if want := []string{"White House", "U.S. National Security Council"}; !slices.Equal(a.Suggested, want) {
		t.Errorf("suggested %q, want %q", a.Suggested, want)
	}
	body, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	for _, gone := range []string{"Be the first to comment", "Leave a Reply", "Your email address will not be published"} {
		if strings.Contains(text, gone) {
			t.Errorf("the boilerplate %q is still there", gone)
		}
	}
	if !strings.Contains(text, "“I cannot confirm this, nor can I deny it,” Peskov stated") || !strings.Contains(text, "\n\n“To our knowledge, no such call") ||
		!strings.HasSuffix(text, "the future of its foreign policy toward Moscow.\n") || len(a.Paragraphs) != 12 {
		t.Errorf("paragraphs or quotes lost:\n%s", text)
	}
	parsed, probs := content.NewParser(cfg).Parse(name, body)
	if parsed == nil || len(probs) > 0 {
		t.Fatalf("the imported article does not parse: %v\n%s", probs, text)
	}
	if !slices.Equal(parsed.Terms["authors"], []string{"Anna Kowalczyk"}) || !parsed.Date.Equal(date) || parsed.Draft {
		t.Errorf("front matter: authors %q, date %v, draft %v", parsed.Terms["authors"], parsed.Date, parsed.Draft)
	}
	if !strings.Contains(text, "\n# Names in the text the archive does not know yet") {
		t.Errorf("no suggestions for review:\n%s", text)
	}
}

func TestImportWebPage(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Ignored | Some Site</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article>
<h1>Kyiv archive opens its doors</h1>
<div class="share-buttons"><a>Share on X</a></div>
<p>The <em>city</em> archive in Kyiv opened on Monday, said Oksana Melnyk.</p>
<h2>What is inside</h2>
<blockquote><p>“Everything,” she said.</p></blockquote>
<ul><li>Maps</li><li>Letters *signed* by hand</li></ul>
<p>1999. The year it closed.</p>
<section id="comments"><h3>Leave a Reply</h3><p>Nice!</p></section>
</article></main>
<footer><p>© Some Site</p></footer></body></html>`
	known := create.Known{"places": {"Kyiv": "Kyiv"}, "people": {"Oksana Melnyk": "Oksana Melnyk"}}
	a := create.Parse([]byte(page), known)
	want := []string{
		"The city archive in Kyiv opened on Monday, said Oksana Melnyk.",
		"## What is inside",
		"> “Everything,” she said.",
		"- Maps",
		`- Letters \*signed\* by hand`,
		`1999\. The year it closed.`,
	}
	if a.Title != "Kyiv archive opens its doors" || !slices.Equal(a.Paragraphs, want) {
		t.Errorf("title %q, blocks:\n%q\nwant\n%q", a.Title, a.Paragraphs, want)
	}
	if !slices.Equal(a.Terms["places"], []string{"Kyiv"}) || !slices.Equal(a.Terms["people"], []string{"Oksana Melnyk"}) {
		t.Errorf("terms %v", a.Terms)
	}
}
