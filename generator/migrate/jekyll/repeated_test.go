package jekyll

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepeatedKeys: a post whose front matter writes a key twice
// (Homebrew's 1.0.0 post, two redirect_from lines) is migrated with the
// last value, as Jekyll's YAML reads it, and the repetition is noted;
// Go's YAML alone refused the whole file.
func TestRepeatedKeys(t *testing.T) {
	dest, rep := migrateFiles(t, map[string]string{
		"_config.yml":                         "title: T\n",
		"_posts/2016-09-21-homebrew-1.0.0.md": "---\ntitle: 1.0.0\nauthor: Mike\nredirect_from: /2016/09/02/homebrew-1.0.0/\nredirect_from: /blog/1.0.0/\n---\nToday.\n",
	}, false)
	if items := rep.Items()["Files not migrated"]; len(items) > 0 {
		t.Fatalf("not migrated: %v", items)
	}
	b, err := os.ReadFile(filepath.Join(dest, "content/articles/2016/09/homebrew-1-0-0.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); !strings.Contains(got, "/blog/1.0.0/") || strings.Contains(got, "/2016/09/02/homebrew-1.0.0/") || !strings.Contains(got, "title: \"1.0.0\"") {
		t.Errorf("the post:\n%s", got)
	}
	items := rep.Items()["Front matter keys written twice"]
	if len(items) != 1 || items[0].String() != "_posts/2016-09-21-homebrew-1.0.0.md:5: redirect_from is written again here: its last value is kept, as Jekyll read it" {
		t.Errorf("notes: %v", items)
	}
}

// TestAuthorIsOneName: author: Claudio Baccigalupo is one author, as
// Jekyll's plugins read it (rubyonrails.org's posts); tags written as a
// string are still split on spaces, as Jekyll splits them.
func TestAuthorIsOneName(t *testing.T) {
	dest, _ := migrateFiles(t, map[string]string{
		"_config.yml":                 "title: T\n",
		"_posts/2026-08-21-banner.md": "---\ntitle: Banner\nauthor: Claudio Baccigalupo\ntags: rails news\n---\nHi.\n",
		"_posts/2026-08-13-agents.md": "---\ntitle: Agents\nauthors: [Svyatoslav Kryukov, Artur Petrov]\n---\nTL;DR.\n",
	}, false)
	for file, want := range map[string]string{
		"content/articles/2026/08/banner.md": "authors:\n  - Claudio Baccigalupo\ntags:\n  - rails\n  - news\n",
		"content/articles/2026/08/agents.md": "authors:\n  - Svyatoslav Kryukov\n  - Artur Petrov\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, file))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s (%v):\n%s\nwant it to hold:\n%s", file, err, b, want)
		}
	}
}
