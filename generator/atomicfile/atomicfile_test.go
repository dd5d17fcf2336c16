package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteReplacesLinks: the file is written whole, leaves no
// temporary file behind, and a link planted at its name is replaced, the
// file it led to untouched.
func TestWriteReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "state")
	if err := os.Symlink(outside, name); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep" {
		t.Errorf("written through the link: %q", b)
	}
	if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
		t.Errorf("not a plain file: %v %v", info, err)
	}
	if b, _ := os.ReadFile(name); string(b) != "new" {
		t.Errorf("got %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
	if err := Write(filepath.Join(dir, "no", "such"), nil); err == nil {
		t.Error("no error for a missing folder")
	}
}
