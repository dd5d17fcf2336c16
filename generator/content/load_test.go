package content_test

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// writeFiles creates files (slash paths relative to root) with contents.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func article(title, date string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\n---\n\nText.\n"
}

func TestFiles(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"content/articles/top.md":                         article("Top", "2024-01-01"),
		"content/articles/2024/b.md":                      article("B", "2024-01-02"),
		"content/articles/2024/a.md":                      article("A", "2024-01-03"),
		"content/articles/2024/07/22/deep.md":             article("Deep", "2024-07-22"),
		"content/articles/2024/treaty/index.md":           article("Treaty", "2024-01-04"),
		"content/articles/2024/treaty/notes.txt":          "not an article",
		"content/articles/2024/treaty/map.png":            "png",
		"content/articles/2023/UPPER.MD":                  article("Upper", "2023-01-01"),
		"content/articles/2023/Zażółć.md":                 article("Z", "2023-01-02"),
		"content/articles/2023/with space.md":             article("S", "2023-01-03"),
		"content/articles/.hidden.md":                     article("Hidden", "2024-01-01"),
		"content/articles/2024/.a.md.swp":                 "swap",
		"content/articles/2024/.drafts/secret.md":         article("Secret", "2024-01-01"),
		"content/articles/.git/x.md":                      article("Git", "2024-01-01"),
		"content/articles/2024/README":                    "readme",
		"content/articles/2024/a.markdown":                article("Markdown", "2024-01-01"),
		"content/articles/2024/amd":                       "no dot",
		"content/pages/about.md":                          article("About", "2024-01-01"),
		"content/articles.md":                             article("Beside", "2024-01-01"),
		"content/articles/2024/folder.md/inside.md":       article("Inside", "2024-01-01"),
		"content/articles/2024/_index.md":                 article("Index", "2024-01-01"),
		"content/articles/2024/visible/.hidden/nested.md": article("Nested", "2024-01-01"),
	})
	got, err := content.Files(root)
	if err != nil {
		t.Fatalf("Files: %v", err)
	}
	want := []string{
		"content/articles/2023/UPPER.MD",
		"content/articles/2023/Zażółć.md", // byte order: Z before w
		"content/articles/2023/with space.md",
		"content/articles/2024/07/22/deep.md",
		"content/articles/2024/a.md",
		"content/articles/2024/b.md",
		"content/articles/2024/folder.md/inside.md",
		"content/articles/2024/treaty/index.md",
		"content/articles/top.md",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Files =\n%q\nwant\n%q", got, want)
	}
	// Hugo's section introduction is left out with a note.
	_, warnings, _ := content.Scan(root)
	if len(warnings) != 1 || warnings[0].Error() != "content/articles/2024/_index.md: warning: a section's introduction, as Hugo has them, not an article: not read" {
		t.Errorf("warnings %v", warnings)
	}
}

func TestFilesWithoutArticlesFolder(t *testing.T) {
	root := t.TempDir()
	got, err := content.Files(root)
	if err != nil || len(got) != 0 {
		t.Errorf("Files(no content/articles) = %q, %v; want nothing, no error", got, err)
	}
	// An empty folder is no error either.
	if err := os.MkdirAll(filepath.Join(root, "content", "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err = content.Files(root)
	if err != nil || len(got) != 0 {
		t.Errorf("Files(empty content/articles) = %q, %v; want nothing, no error", got, err)
	}
}

func TestFilesUnreadableFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("permissions are not enforced here")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"content/articles/locked/a.md": article("A", "2024-01-01")})
	locked := filepath.Join(root, "content", "articles", "locked")
	if err := os.Chmod(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	if _, err := content.Files(root); err == nil || !strings.HasPrefix(err.Error(), "reading "+filepath.Join(root, "content", "articles")+": ") {
		t.Errorf("Files(unreadable folder) error = %v", err)
	}
}

func TestLoadAll(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/articles/2024/good-1.md":       article("One", "2024-01-01"),
		"content/articles/2024/bad-date.md":     article("Two", "2024-02-30"),
		"content/articles/2024/good-2.md":       article("Three", "2024-03-01"),
		"content/articles/2024/no-title.md":     "---\ndate: 2024-01-01\n---\n",
		"content/articles/2024/good-3/index.md": article("Four", "2024-04-01"),
		"content/articles/2024/empty.md":        "",
	}
	// Enough files that every worker gets several.
	for i := range 40 {
		files["content/articles/many/"+string(rune('a'+i%26))+string(rune('a'+i/26))+".md"] = article("Many", "2024-05-01")
	}
	writeFiles(t, root, files)
	names, err := content.Files(root)
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, "content/articles/2024/missing.md")
	p := content.NewParser(warsawConfig(t))
	arts, probs := p.LoadAll(root, names)
	if len(arts) != len(names) {
		t.Fatalf("LoadAll returned %d articles for %d files", len(arts), len(names))
	}
	bad := map[string]bool{
		"content/articles/2024/bad-date.md": true,
		"content/articles/2024/no-title.md": true,
		"content/articles/2024/empty.md":    true,
		"content/articles/2024/missing.md":  true,
	}
	for i, name := range names {
		a := arts[i]
		if bad[name] {
			if a != nil {
				t.Errorf("%s: got an article from a bad file", name)
			}
			continue
		}
		if a == nil {
			t.Errorf("%s: no article", name)
			continue
		}
		if a.Path != name {
			t.Errorf("article %d has Path %q, want %q: the order is not kept", i, a.Path, name)
		}
	}
	want := []string{
		`content/articles/2024/bad-date.md:3: date: "2024-02-30" is not a real date (day out of range)`,
		`content/articles/2024/empty.md: the file is empty: an article needs front matter with a title and a date`,
		`content/articles/2024/missing.md: no such file or directory`,
		`content/articles/2024/no-title.md:1: title: missing: add a line title: "…" to the front matter`,
	}
	if got := problemTexts(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
	if err := probs.Err(); err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Err() = %v", err)
	}
	// The good articles are the same as parsed one by one.
	one, _ := p.Load(root, "content/articles/2024/good-3/index.md")
	if one == nil || one.Slug != "good-3" || one.Title != "Four" {
		t.Fatalf("Load(good-3/index.md) = %+v", one)
	}
	for i, name := range names {
		if name == "content/articles/2024/good-3/index.md" && !reflect.DeepEqual(arts[i], one) {
			t.Errorf("LoadAll and Load differ for %s", name)
		}
	}
}

func TestLoadAllNothing(t *testing.T) {
	p := content.NewParser(config.Default())
	arts, probs := p.LoadAll(t.TempDir(), nil)
	if len(arts) != 0 || len(probs) != 0 {
		t.Errorf("LoadAll(no files) = %v, %v", arts, probs)
	}
}
