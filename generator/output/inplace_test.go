package output

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// site is n pages, a/0/index.html … with their numbers, and the extras.
func site(n int, extra map[string]string) map[string]string {
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("p/%d/index.html", i)] = fmt.Sprint("page ", i)
	}
	maps.Copy(files, extra)
	return files
}

// older sets every file of dest a minute back, as if the last build ran
// then: files written within timeGrain of the manifest are compared byte
// for byte, which these tests would otherwise always do.
func older(t *testing.T, dest string) {
	t.Helper()
	then := time.Now().Add(-time.Minute)
	filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			os.Chtimes(p, then, then)
		}
		return nil
	})
	os.Chtimes(ManifestPath(dest), then.Add(time.Second), then.Add(time.Second))
}

func sameFolder(t *testing.T, a, b os.FileInfo) bool {
	t.Helper()
	return os.SameFile(a, b)
}

// TestSmallChangesInPlace: a build that changes a few files of many moves
// them into the folder itself (the folder stays the same folder), adds a
// page in a new folder, removes one gone with the folder it leaves empty,
// renames the marker in last, and leaves no staging folder and no mark of
// an update under way; the manifest lists the new site.
func TestSmallChangesInPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(300, map[string]string{"gone/deep/index.html": "gone"}))
	older(t, dest)
	before, _ := os.Lstat(dest)
	kept, _ := inode(t, filepath.Join(dest, "p/1/index.html"))
	s2, ch := stage(t, dest, s.ID(), site(300, map[string]string{"p/0/index.html": "changed", "new/index.html": "new"}))
	after, _ := os.Lstat(dest)
	if !sameFolder(t, before, after) {
		t.Error("the folder was swapped for a few changes")
	}
	if got := read(t, filepath.Join(dest, "p/0/index.html")); got != "changed" {
		t.Errorf("p/0: %q", got)
	}
	if got := read(t, filepath.Join(dest, "new/index.html")); got != "new" {
		t.Errorf("new: %q", got)
	}
	if now, _ := inode(t, filepath.Join(dest, "p/1/index.html")); now != kept {
		t.Error("an unchanged file is a new file")
	}
	if _, err := os.Lstat(filepath.Join(dest, "gone")); !os.IsNotExist(err) {
		t.Errorf("the folder of a page gone is still there: %v", err)
	}
	if id, _ := ID(dest); id != s2.ID() {
		t.Errorf("the marker says %s, want %s", id, s2.ID())
	}
	if ch.Written != 2 || ch.Kept != 299 || ch.Removed != 1 {
		t.Errorf("changes %+v", ch)
	}
	m := ReadManifest(dest)
	if m.Len() != 301 {
		t.Errorf("the manifest lists %d files", m.Len())
	}
	if _, ok := m.sums["gone/deep/index.html"]; ok {
		t.Error("the manifest lists a file gone")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") || strings.Contains(e.Name(), "updating") {
			t.Errorf("left beside the site: %s", e.Name())
		}
	}
}

// TestLargeChangesSwap: a build that changes most files swaps a whole
// site in, with the kept files in it still the same files.
func TestLargeChangesSwap(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(300, map[string]string{"keep.txt": "kept"}))
	older(t, dest)
	before, _ := os.Lstat(dest)
	kept, _ := inode(t, filepath.Join(dest, "keep.txt"))
	files := map[string]string{"keep.txt": "kept"}
	for i := range 300 {
		files[fmt.Sprintf("p/%d/index.html", i)] = "changed"
	}
	stage(t, dest, s.ID(), files)
	after, _ := os.Lstat(dest)
	if sameFolder(t, before, after) {
		t.Error("the folder was updated in place for a change of every page")
	}
	if now, _ := inode(t, filepath.Join(dest, "keep.txt")); now != kept {
		t.Error("a kept file is a new file after the swap")
	}
	if got := read(t, filepath.Join(dest, "p/7/index.html")); got != "changed" {
		t.Errorf("p/7: %q", got)
	}
}

// TestKilledUpdateSwapsNext: after an in-place update killed half way
// (its mark beside the folder, its staging folder left), the next build
// swaps a whole site in and clears both.
func TestKilledUpdateSwapsNext(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(300, nil))
	older(t, dest)
	// What a kill leaves: the mark, naming a staging folder.
	left := filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+"0123456789abcdef")
	if err := os.MkdirAll(filepath.Join(left, "p/0"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(updatingPath(dest), []byte(idPrefix+"0123456789abcdef\nstaging "+filepath.Base(left)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Lstat(dest)
	stage(t, dest, s.ID(), site(300, map[string]string{"p/0/index.html": "changed"}))
	after, _ := os.Lstat(dest)
	if sameFolder(t, before, after) {
		t.Error("a folder an update was killed in was updated in place again")
	}
	for _, p := range []string{left, updatingPath(dest)} {
		if _, err := os.Lstat(p); !os.IsNotExist(err) {
			t.Errorf("%s is left: %v", p, err)
		}
	}
}

// TestInPlaceNotThroughLinks: a folder of the site replaced by a link to
// a folder outside it is never written through; the build swaps a whole
// site in instead.
func TestInPlaceNotThroughLinks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(300, map[string]string{"sub/a.html": "a"}))
	older(t, dest)
	outside := t.TempDir()
	if err := os.RemoveAll(filepath.Join(dest, "sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "sub")); err != nil {
		t.Skip(err)
	}
	stage(t, dest, s.ID(), site(300, map[string]string{"sub/a.html": "a", "sub/b.html": "b"}))
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written through the link: %v", entries)
	}
	if got := read(t, filepath.Join(dest, "sub/b.html")); got != "b" {
		t.Errorf("sub/b.html: %q", got)
	}
	if info, _ := os.Lstat(filepath.Join(dest, "sub")); info == nil || !info.IsDir() {
		t.Error("the link is still in the site")
	}
}
