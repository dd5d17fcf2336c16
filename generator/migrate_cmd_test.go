package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrateFlagsAfterFolders: flags may follow SRC and DEST, as in
// migrate export.xml new -comments.
func TestMigrateFlagsAfterFolders(t *testing.T) {
	t.Parallel()
	src := filepath.Join("migrate", "wordpress", "testdata", "comments", "export.xml")
	dest := filepath.Join(t.TempDir(), "new")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"migrate", "-look", "..", src, dest, "-comments"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "5 comments (archived, read-only)") {
		t.Errorf("the summary does not count the comments kept: %s", stdout.String())
	}
	b, _ := os.ReadFile(filepath.Join(dest, "content", "articles", "2015", "06", "budget-passes.md"))
	if !strings.Contains(string(b), "\ncomments:\n") {
		t.Errorf("no comments written:\n%s", b)
	}
	if code := run([]string{"migrate", src, filepath.Join(t.TempDir(), "x"), "extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("a third folder: exit %d, want 2", code)
	}
}
