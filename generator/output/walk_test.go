package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	got := walkLast(dest, 10)
	if len(got) != len(want) {
		t.Errorf("the walk saw %d entries, want %d", len(got), len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("%s: got %+v (%v), want %+v", name, g, ok, w)
		}
	}
	if _, ok := got["away/secret"]; ok {
		t.Error("the walk followed a link to a folder")
	}
	if e := got["img/link.webp"]; e.regular {
		t.Error("a link to a file was taken for the file")
	}
	if n := openFiles(t); n > fds {
		t.Errorf("the walk left %d folders open", n-fds)
	}
	if got := walkLast(filepath.Join(dest, "none"), 0); len(got) != 0 {
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
