package jekyll

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// TestAuthorProfiles: the authors data file becomes profiles named by
// the ids posts give, with the display name as name:.
func TestAuthorProfiles(t *testing.T) {
	for _, c := range []struct {
		name, file, data string
	}{
		{"a map by id", "_data/authors.yml", "jdoe:\n  name: Jane Doe\n  twitter: jd\nBob_X: Bob X\nnameless:\n  twitter: n\n"},
		{"a list with ids", "_data/authors.json", `[{"id": "jdoe", "display_name": "Jane Doe", "twitter": "jd"}, {"slug": "Bob_X", "full_name": "Bob X"}, {"username": "nameless", "twitter": "n"}, {"name": "Nobody"}]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dest, rep := migrateFiles(t, map[string]string{
				"_config.yml":            "title: T\n",
				"_posts/2015-03-17-a.md": "---\ntitle: A\nauthor: jdoe\n---\nA.\n",
				c.file:                   c.data,
			}, false)
			for name, want := range map[string]string{
				"content/authors/jdoe.md":     "---\nname: Jane Doe\ntwitter: jd\n---\n",
				"content/authors/bob-x.md":    "---\nname: Bob X\n---\n",
				"content/authors/nameless.md": "---\ntwitter: \"n\"\n---\n",
			} {
				got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
				if err != nil || string(got) != want {
					t.Errorf("%s: %v\n%s\nwant:\n%s", name, err, got, want)
				}
			}
			got := rep.Lines("Author profiles to check", "Author profiles not made")
			want := []string{
				c.file + `: "Bob_X" is written as content/authors/bob-x.md, the slug folio makes of it`,
				c.file + ": nameless has no name (name, display_name, full_name, fullname, title): its page shows the id",
			}
			if strings.HasSuffix(c.file, ".json") {
				want = append(want, c.file+": item 4 has no id (id, slug, key, username, handle, login)")
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if rep.Counts[migrate.Profiles] != 3 {
				t.Errorf("%d profiles", rep.Counts[migrate.Profiles])
			}
		})
	}
}
