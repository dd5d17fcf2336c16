//go:build unix

package output

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLinkedKeptByInode: a file of the last site that is the image
// cache's file itself, as a look-up of it tells by its inode, is kept
// whatever its time, even one after the manifest (its time alone would
// say it changed); one swapped for another file is linked anew.
func TestLinkedKeptByInode(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	cache := filepath.Join(dir, "cache")
	if err := os.Mkdir(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 1100 // more than one look-up folder holds at a time
	ids := make([]FileID, n)
	for i := range n {
		p := filepath.Join(cache, fmt.Sprintf("%d.webp", i))
		if err := os.WriteFile(p, []byte(fmt.Sprint("webp ", i)), 0o444); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		id := idOf(info)
		ids[i] = FileID{Dev: id.dev, Ino: id.ino}
	}
	build := func(owned string) (*Staging, Changes) {
		s, err := begin(t, dest, owned)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			sum := sha256.Sum256([]byte(fmt.Sprint("webp ", i)))
			if err := s.LinkFile(fmt.Sprintf("img/%d.webp", i), filepath.Join(cache, fmt.Sprintf("%d.webp", i)), &sum, ids[i]); err != nil {
				t.Fatal(err)
			}
		}
		return s, commit(t, s)
	}
	s, _ := build("")
	then := time.Now().Add(-time.Hour)
	setTimes(t, dest, then, then.Add(time.Minute))
	// Touched after the manifest, through its link (the cache's file
	// with it); and one swapped for a file of other bytes.
	soon := time.Now()
	if err := os.Chtimes(filepath.Join(dest, "img/3.webp"), soon, soon); err != nil {
		t.Fatal(err)
	}
	swapped := filepath.Join(dest, "img/7.webp")
	if err := os.Remove(swapped); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(swapped, []byte("not the cache's"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ch := build(s.ID())
	if ch.Kept != n-1 || ch.Written != 1 || ch.Compared != 0 {
		t.Errorf("changes %+v, want %d kept and the swapped one written", ch, n-1)
	}
	if got := read(t, swapped); got != "webp 7" {
		t.Errorf("img/7.webp holds %q", got)
	}
	if !sameFile(t, swapped, filepath.Join(cache, "7.webp")) {
		t.Error("img/7.webp is not linked to the cache again")
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
