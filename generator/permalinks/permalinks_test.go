package permalinks

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/srcfile"
)

// writeRecord writes a record of n articles, each at an old and a new
// address, into a new site, and returns the site's root.
func writeRecord(t *testing.T, n int, extra string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(root, filepath.FromSlash(File)))
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(header)
	for i := range n {
		fmt.Fprintf(w, "content/articles/2024/07/a-fairly-long-slug-of-an-article-number-%07d.md\t/news/2024/07/22/a-fairly-long-slug-%07d/\n", i, i)
		fmt.Fprintf(w, "content/articles/2024/07/a-fairly-long-slug-of-an-article-number-%07d.md\t/articles/a-fairly-long-slug-%07d/\n", i, i)
	}
	w.WriteString(extra)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestLargeRecordRead: a record larger than the generator reads of a
// text file whole (a million articles make 142 MB) is read, and saved
// again with every address it had. It was refused, and then written
// anew with the current addresses alone: every redirect was lost.
func TestLargeRecordRead(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a record of 70 MB")
	}
	n := 330_000 // two lines of some 110 bytes each
	root := writeRecord(t, n, "")
	if info, err := os.Stat(filepath.Join(root, filepath.FromSlash(File))); err != nil || info.Size() <= srcfile.MaxText {
		t.Fatalf("the record is not larger than %d bytes: %v", srcfile.MaxText, err)
	}
	r, probs := Load(root)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	last := fmt.Sprintf("content/articles/2024/07/a-fairly-long-slug-of-an-article-number-%07d.md", n-1)
	if old := r.Old(last, fmt.Sprintf("/articles/a-fairly-long-slug-%07d/", n-1)); len(old) != 1 {
		t.Fatalf("the last article's old addresses: %q", old)
	}
	if got := strings.Count(publishAndSave(t, r, root), "\t/news/"); got != n {
		t.Errorf("the saved record has %d of the %d old addresses", got, n)
	}
}

// TestUnreadRecordKept: a record that cannot be read (a line of more
// than a megabyte) is a warning, and the build never writes over it.
func TestUnreadRecordKept(t *testing.T) {
	root := writeRecord(t, 10, "content/articles/x.md\t/"+strings.Repeat("x", 2<<20)+"/\n")
	before := readRecord(t, root)
	r, probs := Load(root)
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "left as it is") {
		t.Errorf("problems: %v", probs)
	}
	if after := publishAndSave(t, r, root); after != before {
		t.Error("a record that could not be read was written over")
	}
}

// publishAndSave records a new article in r, saves r and returns what
// the record file then holds.
func publishAndSave(t *testing.T, r *Record, root string) string {
	t.Helper()
	r.Publish("content/articles/new.md", "/articles/new/")
	if err := r.Save(root); err != nil {
		t.Fatal(err)
	}
	return readRecord(t, root)
}

func readRecord(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(File)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
