package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestInPlaceUpdateOfManyFolders: an in-place update keeps few folders
// open at once, whatever the number it moves files into: it once kept
// each open to the end, and one of 13,000 pages (each in its own folder)
// failed with "too many open files".
func TestInPlaceUpdateOfManyFolders(t *testing.T) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Skip("no descriptor limit to lower here")
	}
	dest := filepath.Join(t.TempDir(), "public")
	s, _ := stage(t, dest, "", site(2000, nil))
	older(t, dest)
	files := site(2000, nil)
	for i := range 450 {
		files[fmt.Sprintf("p/%d/index.html", i*4)] = "changed"
	}
	low := lim
	low.Cur = uint64(openFiles(t) + 200)
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &low); err != nil {
		t.Skipf("cannot lower the descriptor limit: %v", err)
	}
	defer unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	before, _ := os.Lstat(dest)
	s2, ch := stage(t, dest, s.ID(), files)
	unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	after, _ := os.Lstat(dest)
	if !sameFolder(t, before, after) {
		t.Error("the folder was swapped, not updated in place")
	}
	if ch.Written != 450 || ch.Kept != 1550 {
		t.Errorf("changes %+v", ch)
	}
	if id, _ := ID(dest); id != s2.ID() {
		t.Errorf("the marker says %s, want %s", id, s2.ID())
	}
	if got := read(t, filepath.Join(dest, "p/1796/index.html")); got != "changed" {
		t.Errorf("p/1796: %q", got)
	}
}
