package create_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/create"
)

func TestArticle(t *testing.T) {
	root := t.TempDir()
	cfg, err := config.Parse("config.yaml", []byte("timezone: Europe/Kyiv\n"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 22, 15, 42, 0, time.UTC) // 1 December in Kyiv
	const title = `  Kyiv's "new"   archive: Zürich & Kraków  `
	name, err := create.Article(root, cfg, title, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := "content/articles/2026/12/kyivs-new-archive-zurich-and-krakow.md"; name != want {
		t.Fatalf("wrote %s, want %s", name, want)
	}
	src, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	a, probs := content.NewParser(cfg).Parse(name, src)
	if a == nil || len(probs) > 0 {
		t.Fatalf("the new article does not parse: %v\n%s", probs, src)
	}
	if a.Title != `Kyiv’s “new” archive: Zürich & Kraków` || !a.Date.Equal(now.Truncate(time.Minute)) || !a.Draft {
		t.Errorf("parsed as %q, %v, draft %v\n%s", a.Title, a.Date, a.Draft, src)
	}
	for _, tax := range []string{"people", "places", "topics", "authors"} {
		if !strings.Contains(string(src), "\n"+tax+": []\n") || len(a.Terms[tax]) != 0 {
			t.Errorf("%s: want an empty list\n%s", tax, src)
		}
	}

	// Never over an existing article, nor a slug another article has.
	if err := os.WriteFile(filepath.Join(root, name), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, again := range []time.Time{now, now.AddDate(1, 0, 0)} {
		_, err := create.Article(root, cfg, title, again)
		if err == nil || err.Error() != name+` already exists with the slug "kyivs-new-archive-zurich-and-krakow": edit it, or choose another title` {
			t.Errorf("a second article with the same title: %v", err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, name)); string(b) != "mine" {
		t.Error("the existing file was replaced")
	}
	if _, err := create.Article(root, cfg, "?!", now); err == nil || err.Error() != `the title "?!" has no letters or digits to make a file name of` {
		t.Errorf("a title without letters: %v", err)
	}
}
