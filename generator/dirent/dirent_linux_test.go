package dirent

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestRead: every name of a folder, with the type and inode number a
// look-up of it gives, in more records than one buffer holds.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 300 {
		name := filepath.Join(dir, "file-with-a-longish-name-"+string(rune('a'+i%26))+"-"+strconv.Itoa(i))
		if err := os.WriteFile(name, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, filepath.Base(name))
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	want = append(want, "sub", "link")
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	got, err := Read(fd, make([]byte, 1024))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
		info, err := os.Lstat(filepath.Join(dir, e.Name))
		if err != nil {
			t.Fatal(err)
		}
		if ino := info.Sys().(*syscall.Stat_t).Ino; ino != e.Ino {
			t.Errorf("%s: inode %d, want %d", e.Name, e.Ino, ino)
		}
		want := uint8(unix.DT_REG)
		switch {
		case info.IsDir():
			want = unix.DT_DIR
		case info.Mode()&os.ModeSymlink != 0:
			want = unix.DT_LNK
		}
		if e.Type != want && e.Type != unix.DT_UNKNOWN {
			t.Errorf("%s: type %d, want %d", e.Name, e.Type, want)
		}
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("%d names, want %d", len(names), len(want))
	}
}
