package create_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/create"
	"folio/generator/sitepath"
)

// A month folder linked to outside the site once received the new
// article: nothing is written through a link that leaves the site.
func TestNewDoesNotWriteThroughALinkOutOfTheSite(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content/articles"), 0o755)
	if err := os.Symlink(outside, filepath.Join(root, "content/articles/2026")); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	_, err := create.Article(root, config.Default(), "Linked away", now)
	if err == nil || !strings.HasPrefix(err.Error(), "content/articles/2026/07: ") ||
		!strings.Contains(err.Error(), sitepath.ErrEscapes.Error()) {
		t.Errorf("err = %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written outside the site: %v", entries)
	}

	// The same with the file's own folder linked away.
	os.Remove(filepath.Join(root, "content/articles/2026"))
	os.MkdirAll(filepath.Join(root, "content/articles/2026"), 0o755)
	os.Symlink(outside, filepath.Join(root, "content/articles/2026/07"))
	if _, err := create.Article(root, config.Default(), "Linked away", now); err == nil {
		t.Error("wrote through a linked month folder")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written outside the site: %v", entries)
	}

	// A link that stays inside the site is followed, as the build does.
	os.Remove(filepath.Join(root, "content/articles/2026/07"))
	inside := filepath.Join(root, "content/july")
	os.MkdirAll(inside, 0o755)
	os.Symlink(inside, filepath.Join(root, "content/articles/2026/07"))
	name, err := create.Article(root, config.Default(), "Linked inside", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(inside, filepath.Base(name))); err != nil {
		t.Errorf("not written through the link inside the site: %v", err)
	}
}

// An ELF program was once imported as an article of garbage.
func TestImportRefusesWhatIsNotText(t *testing.T) {
	root := t.TempDir()
	cases := map[string]string{
		"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00": "not text but an executable program (ELF)",
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR":                                  "not text but a file of type image/png",
		"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n":                                        "not text but a file of type application/pdf",
		"Title\x00\x01\x02 binary":                                             "not text but binary data",
	}
	for src, want := range cases {
		_, _, err := create.Import(root, config.Default(), []byte(src), create.Known{}, time.Now(), "")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", src[:8], err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "content")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
	// Text and saved pages still come in.
	for _, src := range []string{"A title\n\nA paragraph.\n", "<!DOCTYPE html><html><head><title>Page</title></head><body><h1>A page</h1><p>Text.</p></body></html>"} {
		if _, _, err := create.Import(root, config.Default(), []byte(src), create.Known{}, time.Now(), ""); err != nil {
			t.Errorf("%q: %v", src[:10], err)
		}
	}
}
