package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestWalkLastSeesEveryEntry: the walk of the last site, shared out in
// chunks of folders' names, records every file and folder once with its
// own size and kind, follows no link, and closes the folders it opened.
func TestWalkLastSeesEveryEntry(t *testing.T) {
	dest := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// One folder of more names than a chunk, folders of folders, and
	// empty ones.
	must(os.MkdirAll(filepath.Join(dest, "img"), 0o755))
	for i := range 3*walkChunk + 7 {
		must(os.WriteFile(filepath.Join(dest, "img", fmt.Sprintf("%d.webp", i)), make([]byte, i%13), 0o644))
	}
	for i := range 300 {
		d := filepath.Join(dest, "articles", fmt.Sprint(i), "deep", "er")
		must(os.MkdirAll(d, 0o755))
		must(os.WriteFile(filepath.Join(d, "index.html"), []byte(fmt.Sprint(i)), 0o644))
	}
	must(os.MkdirAll(filepath.Join(dest, "empty", "too"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o644))
	must(os.Symlink(outside, filepath.Join(dest, "away")))
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dest, "img", "link.webp")))

	want := map[string]lastEntry{}
	must(filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dest {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		want[filepath.ToSlash(rel)] = lastEntry{size: info.Size(), mtime: info.ModTime().UnixNano(), id: idOf(info),
			dir: info.IsDir(), regular: info.Mode().IsRegular()}
		return nil
	}))
	fds := openFiles(t)
	got, kept := walkLast(dest, 10)
	if len(got) != len(want) {
		t.Errorf("the walk saw %d entries, want %d", len(got), len(want))
	}
	lazy := 0
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not seen", name)
			continue
		}
		if g.lazy {
			lazy++
			// The folder's listing gives the inode; the rest is
			// looked up when asked for.
			if g.id != w.id || !g.regular {
				t.Errorf("%s: the walk's record %+v, want the inode of %+v", name, g, w)
			}
		}
		r, ok := g.resolve(name)
		switch {
		case !ok:
			t.Errorf("%s: not resolved", name)
		case w.dir || !w.regular:
			// Folders and links are told by their type alone.
			if r.dir != w.dir || r.regular {
				t.Errorf("%s: got %+v, want %+v", name, r, w)
			}
		case r.size != w.size || r.mtime != w.mtime || r.id != w.id || !r.regular || r.lazy:
			t.Errorf("%s: got %+v, want %+v", name, r, w)
		}
	}
	// The large folder's files (not its link), looked up when asked.
	if runtime.GOOS == "linux" && lazy != 3*walkChunk+7 {
		t.Errorf("%d files left to look up later, want the %d of img/", lazy, 3*walkChunk+7)
	}
	if _, ok := got["away/secret"]; ok {
		t.Error("the walk followed a link to a folder")
	}
	if e := got["img/link.webp"]; e.regular {
		t.Error("a link to a file was taken for the file")
	}
	if runtime.GOOS == "linux" && len(kept) != 1 {
		t.Errorf("the walk kept %d folders open, want img/ alone", len(kept))
	}
	for _, fd := range kept {
		closeFD(fd)
	}
	if n := openFiles(t); n > fds {
		t.Errorf("the walk left %d folders open", n-fds)
	}
	if got, _ := walkLast(filepath.Join(dest, "none"), 0); len(got) != 0 {
		t.Errorf("a missing folder gave %d entries", len(got))
	}
}

// openFiles counts the process's open descriptors, where the system
// tells (-1 elsewhere).
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}
